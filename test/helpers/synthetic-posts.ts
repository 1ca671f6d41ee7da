import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** Short synthetic posts (invented places, no real persons), a few of them ones the detector flags. */
const TEMPLATES = [
  (i: number) => `Market day ${i} in Eastbrook: bread prices steady, the bakery on Mill Lane opens late.`,
  (i: number) => `Weather note ${i}: rain over the Northvale hills, clearing by the evening.`,
  (i: number) => `Community notice ${i}: the library in Westford hosts a reading group on Thursday.`,
  (i: number) => `They attacked our town again. Now we strike back at every mosque in Eastbrook. #${i}`,
  (i: number) => `Council meeting ${i} agreed new bus times for the Harbour district.`,
];

/** Writes `count` JSONL posts (id, text, posted_at, source) to `file`. */
export async function writeSyntheticPosts(
  file: string,
  count: number,
  source = 'synthetic channel',
): Promise<void> {
  const out = createWriteStream(file);
  const start = Date.parse('2026-03-01T00:00:00Z');
  for (let i = 0; i < count; i++) {
    const text = (TEMPLATES[i % TEMPLATES.length] as (i: number) => string)(i);
    const line = `${JSON.stringify({ id: `p${i}`, text, posted_at: new Date(start + i * 1000).toISOString(), source })}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
