/** Rebuilding a built-in learning-rate schedule from its serialised `{ className, config }`. */
import { ConfigError, type LearningRateSchedule } from '@convkit/core';
import { cosineDecay } from './cosine-decay';
import { exponentialDecay } from './exponential-decay';
import { oneCycle } from './one-cycle';
import { polynomialDecay } from './polynomial-decay';
import { piecewiseConstant, stepDecay } from './step-decay';

/** A schedule's serialised form, as `schedule.config` and `optimizer.getConfig().learningRate` hold it. */
export interface ScheduleConfig {
  /** Schedule name: `'StepDecay'`, `'PiecewiseConstant'`, `'ExponentialDecay'`, `'CosineDecay'`, `'PolynomialDecay'` or `'OneCycle'`. */
  className: string;
  /** The options the schedule was built with. */
  config: Record<string, unknown>;
}

const BUILDERS: Record<string, (config: never) => LearningRateSchedule> = {
  StepDecay: stepDecay,
  PiecewiseConstant: piecewiseConstant,
  ExponentialDecay: exponentialDecay,
  CosineDecay: cosineDecay,
  PolynomialDecay: polynomialDecay,
  OneCycle: oneCycle,
};

/**
 * Rebuilds a built-in schedule from its `config` (`{ className, config }`).
 *
 * @param value - A schedule's serialised form.
 * @returns The schedule.
 * @throws {ConfigError} for an unknown `className` or invalid options.
 */
export function scheduleFromConfig(value: ScheduleConfig): LearningRateSchedule {
  const className = value?.className;
  const build = typeof className === 'string' && Object.hasOwn(BUILDERS, className) ? BUILDERS[className] : undefined;
  if (!build) {
    throw new ConfigError(
      `Unknown learning-rate schedule '${String(className)}'. Known: ${Object.keys(BUILDERS).join(', ')}`,
    );
  }
  return build({ ...(value.config ?? {}) } as never);
}
