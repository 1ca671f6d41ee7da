import { type FieldMapping, parseTimestamp } from './field-mapping.js';

/** A known CSV export layout: how to recognise it and how to read its columns. */
export interface CsvProfile {
  name: string;
  platform: string;
  detect(columns: readonly string[]): boolean;
  mapping: FieldMapping;
  /** Rewrites a row before mapping (combining or cleaning columns the layout is known for). */
  prepare?(row: Record<string, string>): Record<string, string>;
}

// CrowdTangle writes US and European zone abbreviations after the local time.
const ZONES: Record<string, string> = {
  UTC: '+00:00',
  GMT: '+00:00',
  EST: '-05:00',
  EDT: '-04:00',
  CST: '-06:00',
  CDT: '-05:00',
  MST: '-07:00',
  MDT: '-06:00',
  PST: '-08:00',
  PDT: '-07:00',
  CET: '+01:00',
  CEST: '+02:00',
  BST: '+01:00',
  EET: '+02:00',
  EEST: '+03:00',
  IST: '+05:30',
};

/** `2021-01-06 12:34:56 EST` → ISO UTC; null when unreadable. */
export function parseZonedTime(value: string): string | null {
  const m = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d(?::\d\d)?)\s*([A-Z]{2,5})?$/.exec(value.trim());
  if (!m) return parseTimestamp(value);
  const zone = m[3] ? ZONES[m[3]] : '+00:00';
  if (zone === undefined) return null;
  const d = new Date(`${m[1]}T${m[2]}${zone}`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** `1,234` → 1234; `N/A` → null. */
export function parseCount(value: string | undefined): number | null {
  if (value === undefined) return null;
  const cleaned = value.replace(/[,\s]/g, '');
  return /^\d+$/.test(cleaned) ? Number(cleaned) : null;
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
    prepare(row) {
      const posted = row['Post Created'];
      const iso = posted ? parseZonedTime(posted) : null;
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
