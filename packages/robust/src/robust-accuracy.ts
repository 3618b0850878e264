/**
 * Robust accuracy: the share of images the model classifies correctly both
 * as they are and after an attack within ε, for several ε, streaming over
 * batches. A misclassified clean image counts as broken at every ε (the
 * clean image is itself inside the ball). One asynchronous read per batch.
 */
import { type Batch, type BatchSource, ConfigError, dispose, ops, type Tensor, tidy } from '@convkit/core';
import { isTensor, type LayersModel } from '@convkit/layers';
import { fgsm } from './fgsm';
import { checkBatch, checkPositiveInt, resolveAttack } from './options';
import { type PgdOptions, pgd, resolvePgd } from './pgd';

/** A custom attack for `robustAccuracy`: adversarial images for `x, y` at `eps` (a new tensor). */
export type AttackFn = (x: Tensor, y: Tensor, eps: number) => Tensor;

/** Options of `robustAccuracy`. */
export interface RobustAccuracyOptions extends Omit<PgdOptions, 'eps' | 'targeted'> {
  /** The radii to attack at, e.g. `[0.1, 0.2, 0.3]`; each ≥ 0. */
  eps: readonly number[];
  /** `'pgd'` (default), `'fgsm'` (one step of `eps`; `steps`, `stepSize`, `randomStart` unused) or a function. */
  attack?: 'pgd' | 'fgsm' | AttackFn;
  /** Images per batch when `x` is a tensor. Default 128. */
  batchSize?: number;
  /** Called after every batch. */
  onProgress?: (progress: RobustProgress) => void;
}

/** What `onProgress` is told after a batch. */
export interface RobustProgress {
  /** Batches done (from 1). */
  batch: number;
  /** Batches in all, when known. */
  batches?: number;
  /** Images done. */
  samples: number;
}

/** One row of the result: the clean and the robust accuracy at one ε. */
export interface RobustAccuracyRow {
  /** Attack name: `'pgd-10 linf'`, `'fgsm linf'`, `'custom'`. */
  attack: string;
  eps: number;
  /** Share of images classified correctly as they are. */
  cleanAccuracy: number;
  /** Share classified correctly as they are and after the attack. */
  robustAccuracy: number;
  /** Images evaluated. */
  samples: number;
}

/** The class ids of `y` (class ids, `[n, 1]` ids, or one-hot / soft rows of `k` columns), as int32 `[n]`. */
function truthIds(y: Tensor, k: number): Tensor {
  if (k > 1 && y.rank === 2 && y.shape[1] === k) return ops.argMax(y, -1);
  if (k === 1) return ops.cast(ops.greater(ops.reshape(y, [-1]), 0.5), 'int32');
  return ops.cast(ops.reshape(y, [-1]), 'int32');
}

/** 1 where the model's prediction for `x` is the class in `truth`, else 0 (float32 `[n]`). */
function correct(model: LayersModel, x: Tensor, truth: Tensor): Tensor {
  const out = model.call(x, { training: false });
  const k = out.shape[out.rank - 1];
  const pred = k === 1 ? ops.cast(ops.greater(ops.reshape(out, [-1]), 0.5), 'int32') : ops.argMax(out, -1);
  return ops.cast(ops.equal(pred, truth), 'float32');
}

function batchesOf(x: Tensor, y: Tensor, size: number): BatchSource {
  const n = x.shape[0];
  const slice = (t: Tensor, start: number, len: number) =>
    ops.slice(t, [start, ...t.shape.slice(1).map(() => 0)], [len, ...t.shape.slice(1).map(() => -1)]);
  function* gen(): Generator<Batch> {
    for (let s = 0; s < n; s += size) {
      const len = Math.min(size, n - s);
      yield { xs: slice(x, s, len), ys: slice(y, s, len) };
    }
  }
  return Object.assign({ [Symbol.iterator]: gen }, { batchCount: Math.ceil(n / size) });
}

/**
 * Clean and robust accuracy of `model` at every ε of `options.eps`, one row
 * per ε, over `x, y` (in batches) or over a batch source (a `@convkit/data`
 * dataset's batches; each batch is disposed after use). Untargeted attacks;
 * the model runs in inference mode. Print the rows with `formatRobustTable`.
 *
 * @param model A compiled model (or pass `options.loss`).
 * @param x Images `[n, …inputShape]` in the pixel range, or a batch source.
 * @param y True labels (class ids or one-hot) when `x` is a tensor.
 * @param options `eps` (a list), the attack and its options, `batchSize`, `onProgress`.
 * @returns One row per ε, in the order given.
 * @throws ConfigError for an empty or invalid ε list or attack options (before
 *   any work); ShapeError for images that do not fit the model.
 * @example
 * ```ts no-run
 * const rows = await robustAccuracy(model, x, y, { eps: [0.1, 0.2, 0.3], attack: 'pgd', steps: 20 });
 * console.log(formatRobustTable(rows));
 * ```
 */
export async function robustAccuracy(
  model: LayersModel,
  x: Tensor | BatchSource,
  y: Tensor | RobustAccuracyOptions,
  options?: RobustAccuracyOptions,
): Promise<RobustAccuracyRow[]> {
  const context = 'robustAccuracy';
  const opts = (isTensor(x) ? options : (y as RobustAccuracyOptions)) as RobustAccuracyOptions | undefined;
  if (!opts || !Array.isArray(opts.eps) || opts.eps.length === 0) {
    throw new ConfigError(`${context}: options.eps must be a non-empty list of radii, e.g. [0.1, 0.2, 0.3]`);
  }
  if (isTensor(x) && !isTensor(y)) throw new ConfigError(`${context}(model, x, y, options): y must be a tensor`);
  const attack = opts.attack ?? 'pgd';
  if (attack !== 'pgd' && attack !== 'fgsm' && typeof attack !== 'function') {
    throw new ConfigError(`${context}: attack must be 'pgd', 'fgsm' or a function, got ${String(attack)}`);
  }
  // Check every ε (and the attack's options) before the first batch.
  const resolved = opts.eps.map((eps) =>
    attack === 'pgd'
      ? resolvePgd(context, { ...opts, eps })
      : { ...resolveAttack(context, { ...opts, eps }), steps: 1 },
  );
  const batchSize = checkPositiveInt(context, 'batchSize', opts.batchSize ?? 128);
  const name =
    typeof attack === 'function'
      ? 'custom'
      : attack === 'pgd'
        ? `pgd-${resolved[0].steps} ${resolved[0].norm}`
        : `fgsm ${resolved[0].norm}`;
  const run = (xb: Tensor, yb: Tensor, eps: number): Tensor => {
    if (typeof attack === 'function') return attack(xb, yb, eps);
    const o = { ...opts, eps, targeted: false };
    return attack === 'pgd' ? pgd(model, xb, yb, o) : fgsm(model, xb, yb, o);
  };
  const source = isTensor(x) ? batchesOf(x, y as Tensor, batchSize) : x;
  const hits = new Float64Array(opts.eps.length + 1);
  let samples = 0;
  let batch = 0;
  for await (const b of source as AsyncIterable<Batch>) {
    batch++;
    let counts: Tensor | undefined;
    try {
      checkBatch(`${context}, batch ${batch}`, model, b.xs, b.ys);
      counts = tidy(() => {
        const k = model.outputShape[model.outputShape.length - 1] ?? 1;
        const truth = truthIds(b.ys, k);
        const clean = correct(model, b.xs, truth);
        const perEps = opts.eps.map((eps) => {
          const adv = run(b.xs, b.ys, eps);
          return ops.sum(ops.mul(clean, correct(model, adv, truth)));
        });
        return ops.stack([ops.sum(clean), ...perEps]);
      });
      const values = await counts.data();
      for (let i = 0; i < values.length; i++) hits[i] += values[i];
      samples += b.xs.shape[0];
    } finally {
      dispose([b.xs, b.ys, ...(counts ? [counts] : [])]);
    }
    opts.onProgress?.({ batch, batches: source.batchCount, samples });
  }
  if (samples === 0) throw new ConfigError(`${context}: the data is empty (no batch)`);
  return opts.eps.map((eps, i) => ({
    attack: name,
    eps,
    cleanAccuracy: hits[0] / samples,
    robustAccuracy: hits[i + 1] / samples,
    samples,
  }));
}
