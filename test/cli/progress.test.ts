import { afterEach, describe, expect, it, vi } from 'vitest';
import { progressBar } from '../../src/cli/progress.js';

describe('progressBar', () => {
  const tty = process.stderr.isTTY;
  const ci = process.env.CI;
  afterEach(() => {
    process.stderr.isTTY = tty;
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
    vi.restoreAllMocks();
  });

  it('draws on a terminal, loading cli-progress on first use', () => {
    process.stderr.isTTY = true;
    delete process.env.CI;
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const bar = progressBar('ingest', 'records');
    bar.update(5, 10, { count: 5, rate: 1, mb: '0.1' });
    bar.stop();
    expect(written.join('')).toContain('ingest [');
    expect(written.join('')).toContain('5 records');
  });

  it('stays silent when stderr is not a terminal', () => {
    process.stderr.isTTY = false;
    const write = vi.spyOn(process.stderr, 'write');
    const bar = progressBar('ingest', 'records');
    bar.update(5, 10, { count: 5, rate: 1, mb: '0.1' });
    bar.stop();
    expect(write).not.toHaveBeenCalled();
  });
});
