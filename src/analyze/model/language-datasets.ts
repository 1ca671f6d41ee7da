import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { LABELS, type Label } from '../../domain/index.js';
import { type Example, type PublicDataset, stripTweet } from './datasets.js';

/**
 * Public data in languages other than English, and how each set's labels map to Vigil's six.
 *
 * None of these sets annotates calls, praise, recruitment or instructions: they are hate and
 * offensive-language sets, so they teach `identity_attack` (and, by their benign rows, what is
 * not extremist content at all). Insults at individuals and profanity are not Vigil's targets:
 * they are negatives for `identity_attack` and say nothing about the other labels. The labels
 * the public data lacks are carried by each language's lexicons and its synthetic corpus
 * (`data/corpus/<lang>/`), as the model manifest says.
 */

/** Which part of a set a loader returns: measurement splits are never trained on. */
export type Split = 'train' | 'test';

/** A public set in one language, with its split and whether its licence lets a model be shipped. */
export interface LanguageDataset extends Omit<PublicDataset, 'load'> {
  /** ISO 639-1 code of the set's texts. */
  language: string;
  /**
   * Non-commercial licences (HatEval's CC BY-NC 4.0) keep a set out of every model Vigil ships.
   * A user may train on it for their own use, and must ask for it explicitly.
   */
  nonCommercial: boolean;
  /** How the held-out part is chosen, in words, for the manifest. */
  split: string;
  load(root: string, split: Split): Example[];
}

const BENIGN = { covers: LABELS };
/** Rows that are negatives for identity attacks and unannotated for every other label. */
const NOT_IDENTITY_ATTACK = { covers: ['identity_attack'] as readonly Label[] };

const tsv = (file: string) =>
  parse(readFileSync(file, 'utf8'), {
    columns: true,
    delimiter: '\t',
    quote: false,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
const csv = (file: string) =>
  parse(readFileSync(file, 'utf8'), {
    columns: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];

/** One row in five, by the set's own row id, is held out: the same rows on every run. */
const heldOut = (id: number) => id % 5 === 0;
const inSplit = (id: number, split: Split) => (split === 'test') === heldOut(id);

/** MLMA `group` values that are not a protected group (a person, a political camp, unnamed). */
const MLMA_NOT_GROUPS = new Set(['individual', 'left_wing_people', 'other', '']);
/** MLMA `target` attributes that are protected characteristics. */
const MLMA_PROTECTED = new Set(['origin', 'religion', 'gender', 'sexual_orientation', 'disability']);

/**
 * MLMA (Ousidhoum et al. 2019) rows: `sentiment` is a `_`-joined set of hostility types. Rows
 * that mix `normal` with hostile types contradict themselves and are left out. A row is aimed at
 * a group when its `group` names one, or when `group` is "other" (a group outside MLMA's list:
 * Shia, Persians, Kurds…) and its `target` attribute is a protected characteristic.
 */
function mlma(file: string, split: Split): Example[] {
  return csv(file).flatMap((r, i) => {
    const id = Number(r.HITId) || i + 1;
    if (!inSplit(id, split)) return [];
    const text = stripTweet(r.tweet ?? '')
      .replace(/\burl\b/g, ' ')
      .trim();
    if (text === '') return [];
    const kinds = new Set((r.sentiment ?? '').split('_').filter((k) => k !== ''));
    const normal = kinds.has('normal');
    if (normal && kinds.size === 1) return [{ text, labels: [], ...BENIGN }];
    if (normal || kinds.size === 0) return [];
    const group = (r.group ?? '').trim();
    const atGroup =
      !MLMA_NOT_GROUPS.has(group) || (group === 'other' && MLMA_PROTECTED.has((r.target ?? '').trim()));
    if (kinds.has('hateful') && atGroup) return [{ text, labels: ['identity_attack'] as Label[] }];
    // Hostility at a person, a political camp or no group is abuse, not an identity attack.
    if (!atGroup) return [{ text, labels: [], ...NOT_IDENTITY_ATTACK }];
    // Offensive or abusive (but not hateful) words about a group: the annotators' line between
    // these and hate is too noisy to teach either side.
    return [];
  });
}

/** The non-English public sets Vigil knows. */
export const LANGUAGE_DATASETS: LanguageDataset[] = [
  {
    name: 'mlma_ar',
    language: 'ar',
    covers: LABELS,
    licence: 'MIT',
    nonCommercial: false,
    weight: 1,
    split: 'rows whose HITId is a multiple of 5 are held out for measurement',
    mapping:
      'MLMA Arabic: hateful at a group (a named group, or group "other" with a protected target attribute: origin, religion, gender, sexual orientation, disability) → identity_attack; normal alone → none (negative for every label); hostile at an individual, at left-wing people or at no group → negative for identity_attack only; offensive/abusive/disrespectful/fearful at a group without hateful, and rows mixing normal with hostile types → left out',
    load: (root, split) => mlma(join(root, 'mlma_ar_fr', 'ar_dataset.csv'), split),
  },
  {
    name: 'mlma_fr',
    language: 'fr',
    covers: LABELS,
    licence: 'MIT',
    nonCommercial: false,
    weight: 1,
    split: 'rows whose HITId is a multiple of 5 are held out for measurement',
    mapping:
      'MLMA French: hateful at a group (a named group, or group "other" with a protected target attribute: origin, religion, gender, sexual orientation, disability) → identity_attack; normal alone → none (negative for every label); hostile at an individual, at left-wing people or at no group → negative for identity_attack only; offensive/abusive/disrespectful/fearful at a group without hateful, and rows mixing normal with hostile types → left out',
    load: (root, split) => mlma(join(root, 'mlma_ar_fr', 'fr_dataset.csv'), split),
  },
  {
    name: 'germeval2018',
    language: 'de',
    covers: LABELS,
    licence: 'CC BY 4.0',
    nonCommercial: false,
    weight: 1,
    split: 'the official test split (germeval2018_test.tsv), also measured by scripts/eval-germeval.ts',
    mapping:
      'GermEval 2018 train split: ABUSE → identity_attack; INSULT and PROFANITY → negative for identity_attack only (insults at individuals and swearing are not Vigil’s targets); OTHER → none (negative for every label)',
    load(root, split) {
      const file = split === 'train' ? 'germeval2018_train.tsv' : 'germeval2018_test.tsv';
      return tsv(join(root, 'germeval2018', file)).flatMap((r) => {
        const text = germevalText(r.text ?? '');
        if (text === '') return [];
        if (r.fine === 'ABUSE') return [{ text, labels: ['identity_attack'] as Label[] }];
        if (r.fine === 'INSULT' || r.fine === 'PROFANITY')
          return [{ text, labels: [], ...NOT_IDENTITY_ATTACK }];
        return [{ text, labels: [], ...BENIGN }];
      });
    },
  },
  {
    name: 'isis_fanboy_tweets_ar',
    language: 'ar',
    covers: ['glorification', 'incitement'],
    licence: 'CC0 1.0',
    nonCommercial: false,
    weight: 0.1,
    split: 'none held out (weak labels are never measured against)',
    mapping:
      'weak positives: the Arabic-script tweets of pro-ISIS accounts → glorification + incitement at weight 0.1 (never used to calibrate); @handles, "RT" prefixes and links stripped, repeated texts and texts under four words dropped',
    load(root, split) {
      if (split === 'test') return [];
      const seen = new Set<string>();
      return csv(join(root, 'isis_fanboy_tweets', 'tweets.csv')).flatMap((r) => {
        const text = stripTweet(r.tweets ?? '');
        const arabic = text.match(/[\u0600-\u06ff]/g)?.length ?? 0;
        if (arabic < text.length / 3 || text.split(' ').length < 4 || seen.has(text)) return [];
        seen.add(text);
        return [{ text, labels: ['glorification', 'incitement'] as Label[] }];
      });
    },
  },
  {
    name: 'hateval2019_es',
    language: 'es',
    covers: LABELS,
    licence: 'CC BY-NC 4.0 (non-commercial use only)',
    nonCommercial: true,
    weight: 1,
    split: 'rows whose id is a multiple of 5 are held out for measurement',
    mapping:
      'HatEval 2019 Spanish (train and dev): HS=1 at a group (TR=0) → identity_attack; HS=1 at an individual (TR=1) → left out; HS=0 → negative for identity_attack only (many are profane or insulting, which is not Vigil’s target)',
    load(root, split) {
      return tsv(join(root, 'hateval2019_es', 'hateval2019_es_train_dev.tsv')).flatMap((r, i) => {
        if (!inSplit(Number(r.id) || i + 1, split)) return [];
        const text = stripTweet(r.text ?? '');
        if (text === '') return [];
        if (r.HS === '1') return r.TR === '0' ? [{ text, labels: ['identity_attack'] as Label[] }] : [];
        return [{ text, labels: [], ...NOT_IDENTITY_ATTACK }];
      });
    },
  },
];

/** A GermEval tweet as Vigil reads it: line-break markers restored, handles and links removed. */
export function germevalText(raw: string): string {
  return stripTweet(raw.replace(/\|LBR\|/g, ' '));
}

/**
 * The GermEval 2018 official test split with its fine labels (ABUSE, INSULT, PROFANITY, OTHER),
 * for measurement only: nothing that trains reads it.
 */
export function germevalTestRows(root: string): { text: string; fine: string }[] {
  return tsv(join(root, 'germeval2018', 'germeval2018_test.tsv')).flatMap((r) => {
    const text = germevalText(r.text ?? '');
    return text === '' ? [] : [{ text, fine: r.fine ?? 'OTHER' }];
  });
}

/** The sets in one language; non-commercial ones only when `nonCommercial` is allowed. */
export function languageDatasets(language: string, options: { nonCommercial: boolean }): LanguageDataset[] {
  return LANGUAGE_DATASETS.filter(
    (d) => d.language === language && (options.nonCommercial || !d.nonCommercial),
  );
}
