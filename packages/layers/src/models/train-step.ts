/**
 * One guarded optimisation step: the same behaviour on every backend. The
 * step runs the forward and backward passes and the optimizer update, then
 * reads, in one asynchronous read, the loss and the checks of everything the
 * step touched — the inputs and targets (finite, targets valid for the loss),
 * every gradient, and every weight and optimizer slot after the update, each
 * as one fused `x · 0` sum (see `finite.ts`). Only when all of them pass is
 * the step committed; otherwise the weights (moving statistics included) and
 * the optimizer state (slots and iteration count) are put back as they were
 * and the step throws `NonFiniteError` (or `DataFormatError` for invalid
 * targets). The guard never relies on a NaN propagating through a clip, a
 * max or a comparison, whose NaN semantics differ between backends.
 *
 * The snapshot costs no copy: `clone` shares the data (reference counted)
 * and `assign` swaps data, never writes into it.
 */
import {
  ConfigError,
  clone,
  dispose,
  keep,
  type NamedState,
  NonFiniteError,
  type Optimizer,
  ops,
  scalar,
  type Tensor,
  tidy,
  variableGrads,
} from '@convkit/core';
import type { LayerWeight } from '../engine/layer';
import { checkPair } from './batch-checks';
import { badIndices, nonFiniteProbe, nonFiniteRows, sumProbe } from './finite';
import type { LayersModel } from './layers-model';
import { countInvalidTargets, throwInvalidTargets } from './loss-targets';
import type { LossFn } from './losses';
import { type Metric, readWithMetrics } from './metrics/index';

/** What a step needs besides the batch. */
export interface StepContext {
  /** The model to train. */
  model: LayersModel;
  /** Applies the gradients. */
  optimizer: Optimizer;
  /** The loss (also checks the targets). */
  lossFn: LossFn;
  /** Updated with each step's predictions. */
  metrics: readonly Metric[];
  /** Starts every error message, e.g. `Model "m".fit, epoch 2, batch 1`. */
  context: string;
  /**
   * A custom objective for training loops beyond `fit` (distillation, say):
   * returns the scalar loss to minimise and the model's predictions (for the
   * metrics), both created inside the gradient scope. Default: `lossFn(ys,
   * model.call(xs))` plus the layers' regularization losses. `lossFn` still
   * checks the targets and names the loss in errors.
   *
   * @defaultValue `lossFn(ys, model.call(xs))` plus the layers' regularization losses
   */
  objective?: (
    xs: Tensor,
    ys: Tensor,
  ) => {
    /** Scalar loss to minimise. */
    loss: Tensor;
    /** The model's predictions, for the metrics. */
    pred: Tensor;
  };
}

const RESTORED = 'the weights and the optimizer state were restored to their values before this step';

/** Positions in the vector of checks read once per step. */
const Check = { Loss: 0, Inputs: 1, Targets: 2, InvalidTargets: 3, Gradients: 4, Update: 5 } as const;

/**
 * Runs one guarded step on `xs, ys` and resolves to the batch loss (see the
 * file comment): what `fit` and `trainOnBatch` run, exported for custom
 * training loops. Does not dispose `xs` or `ys`.
 *
 * @throws NonFiniteError when the loss, a gradient, a weight or an optimizer
 * slot becomes NaN or ±Infinity, or the batch holds such values; the weights
 * and the optimizer state are then as they were before the step.
 * @throws DataFormatError for targets the loss cannot take; ShapeError for
 * mismatched shapes.
 */
export async function guardedTrainStep(step: StepContext, xs: Tensor, ys: Tensor): Promise<number> {
  const { model, optimizer, lossFn, metrics, context } = step;
  checkPair(model, lossFn, xs, ys, context);
  const weights = model.weights;
  const trainable = weights.filter((w) => w.trainable).map((w) => w.variable);
  if (trainable.length === 0) throw new ConfigError(`${context}: ${model.describe()} has no trainable weights`);
  const before = weights.map((w) => clone(w.variable));
  const stateBefore: NamedState[] = optimizer.getState();
  const iterationsBefore = optimizer.iterations;
  let pred: Tensor | undefined;
  let value: Tensor | undefined;
  let grads: Record<string, Tensor> = {};
  let checks: Tensor | undefined;
  let stateAfter: NamedState[] = [];
  let optimizerTouched = false;
  let committed = false;
  try {
    ({ value, grads } = variableGrads(() => {
      if (step.objective) {
        const custom = step.objective(xs, ys);
        pred = keep(custom.pred);
        return custom.loss as never;
      }
      const out = model.call(xs, { training: true });
      pred = keep(out);
      let loss = lossFn(ys, out);
      const reg = model.layers.flatMap((l) => l.regularizationLosses());
      if (reg.length > 0) loss = ops.add(loss, ops.addN(reg));
      return loss as never;
    }, trainable));
    const k = pred!.shape[pred!.rank - 1] ?? 1;
    const pairs = trainable
      .filter((v) => grads[v.name] !== undefined)
      .map((v) => ({ variable: v, gradient: grads[v.name] }));
    const early = tidy(() => [
      ops.reshape(value!, []),
      sumProbe([xs]),
      sumProbe([ys]),
      countInvalidTargets(lossFn.targets, ys, k) ?? scalar(0),
      sumProbe(pairs.map((p) => p.gradient)),
    ]);
    optimizerTouched = true;
    try {
      optimizer.applyGradients(pairs);
    } catch (err) {
      dispose(early);
      throw err;
    }
    stateAfter = optimizer.getState();
    const after = stateAfter;
    checks = tidy(() =>
      ops.stack([...early, sumProbe([...weights.map((w) => w.variable), ...after.map((s) => s.tensor)])]),
    );
    dispose(early);
    // The metrics' values of the batch come back in the same read; they are applied only if the step commits.
    const read = await readWithMetrics(checks, metrics, ys, pred!);
    const flags = read.head;
    // A non-finite sum is confirmed by an exact probe (read on this rare path only): it may be an overflow.
    if (!Number.isFinite(flags[Check.Inputs])) await refuseNonFiniteRows(context, 'inputs (x)', xs, RESTORED);
    if (!Number.isFinite(flags[Check.Targets])) await refuseNonFiniteRows(context, 'targets (y)', ys, RESTORED);
    if (flags[Check.InvalidTargets] !== 0 && lossFn.targets) {
      await throwInvalidTargets(context, lossFn.lossName, lossFn.targets, ys, k);
    }
    const loss = flags[Check.Loss];
    if (!Number.isFinite(loss)) {
      throw new NonFiniteError(
        `${context}: the loss became ${loss} although the inputs and targets are finite; ${RESTORED}. The weights or activations probably grew too large: lower the learning rate or clip the gradients (clipNorm)`,
      );
    }
    const gradNames = Number.isFinite(flags[Check.Gradients])
      ? ''
      : await nonFiniteNames(pairs.map((p) => ({ name: p.variable.name, tensor: p.gradient })));
    if (gradNames) {
      throw new NonFiniteError(
        `${context}: the gradient of ${gradNames} became NaN or infinite (loss ${loss}); ${RESTORED}. Lower the learning rate, clip the gradients (clipNorm) or check the inputs' scale`,
      );
    }
    if (!Number.isFinite(flags[Check.Update])) {
      const weightNames = await nonFiniteNames(weights.map((w) => ({ name: w.name, tensor: w.variable })));
      const stateNames = await nonFiniteNames(after.map((s) => ({ name: s.name, tensor: s.tensor })));
      const what = [weightNames, stateNames && `the optimizer's state (${stateNames})`].filter(Boolean).join(' and ');
      if (what) {
        throw new NonFiniteError(
          `${context}: the update made ${what} NaN or infinite (loss ${loss}); ${RESTORED}. Lower the learning rate or clip the gradients (clipNorm)`,
        );
      }
    }
    await read.commit();
    committed = true;
    return loss;
  } finally {
    if (!committed) rollBack(weights, before, optimizerTouched ? optimizer : undefined, stateBefore, iterationsBefore);
    dispose(before);
    dispose(stateBefore.map((s) => s.tensor));
    if (value) dispose(value);
    dispose(Object.values(grads));
    if (pred) dispose(pred);
    if (checks) dispose(checks);
    dispose(stateAfter.map((s) => s.tensor));
  }
}

/** Puts back the weights and (when the update ran) the optimizer state saved before a step. */
function rollBack(
  weights: readonly LayerWeight[],
  before: readonly Tensor[],
  optimizer: Optimizer | undefined,
  state: readonly NamedState[],
  iterations: number,
): void {
  weights.forEach((w, i) => {
    if (w.variable.dataId !== before[i].dataId) w.variable.assign(before[i]);
  });
  optimizer?.setState(state, iterations);
}

/** `'a', 'b'` for the tensors holding NaN or ±Infinity (read on the error path only). */
async function nonFiniteNames(items: readonly { name: string; tensor: Tensor }[]): Promise<string> {
  if (items.length === 0) return '';
  const probe = tidy(() => ops.stack(items.map((it) => nonFiniteProbe([it.tensor]))));
  try {
    const bad = badIndices(await probe.data());
    const names = bad.map((i) => `'${items[i].name}'`);
    return names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
  } finally {
    probe.dispose();
  }
}

/**
 * Throws the `NonFiniteError` for a batch whose inputs or targets hold NaN or
 * ±Infinity, naming the samples; returns when every sample is finite (the
 * fast probe had overflowed).
 */
export async function refuseNonFiniteRows(context: string, what: string, t: Tensor, outcome: string): Promise<void> {
  const rows = tidy(() => nonFiniteRows(t));
  let bad: number[];
  try {
    bad = badIndices(await rows.data());
  } finally {
    rows.dispose();
  }
  if (bad.length === 0) return;
  const list = bad.slice(0, 5).join(', ') + (bad.length > 5 ? ', …' : '');
  throw new NonFiniteError(
    `${context}: the ${what} contain NaN or ±Infinity in ${bad.length} of ${t.shape[0]} samples (sample${bad.length === 1 ? '' : 's'} ${list}); ${outcome}. Clean or drop those samples`,
  );
}
