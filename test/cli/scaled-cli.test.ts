import { describe, expect, it } from 'vitest';
import { runCli, tempDb } from '../helpers/cli.js';

describe('scaled-preset commands without a usable queue', () => {
  const env = { VIGIL_DB: tempDb(), VIGIL_NATS_URL: '' };

  it('say that VIGIL_NATS_URL is needed', async () => {
    for (const args of [
      ['worker', '--stage', 'analyze'],
      ['pipeline', 'status'],
      ['dlq', 'list'],
    ]) {
      const r = await runCli(args, env);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/set VIGIL_NATS_URL/);
    }
  });

  it('refuse an unknown stage or a bad setting, naming it', async () => {
    const stage = await runCli(['worker', '--stage', 'cluster'], env);
    expect(stage.code).toBe(1);
    expect(stage.stderr).toMatch(/unknown --stage "cluster" \(known: analyze, match, events, alerts\)/);
    const age = await runCli(['pipeline', 'status'], {
      ...env,
      VIGIL_NATS_URL: 'nats://127.0.0.1:9',
      VIGIL_NATS_MAX_AGE: 'forever',
    });
    expect(age.code).toBe(1);
    expect(age.stderr).toMatch(/^vigil: VIGIL_NATS_MAX_AGE: a duration/m);
  });

  it('report an unreachable server as one clear line, exit 1', async () => {
    const r = await runCli(['dlq', 'list'], { ...env, VIGIL_NATS_URL: 'nats://127.0.0.1:9' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/VIGIL_NATS_URL: cannot connect to nats:\/\/127\.0\.0\.1:9/);
  });
});
