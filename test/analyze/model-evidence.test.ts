import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvalCsv } from '../../src/analyze/evaluation.js';
import { LANGUAGE_PACKS } from '../../src/analyze/languages.js';
import { loadDefaultDetector } from '../../src/analyze/load.js';

const ROOT = join(import.meta.dirname, '../..');
const detector = loadDefaultDetector();

describe("the model's own evidence", () => {
  it.each(['de', 'fr', 'es', 'ar'])('names no %s function word', (language) => {
    const functionWords = new Set(
      (LANGUAGE_PACKS.get(language)?.grammar.words.functionWords ?? []).map(
        (w) => LANGUAGE_PACKS.get(language)?.normalise(w).text ?? w,
      ),
    );
    expect(functionWords.size).toBeGreaterThan(20);
    const named: string[] = [];
    for (const n of [1, 2, 3]) {
      for (const c of readEvalCsv(join(ROOT, `test/blind/multilingual-${n}/${language}.csv`))) {
        for (const l of detector.analyze({ text: c.text, language }).labels)
          for (const e of l.evidence)
            if (e.reason.startsWith('model.'))
              for (const m of e.reason.matchAll(/"([^"]+)"/g)) named.push(m[1] as string);
      }
    }
    // The sets hold texts the model flags alone, so the check cannot pass on silence.
    expect(named.length).toBeGreaterThan(0);
    const normalise = LANGUAGE_PACKS.get(language)?.normalise ?? ((w: string) => ({ text: w }));
    expect(named.filter((w) => functionWords.has(normalise(w).text.toLowerCase()))).toEqual([]);
  });
});
