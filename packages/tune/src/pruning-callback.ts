/** A `fit` callback that reports each epoch's metric to a trial and stops training when it is pruned. */
import { ConfigError } from '@convkit/core';
import { Callback, type Logs } from '@convkit/layers';
import type { Trial } from './trial';
import { TrialPruned } from './trial-pruned';

/** Options of {@link pruningCallback}. */
export interface PruningCallbackOptions {
  /** The epoch log to report: `'val_loss'` (default), `'val_accuracy'`, `'loss'`, … in the study's direction. */
  monitor?: string;
  /**
   * What to do when the pruner says stop: `'throw'` (default) rejects `fit` with `TrialPruned`, which
   * `optimize` records as a pruned trial; `'stop'` ends `fit` normally (like `EarlyStopping`) and sets
   * `callback.pruned`, so the objective can throw `TrialPruned` itself after cleaning up.
   */
  onPrune?: 'throw' | 'stop';
}

/** The callback {@link pruningCallback} returns. */
export class PruningCallback extends Callback {
  /** Whether the pruner stopped this training. */
  pruned = false;
  /** The epoch at which it was pruned. */
  prunedAt: number | undefined;
  private readonly monitor: string;
  private readonly onPrune: 'throw' | 'stop';

  /**
   * @param trial - The running trial.
   * @param options - `monitor`, `onPrune`.
   */
  constructor(
    private readonly trial: Trial,
    options: PruningCallbackOptions = {},
  ) {
    super();
    if (typeof (trial as Partial<Trial> | null)?.report !== 'function' || typeof trial.shouldPrune !== 'function') {
      throw new ConfigError("pruningCallback: the first argument must be the running trial (the objective's argument)");
    }
    if (typeof options !== 'object' || options === null)
      throw new ConfigError('pruningCallback: options must be an object');
    this.monitor = options.monitor ?? 'val_loss';
    this.onPrune = options.onPrune ?? 'throw';
    if (typeof this.monitor !== 'string' || this.monitor.length === 0)
      throw new ConfigError('pruningCallback: monitor must be a non-empty string');
    if (this.onPrune !== 'throw' && this.onPrune !== 'stop') {
      throw new ConfigError(`pruningCallback: onPrune must be "throw" or "stop", got ${JSON.stringify(this.onPrune)}`);
    }
  }

  /**
   * Reports `logs[monitor]` at step `epoch`, then asks the pruner.
   *
   * @param epoch - The epoch that ended.
   * @param logs - Its logs.
   * @throws {TrialPruned} when the trial is pruned and `onPrune` is `'throw'`.
   */
  override async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    const value = logs?.[this.monitor];
    if (value === undefined) {
      throw new ConfigError(
        `pruningCallback: the epoch logs have no ${JSON.stringify(this.monitor)} (they have ${Object.keys(logs ?? {}).join(', ') || 'nothing'}); ` +
          'pass validationData to fit for val_* metrics, or choose another monitor',
      );
    }
    await this.trial.report(value, epoch);
    if (await this.trial.shouldPrune()) {
      this.pruned = true;
      this.prunedAt = epoch;
      if (this.onPrune === 'throw')
        throw new TrialPruned(`trial ${this.trial.number} pruned at epoch ${epoch} (${this.monitor} = ${value})`);
      this.model.stopTraining = true;
    }
  }
}

/**
 * A callback for `model.fit` that reports the monitored metric of every epoch to `trial` (step = the
 * epoch) and stops training when the study's pruner says so.
 *
 * @param trial - The running trial.
 * @param options - `monitor` (default `'val_loss'`), `onPrune` (default `'throw'`).
 * @returns The callback.
 * @throws {ConfigError} on a bad option; during `fit`, when the logs lack the monitored metric.
 *
 * @example
 * ```ts
 * await study.optimize(async (trial) => {
 *   const model = buildModel(trial.suggestFloat('lr', 1e-4, 1e-1, { log: true }));
 *   try {
 *     const h = await model.fit(xTrain, yTrain, {
 *       epochs: 10,
 *       validationData: [xVal, yVal],
 *       callbacks: [pruningCallback(trial, { monitor: 'val_loss' })],
 *     });
 *     return h.history.val_loss.at(-1) as number;
 *   } finally {
 *     model.dispose();
 *   }
 * }, { trials: 30 });
 * ```
 */
export function pruningCallback(trial: Trial, options: PruningCallbackOptions = {}): PruningCallback {
  return new PruningCallback(trial, options);
}
