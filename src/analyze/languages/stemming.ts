/** Word keys for the packs' tokenisers: light suffix stripping, the same for lexicon phrases and text. */
import type { Tokeniser } from '../languages.js';
import { squeeze, tokenize } from '../text/02-tokens.js';

/** The shared word and sentence splitter, with a pack's own word keys. */
export function tokeniserWith(wordKey: (word: string) => string): Tokeniser {
  return {
    // Keyed as they are read: keying every word the English way first, then again, cost a third of
    // the tokeniser's time.
    tokenize: (text) => tokenize(text, wordKey),
    wordKey,
  };
}

/**
 * A key function that strips the longest listed suffix (then the longest listed prefix) while at
 * least `min` letters remain. Light on purpose: lexicon phrases and text are keyed alike, so a
 * stem only needs to bring a word's common forms together, not to be a linguist's root.
 */
export function affixKey(options: {
  suffixes: readonly string[];
  prefixes?: readonly string[];
  min: number;
  /** Applied first, e.g. French elisions ("l'ennemi" → "ennemi"). */
  before?: (word: string) => string;
}): (word: string) => string {
  const suffixes = [...options.suffixes].sort((a, b) => b.length - a.length);
  const prefixes = [...(options.prefixes ?? [])].sort((a, b) => b.length - a.length);
  return (raw: string) => {
    let word = squeeze(options.before ? options.before(raw) : raw);
    for (const p of prefixes) {
      if (word.startsWith(p) && word.length - p.length >= options.min) {
        word = word.slice(p.length);
        break;
      }
    }
    for (const s of suffixes) {
      if (word.endsWith(s) && word.length - s.length >= options.min) return word.slice(0, -s.length);
    }
    return word;
  };
}
