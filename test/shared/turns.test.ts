import { describe, expect, it } from 'vitest';
import { NO_TURN, TurnQueue } from '../../src/shared/turns.js';

describe('TurnQueue', () => {
  it('lets each turn go after the one before it has ended, in the order they were taken', async () => {
    const turns = new TurnQueue();
    const log: string[] = [];
    const run = async (name: string, delay: number) => {
      const turn = turns.take();
      await new Promise((r) => setTimeout(r, delay));
      await turn.after;
      log.push(name);
      turn.done();
    };
    // The later turns finish their own work first, yet reach the step in the order taken.
    await Promise.all([run('a', 30), run('b', 10), run('c', 0)]);
    expect(log).toEqual(['a', 'b', 'c']);
  });

  it('never ends a turn before the one before it, even if it is done first', async () => {
    const turns = new TurnQueue();
    const first = turns.take();
    const second = turns.take();
    const third = turns.take();
    second.done();
    let thirdMayGo = false;
    void third.after.then(() => {
      thirdMayGo = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(thirdMayGo).toBe(false);
    first.done();
    await third.after;
    expect(thirdMayGo).toBe(true);
  });

  it('has a turn that waits for nothing', async () => {
    await NO_TURN.after;
    NO_TURN.done();
  });
});
