import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Analysis } from '../../domain/index.js';
import { VigilError } from '../../domain/index.js';
import { parseArticle } from '../../ingest/article/article-adapter.js';
import { openEmbedded } from '../../presets/embedded.js';
import { action, printJson } from '../run-command.js';

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('analyse texts for violent-extremist content and explain the verdict')
    .argument('[file...]', 'text or article files (.txt, .md)')
    .option('--text <text>', 'analyse this text instead of files')
    .option('--platform <platform>', 'where the text was published (telegram, facebook, news…)')
    .option(
      '--lang <code>',
      'the language of the texts (ISO 639-1: en, ar, fr, de, es…), instead of identifying it',
    )
    .option('--json', 'print one Analysis object per input, as a JSON array')
    .action(
      action(
        async (
          files: string[],
          opts: { text?: string; platform?: string; lang?: string; json?: boolean },
        ) => {
          const lang = opts.lang?.toLowerCase();
          if (lang !== undefined && !/^[a-z]{2}$/.test(lang))
            throw new VigilError(
              'USAGE',
              'analyze: --lang takes a two-letter ISO 639-1 code (en, ar, fr, de, es…)',
            );
          const inputs: { name: string; text: string; platform: string | null }[] = [];
          if (opts.text !== undefined)
            inputs.push({ name: '(text)', text: opts.text, platform: opts.platform ?? null });
          for (const file of files) {
            let content: string;
            try {
              content = readFileSync(file, 'utf8');
            } catch {
              throw new VigilError('FILE_NOT_FOUND', `analyze: cannot read ${file}`);
            }
            const article = parseArticle(content);
            const text = article.title ? `${article.title}\n\n${article.body}` : article.body;
            inputs.push({
              name: file,
              text,
              platform: opts.platform ?? (article.url || article.source ? 'news' : null),
            });
          }
          if (inputs.length === 0)
            throw new VigilError('USAGE', 'analyze: give --text TEXT or one or more files');
          const detector = openEmbedded().detector();
          const results = inputs.map((i) =>
            detector.analyze({ text: i.text, platform: i.platform, language: lang }),
          );
          if (opts.json) printJson(results);
          else for (const [k, r] of results.entries()) printAnalysis(inputs[k]?.name ?? '', r);
          return 0;
        },
      ),
    );
}

/** "ar (0.97)", or "xx (0.80), not analysed" for a language without a pack. */
export function describeLanguage(language: Analysis['language']): string {
  if (!language) return 'unknown';
  return `${language.code} (${language.score.toFixed(2)})${language.supported ? '' : ', not analysed'}`;
}

function printAnalysis(name: string, a: Analysis): void {
  const out = process.stdout;
  out.write(
    `${name}: ${a.action.toUpperCase()} — context ${a.context}, ideology ${a.ideology.label}, language ${describeLanguage(a.language)}\n`,
  );
  if (a.language && !a.language.supported)
    out.write(`  not analysed: Vigil has no language pack for "${a.language.code}"\n`);
  else if (a.labels.length === 0) out.write('  no labels\n');
  for (const l of a.labels) {
    out.write(
      `  ${l.label} ${l.score.toFixed(2)} [${l.legal_basis.join(', ')}]${l.escalate ? ' ESCALATE' : ''}\n`,
    );
    if (l.indicators?.length) out.write(`    indicators: ${l.indicators.join(', ')}\n`);
    for (const e of l.evidence) out.write(`    “${e.text}” (${e.reason})\n`);
  }
  for (const q of a.quotes) {
    const labels =
      q.analysis.language && !q.analysis.language.supported
        ? 'not analysed'
        : q.analysis.labels.map((l) => l.label).join(', ') || 'no labels';
    out.write(
      `  quote “${q.text.slice(0, 80)}${q.text.length > 80 ? '…' : ''}” — ${q.attribution ?? 'unattributed'}${q.platform ? ` (${q.platform})` : ''}, language ${describeLanguage(q.analysis.language)}: ${labels}\n`,
    );
  }
}
