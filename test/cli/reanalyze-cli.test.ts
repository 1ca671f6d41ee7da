import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefaultDetector } from '../../src/analyze/load.js';
import { runAnalyze } from '../../src/pipeline/analyze-run.js';
import { openStore } from '../../src/presets/open-store.js';
import { runCli, SAMPLES, tempDb } from '../helpers/cli.js';

describe('vigil reanalyze', () => {
  it('re-analyses what another model analysed, keeps the old versions, and then has nothing left to do', async () => {
    const db = tempDb();
    expect((await runCli(['ingest', join(SAMPLES, 'telegram')], { VIGIL_DB: db })).code).toBe(0);
    // The store's first analyses come from the rules alone, an older "model".
    const store = await openStore(db);
    const first = await runAnalyze(store.analyses, loadDefaultDetector({ modelPath: null }));
    await store.close();
    expect(first.analyzed).toBeGreaterThan(0);

    const r = await runCli(['reanalyze', '--json'], { VIGIL_DB: db });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.analyzed).toBe(first.analyzed);
    expect(report.model).toMatch(/^vigil-linear@/);

    const after = await openStore(db);
    const versions = await after.analyses.analysisVersions(1);
    await after.close();
    expect(versions.map((v) => v.model).sort()).toEqual([report.model, 'vigil-rules@1'].sort());

    const again = JSON.parse((await runCli(['reanalyze', '--json'], { VIGIL_DB: db })).stdout);
    expect(again.analyzed).toBe(0);
  });

  it('refuses a date it cannot read, in one line', async () => {
    const r = await runCli(['reanalyze', '--since', 'last tuesday'], { VIGIL_DB: tempDb() });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      'vigil: reanalyze: --since must be a date such as 2026-11-01, not "last tuesday"',
    );
  });

  it('limits itself to a source', async () => {
    const db = tempDb();
    await runCli(['ingest', join(SAMPLES, 'telegram')], { VIGIL_DB: db });
    const r = JSON.parse(
      (await runCli(['reanalyze', '--json', '--source', 'no such source'], { VIGIL_DB: db })).stdout,
    );
    expect(r.analyzed).toBe(0);
  });
});
