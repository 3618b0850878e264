import { ConfigError, type LearningRateSchedule, type Optimizer } from '@convkit/core';
import { Adadelta } from './adadelta';
import { Adagrad } from './adagrad';
import { Adam } from './adam';
import { AdamW } from './adamw';
import { RMSprop } from './rmsprop';
import { scheduleFromConfig } from './schedules/from-config';
import { SGD } from './sgd';

type Ctor = new (options: Record<string, unknown>) => Optimizer;

/** Optimizer classes by `className`. */
export const OPTIMIZERS: Record<string, Ctor> = {
  SGD: SGD as unknown as Ctor,
  Adam: Adam as unknown as Ctor,
  AdamW: AdamW as unknown as Ctor,
  RMSprop: RMSprop as unknown as Ctor,
  Adadelta: Adadelta as unknown as Ctor,
  Adagrad: Adagrad as unknown as Ctor,
};

/**
 * Rebuilds an optimizer from `{ className, config }` as produced by
 * `optimizer.getConfig()` (a scheduled learning rate is rebuilt too).
 */
export function optimizerFromConfig(value: { className: string; config?: Record<string, unknown> }): Optimizer {
  const ctor = OPTIMIZERS[value?.className];
  if (!ctor) {
    throw new ConfigError(`Unknown optimizer '${value?.className}'. Known: ${Object.keys(OPTIMIZERS).join(', ')}`);
  }
  const config = { ...(value.config ?? {}) };
  const lr = config.learningRate as unknown;
  if (typeof lr === 'object' && lr !== null) {
    config.learningRate = scheduleFromConfig(
      lr as { className: string; config: Record<string, unknown> },
    ) as LearningRateSchedule;
  }
  return new ctor(config);
}
