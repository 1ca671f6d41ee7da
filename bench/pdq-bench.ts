/**
 * PDQ throughput and bank query latency: hashes 1-megapixel JPEGs (synthetic, made here), and
 * queries a bank of 1M PDQ hashes through the multi-index, printing images/s and p50/p95/p99 ms.
 *   npm run bench:pdq [-- --images 300 --bank 1000000]
 */
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { PdqIndex } from '../src/match/banks/pdq-index.js';
import { hashImage } from '../src/match/pdq/decode.js';

const { values } = parseArgs({
  options: {
    images: { type: 'string', default: '600' },
    bank: { type: 'string', default: '1000000' },
    concurrency: { type: 'string', default: '8' },
  },
});

let seed = 99;
const rnd = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 4294967296;
};

async function syntheticJpeg(k: number): Promise<Buffer> {
  const w = 1000;
  const h = 1000;
  const raw = Buffer.alloc(w * h * 3);
  const fx = 3 + (k % 7);
  const fy = 2 + (k % 5);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      raw[i] = (128 + 100 * Math.sin((x * fx) / 97 + k)) | 0;
      raw[i + 1] = (128 + 100 * Math.cos((y * fy) / 83 - k)) | 0;
      raw[i + 2] = ((x ^ y) + k * 13) & 255;
    }
  }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

const distinct = 20;
const jpegs = await Promise.all(Array.from({ length: distinct }, (_, k) => syntheticJpeg(k)));
const total = Number(values.images);
const concurrency = Number(values.concurrency);
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const k = next++;
      await hashImage(jpegs[k % distinct] as Buffer);
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    bench: 'pdq',
    input: '1000x1000 JPEG',
    images: total,
    concurrency,
    seconds: Number(seconds.toFixed(2)),
    images_per_second: Math.round(total / seconds),
  }),
);

// Bank of random hashes with planted near neighbours of the queries.
const bankSize = Number(values.bank);
const randomHex = () => {
  let s = '';
  for (let i = 0; i < 8; i++) s += ((rnd() * 2 ** 32) >>> 0).toString(16).padStart(8, '0');
  return s;
};
const flip = (hex: string, bits: number) => {
  const b = Buffer.from(hex, 'hex');
  for (let i = 0; i < bits; i++) {
    const p = Math.floor(rnd() * 256);
    b[p >> 3] = (b[p >> 3] as number) ^ (1 << (p & 7));
  }
  return b.toString('hex');
};
const queries = Array.from({ length: 2000 }, randomHex);
const bank: string[] = [];
for (let i = 0; i < bankSize; i++)
  bank.push(i < queries.length ? flip(queries[i] as string, Math.floor(rnd() * 32)) : randomHex());
const built = performance.now();
const index = new PdqIndex(bank);
const buildSeconds = (performance.now() - built) / 1000;
const times: number[] = [];
let found = 0;
for (const q of queries) {
  const t = performance.now();
  const m = index.query(q, 31);
  times.push(performance.now() - t);
  if (m.length > 0) found++;
}
times.sort((a, b) => a - b);
const pct = (p: number) =>
  Number((times[Math.min(times.length - 1, Math.floor(times.length * p))] as number).toFixed(3));
console.log(
  JSON.stringify({
    bench: 'pdq_index',
    bank: bankSize,
    queries: queries.length,
    build_seconds: Number(buildSeconds.toFixed(2)),
    planted_found: found,
    p50_ms: pct(0.5),
    p95_ms: pct(0.95),
    p99_ms: pct(0.99),
    rss_mb: Math.round(process.memoryUsage.rss() / 2 ** 20),
  }),
);
