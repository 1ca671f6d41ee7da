import { parse } from 'csv-parse/sync';
import type { RecordError } from '../../domain/index.js';
import { signalType } from './signal-types.js';

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
 * - `lines`: `signal_type signal_value [label,label]` per line, as python-threatexchange's local
 *   file exchange reads.
 */
export const BANK_FORMATS = ['csv', 'lines'] as const;
export type BankFormat = (typeof BANK_FORMATS)[number];

export function parseBank(
  content: string,
  format: BankFormat,
  file: string,
): { signals: ExchangedSignal[]; errors: RecordError[] } {
  const signals: ExchangedSignal[] = [];
  const errors: RecordError[] = [];
  const add = (type: string | undefined, value: string | undefined, labels: string, line: number) => {
    const t = signalType(type ?? '');
    if (!t) {
      errors.push({ file, line, message: `hash list: unknown signal type "${type ?? ''}"` });
      return;
    }
    const v = t.normalize(value ?? '');
    if (!v.ok) {
      errors.push({ file, line, message: `hash list: ${v.message}` });
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
    add(r.signal_type ?? r.type, r.signal_value ?? r.signal ?? r.hash, r.labels ?? r.tags ?? '', i + 2);
  }
  return { signals, errors };
}

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

export function serializeBank(signals: readonly ExchangedSignal[], format: BankFormat): string {
  if (format === 'lines')
    return signals
      .map((s) => `${s.signal_type} ${s.signal_value}${s.labels.length ? ` ${s.labels.join(',')}` : ''}\n`)
      .join('');
  return `signal_type,signal_value,labels\n${signals.map((s) => [s.signal_type, s.signal_value, s.labels.join(',')].map(csvField).join(',')).join('\n')}\n`;
}
