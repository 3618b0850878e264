/**
 * Occlusion sensitivity (Zeiler & Fergus, 2014): slide a patch of a fill
 * value over the image and record how much the class score drops; a pixel's
 * value is the mean drop over the patches that cover it.
 */
import { ConfigError, ops, type Tensor, tensor2d, tensor4d, tidy } from '@convkit/core';
import type { LayersModel } from '@convkit/layers';
import { checkCall, checkTarget, finiteNumber, positiveInt } from './checks';
import { maskedScores, targetMask } from './scores';
import type { BatchedOptions } from './types';

/** Options of `occlusion`. */
export interface OcclusionOptions extends BatchedOptions {
  /** Patch size, `size` or `[height, width]` in pixels. Default 4. */
  window?: number | [number, number];
  /** Step between patches, `step` or `[rows, columns]`. Default: half the window (at least 1). */
  stride?: number | [number, number];
  /** Value the patch sets every channel to. Default 0. */
  fill?: number;
}

function pair(method: string, name: string, v: number | [number, number] | undefined, fallback: [number, number]) {
  const [a, b] = v === undefined ? fallback : typeof v === 'number' ? [v, v] : v;
  return [positiveInt(method, `${name}[0]`, a, 1), positiveInt(method, `${name}[1]`, b, 1)] as const;
}

/**
 * Occlusion map: for every patch position, the class score of the image
 * minus the score with the patch set to `fill`; each pixel gets the mean
 * over the patches covering it (0 where none does). Positive where hiding
 * the pixels lowers the score. Costs one forward pass per patch position.
 *
 * @param model - a classifier whose output is `[N, classes]`.
 * @param images - float32 batch `[N, H, W, C]` the model takes.
 * @param options - `window` (default 4), `stride` (default window / 2), `fill` (default 0), `target`, `batchSize` (occluded images per pass, default 32).
 * @returns a signed map `[N, H, W]` the caller owns.
 * @throws ShapeError for images of the wrong shape; ConfigError for a window larger than the image, a bad target or option.
 */
export async function occlusion(model: LayersModel, images: Tensor, options: OcclusionOptions = {}): Promise<Tensor> {
  const method = 'occlusion';
  const call = checkCall(method, model, images, options.score);
  const targets = checkTarget(method, options.target, call);
  const { n, height: h, width: w } = call;
  const [wh, ww] = pair(method, 'window', options.window, [4, 4]);
  if (wh > h || ww > w) throw new ConfigError(`${method}: window ${wh}×${ww} is larger than the images (${h}×${w})`);
  const [sh, sw] = pair(method, 'stride', options.stride, [Math.max(1, wh >> 1), Math.max(1, ww >> 1)]);
  const fillValue = finiteNumber(method, 'fill', options.fill, 0);
  const batchSize = positiveInt(method, 'batchSize', options.batchSize, 32);

  // Patch masks [P, H, W] (1 inside the patch) and how many patches cover each pixel.
  const positions: [number, number][] = [];
  for (let r = 0; r + wh <= h; r += sh) for (let c = 0; c + ww <= w; c += sw) positions.push([r, c]);
  const p = positions.length;
  const masks = new Float32Array(p * h * w);
  const cover = new Float32Array(h * w);
  positions.forEach(([r, c], k) => {
    for (let y = r; y < r + wh; y++) {
      for (let x = c; x < c + ww; x++) {
        masks[k * h * w + y * w + x] = 1;
        cover[y * w + x]++;
      }
    }
  });
  const invCover = cover.map((v) => (v > 0 ? 1 / v : 0));

  const mask = targetMask(model, images, call.classes, targets);
  const patches = tensor4d(masks, [p, h, w, 1]);
  const maps: Tensor[] = [];
  let result: Tensor | undefined;
  try {
    for (let i = 0; i < n; i++) {
      const drops: Tensor[] = [];
      try {
        const base = tidy(() =>
          maskedScores(
            model,
            ops.slice(images, [i, 0, 0, 0], [1, -1, -1, -1]),
            ops.slice(mask, [i, 0], [1, -1]),
            call.logits,
          ),
        );
        try {
          for (let start = 0; start < p; start += batchSize) {
            const size = Math.min(batchSize, p - start);
            drops.push(
              tidy(() => {
                const image = ops.slice(images, [i, 0, 0, 0], [1, -1, -1, -1]);
                const m = ops.slice(patches, [start, 0, 0, 0], [size, -1, -1, -1]);
                const occluded = ops.add(ops.mul(image, ops.sub(1, m)), ops.mul(m, fillValue));
                const rows = ops.tile(ops.slice(mask, [i, 0], [1, -1]), [size, 1]);
                return ops.sub(base, maskedScores(model, occluded, rows, call.logits)); // [size]
              }),
            );
          }
        } finally {
          base.dispose();
        }
        maps.push(
          tidy(() => {
            const d = ops.reshape(ops.concat(drops, 0), [1, p]);
            const flat = ops.matMul(d, ops.reshape(patches, [p, h * w])); // summed drop per pixel
            return ops.reshape(ops.mul(flat, tensor2d(invCover, [1, h * w])), [1, h, w]);
          }),
        );
      } finally {
        for (const d of drops) d.dispose();
      }
    }
    result = maps.length === 1 ? maps[0] : tidy(() => ops.concat(maps, 0));
    return result;
  } finally {
    mask.dispose();
    patches.dispose();
    for (const m of maps) if (m !== result) m.dispose();
  }
}
