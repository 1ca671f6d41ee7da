import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { LABELS, type Label } from '../../domain/index.js';
import { readEvalCsv } from '../evaluation.js';

/** A training example: text and the labels it carries (empty: not violent-extremist content). */
export interface Example {
  text: string;
  labels: Label[];
  /**
   * Overrides the set's `covers` for this row: a row its annotators judged benign is a negative
   * for every label, while a hateful or offensive one says nothing about labels they did not mark.
   */
  covers?: readonly Label[];
}

const BENIGN = { covers: LABELS };

/**
 * A public data set and how its labels map to Vigil's. None matches Vigil's labels one to one:
 * hate sets give `identity_attack`; calls for violence and threatening tweets give `incitement` and
 * `threat`; "offensive" and counter-speech give hard negatives. Nothing in public data teaches
 * glorification, recruitment or instruction: the synthetic corpus does.
 */
export interface PublicDataset {
  name: string;
  licence: string;
  /**
   * The labels the set annotates. A hate set says nothing about threats: its "not hate" rows are
   * not negatives for threat or incitement ("I'm going to kill you" is "offensive" in Davidson).
   */
  covers: readonly Label[];
  /** Weight of each row in the loss: below 1 for weak, noisy labels. */
  weight: number;
  /** The mapping, in words, for the model manifest and the README. */
  mapping: string;
  load(root: string): Example[];
}

const tsv = (file: string) =>
  parse(readFileSync(file, 'utf8'), {
    columns: true,
    delimiter: '\t',
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
const csv = (file: string) =>
  parse(readFileSync(file, 'utf8'), {
    columns: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
const clean = (t: string | undefined) => (t ?? '').replace(/\s+/g, ' ').trim();

export const PUBLIC_DATASETS: PublicDataset[] = [
  {
    name: 'implicit_hate',
    covers: ['identity_attack', 'incitement', 'threat'],
    licence: 'CC BY 4.0',
    weight: 1,
    mapping:
      'stg1 explicit_hate/implicit_hate → identity_attack, not_hate → none; stg2 incitement → incitement, threatening → threat (others → identity_attack)',
    load(root) {
      const dir = join(root, 'implicit_hate');
      const out: Example[] = [];
      for (const r of tsv(join(dir, 'implicit_hate_v1_stg1_posts.tsv'))) {
        if (r.class === 'not_hate') out.push({ text: clean(r.post), labels: [], ...BENIGN });
        else if (r.class === 'explicit_hate') out.push({ text: clean(r.post), labels: ['identity_attack'] });
      }
      for (const r of tsv(join(dir, 'implicit_hate_v1_stg2_posts.tsv'))) {
        const c = r.implicit_class;
        if (c === 'incitement') out.push({ text: clean(r.post), labels: ['incitement'] });
        else if (c === 'threatening') out.push({ text: clean(r.post), labels: ['threat'] });
        else if (c === 'inferiority' || c === 'stereotypical')
          out.push({ text: clean(r.post), labels: ['identity_attack'] });
      }
      return out;
    },
  },
  {
    name: 'ghc',
    covers: ['identity_attack', 'incitement'],
    weight: 1,
    licence: 'CC BY 4.0',
    mapping: 'hd=1 → identity_attack; cv=1 → incitement; neither → none',
    load(root) {
      return tsv(join(root, 'ghc', 'ghc_train.tsv')).map((r) => {
        const labels: Label[] = [];
        if (r.hd === '1') labels.push('identity_attack');
        if (r.cv === '1') labels.push('incitement');
        const benign = labels.length === 0 && r.vo !== '1';
        return { text: clean(r.text), labels, ...(benign ? BENIGN : {}) };
      });
    },
  },
  {
    name: 'stormfront',
    covers: ['identity_attack'],
    weight: 1,
    licence: 'CC BY-SA 3.0 ES',
    mapping: 'hate → identity_attack; noHate → none; relation and idk/skip left out',
    load(root) {
      return csv(join(root, 'stormfront', 'stormfront_train.csv')).flatMap((r) =>
        r.label === 'hate'
          ? [{ text: clean(r.text), labels: ['identity_attack'] as Label[] }]
          : r.label === 'noHate'
            ? [{ text: clean(r.text), labels: [], ...BENIGN }]
            : [],
      );
    },
  },
  {
    name: 'davidson',
    covers: ['identity_attack'],
    weight: 1,
    licence: 'MIT',
    mapping:
      'class 0 (hate) → identity_attack; 1 (offensive) and 2 (neither) → none (offensive is a hard negative)',
    load(root) {
      return csv(join(root, 'davidson', 'labeled_data.csv')).map((r) => ({
        text: clean(r.tweet).replace(/@\w+:?/g, '@user'),
        labels: r.class === '0' ? (['identity_attack'] as Label[]) : [],
        ...(r.class === '2' ? BENIGN : {}),
      }));
    },
  },
  {
    name: 'toxigen',
    covers: ['identity_attack'],
    weight: 1,
    licence: 'MIT',
    mapping: 'seed statements: hate → identity_attack, neutral → none',
    load(root) {
      return csv(join(root, 'toxigen', 'toxigen_seed_statements.csv')).map((r) => ({
        text: clean(r.text),
        labels: r.prompt_label === 'hate' ? (['identity_attack'] as Label[]) : [],
        ...(r.prompt_label === 'hate' ? {} : BENIGN),
      }));
    },
  },
  {
    name: 'counter_context',
    covers: LABELS,
    weight: 1,
    licence: 'none stated (used inside the project only, not redistributed)',
    mapping:
      'gold train replies: neutral (1) and counter-hate (2) → none; hate (0) left out (it is often plain abuse)',
    load(root) {
      const file = join(root, 'counter_context', 'gold', 'train.jsonl');
      return readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .flatMap((l) => {
          const r = JSON.parse(l) as { label: string; target: string };
          return r.label === '1' || r.label === '2' ? [{ text: clean(r.target), labels: [] }] : [];
        });
    },
  },
  {
    name: 'isis_fanboy_tweets',
    covers: ['glorification', 'incitement'],
    licence: 'CC0 1.0',
    weight: 0.1,
    mapping:
      'weak positives: every tweet of a pro-ISIS account → glorification + incitement at weight 0.1 (never used to calibrate); @handles, "RT" prefixes and links stripped (the model must not learn account names), retweets whose text was already seen dropped, texts under four words dropped',
    load(root) {
      const seen = new Set<string>();
      return csv(join(root, 'isis_fanboy_tweets', 'tweets.csv')).flatMap((r) => {
        const text = stripTweet(r.tweets ?? '');
        const key = text.toLowerCase();
        if (text.split(' ').length < 4 || seen.has(key)) return [];
        seen.add(key);
        return [{ text, labels: ['glorification', 'incitement'] as Label[] }];
      });
    },
  },
];

/** A tweet without what identifies accounts or links: "RT @name:" prefixes, @handles and URLs. */
export function stripTweet(tweet: string): string {
  return clean(
    tweet
      .replace(/^\s*RT\b:?/i, ' ')
      .replace(/@\w+:?/g, ' ')
      .replace(/\bhttps?:\/\/\S+/g, ' ')
      .replace(/\bRT\b/g, ' '),
  );
}

/** Vigil's own corpus (evaluation-format CSVs in data/corpus/). */
export function loadCorpus(file: string): Example[] {
  return readEvalCsv(file).map((c) => ({ text: c.text, labels: c.labels }));
}

/** Where the shared data lives beside a checkout, or null when it is absent. */
export function sharedTextRoot(projectRoot: string): string | null {
  const dir = join(projectRoot, '..', 'shared', 'data', 'text');
  return existsSync(dir) ? dir : null;
}
