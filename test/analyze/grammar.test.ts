import { describe, expect, it } from 'vitest';
import { compileGrammar } from '../../src/analyze/grammar.js';
import { ARABIC } from '../../src/analyze/languages/arabic.js';
import { ENGLISH, LANGUAGE_PACKS } from '../../src/analyze/languages.js';
import { loadDefaultDetector } from '../../src/analyze/load.js';

const detector = loadDefaultDetector();
const labelsOf = (text: string) => detector.analyze({ text }).labels.map((l) => l.label);
/** The labels a rule stands behind (evidence beyond the model's words): what a reading test asserts on. */
const ruleLabelsOf = (text: string) =>
  detector
    .analyze({ text })
    .labels.filter((l) => l.evidence.some((e) => !e.reason.startsWith('model.')))
    .map((l) => l.label);
const tokensOf = (pack: typeof ENGLISH, text: string) =>
  pack.tokeniser.tokenize(pack.normalise(text).text).tokens;

describe('each language pack brings the function words the rules read', () => {
  it('compiles every pack: words and phrases go through the pack’s own normalisation', () => {
    for (const pack of LANGUAGE_PACKS.values()) {
      const g = compileGrammar(pack);
      for (const [list, words] of Object.entries(pack.grammar.words) as [string, readonly string[]][])
        for (const w of words.filter((x) => !x.includes(' ')))
          expect(g.is(list as never, tokensOf(pack, w)[0]), `${pack.code} ${list}`).toBe(true);
    }
  });

  it('reads English as before: "going to" opens intent only with "to"; killing verbs are whole phrases', () => {
    const g = compileGrammar(ENGLISH);
    expect(g.intentOpenerAt(tokensOf(ENGLISH, 'going to hurt them'), 0)).toBe(2);
    expect(g.intentOpenerAt(tokensOf(ENGLISH, 'going home now'), 0)).toBe(0);
    expect(g.phraseIs('killing', 'kill')).toBe(true);
    expect(g.phraseIs('killing', 'kill off')).toBe(false);
    expect(g.phraseIs('lethal', 'put them in the ground')).toBe(true);
  });

  it('matches Arabic words with their clitics by key, and the reader and objects by their endings', () => {
    const g = compileGrammar(ARABIC);
    const [modal] = tokensOf(ARABIC, 'فيجب');
    expect(g.is('modals', modal)).toBe(true);
    expect(g.shapes.secondPerson?.test(tokensOf(ARABIC, 'سنقتلكم')[0]?.text ?? '')).toBe(true);
    expect(g.shapes.personObject?.test(tokensOf(ARABIC, 'اقتلوهم')[0]?.text ?? '')).toBe(true);
  });

  it('folds accents in phrase classes: French "égorger" is killing, "brûler" is lethal but not killing', () => {
    const fr = compileGrammar(LANGUAGE_PACKS.get('fr') as typeof ENGLISH);
    expect(fr.phraseIs('killing', 'égorger')).toBe(true);
    expect(fr.phraseIs('killing', 'egorgez')).toBe(true);
    expect(fr.phraseIs('lethal', 'brûler')).toBe(true);
    expect(fr.phraseIs('killing', 'brûler')).toBe(false);
  });

  it('lets the rules read a threat to the reader in German and a predicate linked by a Spanish copula', () => {
    expect(labelsOf('Ich werde dich abstechen.')).toContain('threat');
    expect(labelsOf('Werde sie alle abknallen, morgen früh.')).toContain('threat');
    expect(labelsOf('Esos inmigrantes son como ratas.')).toContain('identity_attack');
    // The same words about things, or negated, stay unflagged.
    expect(ruleLabelsOf('Ich werde dich morgen abholen.')).toEqual([]);
    expect(ruleLabelsOf('Esos inmigrantes no son ratas, son vecinos.')).not.toContain('identity_attack');
  });

  it('reads a French infinitive that opens its clause as the subject, not as an order', () => {
    expect(ruleLabelsOf("Brûler une mosquée, ce n'est pas défendre la France.")).toEqual([]);
    expect(ruleLabelsOf("Tuer des innocents n'a jamais été le chemin du Prophète.")).toEqual([]);
    // The imperative, and an infinitive with no verb of its own after it, still order.
    expect(labelsOf('Brûlez leurs mosquées ce soir.')).toContain('incitement');
    expect(labelsOf('Tuer les traîtres, tous, maintenant !')).toContain('incitement');
  });
});
