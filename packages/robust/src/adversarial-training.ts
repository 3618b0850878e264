/**
 * Adversarial training from `fit`, without a training loop: a
 * `batchTransform` (see `FitOptions` in @convkit/layers) that replaces every
 * training batch by its adversarial version against the model as it is at
 * that step. Validation batches are left clean.
 */
import { ConfigError, Rng, type Tensor } from '@convkit/core';
import type { BatchTransform, LayersModel } from '@convkit/layers';
import { type AttackLoss, checkNonNegative, type Norm, resolveAttack } from './options';
import { type IterativeAttack, runAttack } from './pgd';

/** Options of `adversarialTraining`. */
export interface AdversarialTrainingOptions {
  /**
   * `'pgd'`: PGD training (Madry et al., 2018), `steps` steps from a random start.
   * `'fgsm'`: fast adversarial training (Wong et al., 2020), one FGSM step of
   * `1.25 · eps` from a random start: about `steps` times cheaper.
   */
  method: 'pgd' | 'fgsm';
  /** Radius of the training perturbations, > 0. */
  eps: number;
  /** Ball norm. Default `'linf'`. */
  norm?: Norm;
  /** PGD steps. Default 7 (`'fgsm'`: always 1). */
  steps?: number;
  /** Step length. Default `2.5 · eps / steps` for PGD, `1.25 · eps` for FGSM. */
  stepSize?: number;
  /** Valid pixel range; `null` for none. Default `[0, 1]`. */
  clip?: readonly [number, number] | null;
  /** The loss the attack follows (default: the model's compiled loss, see `AttackOptions.loss`). */
  loss?: AttackLoss;
  /**
   * Epochs over which ε grows linearly from 0 to `eps` (from the first epoch of
   * the run), which helps a model that is still random to start learning. Default 0.
   */
  epsRampEpochs?: number;
  /** Seed of the random starts (default: the global generator, seeded by `setSeed`). */
  seed?: number;
}

/**
 * A `batchTransform` for `fit` that trains `model` on adversarial examples
 * (PGD or fast FGSM, see `AdversarialTrainingOptions.method`), generated
 * against the model being trained, in inference mode, at every step. Pass it
 * to the same model's `fit`; the options are checked here, before training.
 *
 * @param model The model that will be trained with it (compiled before `fit`).
 * @param options `method`, `eps` and the attack's options.
 * @returns The transform to pass as `fit(…, { batchTransform })`.
 * @throws ConfigError for an unknown method, `eps` ≤ 0 or not finite, or bad
 *   steps, step size, norm, clip or ramp.
 * @example
 * ```ts no-run
 * await model.fit(x, y, { epochs: 5, batchTransform: adversarialTraining(model, { method: 'pgd', eps: 0.1 }) });
 * ```
 */
export function adversarialTraining(model: LayersModel, options: AdversarialTrainingOptions): BatchTransform {
  const context = 'adversarialTraining';
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError(`${context}: options { method, eps } are required`);
  }
  const { method } = options;
  if (method !== 'pgd' && method !== 'fgsm') {
    throw new ConfigError(`${context}: method must be 'pgd' or 'fgsm', got ${String(method)}`);
  }
  const base = resolveAttack(context, options);
  checkNonNegative(context, 'eps', base.eps, true);
  let steps = 1;
  if (method === 'pgd') {
    steps = options.steps ?? 7;
    if (!Number.isInteger(steps) || steps < 1) {
      throw new ConfigError(`${context}: steps must be a positive integer, got ${String(options.steps)}`);
    }
  } else if (options.steps !== undefined && options.steps !== 1) {
    throw new ConfigError(
      `${context}: method 'fgsm' takes one step; steps ${String(options.steps)} needs method 'pgd'`,
    );
  }
  const stepSize = options.stepSize ?? (method === 'pgd' ? (2.5 * base.eps) / steps : 1.25 * base.eps);
  checkNonNegative(context, 'stepSize', stepSize, true);
  const ramp = options.epsRampEpochs ?? 0;
  if (!Number.isInteger(ramp) || ramp < 0) {
    throw new ConfigError(`${context}: epsRampEpochs must be a non-negative integer, got ${String(ramp)}`);
  }
  const attack: IterativeAttack = { ...base, steps, stepSize, randomStart: true };
  // One stream for the whole run: every batch gets fresh random starts, reproducibly.
  const rng = base.seed === undefined ? undefined : new Rng(base.seed);
  return (batch, info) => {
    const scale = ramp > 0 ? Math.min(1, (info.epoch + 1) / ramp) : 1;
    const a = { ...attack, eps: base.eps * scale, stepSize: stepSize * scale, seed: rng?.nextUint32() };
    const xs: Tensor = runAttack(
      `${context}, epoch ${info.epoch + 1}, batch ${info.step + 1}`,
      model,
      batch.xs,
      batch.ys,
      a,
    );
    return { xs, ys: batch.ys };
  };
}
