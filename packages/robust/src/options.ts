/**
 * The options every attack shares and their checks. Every option is checked
 * before any tensor is created, so a refused call leaks nothing; the errors
 * name the function, the option and the value received.
 */
import { ConfigError, DataFormatError, formatShape, ShapeError, type Tensor } from '@convkit/core';
import type { LayersModel, LossFn } from '@convkit/layers';

/** The norm of the perturbation ball: `'linf'` (max absolute change per pixel) or `'l2'` (Euclidean length per image). */
export type Norm = 'linf' | 'l2';

/** A loss the attack maximises (untargeted) or minimises (targeted): `(yTrue, yPred) => scalar`. */
export type AttackLoss = LossFn | ((yTrue: Tensor, yPred: Tensor) => Tensor);

/** Options shared by `fgsm` and `pgd`. */
export interface AttackOptions {
  /** Radius of the perturbation ball (in pixel units for `'linf'`, per image for `'l2'`); ≥ 0. */
  eps: number;
  /** Ball norm. Default `'linf'`. */
  norm?: Norm;
  /**
   * `y` holds the classes to reach rather than the true classes: the attack
   * lowers the loss toward them instead of raising the loss of the truth.
   * Default false.
   */
  targeted?: boolean;
  /** Valid pixel range the adversarial images are clipped to; `null` for none. Default `[0, 1]`. */
  clip?: readonly [number, number] | null;
  /**
   * The loss whose gradient drives the attack. Default: the model's compiled
   * loss; for cross-entropy on a softmax output, the same cross-entropy
   * without the clip of probabilities at 1 − 1e-7, whose zero gradient would
   * hide confident predictions from the attack (gradient masking).
   */
  loss?: AttackLoss;
  /** Seed of the random start (default: the global generator, seeded by `setSeed`). */
  seed?: number;
}

/** Options after the checks, defaults filled in. */
export interface ResolvedAttack {
  eps: number;
  norm: Norm;
  targeted: boolean;
  clip: readonly [number, number] | null;
  loss?: AttackLoss;
  seed?: number;
}

/** Throws a `ConfigError` unless `value` is a finite number ≥ 0 (> 0 when `strict`). */
export function checkNonNegative(context: string, name: string, value: unknown, strict = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (strict && value === 0)) {
    throw new ConfigError(
      `${context}: ${name} must be a finite number ${strict ? '> 0' : '≥ 0'}, got ${String(value)}`,
    );
  }
  return value;
}

/** Throws a `ConfigError` unless `value` is an integer ≥ 1. */
export function checkPositiveInt(context: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ConfigError(`${context}: ${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/** Checks the shared options (see `AttackOptions`) and fills in the defaults. */
export function resolveAttack(context: string, options: AttackOptions): ResolvedAttack {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError(`${context}: options { eps, … } are required`);
  }
  const eps = checkNonNegative(context, 'eps', options.eps);
  const norm = options.norm ?? 'linf';
  if (norm !== 'linf' && norm !== 'l2') {
    throw new ConfigError(`${context}: norm must be 'linf' or 'l2', got ${String(norm)}`);
  }
  const clip = options.clip === undefined ? ([0, 1] as const) : options.clip;
  if (clip !== null) {
    const ok =
      Array.isArray(clip) &&
      clip.length === 2 &&
      clip.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
      clip[0] < clip[1];
    if (!ok) throw new ConfigError(`${context}: clip must be [min, max] with min < max, or null; got ${String(clip)}`);
  }
  if (options.loss !== undefined && typeof options.loss !== 'function') {
    throw new ConfigError(`${context}: loss must be a function (yTrue, yPred) => scalar`);
  }
  if (options.seed !== undefined && !Number.isInteger(options.seed)) {
    throw new ConfigError(`${context}: seed must be an integer, got ${String(options.seed)}`);
  }
  return { eps, norm, targeted: options.targeted ?? false, clip, loss: options.loss, seed: options.seed };
}

/**
 * Throws unless `x` is a float32 batch of the model's input shape and `y`
 * has as many rows: a `ShapeError` naming both shapes, a `DataFormatError`
 * for the dtype.
 */
export function checkBatch(context: string, model: LayersModel, x: Tensor, y: Tensor): void {
  const expected = model.inputShape;
  const fits = x.rank === expected.length && expected.every((d, i) => i === 0 || d === null || d === x.shape[i]);
  if (!fits) {
    throw new ShapeError(
      `${context}: ${model.describe()} expects images of shape ${formatShape(expected)}, received ${formatShape(x.shape)}`,
    );
  }
  if (x.dtype !== 'float32') {
    throw new DataFormatError(
      `${context}: expected float32 images, received ${x.dtype} of shape ${formatShape(x.shape)}`,
    );
  }
  if (y.rank < 1 || y.shape[0] !== x.shape[0]) {
    throw new ShapeError(
      `${context}: images ${formatShape(x.shape)} and labels ${formatShape(y.shape)} differ in batch size`,
    );
  }
  if (x.shape[0] === 0) throw new ShapeError(`${context}: the batch is empty (${formatShape(x.shape)})`);
}
