import { parse } from 'csv-parse/sync';
import type { RecordError } from '../../domain/index.js';
import { SIGNAL_TYPES, signalType } from './signal-types.js';

/** One signal as exchanged with peers. */
export interface ExchangedSignal {
  signal_type: string;
  signal_value: string;
  labels: string[];
}

/**
 * Hash-list formats:
 * - `csv`: `signal_type,signal_value,labels` with labels comma-separated inside the field, the
 *   layout hasher-matcher-actioner banks and ThreatExchange exports use;
 *   (python-threatexchange's CSV names the value column `signal_str`);
 * - `lines`: `signal_type signal_value [label,label]` per line, as python-threatexchange's local
 *   file exchange reads;
 * - `bare`: one hash a line, as Meta publishes PDQ lists; the type comes from `--signal-type`, or
 *   from the length (32 hex digits: MD5) when that is unambiguous.
 */
export const BANK_FORMATS = ['csv', 'lines', 'bare'] as const;
export type BankFormat = (typeof BANK_FORMATS)[number];

/** The format of a hash list, from its first meaningful line. */
export function detectBankFormat(content: string): BankFormat {
  const first =
    content
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l !== '' && !l.startsWith('#')) ?? '';
  if (/^[0-9a-f]+$/i.test(first)) return 'bare';
  if (first.includes(',') && /\b(signal_type|type)\b/i.test(first)) return 'csv';
  return /\s/.test(first) ? 'lines' : 'csv';
}

export function parseBank(
  content: string,
  format: BankFormat,
  file: string,
  options: { signalType?: string } = {},
): { signals: ExchangedSignal[]; errors: RecordError[] } {
  const signals: ExchangedSignal[] = [];
  const errors: RecordError[] = [];
  const typeField = format === 'csv' ? 'column "signal_type"' : 'the signal type';
  const valueField = format === 'csv' ? 'column "signal_value"' : 'the hash';
  const add = (type: string | undefined, value: string | undefined, labels: string, line: number) => {
    const t = signalType(type ?? '');
    if (!t) {
      errors.push({
        file,
        line,
        field: 'signal_type',
        message: `hash list: ${typeField}: unknown signal type "${(type ?? '').slice(0, 40)}" (known: ${SIGNAL_TYPES.map((t) => t.name).join(', ')})`,
      });
      return;
    }
    const v = t.normalize(value ?? '');
    if (!v.ok) {
      errors.push({ file, line, field: 'signal_value', message: `hash list: ${valueField}: ${v.message}` });
      return;
    }
    signals.push({
      signal_type: (type ?? '').trim().toLowerCase(),
      signal_value: v.value,
      labels: labels
        .split(/[,;]/)
        .map((l) => l.trim())
        .filter((l) => l !== ''),
    });
  };
  if (format === 'bare') {
    content
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .forEach((raw, i) => {
        const value = raw.trim();
        if (value === '' || value.startsWith('#')) return;
        const type = options.signalType ?? (/^[0-9a-f]{32}$/i.test(value) ? 'md5' : undefined);
        if (type === undefined) {
          if (!errors.some((e) => e.field === 'signal_type'))
            errors.push({
              file,
              line: i + 1,
              field: 'signal_type',
              message: 'hash list: a 64-digit hash may be PDQ or SHA-256; pass --signal-type pdq|sha256',
            });
          return;
        }
        add(type, value, '', i + 1);
      });
    return { signals, errors };
  }
  if (format === 'lines') {
    content.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const [type, value, ...rest] = line.split(/\s+/);
      add(type, value, rest.join(' '), i + 1);
    });
    return { signals, errors };
  }
  let rows: Record<string, string>[];
  try {
    rows = parse(content, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      bom: true,
      relax_column_count: true,
    });
  } catch (error) {
    return {
      signals,
      errors: [{ file, line: null, message: `hash list: not a readable CSV (${(error as Error).message})` }],
    };
  }
  for (const [i, r] of rows.entries()) {
    add(
      r.signal_type ?? r.type ?? options.signalType,
      r.signal_value ?? r.signal_str ?? r.signal ?? r.hash,
      r.labels ?? r.tags ?? '',
      i + 2,
    );
  }
  return { signals, errors };
}

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

export function serializeBank(signals: readonly ExchangedSignal[], format: BankFormat): string {
  if (format === 'bare') return signals.map((s) => `${s.signal_value}\n`).join('');
  if (format === 'lines')
    return signals
      .map((s) => `${s.signal_type} ${s.signal_value}${s.labels.length ? ` ${s.labels.join(',')}` : ''}\n`)
      .join('');
  return `signal_type,signal_value,labels\n${signals.map((s) => [s.signal_type, s.signal_value, s.labels.join(',')].map(csvField).join(',')).join('\n')}\n`;
}
