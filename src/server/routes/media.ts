import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VigilError } from '../../domain/index.js';
import type { ItemBrowser } from '../../store/store.js';
import { DISPLAY_TYPE, displayImage } from '../display-image.js';
import { DISPLAY_MAX_BYTES, locateMedia, readLocated } from '../media-files.js';

interface MediaDeps {
  browse: ItemBrowser;
  /** The data folder: images are shown only from inside it; null shows none. */
  mediaRoot: string | null;
}

/**
 * `GET /api/v1/media/:id/image`: one stored image for display. The request names a media id, never
 * a path; the stored path is served only from inside the data folder, and only as pixels decoded
 * and encoded again (`displayImage`), so the browser never receives the file as it was collected.
 */
export async function registerMediaRoutes(root: FastifyInstance, deps: MediaDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/media/:id/image',
    {
      config: { role: 'viewer' },
      schema: { params: z.object({ id: z.coerce.number().int().positive() }) },
    },
    async (req, reply) => {
      const id = req.params.id;
      const file = await deps.browse.mediaFile(id);
      if (!file) throw new VigilError('NOT_FOUND', `no media ${id}`);
      if (file.path === null)
        throw new VigilError('NOT_FOUND', `media ${id}: the file was not included by its source`);
      const where = await locateMedia(deps.mediaRoot, file.path);
      if (where.status === 'absent')
        throw new VigilError('NOT_FOUND', `media ${id}: the file is not on disk`);
      if (where.status === 'outside')
        throw new VigilError('NOT_FOUND', `media ${id}: the file is not in the data folder`);
      const bytes = await readLocated(where.realPath);
      if (bytes === null) throw new VigilError('NOT_FOUND', `media ${id}: the file is not on disk`);
      if (bytes === 'too_large')
        throw new VigilError(
          'UNSUPPORTED_MEDIA',
          `media ${id}: larger than ${DISPLAY_MAX_BYTES / 1024 / 1024} MB, not decoded for display`,
        );
      const image = await displayImage(bytes);
      if (image === null)
        throw new VigilError(
          'UNSUPPORTED_MEDIA',
          `media ${id}: not an image Vigil can show (JPEG, PNG, WebP, GIF, HEIF or TIFF expected)`,
        );
      return reply
        .type(DISPLAY_TYPE)
        .header('x-content-type-options', 'nosniff')
        .header('cross-origin-resource-policy', 'same-origin')
        .send(image);
    },
  );
}
