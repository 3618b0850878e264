/** `LearningRateScheduler`: sets the optimizer's learning rate at the start of every epoch. */
import { ConfigError } from '@convkit/core';
import { Callback } from './callback';

/** `(epoch, currentLr) => newLr`; `epoch` is 0-based and may be async. */
export type EpochSchedule = (epoch: number, lr: number) => number | Promise<number>;

/**
 * Calls `schedule(epoch, lr)` before each epoch and assigns the result to
 * `model.optimizer.learningRate` (Keras `LearningRateScheduler`). The value
 * used is logged as `lr` at the end of the epoch.
 *
 * ```ts
 * new LearningRateScheduler((epoch, lr) => (epoch < 10 ? lr : lr * 0.9))
 * ```
 */
export class LearningRateScheduler extends Callback {
  /** @param schedule - `(epoch, currentLr) => newLr`, called at the start of every epoch. */
  constructor(
    /** The schedule, `(epoch, currentLr) => newLr`. */
    readonly schedule: EpochSchedule,
  ) {
    super();
    if (typeof schedule !== 'function') {
      throw new ConfigError('LearningRateScheduler: schedule must be a function (epoch, lr) => lr');
    }
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    const optimizer = this.model.optimizer;
    if (!optimizer) throw new ConfigError('LearningRateScheduler: the model has no optimizer; call compile first');
    const lr = await this.schedule(epoch, optimizer.learningRate);
    if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) {
      throw new ConfigError(
        `LearningRateScheduler: the schedule returned ${String(lr)} at epoch ${epoch}; expected a finite number >= 0`,
      );
    }
    optimizer.learningRate = lr;
  }
}
