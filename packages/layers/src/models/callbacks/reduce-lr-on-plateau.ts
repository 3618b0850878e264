/** `ReduceLROnPlateau`: multiplies the learning rate by `factor` when a monitored quantity stalls. */
import { ConfigError } from '@convkit/core';
import type { Logs } from './callback';
import { Callback } from './callback';
import { checkCount, checkNonNegative, improved, type MonitorMode, resolveMode, warnMissing, worst } from './monitor';

/** Options of `ReduceLROnPlateau`. */
export interface ReduceLROnPlateauOptions {
  /**
   * Log key to watch. Default `'val_loss'`.
   *
   * @defaultValue `'val_loss'`
   */
  monitor?: string;
  /**
   * New lr = lr × factor; must be in (0, 1). Default 0.1.
   *
   * @defaultValue `0.1`
   */
  factor?: number;
  /**
   * Epochs without improvement before reducing. Default 10.
   *
   * @defaultValue `10`
   */
  patience?: number;
  /**
   * Smallest change that counts as an improvement. Default 1e-4.
   *
   * @defaultValue `1e-4`
   */
  minDelta?: number;
  /**
   * `'min'`, `'max'` or `'auto'`. Default `'auto'`.
   *
   * @defaultValue `'auto'`
   */
  mode?: MonitorMode;
  /**
   * Epochs to wait after a reduction before counting again. Default 0.
   *
   * @defaultValue `0`
   */
  cooldown?: number;
  /**
   * Lower bound of the learning rate. Default 0.
   *
   * @defaultValue `0`
   */
  minLr?: number;
}

/**
 * Keras `ReduceLROnPlateau`: after `patience` epochs without an improvement
 * of `monitor` larger than `minDelta`, sets `lr = max(lr × factor, minLr)`,
 * then waits `cooldown` epochs before counting again.
 */
export class ReduceLROnPlateau extends Callback {
  /** Log key watched. */
  readonly monitor: string;
  /** Multiplier applied to the learning rate on a plateau. */
  readonly factor: number;
  /** Epochs without improvement tolerated. */
  readonly patience: number;
  /** Smallest change that counts as an improvement. */
  readonly minDelta: number;
  /** Whether smaller (`'min'`) or larger (`'max'`) is better, resolved from `'auto'`. */
  readonly mode: 'min' | 'max';
  /** Epochs to wait after a reduction. */
  readonly cooldown: number;
  /** Lower bound of the learning rate. */
  readonly minLr: number;
  /** Best value seen so far. */
  best = Number.NaN;
  private wait = 0;
  private cooldownCounter = 0;
  private warned = false;

  constructor(options: ReduceLROnPlateauOptions = {}) {
    super();
    this.monitor = options.monitor ?? 'val_loss';
    this.factor = options.factor ?? 0.1;
    if (!(this.factor > 0 && this.factor < 1)) {
      throw new ConfigError(`ReduceLROnPlateau: factor must be in (0, 1), got ${this.factor}`);
    }
    this.patience = checkCount('ReduceLROnPlateau', 'patience', options.patience ?? 10);
    this.minDelta = checkNonNegative('ReduceLROnPlateau', 'minDelta', options.minDelta ?? 1e-4);
    this.mode = resolveMode('ReduceLROnPlateau', this.monitor, options.mode);
    this.cooldown = checkCount('ReduceLROnPlateau', 'cooldown', options.cooldown ?? 0);
    this.minLr = checkNonNegative('ReduceLROnPlateau', 'minLr', options.minLr ?? 0);
  }

  override onTrainBegin(): void {
    this.best = worst(this.mode);
    this.wait = 0;
    this.cooldownCounter = 0;
  }

  override onEpochEnd(_epoch: number, logs: Logs = {}): void {
    const optimizer = this.model.optimizer;
    if (!optimizer) return;
    const current = logs[this.monitor];
    if (current === undefined) {
      if (!this.warned) warnMissing('ReduceLROnPlateau', this.monitor, Object.keys(logs));
      this.warned = true;
      return;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.wait = 0;
    }
    if (improved(this.mode, current, this.best, this.minDelta)) {
      this.best = current;
      this.wait = 0;
    } else if (this.cooldownCounter === 0) {
      // As Keras: the last cooldown epoch already counts towards patience.
      this.wait++;
      if (this.wait >= this.patience) {
        const old = optimizer.learningRate;
        if (old > this.minLr) {
          optimizer.learningRate = Math.max(old * this.factor, this.minLr);
          this.cooldownCounter = this.cooldown;
          this.wait = 0;
        }
      }
    }
  }
}
