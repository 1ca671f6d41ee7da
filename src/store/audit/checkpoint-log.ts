import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Checkpoint } from './audit-chain.js';

/**
 * Where checkpoints go after every append: an append-only file outside the database (one JSON
 * line each; several processes may append, so lines can arrive out of order and verify takes
 * the highest), and optionally a webhook on another machine.
 */
export class CheckpointLog {
  private readonly sending = new Set<Promise<void>>();
  private warned = false;
  private folderReady = false;

  constructor(
    readonly file: string | null,
    private readonly url: string | null = null,
  ) {}

  write(c: Checkpoint): void {
    const line = `${JSON.stringify(c)}\n`;
    if (this.file !== null) {
      if (!this.folderReady) mkdirSync(dirname(this.file), { recursive: true });
      this.folderReady = true;
      appendFileSync(this.file, line, { mode: 0o600 });
    }
    if (this.url !== null) {
      const sent = fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: line,
        signal: AbortSignal.timeout(5_000),
      })
        .then((r) => {
          if (!r.ok) this.warn(`HTTP ${r.status}`);
        })
        .catch((error: Error) => this.warn(error.name))
        .finally(() => this.sending.delete(sent));
      this.sending.add(sent);
    }
  }

  /** Every checkpoint in the file, null for a line that is not one. */
  read(): (Checkpoint | null)[] {
    if (this.file === null || !existsSync(this.file)) return [];
    return readFileSync(this.file, 'utf8')
      .split('\n')
      .filter((l) => l.trim().length > 0)
      .map(parseCheckpoint);
  }

  /** Waits for webhook deliveries still in flight (on close). */
  async flush(): Promise<void> {
    await Promise.all([...this.sending]);
  }

  private warn(what: string): void {
    if (this.warned) return;
    this.warned = true;
    process.stderr.write(
      `vigil: audit checkpoint webhook failed (${what}); the checkpoint file still has it\n`,
    );
  }
}

function parseCheckpoint(line: string): Checkpoint | null {
  try {
    const c = JSON.parse(line) as Record<string, unknown>;
    if (
      typeof c.rows === 'number' &&
      typeof c.head === 'string' &&
      typeof c.at === 'string' &&
      typeof c.key_id === 'string' &&
      typeof c.mac === 'string'
    )
      return { rows: c.rows, head: c.head, at: c.at, key_id: c.key_id, mac: c.mac };
  } catch {
    // Reported by verify as an unreadable line.
  }
  return null;
}
