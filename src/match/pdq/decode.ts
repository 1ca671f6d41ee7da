import sharp from 'sharp';
import { type Dihedral, pdqFromPixels } from './pdq.js';

// Images are hashed several at a time; one libvips thread per image avoids oversubscribing the cores.
sharp.concurrency(1);

export interface ImageHash {
  pdq: string;
  quality: number;
  dihedral: Record<Dihedral, string>;
  width: number;
  height: number;
}

/**
 * Images larger than 512 pixels on a side are first scaled down, keeping the aspect ratio with the
 * short side rounded down, as Meta's reference hashers do (the Jarosz filter is slow at full size).
 * Measured on Meta's vectors: this scaling reproduces the lossless PNG bit for bit, where hashing
 * at full size or rounding the short side to nearest differs by 2–6 bits.
 */
export const DOWNSAMPLE_DIMS = 512;

export function hashingSize(width: number, height: number): { width: number; height: number } {
  if (width <= DOWNSAMPLE_DIMS && height <= DOWNSAMPLE_DIMS) return { width, height };
  return width >= height
    ? { width: DOWNSAMPLE_DIMS, height: Math.max(1, Math.floor((height * DOWNSAMPLE_DIMS) / width)) }
    : { width: Math.max(1, Math.floor((width * DOWNSAMPLE_DIMS) / height)), height: DOWNSAMPLE_DIMS };
}

/**
 * Decodes an image (JPEG, PNG, WebP, GIF — the first frame) with sharp, applies its EXIF
 * orientation, and hashes it with PDQ, all eight dihedral variants from the one decode. Pixel
 * values are taken as stored (embedded colour profiles are not applied), as the reference does.
 */
export async function hashImage(input: string | Buffer): Promise<ImageHash> {
  const image = sharp(input, { pages: 1, failOn: 'error', ignoreIcc: true }).rotate();
  const meta = await image.metadata();
  // EXIF orientations 5–8 swap width and height.
  const swap = (meta.orientation ?? 1) >= 5;
  const width = (swap ? meta.height : meta.width) ?? 0;
  const height = (swap ? meta.width : meta.height) ?? 0;
  const size = hashingSize(width, height);
  const pipeline =
    size.width === width && size.height === height
      ? image
      : image.resize(size.width, size.height, { fit: 'fill', kernel: 'linear' });
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  const { quality, hashes } = pdqFromPixels(data, info.width, info.height, info.channels);
  return { pdq: hashes.original, quality, dihedral: hashes, width, height };
}
