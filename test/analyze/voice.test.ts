import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readEvalCsv } from '../../src/analyze/evaluation.js';
import { loadDefaultDetector } from '../../src/analyze/load.js';
import { normalizeText } from '../../src/analyze/text/01-normalize.js';
import { findQuotes } from '../../src/analyze/text/03-quotes.js';
import { findReportedSpeech, findVoices, joinQuotePieces } from '../../src/analyze/text/04-voice.js';
import type { Analysis, LabelResult } from '../../src/domain/index.js';

const ROOT = join(import.meta.dirname, '../..');
const detector = loadDefaultDetector();
const article = (name: string) => readFileSync(join(ROOT, 'test/fixtures/articles', name), 'utf8');

describe('voice', () => {
  it('joins one message quoted in two pieces around its attribution, keeping each piece exact', () => {
    const text =
      'Police said. “We strike tonight,” the message read. “Bring petrol and friends.” It was removed.';
    const [joined, ...rest] = joinQuotePieces(text, findQuotes(text));
    expect(rest).toHaveLength(0);
    expect(joined?.pieces).toHaveLength(2);
    expect(joined?.pieces.map((p) => text.slice(p.start, p.end))).toEqual([
      'We strike tonight,',
      'Bring petrol and friends.',
    ]);
    expect(joined?.text).toBe('We strike tonight, Bring petrol and friends.');
  });

  it('keeps two whole messages apart', () => {
    const text = '“The first message ends here.” Then a second channel wrote: “Another message entirely.”';
    expect(joinQuotePieces(text, findQuotes(text))).toHaveLength(2);
  });

  it('joins pieces around an attribution with words on both sides of its verb, or a whole first sentence', () => {
    const pieces = (text: string) =>
      joinQuotePieces(text, findQuotes(text)).map((v) => v.pieces.map((p) => text.slice(p.start, p.end)));
    expect(
      pieces(
        '“We see a mirror image,” said Ines Marek, an analyst at the centre. “They want this reaction.”',
      ),
    ).toEqual([['We see a mirror image,', 'They want this reaction.']]);
    expect(pieces('“Score to beat: six,” one user wrote after the attack. “Who is next?”')).toEqual([
      ['Score to beat: six,', 'Who is next?'],
    ]);
    expect(pieces('“You want to know what to do?” another read. “Stop talking and start now.”')).toEqual([
      ['You want to know what to do?', 'Stop talking and start now.'],
    ]);
  });

  it('keeps apart whole messages whose attribution opens a sentence, ends a paragraph, or follows the second', () => {
    for (const text of [
      '“Legend of the week, truly.” Another replied: “Next one brings much more.”',
      '“He went alone, brothers,” one post read.\n\nThe group said: “We do not make that mistake.”',
      '“Kill them all, every one.” one post read. “Burn the place down,” read another.',
    ])
      expect(joinQuotePieces(text, findQuotes(text)), text).toHaveLength(2);
  });

  it("reads a third party's call put in the writer's words as reported speech", () => {
    const text = 'Supporters of the network are calling for people to rise up and attack the mosque.';
    const [r] = findReportedSpeech(text, [], true);
    expect(r?.voice).toBe('reported');
    expect(r?.text).toBe('people to rise up and attack the mosque');
    expect(r?.attribution).toBe('Supporters of the network are');
  });

  it("keeps the author's own call and an author's claim about a group in the author's voice", () => {
    expect(findReportedSpeech('We are calling for every patriot to burn the mosque.', [], true)).toEqual([]);
    expect(findReportedSpeech('Muslims are threatening our way of life, kill them all.', [], false)).toEqual(
      [],
    );
  });

  it('finds a headline only in news', () => {
    const text = article('paraphrase.txt');
    expect(findVoices(text, { news: true })[0]?.voice).toBe('headline');
    expect(findVoices(text, { news: false }).some((v) => v.voice === 'headline')).toBe(false);
  });
});

describe('news articles that quote and paraphrase calls to violence', () => {
  for (const name of ['split-quote.txt', 'paraphrase.txt']) {
    for (const platform of ['news', null]) {
      it(`${name} (${platform ?? 'no platform'}) is journalism: no top-level labels, never refer`, () => {
        const text = article(name);
        expect(text.length).toBeGreaterThan(1000);
        const a = detector.analyze({ text, platform });
        expect(a.context).not.toBe('primary');
        expect(a.labels).toEqual([]);
        expect(a.action).not.toBe('refer');
      });
    }
  }

  it('analyses the message quoted in two pieces as one quote, with its label', () => {
    const text = article('split-quote.txt');
    const a = detector.analyze({ text, platform: 'news' });
    const joined = a.quotes.find(
      (q) => (q.pieces?.length ?? 0) === 2 && q.text.startsWith('They will not stop'),
    );
    expect(joined).toBeDefined();
    for (const p of joined?.pieces ?? []) expect(joined?.text).toContain(text.slice(p.start, p.end));
    expect(joined?.analysis.labels.map((l) => l.label)).toContain('incitement');
  });

  it('labels the quoted call inside a report and keeps its attribution', () => {
    const a = detector.analyze({ text: article('paraphrase.txt'), platform: 'news' });
    const call = a.quotes.find((q) => q.text.includes('Strike the crusaders'));
    expect(call?.analysis.labels.map((l) => l.label)).toContain('incitement');
    expect(call?.attribution).toMatch(/post/i);
  });
});

describe('quotes: mentioned, posted, cut at the next quote', () => {
  it('reads a quote the author talks about, and rejects, as counter-speech', () => {
    for (const text of [
      '“Blood for blood” is how cycles of revenge never end. Grieve, but do not repeat it.',
      '"Kill the kuffar" is not our faith, it is a death cult\'s slogan.',
      // Named for what it is, a death cult, with no other word of condemnation.
      "'Burn the infidels wherever you find them' - that's what these preachers feed to teenagers. It's a death cult.",
    ]) {
      const a = detector.analyze({ text });
      expect(a.quotes[0]?.analysis.labels.length, text).toBeGreaterThan(0);
      expect(a.labels, text).toEqual([]);
      expect(a.context, text).toBe('counter_speech');
    }
  });

  it('reads "de acuerdo con" (according to) in a Spanish report as attribution, not as assent', () => {
    const a = detector.analyze({
      text: 'De acuerdo con la fiscalía, el detenido colgó un vídeo que llamaba a «quemar la mezquita del barrio», según fuentes policiales.',
    });
    expect(a.language?.code).toBe('es');
    expect(a.labels).toEqual([]);
    expect(a.context).toBe('reporting');
    expect(a.quotes[0]?.analysis.labels.length).toBeGreaterThan(0);
  });

  it('still lends a spread quote its labels', () => {
    const a = detector.analyze({
      text: 'As the brother said: "Kill the kuffar wherever you find them." Spread this.',
    });
    expect(a.labels.map((l) => l.label)).toContain('incitement');
  });

  it('ends speech after a colon before a quote that follows on its line', () => {
    const text =
      'The post carried the caption: Lying press. You know what to do. Another user wrote that it was “a warning shot for the hacks”.';
    const spans = findQuotes(text).map((q) => q.text);
    expect(spans).toContain('Lying press. You know what to do.');
    expect(spans).toContain('a warning shot for the hacks');
  });

  it('needs less confidence for a message quoted from an extremist channel than for the same words alone', () => {
    // Near the line: the model alone gives it more than the label's bar but less than a label needs
    // without a rule (the sentence is changed when retraining moves it across).
    const words = 'Their streets are quiet and the infidels sleep well.';
    expect(detector.analyze({ text: words }).labels).toEqual([]);
    const quote = detector.analyze({
      text: `A channel called the Lions posted: “${words}”`,
      platform: 'news',
    }).quotes[0];
    expect(quote?.text).toBe(words);
    expect(quote?.analysis.labels.map((l) => l.label)).toContain('incitement');
  });
});

describe('quotes whose attribution points back', () => {
  const second = (first: string) =>
    detector.analyze({
      text: `Police confirmed three deaths on Saturday.\n\n${first}\n\nAnother said: “Their streets are quiet and the infidels sleep well.”`,
      platform: 'news',
    }).quotes[1];
  it('go on with the channel or post the quote before them came from', () => {
    const quote = second('One post read: “Glory to the brothers of the east.”');
    expect(quote?.attribution).toBe('Another');
    expect(quote?.analysis.labels.map((l) => l.label)).toContain('incitement');
  });
  it('go on with an official as an official', () => {
    expect(second('The mayor said: “We will not be divided.”')?.analysis.labels).toEqual([]);
  });
  it('point back in the same paragraph, after the quote before, and with the verb that says how', () => {
    for (const [follow, who] of [
      ['Another:', 'Another'],
      ['Another told him:', 'Another told him'],
      ['Another told young readers:', 'Another told young readers'],
      ['It went on:', 'It went on'],
    ]) {
      const text = `Police confirmed three deaths on Saturday.\n\nOne post read: “Glory to the brothers of the east.” ${follow} “Their streets are quiet and the infidels sleep well.”`;
      const quote = detector.analyze({ text, platform: 'news' }).quotes[1];
      expect(quote?.attribution, follow).toBe(who);
      expect(
        quote?.analysis.labels.map((l) => l.label),
        follow,
      ).toContain('incitement');
    }
  });
});

describe('threats to life and violent idioms about things', () => {
  it.each([
    'gonna stab my manager at the warehouse next shift',
    "I'm going to shoot up Marsden High on Friday. Don't come in.",
    "Landlord wants me out? I'll burn the whole block down with him inside it.",
  ])('%s is a threat (subject left out, a named place, a person as object)', (text) => {
    expect(detector.analyze({ text }).labels.map((l) => l.label)).toContain('threat');
  });

  it.each([
    "I'm going to destroy Rovers on Saturday",
    'I will cut the onions tonight',
    'Time to slaughter this to-do list',
  ])('%s is not a threat', (text) => {
    expect(detector.analyze({ text }).labels).toEqual([]);
  });

  it('keeps a clear call to violence whatever the model thinks of its wording', () => {
    const a = detector.analyze({
      text: 'Attack the pride march in Ostbrook. Hit them hard while the cameras roll.',
    });
    expect(a.labels.map((l) => l.label)).toContain('incitement');
  });

  it.each([
    "I'm going to shoot up my school tomorrow",
    'I will shoot everyone at my office on Monday',
    'Tomorrow I will stab my teacher at the college',
    'if u report me again im coming to ur house tomorrow with a knife',
    'I will stab Derek at the party on saturday',
    'everyone in that office will be dead by the weekend',
    'u got 24 hrs before i put a bullet in ur head',
  ])('%s is a threat with target and timeframe', (text) => {
    const threat = detector.analyze({ text }).labels.find((l) => l.label === 'threat');
    expect(threat?.indicators).toEqual(expect.arrayContaining(['target', 'timeframe']));
  });

  it("gives the blind writers' threats that name a time the target and timeframe indicators", () => {
    // Threat sets 9-14, each by a writer who had not read the detector (9-13 are now training
    // data, 14 was read for causes; the first-contact figures are in the README). The rows are
    // chosen by a time word alone, so the choice does not depend on what the detector reads.
    const TIME =
      /\b(today|tonight|tomorrow|tmrw|tmr|(mon|tues|wednes|thurs|fri|satur|sun)day|this (week|weekend|month)|next (week|month|time)|at (noon|midnight|lunch)|\d{1,2}(:\d\d)?\s?(am|pm))\b/i;
    const rows = [9, 10, 11, 12, 13, 14]
      .flatMap((n) => readEvalCsv(join(ROOT, `test/blind/threats-${n}.csv`)))
      .filter((c) => c.labels.includes('threat') && TIME.test(c.text));
    const read = rows.filter((c) => {
      const threat = detector.analyze({ text: c.text }).labels.find((l) => l.label === 'threat');
      return threat?.indicators?.includes('target') && threat.indicators.includes('timeframe');
    });
    expect(rows.length).toBeGreaterThanOrEqual(100);
    // 98 of 110 today (103 before blind set 21 and threat set 15 joined the training data). Of the
    // twelve missed, four have no rule and a model score between the label's line and the confidence
    // the model needs alone (0.5–0.7), four score below the line, three are threats without the
    // target indicator (a house number, a place in lower case, "someone"), and one reads as a call.
    expect(read.length).toBeGreaterThanOrEqual(98);
  });

  it('reads threat indicators in the original text, even after obfuscation shortened it', () => {
    const text =
      'S.t.r.i.k.e  n.o.w  b.r.o.t.h.e.r.s  a.n.d  s.i.s.t.e.r.s.  I will shoot you tomorrow at Kettleby College';
    const threat = detector.analyze({ text }).labels.find((l) => l.label === 'threat');
    expect(threat?.indicators).toEqual(expect.arrayContaining(['target', 'location', 'timeframe']));
  });

  it.each([
    'kill all the bugs in the garden with this spray',
    'Nuke the weeds with vinegar, works every time',
    'We are going to destroy Rovers on Saturday',
  ])('%s is nothing', (text) => {
    expect(detector.analyze({ text }).labels).toEqual([]);
  });

  it('leaves at least 90% of the blind idioms about things unflagged', () => {
    const cases = readEvalCsv(join(ROOT, 'test/blind/threats-1.csv')).filter(
      (c) => c.functionality === 'idiom_things',
    );
    const flagged = cases.filter((c) => detector.analyze({ text: c.text }).labels.length > 0);
    expect(flagged.length / cases.length).toBeLessThanOrEqual(0.1);
  });
});

/** Every quoted phrase of an evidence reason occurs in the normalised span. */
function reasonWordsInside(reason: string, span: string): boolean {
  const norm = normalizeText(span).text.toLowerCase();
  const phrases = [...reason.matchAll(/"([^"]+)"/g)].map((m) => normalizeText(m[1] ?? '').text.toLowerCase());
  return phrases.every((p) => p.split(/\s+/).every((w) => norm.includes(w.replace(/\*$/, '').slice(0, 4))));
}

function checkEvidence(text: string, labels: LabelResult[]): void {
  for (const l of labels) {
    expect(l.evidence.length, `${l.label} has evidence`).toBeGreaterThan(0);
    for (const e of l.evidence) {
      expect(e.start).toBeGreaterThanOrEqual(0);
      expect(e.end).toBeLessThanOrEqual(text.length);
      expect(text.slice(e.start, e.end)).toBe(e.text);
      // No longer than a sentence: no sentence end or paragraph break inside the span.
      expect(e.text.trim()).not.toMatch(/[.!?]\s+\S|\n/);
      expect(reasonWordsInside(e.reason, e.text), `${e.reason} :: ${e.text}`).toBe(true);
    }
  }
}

function checkAnalysis(text: string, a: Analysis): void {
  checkEvidence(text, a.labels);
  for (const q of a.quotes) checkEvidence(q.text, q.analysis.labels);
}

describe('evidence', () => {
  const fragments = readEvalCsv(join(ROOT, 'test/functional/cases.csv')).map((c) => c.text);
  it('every label, top-level and per quote, has a span inside its voice, within a sentence, whose reason names only its words', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(' ', '\n\n', ' And then: "', ' — '),
        fc.constantFrom(null, 'news', 'telegram'),
        (parts, glue, platform) => {
          const text = parts.join(glue);
          checkAnalysis(text, detector.analyze({ text, platform }));
        },
      ),
      { numRuns: 300, seed: 20261129 },
    );
  });
});
