/**
 * Language identification on short posts and quotes (`bench/langid-cases.ts`, synthetic): accuracy
 * overall, under 20 characters and from 20 on, on texts in languages without a pack (right when
 * not taken for a packed language), and texts per second on one core, for franc and eld and for
 * Vigil's own `identifyLanguage` (eld with script and Arabizi rules).
 *   npm run bench:langid
 */
import { eld } from 'eld/medium';
import { franc } from 'franc';
import { identifyLanguage } from '../src/analyze/text/00-language.js';
import { ARABIZI_CASES, LANGID_CASES, type LangIdCase, MIXED_CASES } from './langid-cases.js';

const PACKED = new Set(['en', 'ar', 'fr', 'de', 'es']);
// franc answers in ISO 639-3; the codes its answers for this set fall on.
const ISO3: Record<string, string> = {
  eng: 'en',
  arb: 'ar',
  ara: 'ar',
  fra: 'fr',
  deu: 'de',
  spa: 'es',
  ita: 'it',
  por: 'pt',
  nld: 'nl',
  tur: 'tr',
  rus: 'ru',
  pes: 'fa',
};

type Identify = (text: string) => string;

function score(name: string, identify: Identify, cases: readonly LangIdCase[]): void {
  const right = (c: LangIdCase, got: string) => (PACKED.has(c.lang) ? got === c.lang : !PACKED.has(got)); // an unpacked language must not pass for a packed one
  const groups = {
    all: cases,
    short: cases.filter((c) => PACKED.has(c.lang) && c.text.length < 20),
    long: cases.filter((c) => PACKED.has(c.lang) && c.text.length >= 20),
    unpacked: cases.filter((c) => !PACKED.has(c.lang)),
  };
  const acc = Object.fromEntries(
    Object.entries(groups).map(([k, list]) => [
      k,
      Number((list.filter((c) => right(c, identify(c.text))).length / Math.max(1, list.length)).toFixed(3)),
    ]),
  );
  const perLang = Object.fromEntries(
    [...PACKED].map((l) => {
      const list = cases.filter((c) => c.lang === l);
      return [l, Number((list.filter((c) => right(c, identify(c.text))).length / list.length).toFixed(3))];
    }),
  );
  for (const c of cases.slice(0, 20)) identify(c.text); // warm-up
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < 2000) {
    identify((cases[n % cases.length] as LangIdCase).text);
    n++;
  }
  const perSecond = Math.round(n / ((performance.now() - started) / 1000));
  console.log(
    JSON.stringify({
      bench: 'langid',
      library: name,
      n: cases.length,
      accuracy: acc,
      per_language: perLang,
      per_second: perSecond,
    }),
  );
}

const francLang: Identify = (t) => {
  const code = franc(t, { minLength: 1 });
  return ISO3[code] ?? code;
};
const eldLang: Identify = (t) => eld.detect(t).language || 'und';

score('franc 6.2 (all languages)', francLang, LANGID_CASES);
score('eld 2.1 medium (all languages)', eldLang, LANGID_CASES);
score(
  'vigil identifyLanguage (eld + script, Arabizi, fallbacks)',
  (t) => identifyLanguage(t).code,
  LANGID_CASES,
);

const arabizi = ARABIZI_CASES.filter((c) => identifyLanguage(c.text).code === c.lang).length;
const mixed = MIXED_CASES.filter((c) => identifyLanguage(c.text).code === c.lang).length;
console.log(
  JSON.stringify({
    bench: 'langid',
    library: 'vigil identifyLanguage',
    arabizi_and_leetspeak: `${arabizi}/${ARABIZI_CASES.length}`,
    mixed_posts: `${mixed}/${MIXED_CASES.length}`,
    eld_on_arabizi: `${ARABIZI_CASES.filter((c) => eldLang(c.text) === c.lang).length}/${ARABIZI_CASES.length}`,
  }),
);
