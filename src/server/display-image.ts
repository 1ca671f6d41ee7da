import sharp from 'sharp';

/** The long side of an image as the workspace shows it, in pixels. */
export const DISPLAY_MAX_SIDE = 1024;
export const DISPLAY_TYPE = 'image/webp';

/**
 * Raster formats decoded for display. SVG, PDF and the like are not: they carry markup or scripts,
 * and a picture under analysis never needs them.
 */
const DISPLAYABLE_FORMATS: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp', 'gif', 'heif', 'tiff']);

/** Decoding stops past this many pixels, so a crafted header cannot claim gigapixels of memory. */
const MAX_INPUT_PIXELS = 50_000_000;

/**
 * Decodes a stored image and encodes it again as WebP, at most `DISPLAY_MAX_SIDE` pixels on its
 * long side, turned upright by its EXIF orientation and stripped of its metadata (EXIF places,
 * camera serials). The browser never receives the original bytes, so nothing crafted in them
 * reaches its decoders. Null when the bytes are not an image in a displayable format.
 */
export async function displayImage(bytes: Buffer): Promise<Buffer | null> {
  try {
    const image = sharp(bytes, { pages: 1, failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS });
    const meta = await image.metadata();
    if (!meta.format || !DISPLAYABLE_FORMATS.has(meta.format)) return null;
    return await image
      .rotate()
      .resize({
        width: DISPLAY_MAX_SIDE,
        height: DISPLAY_MAX_SIDE,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .webp({ quality: 80 })
      .toBuffer();
  } catch {
    // Undecodable, truncated or over the pixel limit: an expected outcome for hostile files.
    return null;
  }
}
