import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PdqIndex } from '../../src/match/banks/pdq-index.js';
import { hashImage, hashingSize } from '../../src/match/pdq/decode.js';
import { hammingHex } from '../../src/match/pdq/pdq.js';

const PDQ_DATA = join(import.meta.dirname, '../../../shared/data/pdq');
const haveData = existsSync(join(PDQ_DATA, 'expected.csv'));

describe.skipIf(!haveData)('PDQ against Meta reference vectors (../shared/data/pdq)', () => {
  const expected = haveData
    ? readFileSync(join(PDQ_DATA, 'expected.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',') as [string, string])
    : [];

  it('hashes every reference image within distance 16, the PNG exactly', async () => {
    for (const [file, pdq] of expected) {
      const h = await hashImage(join(PDQ_DATA, file));
      const d = hammingHex(h.pdq, pdq);
      if (file.endsWith('.png')) expect(d, file).toBe(0);
      else expect(d, file).toBeLessThanOrEqual(16);
    }
  });

  it('hashes every edit of the original within distance 31', async () => {
    const original = await hashImage(join(PDQ_DATA, 'images/bridge-1-original.jpg'));
    for (const file of readdirSync(join(PDQ_DATA, 'images/bridge-mods'))) {
      const h = await hashImage(join(PDQ_DATA, 'images/bridge-mods', file));
      expect(hammingHex(h.pdq, original.pdq), file).toBeLessThanOrEqual(31);
    }
  });

  it('derives the dihedral variants from one decode', async () => {
    const h = await hashImage(join(PDQ_DATA, 'images/bridge-1-original.jpg'));
    const byName = Object.fromEntries(expected);
    expect(
      hammingHex(h.dihedral.rotate270, byName['images/bridge-4-rotate-270.jpg'] ?? ''),
    ).toBeLessThanOrEqual(16);
    expect(hammingHex(h.dihedral.flipX, byName['images/bridge-5-flipx.jpg'] ?? '')).toBeLessThanOrEqual(16);
    expect(
      hammingHex(h.dihedral.flipPlus1, byName['images/bridge-7-flip-plus-1.jpg'] ?? ''),
    ).toBeLessThanOrEqual(16);
    for (const d of Object.values(h.dihedral)) expect(d).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('PDQ on synthetic images', () => {
  it('gives quality 0 and a zero hash to images too small to hash', async () => {
    const tiny = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    expect(await hashImage(tiny)).toMatchObject({ pdq: '0'.repeat(64), quality: 0 });
  });
  it('scales large images to 512 on the long side, rounding the short side down', () => {
    expect(hashingSize(1432, 812)).toEqual({ width: 512, height: 290 });
    expect(hashingSize(300, 200)).toEqual({ width: 300, height: 200 });
  });
  it('rejects a file that is not an image with a clear error', async () => {
    await expect(hashImage(Buffer.from('not an image'))).rejects.toThrow();
  });
});

describe('PDQ multi-index', () => {
  const randomHex = () =>
    fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'));
  it('finds exactly what a linear scan finds within distance 31', () => {
    fc.assert(
      fc.property(
        fc.array(randomHex(), { minLength: 50, maxLength: 200 }),
        fc.integer({ min: 0, max: 31 }),
        fc.nat(),
        (hashes, flips, pick) => {
          const target = hashes[pick % hashes.length] as string;
          // A query at `flips` bits from one indexed hash.
          const bits = Buffer.from(target, 'hex');
          for (let k = 0; k < flips; k++)
            bits[(k * 37) % 32] = (bits[(k * 37) % 32] as number) ^ (1 << (k % 8));
          const query = bits.toString('hex');
          const index = new PdqIndex(hashes);
          const got = index
            .query(query, 31)
            .map((m) => m.id)
            .sort((a, b) => a - b);
          const want = hashes
            .map((h, i) => [i, hammingHex(h, query)] as const)
            .filter(([, d]) => d <= 31)
            .map(([i]) => i);
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});
