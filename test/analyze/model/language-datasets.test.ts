import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  germevalTestRows,
  LANGUAGE_DATASETS,
  languageDatasets,
} from '../../../src/analyze/model/language-datasets.js';
import {
  binaryScore,
  labelsCarriedByRules,
  languageTrainingSources,
  SHIPPED_LANGUAGES,
} from '../../../src/analyze/model/language-training.js';
import { LABELS } from '../../../src/domain/index.js';

const dataset = (name: string) => {
  const d = LANGUAGE_DATASETS.find((x) => x.name === name);
  if (!d) throw new Error(`no dataset ${name}`);
  return d;
};

/** A tiny stand-in for the shared data folder, in each set's own file layout (synthetic rows). */
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'vigil-langdata-'));
  mkdirSync(join(root, 'mlma_ar_fr'));
  writeFileSync(
    join(root, 'mlma_ar_fr', 'fr_dataset.csv'),
    [
      'HITId,tweet,sentiment,directness,annotator_sentiment,target,group',
      '1,@user texte haineux contre un groupe @url,hateful,direct,anger,origin,arabs',
      '2,un texte ordinaire,normal,indirect,indifference,other,other',
      '3,une insulte à une personne,offensive,direct,anger,other,individual',
      '4,texte mélangé,hateful_normal,direct,anger,origin,arabs',
      '5,texte retenu pour la mesure,hateful,direct,anger,religion,other',
      '6,texte injurieux envers un groupe,abusive,direct,anger,origin,jews',
    ].join('\n'),
  );
  mkdirSync(join(root, 'germeval2018'));
  const header = 'text\tcoarse\tfine';
  writeFileSync(
    join(root, 'germeval2018', 'germeval2018_train.tsv'),
    [
      header,
      'abwertend über eine Gruppe\tOFFENSE\tABUSE',
      '@jemand du Depp\tOFFENSE\tINSULT',
      'ein ganz "normaler" Satz|LBR|weiter\tOTHER\tOTHER',
    ].join('\n'),
  );
  writeFileSync(
    join(root, 'germeval2018', 'germeval2018_test.tsv'),
    [header, 'Testsatz\tOTHER\tOTHER'].join('\n'),
  );
  mkdirSync(join(root, 'hateval2019_es'));
  writeFileSync(
    join(root, 'hateval2019_es', 'hateval2019_es_train_dev.tsv'),
    [
      'id\ttext\tHS\tTR\tAG\tsplit',
      '1\todio contra un grupo\t1\t0\t0\ttrain',
      '2\tinsulto a una persona\t1\t1\t1\ttrain',
      '3\tun tuit cualquiera\t0\t0\t0\ttrain',
    ].join('\n'),
  );
});

describe('MLMA mapping', () => {
  it('maps hateful-at-a-group to identity_attack, normal to a negative for every label, and leaves contradictions out', () => {
    const rows = dataset('mlma_fr').load(root, 'train');
    const byText = new Map(rows.map((r) => [r.text, r]));
    expect(byText.get('texte haineux contre un groupe')?.labels).toEqual(['identity_attack']);
    expect(byText.get('un texte ordinaire')).toMatchObject({ labels: [], covers: LABELS });
    // An insult at a person is a negative for identity_attack only.
    expect(byText.get('une insulte à une personne')).toMatchObject({
      labels: [],
      covers: ['identity_attack'],
    });
    expect(byText.has('texte mélangé')).toBe(false);
    expect(byText.has('texte injurieux envers un groupe')).toBe(false);
  });

  it('holds out every fifth row for measurement, and never trains on it', () => {
    const train = dataset('mlma_fr')
      .load(root, 'train')
      .map((r) => r.text);
    const test = dataset('mlma_fr').load(root, 'test');
    expect(test.map((r) => r.text)).toEqual(['texte retenu pour la mesure']);
    expect(test[0]?.labels).toEqual(['identity_attack']);
    expect(train).not.toContain('texte retenu pour la mesure');
  });
});

describe('GermEval mapping', () => {
  it('maps ABUSE to identity_attack and INSULT to a negative for identity_attack only', () => {
    const rows = dataset('germeval2018').load(root, 'train');
    expect(rows[0]).toMatchObject({ text: 'abwertend über eine Gruppe', labels: ['identity_attack'] });
    expect(rows[1]).toMatchObject({ text: 'du Depp', labels: [], covers: ['identity_attack'] });
    expect(rows[2]).toMatchObject({ text: 'ein ganz "normaler" Satz weiter', labels: [], covers: LABELS });
  });

  it('reads the test split only for measurement', () => {
    expect(germevalTestRows(root)).toEqual([{ text: 'Testsatz', fine: 'OTHER' }]);
    const sources = languageTrainingSources(root, 'de', {
      corpus: [],
      sharedRoot: root,
      nonCommercial: false,
    });
    expect(sources.flatMap((s) => s.examples.map((e) => e.text))).not.toContain('Testsatz');
  });
});

describe('non-commercial data', () => {
  it('keeps HatEval out unless it is asked for', () => {
    expect(dataset('hateval2019_es').nonCommercial).toBe(true);
    expect(languageDatasets('es', { nonCommercial: false })).toEqual([]);
    const sources = languageTrainingSources(root, 'es', {
      corpus: [],
      sharedRoot: root,
      nonCommercial: true,
    });
    expect(sources.map((s) => s.name)).toEqual(['hateval2019_es']);
    const rows = sources[0]?.examples ?? [];
    expect(rows.find((r) => r.text === 'odio contra un grupo')?.labels).toEqual(['identity_attack']);
    expect(rows.some((r) => r.text === 'insulto a una persona')).toBe(false);
  });

  it('no shipped language has a non-commercial set', () => {
    for (const language of SHIPPED_LANGUAGES)
      for (const d of languageDatasets(language, { nonCommercial: false }))
        expect(d.nonCommercial).toBe(false);
  });
});

describe('what the public data does not teach', () => {
  it('names the labels only the rules and the synthetic corpus carry', () => {
    const sources = languageTrainingSources(root, 'de', {
      corpus: [],
      sharedRoot: root,
      nonCommercial: false,
    });
    expect(labelsCarriedByRules(sources)).toEqual([
      'incitement',
      'glorification',
      'threat',
      'recruitment',
      'instruction',
    ]);
  });
});

describe('binaryScore', () => {
  it('counts precision, recall and the false-positive rate, skipping unannotated rows', () => {
    const s = binaryScore([
      { gold: true, predicted: true },
      { gold: true, predicted: false },
      { gold: false, predicted: true },
      { gold: false, predicted: false },
      { gold: false, predicted: false },
      { gold: null, predicted: true },
    ]);
    expect(s).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2, false_positive_rate: 0.333, n: 5 });
  });
});
