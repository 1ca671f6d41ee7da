import sharp from 'sharp';

/**
 * A synthetic photo: colour gradients under a checkerboard, textured enough for a PDQ hash of good
 * quality. Encoded as PNG unless JPEG is asked for.
 */
export async function syntheticPhoto(
  width: number,
  height: number,
  format: 'png' | 'jpeg' = 'png',
): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3;
      pixels[at] = Math.floor((x * 255) / width);
      pixels[at + 1] = Math.floor((y * 255) / height);
      pixels[at + 2] = ((x >> 6) + (y >> 6)) % 2 === 0 ? 220 : 30;
    }
  }
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 90 }).toBuffer();
}
