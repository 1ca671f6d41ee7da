/**
 * The kinds of signal a bank holds, as a typed table: how a value is validated and normalised, and
 * the names peers use for it (ThreatExchange and hasher-matcher-actioner call MD5 of videos
 * `video_md5`, of photos `photo_md5`).
 */
export interface SignalType {
  name: string;
  aliases: string[];
  /** Normalised value, or an error message naming what is wrong. */
  normalize(value: string): { ok: true; value: string } | { ok: false; message: string };
}

const hex = (len: number, what: string) => (value: string) => {
  const v = value.trim().toLowerCase();
  return new RegExp(`^[0-9a-f]{${len}}$`).test(v)
    ? ({ ok: true, value: v } as const)
    : ({ ok: false, message: `${what} must be ${len} hex digits` } as const);
};

export const SIGNAL_TYPES = [
  { name: 'pdq', aliases: ['pdq_hash', 'photo_pdq'], normalize: hex(64, 'a PDQ hash') },
  { name: 'md5', aliases: ['video_md5', 'photo_md5', 'file_md5'], normalize: hex(32, 'an MD5') },
  {
    name: 'sha256',
    aliases: ['file_sha256', 'photo_sha256', 'video_sha256'],
    normalize: hex(64, 'a SHA-256'),
  },
  {
    name: 'raw_text',
    aliases: ['text'],
    normalize: (value: string) =>
      value.trim() === '' ? { ok: false, message: 'raw_text is empty' } : { ok: true, value: value.trim() },
  },
  {
    name: 'text_minhash',
    aliases: ['vigil_text_minhash'],
    normalize: hex(1024, 'a text MinHash (128 × 32-bit)'),
  },
] as const satisfies readonly SignalType[];

export type SignalTypeName = (typeof SIGNAL_TYPES)[number]['name'];

const byName = new Map<string, SignalType>();
for (const t of SIGNAL_TYPES as readonly SignalType[]) {
  for (const n of [t.name, ...t.aliases]) {
    if (byName.has(n)) throw new Error(`signal types: duplicate name ${n}`);
    byName.set(n, t);
  }
}

export function signalType(name: string): SignalType | undefined {
  return byName.get(name.trim().toLowerCase());
}
