import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MEDIA_RETENTION_DAYS,
  DEFAULT_PHOTO_MAX_BYTES,
  mediaSettings,
  pruneMedia,
} from '../../../../src/ingest/live/telegram/media-files.js';

const NOW = new Date('2024-06-01T00:00:00Z');

function fileAged(folder: string, name: string, days: number): string {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, name);
  writeFileSync(path, 'x');
  const at = new Date(NOW.getTime() - days * 86_400_000);
  utimesSync(path, at, at);
  return path;
}

describe('downloaded media retention', () => {
  it('deletes files older than the retention period and keeps the rest', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vigil-media-'));
    const old = fileAged(join(root, '1001'), '1-1.jpg', 31);
    const recent = fileAged(join(root, '1001'), '2-2.jpg', 29);
    expect(await pruneMedia(root, 30, NOW)).toBe(1);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
  });

  it('keeps everything when retention is 0, and a missing folder is nothing to prune', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vigil-media-'));
    const old = fileAged(root, '1-1.jpg', 1000);
    expect(await pruneMedia(root, 0, NOW)).toBe(0);
    expect(existsSync(old)).toBe(true);
    expect(await pruneMedia(join(root, 'none'), 30, NOW)).toBe(0);
  });

  it('reads the size cap and retention from the environment, refusing what is not a number', () => {
    expect(mediaSettings({})).toEqual({
      photoMaxBytes: DEFAULT_PHOTO_MAX_BYTES,
      retentionDays: DEFAULT_MEDIA_RETENTION_DAYS,
    });
    expect(
      mediaSettings({ VIGIL_TELEGRAM_PHOTO_MAX_BYTES: '1000', VIGIL_TELEGRAM_MEDIA_RETENTION_DAYS: '0' }),
    ).toEqual({ photoMaxBytes: 1000, retentionDays: 0 });
    expect(() => mediaSettings({ VIGIL_TELEGRAM_MEDIA_RETENTION_DAYS: '30d' })).toThrow(
      /VIGIL_TELEGRAM_MEDIA_RETENTION_DAYS: expected a whole number/,
    );
  });
});
