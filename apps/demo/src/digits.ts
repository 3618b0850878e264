/**
 * Reads the digit files the build emits (see build/digits.ts for the layout):
 * `CKDG`, uint32 LE count n, n × 784 uint8 pixels, n uint8 labels.
 */

/** Pixels per digit (28 × 28). */
export const PIXELS = 784;

/** A set of digits as the files hold them. */
export interface Digits {
  count: number;
  /** n × 784 pixels, 0..255. */
  pixels: Uint8Array;
  /** n labels, 0..9. */
  labels: Uint8Array;
}

/** Parses a digit file; throws naming `source` when the bytes are not one. */
export function parseDigits(bytes: Uint8Array, source: string): Digits {
  const magic = new TextDecoder().decode(bytes.subarray(0, 4));
  if (bytes.length < 8 || magic !== 'CKDG') throw new Error(`${source} is not a convkit demo digit file`);
  const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (bytes.length !== 8 + count * (PIXELS + 1))
    throw new Error(`${source}: ${bytes.length} bytes, expected ${8 + count * (PIXELS + 1)} for ${count} digits`);
  return {
    count,
    pixels: bytes.subarray(8, 8 + count * PIXELS),
    labels: bytes.subarray(8 + count * PIXELS),
  };
}

/** The first `n` digits of `digits` (all of them when there are fewer); shares the bytes. */
export function firstDigits(digits: Digits, n: number): Digits {
  const count = Math.min(digits.count, Math.max(0, Math.floor(n)));
  return { count, pixels: digits.pixels.subarray(0, count * PIXELS), labels: digits.labels.subarray(0, count) };
}

/** Downloads and parses a digit file. */
export async function fetchDigits(url: string): Promise<Digits> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not load ${url}: HTTP ${res.status}`);
  return parseDigits(new Uint8Array(await res.arrayBuffer()), url);
}

/** Pixels scaled to [0, 1] as float32, ready for a tensor. */
export function toFloat(pixels: Uint8Array): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i] / 255;
  return out;
}
