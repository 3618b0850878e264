/**
 * Turns a drawing into an MNIST-like input, the way the MNIST digits were
 * made: crop to the ink's bounding box, scale it (keeping the aspect ratio) so
 * its longer side is 20 pixels, averaging the pixels each output pixel covers
 * (anti-aliased grey levels), then place it in a 28×28 field so that its
 * centre of mass is at the centre. Pure functions: no canvas, so tested in Node.
 */

/** Side of the box the digit is scaled into. */
export const BOX = 20;
/** Side of the output image. */
export const SIDE = 28;
/** Intensity above which a pixel counts as ink for the bounding box. */
const INK = 0.05;

/** Bounding box of the ink in a `width × height` intensity image, or undefined when blank. */
export function inkBox(
  ink: ArrayLike<number>,
  width: number,
  height: number,
): { x: number; y: number; w: number; h: number } | undefined {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > INK) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? undefined : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/**
 * The 28×28 input (values in [0, 1], row-major) for a drawing given as
 * intensities in [0, 1] (`width × height`, row-major), or undefined when
 * nothing is drawn.
 */
export function toMnistInput(ink: ArrayLike<number>, width: number, height: number): Float32Array | undefined {
  const box = inkBox(ink, width, height);
  if (!box) return undefined;
  const scale = BOX / Math.max(box.w, box.h);
  const w = Math.max(1, Math.round(box.w * scale));
  const h = Math.max(1, Math.round(box.h * scale));
  // Each output pixel averages an n × n grid of samples over the source area it covers.
  const n = Math.max(1, Math.ceil(1 / scale));
  const small = new Float32Array(w * h);
  for (let ty = 0; ty < h; ty++) {
    for (let tx = 0; tx < w; tx++) {
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const sy = Math.min(box.h - 1, Math.floor((ty + (j + 0.5) / n) / scale));
        for (let i = 0; i < n; i++) {
          const sx = Math.min(box.w - 1, Math.floor((tx + (i + 0.5) / n) / scale));
          sum += ink[(box.y + sy) * width + box.x + sx];
        }
      }
      small[ty * w + tx] = Math.min(1, sum / (n * n));
    }
  }
  // Centre of mass of the scaled digit, in pixel-centre coordinates.
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = small[y * w + x];
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  const cx = mass > 0 ? mx / mass : w / 2;
  const cy = mass > 0 ? my / mass : h / 2;
  const ox = Math.min(SIDE - w, Math.max(0, Math.round(SIDE / 2 - cx)));
  const oy = Math.min(SIDE - h, Math.max(0, Math.round(SIDE / 2 - cy)));
  const out = new Float32Array(SIDE * SIDE);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[(oy + y) * SIDE + ox + x] = small[y * w + x];
  return out;
}
