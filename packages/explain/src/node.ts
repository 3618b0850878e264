/**
 * @convkit/explain/node — PNG files of heat maps in Node. A separate entry
 * so that browser bundles of `@convkit/explain` never include the encoder or
 * `node:fs`. Encoding uses `fast-png` (pure JavaScript, no native build).
 */
import { ConfigError } from '@convkit/core';
import { writeAtomically } from '@convkit/layers';
import type { RgbaImage } from './render/heatmap';

export type { RgbaImage } from './render/heatmap';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Encodes RGBA pixels as a PNG (8 bits per channel).
 * @param image - pixels from `renderHeatmap`.
 * @returns the PNG file's bytes.
 * @throws ConfigError when `data` does not hold `width × height × 4` bytes.
 */
export async function encodePng(image: RgbaImage): Promise<Uint8Array> {
  const { width, height, data } = image;
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width < 1 ||
    height < 1 ||
    data.length !== width * height * 4
  ) {
    throw new ConfigError(
      `encodePng: expected ${width}×${height}×4 = ${width * height * 4} bytes of RGBA; got ${data?.length ?? 'none'}`,
    );
  }
  const { encode } = await import('fast-png');
  return encode({
    width,
    height,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    channels: 4,
    depth: 8,
  });
}

/**
 * Writes RGBA pixels to a PNG file, atomically (a temporary sibling renamed
 * into place). Replaces an existing PNG; refuses to replace any other file or
 * a folder (`ConfigError`). Missing parent folders are created.
 * @param path - the file to write, e.g. `'saliency-0.png'`.
 * @param image - pixels from `renderHeatmap`.
 * @returns the absolute path written.
 * @throws ConfigError for a target that is not a PNG; FileSystemError when the file cannot be written.
 * @example
 * ```ts no-run
 * await writePng('cam.png', await renderHeatmap(cam, { image: images }));
 * ```
 */
export async function writePng(path: string, image: RgbaImage): Promise<string> {
  const bytes = await encodePng(image);
  return writeAtomically(
    {
      target: path,
      kind: 'file',
      what: 'the PNG',
      async recognise(existing) {
        const { readFile } = await import('node:fs/promises');
        const head = (await readFile(existing)).subarray(0, 8);
        return SIGNATURE.every((b, i) => head[i] === b)
          ? undefined
          : 'is a file that is not a PNG; choose another path';
      },
    },
    async (tmp) => {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(tmp, bytes, { flag: 'wx' });
    },
  );
}
