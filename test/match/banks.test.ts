import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { BankMatcher, signatureToHex } from '../../src/match/banks/bank-matcher.js';
import { detectBankFormat, parseBank, serializeBank } from '../../src/match/banks/formats.js';
import { Clusterer } from '../../src/match/minhash/clusterer.js';
import { hashImage } from '../../src/match/pdq/decode.js';

const PDQ_A = 'd8f8f0cce0f4a84f0e370a22028f67f0b36e2ed596623e1d33e6b39c4e9c9b22';

describe('hash list formats', () => {
  it('round-trips CSV and line formats with the same signals', () => {
    const csv = `signal_type,signal_value,labels\npdq,${PDQ_A.toUpperCase()},"terrorism,poster"\nvideo_md5,0123456789abcdef0123456789abcdef,\nraw_text,"strike back at every mosque",incitement\n`;
    const first = parseBank(csv, 'csv', 'list.csv');
    expect(first.errors).toEqual([]);
    expect(first.signals[0]).toEqual({
      signal_type: 'pdq',
      signal_value: PDQ_A,
      labels: ['terrorism', 'poster'],
    });
    for (const format of ['csv', 'lines'] as const) {
      if (format === 'lines') continue; // raw text with spaces is not representable in the line format
      const again = parseBank(serializeBank(first.signals, format), format, 'x');
      expect(again.signals).toEqual(first.signals);
    }
    const lines = parseBank(serializeBank(first.signals.slice(0, 2), 'lines'), 'lines', 'x');
    expect(lines.signals).toEqual(first.signals.slice(0, 2));
  });
  it('names the line of a bad signal', () => {
    const r = parseBank('signal_type,signal_value,labels\npdq,abc,\nwhatever,1,\n', 'csv', 'bad.csv');
    expect(r.errors).toEqual([
      {
        file: 'bad.csv',
        line: 2,
        field: 'signal_value',
        message: 'hash list: column "signal_value": a PDQ hash must be 64 hex digits',
      },
      {
        file: 'bad.csv',
        line: 3,
        field: 'signal_type',
        message: expect.stringContaining(
          'hash list: column "signal_type": unknown signal type "whatever" (known: pdq,',
        ),
      },
    ]);
  });
});

describe('hash lists as other tools write them', () => {
  it('reads a bare one-hash-a-line PDQ list with --signal-type, and says what is missing without it', () => {
    const bare = `${PDQ_A}\n\n${PDQ_A.replace('d8', 'd9')}\n`;
    expect(detectBankFormat(bare)).toBe('bare');
    const typed = parseBank(bare, 'bare', 'meta.txt', { signalType: 'pdq' });
    expect(typed.errors).toEqual([]);
    expect(typed.signals.map((s) => s.signal_type)).toEqual(['pdq', 'pdq']);
    const untyped = parseBank(bare, 'bare', 'meta.txt');
    expect(untyped.signals).toEqual([]);
    expect(untyped.errors).toEqual([
      expect.objectContaining({
        line: 1,
        field: 'signal_type',
        message: expect.stringContaining('--signal-type'),
      }),
    ]);
    // 32 digits can only be MD5.
    expect(parseBank('0123456789abcdef0123456789abcdef\n', 'bare', 'x').signals[0]?.signal_type).toBe('md5');
  });

  it('reads python-threatexchange CSV (signal_str) and its "pdq <hash>" lines, detecting each', () => {
    const csv = `signal_type,signal_str,labels\npdq,${PDQ_A},poster\n`;
    expect(detectBankFormat(csv)).toBe('csv');
    expect(parseBank(csv, 'csv', 'te.csv').signals).toEqual([
      { signal_type: 'pdq', signal_value: PDQ_A, labels: ['poster'] },
    ]);
    const lines = `pdq ${PDQ_A}\n`;
    expect(detectBankFormat(lines)).toBe('lines');
    expect(parseBank(lines, 'lines', 'te.txt').signals).toHaveLength(1);
  });
});

describe('bank matching', () => {
  it('matches an edited copy of an imported image, and not after a false-positive mark', async () => {
    const w = 400;
    const h = 300;
    const raw = Buffer.alloc(w * h * 3);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const i = (y * w + x) * 3;
        raw[i] = (x * 7 + y * 3) % 256;
        raw[i + 1] = ((x >> 4) * 40 + (y >> 5) * 20) % 256;
        raw[i + 2] = x < 200 === y < 150 ? 220 : 30;
      }
    const original = await sharp(raw, { raw: { width: w, height: h, channels: 3 } })
      .jpeg({ quality: 90 })
      .toBuffer();
    const edited = await sharp(original)
      .resize(300)
      .modulate({ brightness: 1.1 })
      .jpeg({ quality: 60 })
      .toBuffer();
    const a = await hashImage(original);
    const b = await hashImage(edited);
    const imported = parseBank(`signal_type,signal_value,labels\npdq,${a.pdq},poster\n`, 'csv', 'x').signals;
    const signals = imported.map((s, i) => ({ ...s, id: i + 1, bank: 'peers' }));
    const matches = new BankMatcher(signals).matchPdq(b.pdq, b.quality);
    expect(matches).toHaveLength(1);
    expect(matches[0]?.distance).toBeLessThanOrEqual(31);
    expect(new BankMatcher([]).matchPdq(b.pdq, b.quality)).toEqual([]);
    expect(new BankMatcher(signals).matchPdq(b.pdq, 10)).toEqual([]); // below quality 50
  });
  it('matches file hashes exactly and texts by MinHash', () => {
    const c = new Clusterer();
    const sig = (t: string) => c.signatureOf(t).signature;
    const m = new BankMatcher(
      [
        {
          id: 1,
          bank: 'b',
          signal_type: 'video_md5',
          signal_value: '0123456789abcdef0123456789abcdef',
          labels: [],
        },
        {
          id: 2,
          bank: 'b',
          signal_type: 'raw_text',
          signal_value: 'now we strike back at every mosque in the town',
          labels: [],
        },
        {
          id: 3,
          bank: 'b',
          signal_type: 'text_minhash',
          signal_value: signatureToHex(sig('join the ranks of the brothers today and make hijrah')),
          labels: [],
        },
      ],
      undefined,
      sig,
    );
    expect(m.matchFile({ md5: '0123456789abcdef0123456789abcdef' }).map((x) => x.signal.id)).toEqual([1]);
    expect(
      m.matchText(sig('Now we strike back at every mosque in the town!! #revenge')).map((x) => x.signal.id),
    ).toEqual([2]);
    expect(
      m.matchText(sig('join the ranks of the brothers today and make hijrah')).map((x) => x.signal.id),
    ).toEqual([3]);
    expect(m.matchText(sig('a quiet day at the market'))).toEqual([]);
  });
});
