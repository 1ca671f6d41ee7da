import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultDetector } from '../../src/analyze/load.js';
import type { ItemMediaView, MediaRef } from '../../src/domain/index.js';
import { hashImage } from '../../src/match/pdq/decode.js';
import { runMediaHash } from '../../src/pipeline/media-run.js';
import { loadBankMatcher } from '../../src/presets/bank-matcher.js';
import { ensureAdmin } from '../../src/presets/workspace.js';
import { buildApp } from '../../src/server/app.js';
import { DISPLAY_MAX_SIDE } from '../../src/server/display-image.js';
import { hashPassword } from '../../src/shared/credentials.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { OpenedStore } from '../../src/store/store.js';
import { makeItem } from '../helpers/items.js';
import { syntheticPhoto } from '../helpers/synthetic-image.js';

const dataDir = mkdtempSync(join(tmpdir(), 'vigil-media-data-'));
const elsewhere = mkdtempSync(join(tmpdir(), 'vigil-media-elsewhere-'));
const mediaDir = join(dataDir, 'media');

let store: OpenedStore;
let app: FastifyInstance;
let photoBytes: Buffer;
/** Media ids by the name each was stored under. */
const ids = new Map<string, number>();
let itemId = 0;

const photo = (declared: string, path: string | null, kind: MediaRef['kind'] = 'photo'): MediaRef => ({
  kind,
  path,
  declared,
  missing: path === null,
  mime: kind === 'photo' ? 'image/jpeg' : null,
  width: null,
  height: null,
});

async function login(username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
  expect(res.statusCode).toBe(200);
  return String(res.headers['set-cookie']).split(';')[0] ?? '';
}

beforeAll(async () => {
  mkdirSync(mediaDir);
  // Taken sideways, as a phone records it: EXIF says to turn it a quarter (orientation 6).
  photoBytes = await sharp(await syntheticPhoto(1600, 1200, 'jpeg'))
    .withExif({ IFD0: { ImageDescription: 'synthetic test photo' } })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
  writeFileSync(join(mediaDir, 'photo.jpg'), photoBytes);
  writeFileSync(join(elsewhere, 'outside.jpg'), photoBytes);
  symlinkSync(join(elsewhere, 'outside.jpg'), join(mediaDir, 'link.jpg'));
  writeFileSync(join(mediaDir, 'notes.jpg'), 'plain text, not a picture\n');
  writeFileSync(
    join(mediaDir, 'vector.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="red"/></svg>',
  );
  writeFileSync(join(mediaDir, 'deleted.jpg'), photoBytes);
  writeFileSync(join(mediaDir, 'clip.mp4'), Buffer.alloc(2048, 1));

  store = await openSqliteStore(':memory:');
  const media: Record<string, MediaRef> = {
    photo: photo('photos/photo.jpg', join(mediaDir, 'photo.jpg')),
    video: photo('(File not included. Change data exporting settings to download.)', null, 'video'),
    clip: photo('video_files/clip.mp4', join(mediaDir, 'clip.mp4'), 'video'),
    // Kept as written: `join` would resolve the `..` away.
    traversal: photo('photos/outside.jpg', `${mediaDir}/../../${basename(elsewhere)}/outside.jpg`),
    link: photo('photos/link.jpg', join(mediaDir, 'link.jpg')),
    notes: photo('photos/notes.jpg', join(mediaDir, 'notes.jpg')),
    vector: photo('photos/vector.svg', join(mediaDir, 'vector.svg')),
    deleted: photo('photos/deleted.jpg', join(mediaDir, 'deleted.jpg')),
  };
  const [o] = await store.items.ingestItems([
    makeItem({ externalId: 'm1', text: 'A synthetic post with media.', media: Object.values(media) }),
  ]);
  itemId = o?.itemId ?? 0;
  const rows = await store.db.selectFrom('media').select(['id', 'position']).orderBy('position').execute();
  Object.keys(media).forEach((name, i) => {
    ids.set(name, Number(rows.find((r) => Number(r.position) === i)?.id));
  });

  // A peer's bank holds the photo's PDQ hash, and a sha256 signal later marked a false positive.
  const { pdq } = await hashImage(photoBytes);
  await store.banks.addSignals('example-bank', [
    { signal_type: 'pdq', signal_value: pdq, labels: ['terrorism'], provenance: 'test' },
  ]);
  await store.banks.addSignals('retracted-bank', [
    {
      signal_type: 'sha256',
      signal_value: createHash('sha256').update(photoBytes).digest('hex'),
      labels: [],
      provenance: 'test',
    },
  ]);
  await runMediaHash(store.media, store.alerts, await loadBankMatcher(store.banks));
  const retracted = (await store.banks.listSignals('retracted-bank'))[0];
  await store.banks.setFalsePositive(retracted?.id ?? 0, true);
  rmSync(join(mediaDir, 'deleted.jpg'));

  await ensureAdmin(store, { VIGIL_ADMIN_PASSWORD: 'admin-password-1' });
  await store.users.create('viv', 'viewer', await hashPassword('viewer-password-1'), { actor: 'test' });
  app = await buildApp({ store, detector: loadDefaultDetector(), webRoot: null, mediaRoot: dataDir });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
});

const imageUrl = (name: string) => `/api/v1/media/${ids.get(name)}/image`;

describe('media on the item detail', () => {
  it('lists each medium with its name, size, presence, PDQ hash and bank matches, never its server path', async () => {
    const cookie = await login('viv', 'viewer-password-1');
    const res = await app.inject({ url: `/api/v1/items/${itemId}`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const media = res.json().media as ItemMediaView[];
    const byId = (name: string) => media.find((m) => m.id === ids.get(name));
    expect(byId('photo')).toEqual({
      id: ids.get('photo'),
      kind: 'photo',
      name: 'photo.jpg',
      mime: 'image/jpeg',
      size: photoBytes.length,
      present: true,
      display: 'image',
      pdq: { hash: expect.stringMatching(/^[0-9a-f]{64}$/), quality: expect.any(Number) },
      // The retracted bank's signal was marked a false positive after it matched.
      matches: [{ bank: 'example-bank', signal_id: expect.any(Number), signal_type: 'pdq', distance: 0 }],
    });
    expect(byId('video')).toMatchObject({
      kind: 'video',
      present: false,
      size: null,
      display: 'absent',
      pdq: null,
    });
    expect(byId('clip')).toMatchObject({
      kind: 'video',
      present: true,
      size: 2048,
      display: 'not_a_picture',
    });
    expect(byId('traversal')?.display).toBe('outside_data_folder');
    expect(byId('link')?.display).toBe('outside_data_folder');
    expect(byId('deleted')).toMatchObject({ present: false, display: 'absent' });
    expect(JSON.stringify(media)).not.toContain(dataDir);
    // Nor does the item itself name a server path.
    expect(res.body).not.toContain(dataDir);
  });
});

describe('GET /api/v1/media/:id/image', () => {
  it('needs a signed-in user', async () => {
    const res = await app.inject({ url: imageUrl('photo') });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('serves the image decoded and encoded again, bounded in size, typed and not sniffable', async () => {
    const cookie = await login('viv', 'viewer-password-1');
    const res = await app.inject({ url: imageUrl('photo'), headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/webp');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    const served = res.rawPayload;
    expect(served.equals(photoBytes)).toBe(false);
    const meta = await sharp(served).metadata();
    expect(meta.format).toBe('webp');
    // 1600 × 1200 turned upright and scaled to fit 1024 on its long side, the aspect ratio kept,
    // with no EXIF left to read.
    expect([meta.width, meta.height]).toEqual([768, DISPLAY_MAX_SIDE]);
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
  });

  it('refuses a stored path that leads out of the data folder, by .. or by a symbolic link', async () => {
    const cookie = await login('viv', 'viewer-password-1');
    for (const name of ['traversal', 'link']) {
      const res = await app.inject({ url: imageUrl(name), headers: { cookie } });
      expect(res.statusCode, name).toBe(404);
      expect(res.json().error).toEqual({
        code: 'NOT_FOUND',
        message: expect.stringMatching(/not in the data folder/),
      });
    }
  });

  it('takes a media id, never a path', async () => {
    const cookie = await login('viv', 'viewer-password-1');
    for (const url of [
      '/api/v1/media/..%2F..%2Fetc%2Fpasswd/image',
      '/api/v1/media/1%2F..%2F..%2Fvigil.db/image',
    ]) {
      const res = await app.inject({ url, headers: { cookie } });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    }
    const escaped = await app.inject({ url: '/api/v1/media/../../../etc/passwd', headers: { cookie } });
    expect(escaped.statusCode).toBe(404);
    expect(escaped.headers['content-type']).toMatch(/^application\/json/);
  });

  it('answers a missing or never-included file with 404 and a clear message', async () => {
    const cookie = await login('viv', 'viewer-password-1');
    const cases: [string, RegExp][] = [
      [imageUrl('deleted'), /not on disk/],
      [imageUrl('video'), /not included/],
      ['/api/v1/media/99999/image', /no media 99999/],
    ];
    for (const [url, message] of cases) {
      const res = await app.inject({ url, headers: { cookie } });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.message).toMatch(message);
    }
  });

  it('answers a file that is not a raster image (text, SVG) with 415', async () => {
    const cookie = await login('viv', 'viewer-password-1');
    for (const name of ['notes', 'vector', 'clip']) {
      const res = await app.inject({ url: imageUrl(name), headers: { cookie } });
      expect(res.statusCode, name).toBe(415);
      expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA');
    }
  });

  it('shows no image at all when no data folder is configured', async () => {
    const bare = await buildApp({ store, detector: loadDefaultDetector(), webRoot: null });
    try {
      const session = await bare.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: 'viv', password: 'viewer-password-1' },
      });
      const cookie = String(session.headers['set-cookie']).split(';')[0] ?? '';
      const res = await bare.inject({ url: imageUrl('photo'), headers: { cookie } });
      expect(res.statusCode).toBe(404);
      const detail = await bare.inject({ url: `/api/v1/items/${itemId}`, headers: { cookie } });
      expect((detail.json().media as ItemMediaView[]).every((m) => m.display !== 'image')).toBe(true);
    } finally {
      await bare.close();
    }
  });
});
