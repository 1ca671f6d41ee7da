/**
 * CSV records from physical lines, with recovery. A record is complete when its quotes balance;
 * a quote that never closes would otherwise swallow the rest of the file, so a record still open
 * after MAX_RECORD_LINES lines (or at the end) is reported as damaged at its first line and
 * reading resumes at the line after it. (csv-parse, used before, cannot resume mid-file.)
 */

export const MAX_RECORD_LINES = 200;
const MAX_RECORD_CHARS = 4_000_000;

export interface Line {
  text: string;
  line: number;
}

export type CsvChunk = { kind: 'record'; text: string; line: number } | { kind: 'damaged'; line: number };

const quotes = (s: string) => {
  let n = 0;
  for (let i = s.indexOf('"'); i !== -1; i = s.indexOf('"', i + 1)) n++;
  return n;
};

/** Assembles lines into records; feed lines in order, then call `end`. */
export class CsvRecordAssembler {
  private open: Line[] = [];
  private parity = 0;
  private chars = 0;

  *push(line: Line): Iterable<CsvChunk> {
    this.add(line);
    if (this.parity === 0) {
      yield this.complete();
      return;
    }
    if (this.open.length > MAX_RECORD_LINES || this.chars > MAX_RECORD_CHARS) yield* this.resync();
  }

  *end(): Iterable<CsvChunk> {
    while (this.open.length > 0) yield* this.resync();
  }

  private complete(): CsvChunk {
    const record = {
      kind: 'record' as const,
      text: this.open.map((l) => l.text).join('\n'),
      line: this.open[0]?.line ?? 0,
    };
    this.reset();
    return record;
  }

  /** The open record is damaged at its first line; its other lines are read again. */
  private *resync(): Iterable<CsvChunk> {
    const [first, ...rest] = this.open;
    this.reset();
    if (first) yield { kind: 'damaged', line: first.line };
    for (const l of rest) {
      this.add(l);
      if (this.parity === 0) yield this.complete();
    }
  }

  private add(line: Line): void {
    this.open.push(line);
    this.parity = (this.parity + quotes(line.text)) % 2;
    this.chars += line.text.length + 1;
  }

  private reset(): void {
    this.open = [];
    this.parity = 0;
    this.chars = 0;
  }
}

/** Splits one complete record into fields (RFC 4180: quoted fields, doubled quotes). */
export function splitRecord(text: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else if (c !== '\r') field += c;
  }
  fields.push(field);
  return fields;
}
