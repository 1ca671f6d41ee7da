import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { RecordError } from '../domain/index.js';
import type { BankMatcher, SignalMatch } from '../match/banks/bank-matcher.js';
import { hashImage } from '../match/pdq/decode.js';
import type { AlertStore, MediaStore } from '../store/store.js';

export interface MediaSummary {
  hashed: number;
  bankMatches: number;
  errors: RecordError[];
}

const IMAGE = /\.(jpe?g|png|webp|gif)$/i;

/**
 * Hashes every stored media file not yet hashed (SHA-256 and MD5 of the bytes, PDQ for images)
 * and matches the hashes against the banks; each match raises an alert with bank, signal and
 * distance. A file that cannot be read or decoded is reported and left for a later run.
 */
export async function runMediaHash(
  media: MediaStore,
  alerts: AlertStore,
  banks: BankMatcher | null,
): Promise<MediaSummary> {
  const summary: MediaSummary = { hashed: 0, bankMatches: 0, errors: [] };
  const failed = new Set<number>();
  for (;;) {
    const batch = (await media.unhashed(200 + failed.size)).filter((m) => !failed.has(m.id));
    if (batch.length === 0) return summary;
    for (const m of batch) {
      let bytes: Buffer;
      try {
        bytes = await readFile(m.path);
      } catch {
        failed.add(m.id);
        summary.errors.push({
          file: m.path,
          line: null,
          message: `media of item ${m.itemId}: file cannot be read`,
        });
        continue;
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const md5 = createHash('md5').update(bytes).digest('hex');
      let pdq: string | null = null;
      let quality: number | null = null;
      if (IMAGE.test(m.path)) {
        try {
          const h = await hashImage(bytes);
          pdq = h.pdq;
          quality = h.quality;
        } catch (error) {
          summary.errors.push({
            file: m.path,
            line: null,
            message: `media of item ${m.itemId}: image cannot be decoded (${(error as Error).message})`,
          });
        }
      }
      await media.saveHash(m.id, { sha256, pdq, quality });
      summary.hashed++;
      const matches = [
        ...(banks?.matchFile({ md5, sha256 }) ?? []),
        ...(pdq && quality !== null ? (banks?.matchPdq(pdq, quality) ?? []) : []),
      ];
      summary.bankMatches += await raiseMatches(alerts, m, matches);
    }
  }
}

/** One alert per signal a media file matches; raising it again for the same pair is a no-op. */
async function raiseMatches(
  alerts: AlertStore,
  m: { id: number; itemId: number },
  matches: readonly SignalMatch[],
): Promise<number> {
  for (const match of matches) {
    await alerts.raise({
      rule: 'hash_list_match',
      summary: `media of item ${m.itemId} matches ${match.signal.signal_type} signal ${match.signal.id} in bank "${match.signal.bank}" at distance ${match.distance}`,
      evidence: [
        {
          item_id: m.itemId,
          media_id: m.id,
          bank: match.signal.bank,
          signal_id: match.signal.id,
          signal_type: match.signal.signal_type,
          distance: match.distance,
          labels: match.signal.labels,
        },
      ],
      dedupeKey: `bank:${match.signal.id}:media:${m.id}`,
    });
  }
  return matches.length;
}

/**
 * Matches media hashed earlier against the banks as they are now: a hash list imported today
 * finds what was collected last month. SHA-256 and PDQ are stored; MD5 is computed again from the
 * file while it is still there. Alerts are keyed by signal and media, so a re-check adds nothing
 * already raised.
 */
export async function recheckStoredMedia(
  media: MediaStore,
  alerts: AlertStore,
  banks: BankMatcher,
): Promise<{ checked: number; bankMatches: number }> {
  let checked = 0;
  let bankMatches = 0;
  for (let after = 0; ; ) {
    const page = await media.hashed(after, 500);
    if (page.length === 0) return { checked, bankMatches };
    for (const m of page) {
      after = m.id;
      checked++;
      const md5 = await readFile(m.path).then(
        (bytes) => createHash('md5').update(bytes).digest('hex'),
        () => undefined,
      );
      const matches = [
        ...banks.matchFile({ md5, sha256: m.sha256 }),
        ...(m.pdq && m.quality !== null ? banks.matchPdq(m.pdq, m.quality) : []),
      ];
      bankMatches += await raiseMatches(alerts, m, matches);
    }
  }
}
