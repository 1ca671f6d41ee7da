import { BankMatcher, DEFAULT_MATCH_SETTINGS } from '../match/banks/bank-matcher.js';
import { Clusterer } from '../match/minhash/clusterer.js';
import type { BankStore } from '../store/store.js';

/**
 * The bank matcher both presets use: every bank's signals except those marked as false positives,
 * with text signals compared by the clusterer's MinHash signature. Loaded per run, since analysts
 * import banks and mark false positives while the system runs.
 */
export async function loadBankMatcher(banks: BankStore): Promise<BankMatcher> {
  const signals = (await banks.listSignals()).filter((s) => !s.false_positive);
  const clusterer = new Clusterer();
  return new BankMatcher(signals, DEFAULT_MATCH_SETTINGS, (text) => clusterer.signatureOf(text).signature);
}
