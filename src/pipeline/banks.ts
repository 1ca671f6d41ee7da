import { BankMatcher, DEFAULT_MATCH_SETTINGS } from '../match/banks/bank-matcher.js';
import { Clusterer } from '../match/minhash/clusterer.js';
import type { BankStore } from '../store/store.js';

/** A matcher over every bank's signals except those marked as false positives. */
export async function loadBankMatcher(banks: BankStore): Promise<BankMatcher> {
  const signals = (await banks.listSignals()).filter((s) => !s.false_positive);
  const clusterer = new Clusterer();
  return new BankMatcher(signals, DEFAULT_MATCH_SETTINGS, (text) => clusterer.signatureOf(text).signature);
}
