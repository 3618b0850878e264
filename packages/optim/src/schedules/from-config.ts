import { ConfigError, type LearningRateSchedule } from '@convkit/core';
import { cosineDecay } from './cosine-decay';
import { exponentialDecay } from './exponential-decay';
import { oneCycle } from './one-cycle';
import { polynomialDecay } from './polynomial-decay';
import { piecewiseConstant, stepDecay } from './step-decay';

const BUILDERS: Record<string, (config: never) => LearningRateSchedule> = {
  StepDecay: stepDecay,
  PiecewiseConstant: piecewiseConstant,
  ExponentialDecay: exponentialDecay,
  CosineDecay: cosineDecay,
  PolynomialDecay: polynomialDecay,
  OneCycle: oneCycle,
};

/** Rebuilds a schedule from its `config` (`{ className, config }`). */
export function scheduleFromConfig(value: {
  className: string;
  config: Record<string, unknown>;
}): LearningRateSchedule {
  const build = BUILDERS[value?.className];
  if (!build) {
    throw new ConfigError(
      `Unknown learning-rate schedule '${value?.className}'. Known: ${Object.keys(BUILDERS).join(', ')}`,
    );
  }
  return build(value.config as never);
}
