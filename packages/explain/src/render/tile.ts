/**
 * Several RGBA images side by side in one strip, each scaled up by an integer
 * factor (nearest neighbour) — how a row of heat maps becomes one figure.
 */
import { ConfigError } from '@convkit/core';
import type { RgbaImage } from './heatmap';

/** Options of `tileImages`. */
export interface TileOptions {
  /**
   * Each pixel becomes a `scale × scale` block (nearest neighbour); a positive integer.
   *
   * @defaultValue 1
   */
  scale?: number;
  /**
   * Transparent pixels between neighbouring images (after scaling); a non-negative integer.
   *
   * @defaultValue 0
   */
  gap?: number;
}

function checkInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`tileImages: ${name} must be an integer ≥ ${min}; got ${value}`);
  }
}

/**
 * Lays images of one size side by side, left to right, each scaled up by `scale`,
 * with `gap` transparent pixels between them.
 *
 * @example
 * ```ts no-run
 * const cells = [];
 * for (let i = 0; i < 5; i++) cells.push(await renderHeatmap(maps, { index: i }));
 * await writePng('saliency.png', tileImages(cells, { scale: 4, gap: 4 }));
 * ```
 *
 * @param images - One or more RGBA images, all of the same width and height.
 * @param options - Scale and gap.
 * @returns One RGBA image `n·w·scale + (n − 1)·gap` wide and `h·scale` high.
 * @throws {ConfigError} for no images, images of different sizes, or a bad scale or gap.
 */
export function tileImages(images: readonly RgbaImage[], options: TileOptions = {}): RgbaImage {
  const { scale = 1, gap = 0 } = options;
  checkInteger('scale', scale, 1);
  checkInteger('gap', gap, 0);
  if (images.length === 0) throw new ConfigError('tileImages: no images to lay out');
  const { width: w, height: h } = images[0];
  images.forEach((image, k) => {
    if (image.width !== w || image.height !== h || image.data.length !== w * h * 4) {
      throw new ConfigError(
        `tileImages: image ${k} is ${image.width}×${image.height} (${image.data.length} bytes); image 0 is ${w}×${h} (expected ${w * h * 4} bytes each)`,
      );
    }
  });
  const cell = w * scale;
  const width = images.length * cell + (images.length - 1) * gap;
  const height = h * scale;
  const data = new Uint8ClampedArray(width * height * 4);
  images.forEach((image, k) => {
    for (let y = 0; y < height; y++) {
      const row = Math.floor(y / scale) * w;
      for (let x = 0; x < cell; x++) {
        const src = (row + Math.floor(x / scale)) * 4;
        data.set(image.data.subarray(src, src + 4), (y * width + k * (cell + gap) + x) * 4);
      }
    }
  });
  return { data, width, height };
}
