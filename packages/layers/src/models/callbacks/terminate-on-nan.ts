/** `TerminateOnNaN`: makes `fit` reject as soon as a log value or a weight stops being finite. */
import { dispose, NonFiniteError, ops, type Tensor, tidy } from '@convkit/core';
import type { Logs } from './callback';
import { Callback } from './callback';

/** Options of `TerminateOnNaN`. */
export interface TerminateOnNaNOptions {
  /**
   * Also check every weight after each batch (one small reduction per
   * weight). Catches updates that overflow although the loss was finite.
   * Default true.
   *
   * @defaultValue `true`
   */
  checkWeights?: boolean;
  /**
   * Keep an on-device copy of the weights before each batch and put it back
   * when a weight becomes non-finite, so the model is left as it was before
   * the bad step. Costs one copy of the weights in memory. Default true.
   *
   * @defaultValue `true`
   */
  restore?: boolean;
}

/**
 * Guards training against NaN and ±Infinity. `fit` itself already refuses
 * every step whose inputs, targets, loss, gradients, weights or optimizer
 * state are not finite, on every backend: the step is not committed (weights
 * and optimizer state stay as they were) and `fit` rejects with a
 * `NonFiniteError` naming the epoch and batch. This callback adds:
 *
 * - after each epoch, a non-finite log value (e.g. `val_loss` or a value a
 *   callback wrote) rejects too;
 * - after each batch, a check of every weight, which also catches weights
 *   made non-finite outside the step (by another callback); when one is NaN
 *   or infinite it restores the values from before that batch and makes
 *   `fit` reject with a `NonFiniteError` naming the epoch, batch and weight.
 *   This check copies the weights and reads them once per batch; pass
 *   `checkWeights: false` when only the logs need guarding.
 */
export class TerminateOnNaN extends Callback {
  /** Whether weights are checked too, not just the logs. */
  readonly checkWeights: boolean;
  /** Whether the last finite weights are restored before rejecting. */
  readonly restore: boolean;
  private epoch = 0;
  private before: Tensor[] = [];

  constructor(options: TerminateOnNaNOptions = {}) {
    super();
    this.checkWeights = options.checkWeights ?? true;
    this.restore = options.restore ?? true;
  }

  override onEpochBegin(epoch: number): void {
    this.epoch = epoch;
  }

  override onBatchBegin(): void {
    if (!this.checkWeights || !this.restore) return;
    this.release();
    this.before = this.model.getWeights();
  }

  override async onBatchEnd(batch: number, logs: Logs = {}): Promise<void> {
    const where = `epoch ${this.epoch + 1}, batch ${batch + 1}`;
    if (logs.loss !== undefined && !Number.isFinite(logs.loss)) {
      this.fail(`the loss became ${logs.loss} at ${where}`);
    }
    if (!this.checkWeights) return;
    const weights = this.model.weights;
    if (weights.length === 0) return;
    const finite = tidy(() => ops.stack(weights.map((w) => ops.cast(ops.all(ops.isFinite(w.variable)), 'int32'))));
    let flags: Int32Array;
    try {
      flags = (await finite.data()) as Int32Array;
    } finally {
      finite.dispose();
    }
    const bad = weights.filter((_, i) => flags[i] === 0).map((w) => `'${w.name}'`);
    if (bad.length === 0) return;
    let restored = false;
    if (this.before.length === weights.length) {
      this.model.setWeights(this.before);
      restored = true;
    }
    this.fail(
      `weight${bad.length > 1 ? 's' : ''} ${bad.join(', ')} became NaN or infinite at ${where} (loss ${logs.loss}); ` +
        (restored
          ? 'the weights were restored to their values before this batch'
          : 'the weights were not restored (restore: false)'),
    );
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    for (const [key, value] of Object.entries(logs)) {
      if (!Number.isFinite(value)) this.fail(`${key} became ${value} at the end of epoch ${epoch + 1}`);
    }
  }

  override onTrainEnd(): void {
    this.release();
  }

  override onTrainError(): void {
    this.release();
  }

  private fail(message: string): never {
    this.release();
    this.model.stopTraining = true;
    throw new NonFiniteError(`TerminateOnNaN: ${message}`);
  }

  private release(): void {
    dispose(this.before);
    this.before = [];
  }
}
