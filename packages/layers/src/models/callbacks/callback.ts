/**
 * The `Callback` base class: hooks that `fit` calls around training, epochs
 * and batches (Keras semantics). Every hook may be async; `fit` awaits it.
 */
import type { LayersModel } from '../layers-model';

/** Scalars reported to callbacks: `loss`, metric names, `val_*`, `lr`, ... */
export type Logs = Record<string, number>;

/** What `fit` tells callbacks before training starts. */
export interface CallbackParams {
  /** Last epoch (exclusive), as passed to `fit`. */
  epochs: number;
  /** First epoch (`initialEpoch`). */
  initialEpoch?: number;
  /** Batches per epoch, when known. */
  steps?: number;
  /** Training samples per epoch, when known. */
  samples?: number;
  /** Samples per batch when training from tensors. */
  batchSize?: number;
}

/**
 * Base class of every callback. Override the hooks you need.
 *
 * @example
 * ```ts
 * import { Callback, type Logs } from '@convkit/layers';
 *
 * class PrintLoss extends Callback {
 *   override onEpochEnd(epoch: number, logs?: Logs): void {
 *     console.log(`epoch ${epoch}: loss ${logs?.loss}`);
 *   }
 * }
 * await model.fit(xs, ys, { epochs: 5, callbacks: [new PrintLoss()] });
 * ```
 */
export abstract class Callback {
  /** The model being trained; set by `fit` before `onTrainBegin`. */
  model!: LayersModel;
  /** Training parameters, set by `fit`: epochs, steps per epoch (when known), samples. */
  params: CallbackParams = { epochs: 0 };

  /**
   * Called by `fit` before training.
   *
   * @param model - The model being trained.
   */
  setModel(model: LayersModel): void {
    this.model = model;
  }

  /**
   * Called by `fit` before training.
   *
   * @param params - Epochs, steps per epoch and samples.
   */
  setParams(params: Callback['params']): void {
    this.params = params;
  }

  /**
   * Called once when `fit` starts.
   *
   * @param _logs - Empty for now.
   * @returns Nothing, or a promise `fit` awaits.
   */
  onTrainBegin(_logs?: Logs): void | Promise<void> {}
  /**
   * Called once when `fit` ends normally (including an early stop).
   *
   * @param _logs - The last epoch's logs.
   * @returns Nothing, or a promise `fit` awaits.
   */
  onTrainEnd(_logs?: Logs): void | Promise<void> {}
  /**
   * Called instead of `onTrainEnd` when `fit` is about to reject (a callback
   * threw, the loss became non-finite, a batch had the wrong shape). Release
   * what the callback holds here; the error is rethrown afterwards.
   *
   * @param _error - The error `fit` will reject with.
   * @returns Nothing, or a promise `fit` awaits.
   */
  onTrainError(_error: unknown): void | Promise<void> {}
  /**
   * Called at the start of every epoch.
   *
   * @param _epoch - Epoch index (0-based, offset by `initialEpoch`).
   * @param _logs - Empty for now.
   * @returns Nothing, or a promise `fit` awaits.
   */
  onEpochBegin(_epoch: number, _logs?: Logs): void | Promise<void> {}
  /**
   * Called at the end of every epoch. `logs` holds the epoch's training loss/metrics and, with validation, their `val_` versions.
   *
   * @param _epoch - Epoch index.
   * @param _logs - Loss, metrics, `val_*` and `lr`.
   * @returns Nothing, or a promise `fit` awaits.
   */
  onEpochEnd(_epoch: number, _logs?: Logs): void | Promise<void> {}
  /**
   * Called before every training step.
   *
   * @param _batch - Batch index within the epoch.
   * @param _logs - Empty for now.
   * @returns Nothing, or a promise `fit` awaits.
   */
  onBatchBegin(_batch: number, _logs?: Logs): void | Promise<void> {}
  /**
   * Called after every training step. `logs` holds `loss`, `size` (samples in the batch) and running metric values.
   *
   * @param _batch - Batch index within the epoch.
   * @param _logs - The step's loss and metrics.
   * @returns Nothing, or a promise `fit` awaits.
   */
  onBatchEnd(_batch: number, _logs?: Logs): void | Promise<void> {}
}

/**
 * Tells every callback that `fit` failed with `error`. Errors thrown by the
 * hooks themselves are swallowed so the original error is the one reported.
 */
export async function notifyTrainError(callbacks: readonly Callback[], error: unknown): Promise<void> {
  for (const cb of callbacks) {
    try {
      await cb.onTrainError(error);
    } catch {
      // The training error matters more than a failing cleanup.
    }
  }
}

/** Calls a hook on every callback in order, awaiting each. */
export async function callAll<K extends 'onTrainBegin' | 'onTrainEnd'>(
  callbacks: readonly Callback[],
  hook: K,
  logs?: Logs,
): Promise<void>;
export async function callAll<K extends 'onEpochBegin' | 'onEpochEnd' | 'onBatchBegin' | 'onBatchEnd'>(
  callbacks: readonly Callback[],
  hook: K,
  index: number,
  logs?: Logs,
): Promise<void>;
export async function callAll(
  callbacks: readonly Callback[],
  hook: keyof Callback,
  a?: number | Logs,
  b?: Logs,
): Promise<void> {
  for (const cb of callbacks) {
    // biome-ignore lint/suspicious/noExplicitAny: dispatch by hook name
    await (cb[hook] as any).call(cb, a, b);
  }
}
