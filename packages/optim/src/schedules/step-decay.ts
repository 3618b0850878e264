import { ConfigError, type LearningRateSchedule } from '@convkit/core';
import { makeSchedule, requirePositive } from './schedule';

/** Options of `stepDecay`. */
export interface StepDecayOptions {
  initialLearningRate: number;
  /** Steps between two decays. */
  stepSize: number;
  /** Multiplier applied every `stepSize` steps. Default 0.1. */
  gamma?: number;
}

/** `lr = initial · gamma^floor(step / stepSize)` (PyTorch `StepLR`). */
export function stepDecay(options: StepDecayOptions): LearningRateSchedule {
  const { initialLearningRate, stepSize } = options;
  const gamma = options.gamma ?? 0.1;
  requirePositive('stepDecay', 'initialLearningRate', initialLearningRate);
  requirePositive('stepDecay', 'stepSize', stepSize);
  requirePositive('stepDecay', 'gamma', gamma);
  return makeSchedule('StepDecay', { initialLearningRate, stepSize, gamma }, (step) => {
    return initialLearningRate * gamma ** Math.floor(step / stepSize);
  });
}

/** Options of `piecewiseConstant`. */
export interface PiecewiseConstantOptions {
  /** Increasing step boundaries. */
  boundaries: number[];
  /** `boundaries.length + 1` learning rates: `values[i]` applies while `step < boundaries[i]`. */
  values: number[];
}

/** Piecewise-constant learning rate (Keras `PiecewiseConstantDecay`). */
export function piecewiseConstant(options: PiecewiseConstantOptions): LearningRateSchedule {
  const { boundaries, values } = options;
  if (values.length !== boundaries.length + 1) {
    throw new ConfigError(
      `piecewiseConstant: needs boundaries.length + 1 values, got ${boundaries.length} boundaries and ${values.length} values`,
    );
  }
  for (let i = 1; i < boundaries.length; i++) {
    if (!(boundaries[i] > boundaries[i - 1])) throw new ConfigError('piecewiseConstant: boundaries must increase');
  }
  values.forEach((v) => requirePositive('piecewiseConstant', 'value', v));
  return makeSchedule('PiecewiseConstant', { boundaries: [...boundaries], values: [...values] }, (step) => {
    let i = 0;
    while (i < boundaries.length && step >= boundaries[i]) i++;
    return values[i];
  });
}
