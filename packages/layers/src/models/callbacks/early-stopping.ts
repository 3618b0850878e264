/** `EarlyStopping`: ends `fit` when a monitored quantity stops improving (Keras semantics). */
import type { Logs } from './callback';
import { Callback } from './callback';
import { checkCount, checkNonNegative, improved, type MonitorMode, resolveMode, warnMissing, worst } from './monitor';
import { restoreWeights, snapshotWeights, type WeightSnapshot } from './weight-snapshot';

/** Options of `EarlyStopping`. */
export interface EarlyStoppingOptions {
  /**
   * Log key to watch. Default `'val_loss'`.
   *
   * @defaultValue `'val_loss'`
   */
  monitor?: string;
  /**
   * Smallest change that counts as an improvement. Default 0.
   *
   * @defaultValue `0`
   */
  minDelta?: number;
  /**
   * Epochs without improvement before stopping. Default 0 (stop at the first non-improving epoch).
   *
   * @defaultValue `0`
   */
  patience?: number;
  /**
   * `'min'`, `'max'` or `'auto'` (accuracy-like keys are maximised). Default `'auto'`.
   *
   * @defaultValue `'auto'`
   */
  mode?: MonitorMode;
  /**
   * When stopping, put back the weights of the best epoch. Default false.
   *
   * @defaultValue `false`
   */
  restoreBestWeights?: boolean;
}

/**
 * Stops training once `monitor` has not improved by more than `minDelta` for
 * `patience` epochs in a row, optionally restoring the best epoch's weights:
 *
 * ```ts
 * await model.fit(x, y, { epochs: 100, validationSplit: 0.1,
 *   callbacks: [new EarlyStopping({ patience: 3, restoreBestWeights: true })] });
 * ```
 *
 * The best weights are kept as host copies (not tensors), so nothing leaks
 * when `fit` rejects.
 */
export class EarlyStopping extends Callback {
  /** Log key watched. */
  readonly monitor: string;
  /** Smallest change that counts as an improvement. */
  readonly minDelta: number;
  /** Epochs without improvement tolerated. */
  readonly patience: number;
  /** Whether smaller (`'min'`) or larger (`'max'`) is better, resolved from `'auto'`. */
  readonly mode: 'min' | 'max';
  /** Whether the best epoch's weights are put back when stopping. */
  readonly restoreBestWeights: boolean;
  /** Best value seen so far. */
  best = Number.NaN;
  /** Epoch (0-based) with the best value, or -1. */
  bestEpoch = -1;
  /** Epoch at which training was stopped, or -1 when it ran to the end. */
  stoppedEpoch = -1;
  private wait = 0;
  private bestWeights?: WeightSnapshot;
  private warned = false;

  constructor(options: EarlyStoppingOptions = {}) {
    super();
    this.monitor = options.monitor ?? 'val_loss';
    this.minDelta = Math.abs(checkNonNegative('EarlyStopping', 'minDelta', options.minDelta ?? 0));
    this.patience = checkCount('EarlyStopping', 'patience', options.patience ?? 0);
    this.mode = resolveMode('EarlyStopping', this.monitor, options.mode);
    this.restoreBestWeights = options.restoreBestWeights ?? false;
  }

  override onTrainBegin(): void {
    this.wait = 0;
    this.best = worst(this.mode);
    this.bestEpoch = -1;
    this.stoppedEpoch = -1;
    this.bestWeights = undefined;
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    const current = logs[this.monitor];
    if (current === undefined) {
      if (!this.warned) warnMissing('EarlyStopping', this.monitor, Object.keys(logs));
      this.warned = true;
      return;
    }
    if (improved(this.mode, current, this.best, this.minDelta) || this.bestEpoch < 0) {
      this.best = current;
      this.bestEpoch = epoch;
      this.wait = 0;
      if (this.restoreBestWeights) this.bestWeights = await snapshotWeights(this.model);
      return;
    }
    this.wait++;
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.model.stopTraining = true;
      if (this.restoreBestWeights && this.bestWeights) restoreWeights(this.model, this.bestWeights);
    }
  }

  override onTrainEnd(): void {
    this.bestWeights = undefined;
  }

  override onTrainError(): void {
    this.bestWeights = undefined;
  }
}
