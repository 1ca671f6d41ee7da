import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, SAMPLES } from '../helpers/cli.js';

describe('vigil analyze', () => {
  it('prints one Analysis per input as a JSON array', async () => {
    const r = await runCli([
      'analyze',
      '--json',
      join(SAMPLES, 'news/channel-report.md'),
      '--text',
      'Kill the kuffar wherever you find them.',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(2);
    expect(out[0].labels.map((l: { label: string }) => l.label)).toContain('incitement');
    expect(out[1]).toMatchObject({ schema: 'vigil.analysis/2', context: 'reporting', labels: [] });
    const platforms = out[1].quotes.map((q: { platform: string | null }) => q.platform);
    expect(platforms).toEqual(expect.arrayContaining(['telegram', 'facebook']));
  });
  it('gives the language of Arabic, French, German, Spanish and English texts and of each quote; says when a language has no pack', async () => {
    const texts: [string, string][] = [
      ['ar', 'نشرت القناة بيانا جديدا اليوم، وكتب أحد المستخدمين: «سنعود أقوى من أي وقت مضى» بعد الاجتماع.'],
      [
        'fr',
        'La chaîne a publié une vidéo : « Nous reviendrons plus forts que jamais », a déclaré le porte-parole.',
      ],
      ['de', 'Der Kanal schrieb: „Wir kommen wieder, stärker als je zuvor“, sagte der Sprecher am Montag.'],
      ['es', 'El canal publicó un vídeo: «Volveremos más fuertes que nunca», dijo el portavoz el lunes.'],
      [
        'en',
        'The channel posted a video: "We will come back stronger than ever," the spokesman said on Monday.',
      ],
      ['ar', 'wallah ma3ak 7a2 ya akhi, bokra nshoofak'],
      ['it', 'Ci vediamo domani sera al solito posto con tutti gli amici'],
    ];
    const dir = mkdtempSync(join(tmpdir(), 'vigil-lang-'));
    const files = texts.map(([code, text], i) => {
      const file = join(dir, `${i}-${code}.txt`);
      writeFileSync(file, text);
      return file;
    });
    const r = await runCli(['analyze', '--json', ...files]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const [k, [code, text]] of texts.entries()) {
      const a = out[k];
      expect(a.language, text).toMatchObject({ code, supported: code !== 'it' });
      expect(a.language.score).toBeGreaterThan(0);
      for (const q of a.quotes) expect(q.analysis.language, q.text).toMatchObject({ code, supported: true });
      if (k < 5) expect(a.quotes.length, text).toBeGreaterThan(0);
    }
    expect(out[6]).toMatchObject({ labels: [], action: 'none' });

    const human = await runCli(['analyze', files[6] as string, files[4] as string]);
    expect(human.stdout).toMatch(/language it \(\d\.\d\d\), not analysed/);
    expect(human.stdout).toContain('not analysed: Vigil has no language pack for "it"');
    expect(human.stdout).toMatch(/language en \(/);
  }, 240_000);

  it('takes the language from --lang over identification, and refuses anything but a two-letter code', async () => {
    const forced = JSON.parse(
      (
        await runCli([
          'analyze',
          '--json',
          '--lang',
          'es',
          '--text',
          'Ci vediamo domani sera al solito posto',
        ])
      ).stdout,
    )[0];
    expect(forced.language).toEqual({ code: 'es', score: 1, supported: true });
    const bad = await runCli(['analyze', '--lang', 'spanish', '--text', 'x']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--lang takes a two-letter ISO 639-1 code');
  }, 240_000);

  it('fails with one line without input', async () => {
    const r = await runCli(['analyze']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('vigil: analyze: give --text TEXT or one or more files');
  });
});

describe('vigil eval', () => {
  it('prints the report in the contract shape', async () => {
    const r = await runCli([
      'eval',
      '--dataset',
      join(import.meta.dirname, '../functional/holdout.csv'),
      '--json',
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report).sort()).toEqual(
      [
        'context_accuracy',
        'exact_match',
        'false_positive_rate_on_none',
        'flag_accuracy',
        'ideology_accuracy',
        'items_per_second',
        'macro_f1',
        'n',
        'per_functionality',
        'per_label',
      ].sort(),
    );
  });
  it('names the row of an unknown label', async () => {
    const r = await runCli(['eval', '--dataset', join(import.meta.dirname, '../fixtures/bad-eval.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('row 3 (id b): unknown label "terror"');
  });
});
