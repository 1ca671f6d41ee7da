/** Decisions that end an item's review: nothing further is asked of anyone. */
export const FINAL_DECISIONS: readonly string[] = ['referred', 'dismissed', 'verified'];

/**
 * Whether an analyst's decision settles the item: it leaves the review queue and re-analysis does
 * not put it back. A final decision always does. Confirming or correcting the detector's verdict
 * does too, unless a second analyst must still confirm it before referral (four-eyes).
 */
export function settlesItem(decision: string, fourEyes: boolean): boolean {
  if (FINAL_DECISIONS.includes(decision)) return true;
  return !fourEyes && (decision === 'confirmed' || decision === 'corrected');
}
