import type { ItemMediaView, MediaDisplay } from '../domain/index.js';
import type { StoredMedia } from '../store/store.js';
import { locateMedia, mediaSize } from './media-files.js';

/** Image types a file of another kind may still be (a photo sent as a document). */
const IMAGE_MIME = /^image\/(jpeg|png|webp|gif|heic|heif|tiff)$/i;

/** Whether a medium is a picture the workspace may try to show. */
export function isPicture(m: Pick<StoredMedia, 'kind' | 'mime'>): boolean {
  return m.kind === 'photo' || m.kind === 'sticker' || (m.mime !== null && IMAGE_MIME.test(m.mime));
}

/** The last segment of a declared path: the name an analyst recognises, never the server's folders. */
function fileName(declared: string): string {
  return declared.split(/[\\/]/).filter(Boolean).at(-1) ?? declared;
}

async function displayOf(m: StoredMedia, present: boolean, mediaRoot: string | null): Promise<MediaDisplay> {
  if (!present) return 'absent';
  if (!isPicture(m)) return 'not_a_picture';
  const where = await locateMedia(mediaRoot, m.path);
  return where.status === 'inside' ? 'image' : where.status === 'absent' ? 'absent' : 'outside_data_folder';
}

/** An item's media as its page lists them, judged against the data folder images are shown from. */
export async function itemMediaViews(
  media: readonly StoredMedia[],
  mediaRoot: string | null,
): Promise<ItemMediaView[]> {
  return Promise.all(
    media.map(async (m) => {
      const size = await mediaSize(m.path);
      return {
        id: m.id,
        kind: m.kind,
        name: fileName(m.declared),
        mime: m.mime,
        size,
        present: size !== null,
        display: await displayOf(m, size !== null, mediaRoot),
        pdq: m.pdq !== null && m.quality !== null ? { hash: m.pdq, quality: m.quality } : null,
        matches: m.matches,
      };
    }),
  );
}
