/**
 * `@convkit/optim` — optimizers ({@link SGD}, {@link Adam}, {@link AdamW},
 * {@link RMSprop}, {@link Adadelta}, {@link Adagrad}), learning-rate schedules
 * ({@link cosineDecay}, {@link oneCycle}, {@link stepDecay}, ...) and gradient
 * clipping. Importing it registers the optimizers by name (`'sgd'`, `'adam'`,
 * `'adamw'`, `'rmsprop'`, `'adadelta'`, `'adagrad'`) in core's registry, so
 * `model.compile({ optimizer: 'adam' })` works too.
 *
 * @packageDocumentation
 */
import './register';

export type { AdadeltaOptions } from './adadelta';
export { Adadelta } from './adadelta';
export type { AdagradOptions } from './adagrad';
export { Adagrad } from './adagrad';
export type { AdamOptions } from './adam';
export { Adam } from './adam';
export type { AdamWOptions } from './adamw';
export { AdamW } from './adamw';
export type { OptimizerOptions } from './base';
export { BaseOptimizer } from './base';
export { clipByGlobalNorm, clipByNorm, clipByValue, globalNorm } from './clip';
export type { OptimizerConstructor } from './from-config';
export { OPTIMIZERS, optimizerFromConfig } from './from-config';
export type { RMSpropOptions } from './rmsprop';
export { RMSprop } from './rmsprop';
export type { CosineDecayOptions } from './schedules/cosine-decay';
export { cosineDecay } from './schedules/cosine-decay';
export type { ExponentialDecayOptions } from './schedules/exponential-decay';
export { exponentialDecay } from './schedules/exponential-decay';
export type { ScheduleConfig } from './schedules/from-config';
export { scheduleFromConfig } from './schedules/from-config';
export type { OneCycleOptions } from './schedules/one-cycle';
export { oneCycle } from './schedules/one-cycle';
export type { PolynomialDecayOptions } from './schedules/polynomial-decay';
export { polynomialDecay } from './schedules/polynomial-decay';
export { makeSchedule } from './schedules/schedule';
export type { PiecewiseConstantOptions, StepDecayOptions } from './schedules/step-decay';
export { piecewiseConstant, stepDecay } from './schedules/step-decay';
export type { SGDOptions } from './sgd';
export { SGD } from './sgd';
