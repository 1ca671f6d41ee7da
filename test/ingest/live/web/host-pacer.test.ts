import { describe, expect, it } from 'vitest';
import { HostPacer } from '../../../../src/ingest/live/web/host-pacer.js';

describe('the host pacer', () => {
  it('runs one request at a time per host, with the minimum delay between them; other hosts do not wait', async () => {
    let clock = 0;
    const waits: number[] = [];
    const pacer = new HostPacer(
      1000,
      () => clock,
      async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    );
    const log: string[] = [];
    const task = (name: string, took: number) => async () => {
      log.push(`start ${name} at ${clock}`);
      await Promise.resolve();
      clock += took;
      log.push(`end ${name} at ${clock}`);
    };
    await Promise.all([
      pacer.run('a.test', task('a1', 300)),
      pacer.run('A.test', task('a2', 100)),
      pacer.run('b.test', task('b1', 50)),
    ]);
    expect(log).toEqual([
      'start a1 at 0',
      // Another host does not wait for a.test.
      'start b1 at 0',
      'end a1 at 300',
      'end b1 at 350',
      // a2 waits until a1 is done, then the minimum delay after it.
      'start a2 at 1350',
      'end a2 at 1450',
    ]);
    expect(waits).toEqual([1000]);
  });
});
