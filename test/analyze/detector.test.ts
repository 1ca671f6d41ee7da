import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveThresholds } from '../../src/analyze/config.js';
import type { Detector } from '../../src/analyze/detector.js';
import { loadDefaultDetector } from '../../src/analyze/load.js';
import { normalizeText, originalSpan } from '../../src/analyze/text/01-normalize.js';
import { findQuotes } from '../../src/analyze/text/03-quotes.js';
import type { Analysis } from '../../src/domain/index.js';
import { parseArticle } from '../../src/ingest/article/article-adapter.js';
import { SAMPLES } from '../helpers/cli.js';

const detector: Detector = loadDefaultDetector();
/**
 * The labels a rule stands behind: evidence that is not the model's words alone. A test of a rule's
 * reading asserts on these; the model may still speak on the same text, and is measured elsewhere.
 */
const ruleLabels = (a: { labels: { label: string; evidence: { reason: string }[] }[] }) =>
  a.labels.filter((l) => l.evidence.some((e) => !e.reason.startsWith('model.'))).map((l) => l.label);
const labelsOf = (a: Analysis) => a.labels.map((l) => l.label).sort();

describe('normalisation', () => {
  it('undoes leetspeak, homoglyphs, zero-width characters and spacing, with offsets into the original', () => {
    const original = 'K I L L the mu5lims, b\u200burn the mоsque';
    const n = normalizeText(original);
    expect(n.text).toBe('kill the muslims, burn the mosque');
    const at = n.text.indexOf('mosque');
    const span = originalSpan(n, at, at + 'mosque'.length);
    expect(original.slice(span.start, span.end)).toBe('mоsque');
  });
  it('leaves real Cyrillic and ordinary numbers alone', () => {
    expect(normalizeText('Собрание в 3d 1st 24-year-old').text).toBe('собрание в 3d 1st 24-year-old');
  });
  it('reads emoji stand-ins as words', () => {
    expect(normalizeText('🔥 the 🕌').text.replace(/\s+/g, ' ').trim()).toBe('burn the mosque');
  });
});

describe('quotes', () => {
  it('finds quotes with attribution and platform', () => {
    const quotes = findQuotes(
      'A Telegram channel called "Eastbrook Patriots" posted: "Now we strike back at every mosque." The council said it was appalling.',
    );
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({ text: 'Now we strike back at every mosque.', platform: 'telegram' });
    expect(quotes[0]?.attribution).toContain('Telegram channel');
  });
  it('finds unquoted speech after a colon and attribution after a quote', () => {
    const q = findQuotes(
      'One post read: They will pay for this with blood\n“This is a recruiting moment,” said a researcher who studies extremism.',
    );
    expect(q.map((x) => x.kind)).toEqual(['colon', 'quoted']);
    expect(q[1]?.attribution).toBe('a researcher who studies extremism');
  });
});

describe('detector', () => {
  it('flags a call to violence with evidence and legal basis', () => {
    const a = detector.analyze({ text: 'We must burn every mosque in Eastbrook tonight.' });
    expect(a.context).toBe('primary');
    expect(labelsOf(a)).toContain('incitement');
    const incitement = a.labels.find((l) => l.label === 'incitement');
    expect(incitement?.legal_basis).toContain('TVEC8');
    expect(incitement?.evidence[0]?.reason).toMatch(/incitement\.call_to_violence/);
    expect(a.action).toBe('refer');
    expect(a.ideology.label).toBe('far_right');
  });

  it('reports threat indicators and escalates on two or more', () => {
    const a = detector.analyze({
      text: 'I will shoot everyone at the mosque on Friday. I have bought the rifle.',
    });
    const threat = a.labels.find((l) => l.label === 'threat');
    expect(threat?.indicators).toEqual(expect.arrayContaining(['location', 'timeframe', 'means']));
    expect(threat?.escalate).toBe(true);
  });

  it('reads calls whose imperative follows "go" or "someone", or whose verb is split around its object', () => {
    for (const text of [
      'pls everyone go torch the migrant hostel on Dell Road this weekend',
      'Somebody kill the councillors already.',
      'Burn the mosque down tonight.',
      'Round the refugees up and string them up.',
    ]) {
      const a = detector.analyze({ text });
      expect(
        a.labels.map((l) => l.label),
        text,
      ).toContain('incitement');
    }
    for (const text of ['Go round the kids up for the class photo.', 'someone go take the bins out']) {
      expect(ruleLabels(detector.analyze({ text })), text).toEqual([]);
    }
  });

  it("reads a disclaimer's pivot (\"That said, …\") as the author's, not as someone's words", () => {
    const pivot = detector.analyze({
      text: 'We reject violence, of course. That said, the journalists at the Pellham Post should hang.',
    });
    expect(pivot.labels.map((l) => l.label)).toContain('incitement');
    const report = detector.analyze({
      text: 'The preacher that said the journalists should hang was arrested.',
    });
    expect(report.labels).toEqual([]);
  });

  it('keeps a group said to be vermin an identity attack however the model scores it, but not a group inside a relative clause', () => {
    const attack = detector.analyze({
      text: 'Those Somalis at the bus depot are rats, breeding in every flat on the estate.',
    });
    expect(attack.labels.map((l) => l.label)).toContain('identity_attack');
    const condemn = detector.analyze({
      text: 'Whoever torched the refugee shelter on Dean Road is a coward and a thug. We stand with the residents.',
    });
    expect(condemn.labels).toEqual([]);
  });

  it('reads formulas of revenge as calls, and the same words about favours and bills as nothing', () => {
    const call = detector.analyze({
      text: 'They burned our chapel in Orwick. Blood for blood, their hall is next Friday.',
    });
    expect(call.labels.map((l) => l.label)).toContain('incitement');
    for (const text of [
      'You covered my shift, I owe you, will return the favour.',
      'Please settle the account by Friday, thanks.',
    ])
      expect(detector.analyze({ text }).labels, text).toEqual([]);
  });

  it('does not flag negated calls, idioms, questions, criticism of terrorist groups or neutral mentions', () => {
    for (const text of [
      'We must not take revenge. Let the police do their work.',
      'That gig last night absolutely killed it.',
      'Should we be worried about revenge attacks?',
      'ISIS are murderers and must be defeated.',
      'Muslims across the city are celebrating Eid.',
      'Everyone who cheered the fire should hang their heads in shame.',
      // Naming a terrorist organisation is what news and criticism do.
      'ISIS claimed the bombing of the market in Velmont, which killed seven people.',
      'ISIS has claimed responsibility for the bombing of a police station in Orvane.',
    ]) {
      const a = detector.analyze({ text });
      expect(a.labels, text).toEqual([]);
      expect(a.action, text).not.toBe('refer');
    }
  });

  it('reads a news article quoting a Telegram call and a Facebook post as reporting, with labelled quotes', () => {
    const article = parseArticle(readFileSync(join(SAMPLES, 'news/channel-report.md'), 'utf8'));
    const a = detector.analyze({ text: `${article.title}\n\n${article.body}`, platform: 'news' });
    expect(a.context).toBe('reporting');
    expect(a.labels).toEqual([]);
    expect(a.action).not.toBe('refer');
    const telegram = a.quotes.find((q) => q.platform === 'telegram');
    expect(telegram?.analysis.labels.map((l) => l.label)).toContain('incitement');
    expect(telegram?.attribution).toMatch(/Telegram channel/);
    const facebook = a.quotes.find((q) => q.platform === 'facebook');
    expect(facebook?.analysis.labels.map((l) => l.label)).toContain('glorification');
    const researcher = a.quotes.find((q) => q.attribution?.includes('researcher'));
    expect(researcher?.analysis.labels ?? []).toEqual([]);
  });

  it('treats counter-speech that quotes hate as counter-speech', () => {
    const a = detector.analyze({
      text: '"Muslims are vermin" is the kind of hate that leads to attacks. It is disgusting and we must call it out.',
    });
    expect(a.context).toBe('counter_speech');
    expect(a.labels).toEqual([]);
    expect(a.quotes[0]?.analysis.labels.map((l) => l.label)).toEqual(['identity_attack']);
  });

  it('lifts the labels of a quote spread without distance', () => {
    const a = detector.analyze({
      text: 'As the brother said: "Kill the kuffar wherever you find them." Spread this.',
    });
    expect(a.context).toBe('primary');
    expect(labelsOf(a)).toContain('incitement');
  });

  it('does not read negated or supposed words of endorsement as the author spreading a quote', () => {
    const quote = "Someone in this group just wrote 'the invaders need to be burned out'.";
    for (const text of [
      `${quote} No. These are families. Report that post and leave this group if you agree with it.`,
      `${quote} Please don't share this, report it.`,
    ]) {
      const a = detector.analyze({ text });
      expect(a.context).not.toBe('primary');
      expect(labelsOf(a)).toEqual([]);
      expect(a.quotes[0]?.analysis.labels.map((l) => l.label)).toContain('incitement');
    }
    const spread = detector.analyze({ text: `${quote} So true, share this.` });
    expect(spread.context).toBe('primary');
    expect(labelsOf(spread)).toContain('incitement');
  });

  it('always returns all six scores, calibrated to [0, 1]', () => {
    const a = detector.analyze({ text: 'hello there' });
    expect(Object.keys(a.scores).sort()).toEqual([
      'glorification',
      'identity_attack',
      'incitement',
      'instruction',
      'recruitment',
      'threat',
    ]);
    for (const v of Object.values(a.scores)) expect(v).toBeGreaterThanOrEqual(0);
    expect(a.schema).toBe('vigil.analysis/2');
  });

  it('keeps every evidence span equal to the analysed text at its offsets (property)', () => {
    const pieces = [
      'kill',
      'the',
      'kuffar',
      'mu5lims',
      'are',
      'vermin',
      'K I L L',
      '🔥',
      'mоsque',
      '\u200b',
      '"',
      '“',
      'said:',
      'we must',
      'burn',
      'hero',
      'martyr',
      'attack',
      ',',
      '.',
      '!',
      '\n\n',
      'revenge',
      'join us',
      'hijrah',
      'guide to making',
      'explosives',
      'I will',
      'shoot',
      'you',
      '😀',
      'ß',
      'İ',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 40 }),
        (parts) => {
          const text = parts.join(' ');
          const a = detector.analyze({ text });
          const check = (analysis: Omit<Analysis, 'quotes'>, source: string) => {
            for (const l of analysis.labels)
              for (const e of l.evidence) expect(source.slice(e.start, e.end)).toBe(e.text);
          };
          check(a, text);
          for (const q of a.quotes) {
            expect(text.slice(q.start, q.end)).toBe(q.text);
            check(q.analysis, q.text);
          }
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });
});

describe('thresholds', () => {
  it('accepts valid overrides and rejects bad ones by name', () => {
    expect(resolveThresholds({ threat: { label: 0.6 } }).threat.label).toBe(0.6);
    expect(() => resolveThresholds({ threat: { label: 1.5 } })).toThrow(
      'thresholds.threat.label must be a number from 0 to 1',
    );
    expect(() => resolveThresholds({ terror: { label: 0.5 } })).toThrow('thresholds.terror: unknown label');
    expect(() => resolveThresholds({ threat: { review: 0.9 } })).toThrow('need review ≤ label ≤ refer');
  });
});

describe('degenerate and oversized input', () => {
  it('reads repetition by its share of the text, not its length: no label for filler of any size', () => {
    for (const text of [
      'a'.repeat(999_000),
      'the weather is nice today '.repeat(400),
      'ha'.repeat(5_000),
      `${'z'.repeat(200_000)} ${'y'.repeat(200_000)}`,
    ]) {
      const a = detector.analyze({ text, platform: 'telegram' });
      expect(a.labels).toEqual([]);
      expect(a.action).toBe('none');
    }
  });
});

describe('code words', () => {
  const labels = (text: string) =>
    detector.analyze({ text, platform: 'telegram' }).labels.map((l) => l.label);

  it('reads a movement code word used as a call', () => {
    expect(
      labels('Time to take out the trash on Mill Street, lads. You all know which houses. Saturday.'),
    ).toContain('incitement');
  });

  it('does not read one quoted by someone explaining or refusing it as a call', () => {
    expect(
      labels(
        "Researchers warn that phrases such as 'pest control' are used to call for violence against migrants.",
      ),
    ).toEqual([]);
  });

  it("reads a movement's name as its name, not as a call ('accelerationism'), and its verb as one", () => {
    expect(labels('Accelerationism is a death cult dressed up as a movement.')).toEqual([]);
    expect(labels('Accelerate. Hit the substations on Mill Street this weekend, lads.')).toContain(
      'incitement',
    );
  });
});

describe('celebrating an outcome', () => {
  it('reads delight beside the harm as glorification, and delight alone as nothing', () => {
    const a = detector.analyze({
      text: 'The migrant hostel in Northvale went up in flames last night. Made my week honestly.',
      platform: 'telegram',
    });
    expect(a.labels.map((l) => l.label)).toContain('glorification');
    const b = detector.analyze({
      text: 'Made my week honestly, what a beautiful sunset over Northvale.',
      platform: 'telegram',
    });
    expect(ruleLabels(b)).toEqual([]);
  });
});

describe('a killing verb aimed at people the lexicons do not list', () => {
  it('reads "kill the <people>" as a call, and not "kill the lights"', () => {
    const labels = (text: string) =>
      detector.analyze({ text, platform: 'telegram' }).labels.map((l) => l.label);
    expect(labels('Kill the cartoonists.')).toContain('incitement');
    expect(labels('Kill the lights and the engines, we are done for the night.')).toEqual([]);
  });
});

describe('threat formulas', () => {
  it("read a claim to hold the targets' addresses as a threat", () => {
    for (const text of [
      'We have the home addresses of the whole count board, so let us see how brave they feel now.',
      'The judge thinks he is safe. We have his address.',
    ])
      expect(ruleLabels(detector.analyze({ text, platform: 'telegram' })), text).toContain('threat');
  });
});

describe('everyday phrases that sound like threat formulas', () => {
  it('are not threats without a victim or violence', () => {
    for (const text of [
      'my phone will be dead by noon lol',
      'Final warning: the bus leaves at 8 sharp!',
      'Keep trying, your day will come!',
      "We'll get you a refund today.",
      'Santa is coming for you, better watch out',
      'The seeds need to be in the ground by May.',
    ]) {
      expect(ruleLabels(detector.analyze({ text, platform: 'telegram' })), text).not.toContain('threat');
    }
  });
});

describe('obligation before a violent verb', () => {
  it('reads "have to" as obligation, and "have killed" as what someone did', () => {
    const rules = (text: string) => ruleLabels(detector.analyze({ text, platform: 'telegram' }));
    expect(rules('The Crimson Front has killed more Muslims than anyone else in the region.')).toEqual([]);
    expect(rules('These gangs have killed more Christians than any army.')).toEqual([]);
    expect(rules('The Muslims of Ashvale have to be killed.')).toContain('incitement');
    expect(rules('The Muslims of Ashvale should be killed.')).toContain('incitement');
  });
});

describe('a directive found through an inflected verb', () => {
  it('is no call: a gerund or a third person is not an imperative', () => {
    const rules = (text: string) => ruleLabels(detector.analyze({ text, platform: 'telegram' }));
    expect(rules("I'm angry too, but burning down the mosque would make us no better than them.")).toEqual(
      [],
    );
    expect(rules('I hope the town answers with blood donations and full churches, not hate.')).toEqual([]);
    expect(rules('Burn down the mosque tonight.')).toContain('incitement');
    expect(rules('Answer with blood, brothers, hit their churches.')).toContain('incitement');
  });
});
