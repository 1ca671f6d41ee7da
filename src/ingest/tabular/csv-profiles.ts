import { type FieldMapping, parseTimestamp } from './field-mapping.js';
import { parseZonedTime as zonedTime } from './zoned-time.js';

/** A known CSV export layout: how to recognise it and how to read its columns. */
export interface CsvProfile {
  name: string;
  platform: string;
  detect(columns: readonly string[]): boolean;
  mapping: FieldMapping;
  /** Rewrites a row before mapping (combining or cleaning columns the layout is known for). */
  prepare?(row: Record<string, string>, options: { timeZone?: string }): Record<string, string>;
}

/** `2021-01-06 12:34:56 EST` → ISO UTC; other forms as parseTimestamp reads them; null when unreadable. */
export function parseZonedTime(value: string, fallbackZone?: string): string | null {
  return (
    zonedTime(value, fallbackZone) ?? (/[A-Z]{2,5}\s*$/.test(value.trim()) ? null : parseTimestamp(value))
  );
}

/**
 * A count as the exporter's locale wrote it: `12,345`, `407.137`, `12 345` → integers (groups of
 * three digits are thousands, whatever the separator); `N/A` → null.
 */
export function parseCount(value: string | undefined): number | null {
  if (value === undefined) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  if (/^\d{1,3}([,.\s\u00a0\u202f]\d{3})+$/.test(v)) return Number(v.replace(/\D/g, ''));
  return null;
}

export const CSV_PROFILES = [
  {
    name: 'crowdtangle',
    platform: 'facebook',
    detect: (cols) => cols.includes('Page Name') && cols.includes('Post Created') && cols.includes('Message'),
    mapping: {
      id: 'URL',
      text: 'Message',
      posted_at: 'Post Created',
      author: 'User Name',
      source: 'Page Name',
      url: 'URL',
    },
    prepare(row, options) {
      const posted = row['Post Created'];
      const iso = posted ? parseZonedTime(posted, options.timeZone) : null;
      const interactions = parseCount(row['Total Interactions']);
      return {
        ...row,
        'Post Created': iso ?? posted ?? '',
        // A link post may have no message of its own; its link text and description are its text.
        Message: nonEmpty(row.Message) ?? nonEmpty(row.Description) ?? nonEmpty(row['Link Text']) ?? '',
        'Total Interactions': interactions === null ? '' : String(interactions),
      };
    },
  },
  {
    // A CrowdTangle API dump flattened to CSV (dotted column names from the JSON posts).
    name: 'crowdtangle-api',
    platform: 'facebook',
    detect: (cols) => cols.includes('postUrl') && cols.includes('account.name') && cols.includes('date'),
    mapping: {
      id: 'platformId',
      text: 'message',
      posted_at: 'date',
      author: 'account.handle',
      source: 'account.name',
      url: 'postUrl',
      platform: 'platform',
    },
    prepare(row, options) {
      const posted = row.date;
      return {
        ...row,
        // The API writes UTC without a zone.
        date: (posted ? parseZonedTime(posted, options.timeZone ?? 'UTC') : null) ?? posted ?? '',
        message: nonEmpty(row.message) ?? nonEmpty(row.description) ?? nonEmpty(row.title) ?? '',
        platform: (nonEmpty(row.platform) ?? nonEmpty(row['account.platform']) ?? 'facebook').toLowerCase(),
        platformId: nonEmpty(row.platformId) ?? nonEmpty(row.postUrl) ?? '',
      };
    },
  },
  {
    name: '4cat',
    platform: 'forum',
    detect: (cols) => ['id', 'thread_id', 'author', 'body', 'timestamp'].every((c) => cols.includes(c)),
    mapping: {
      id: 'id',
      text: 'body',
      posted_at: 'timestamp',
      author: 'author',
      reply_to: 'thread_id',
      source: 'board',
    },
  },
] as const satisfies readonly CsvProfile[];

function nonEmpty(v: string | undefined): string | null {
  return v === undefined || v.trim() === '' || v === 'N/A' ? null : v;
}
