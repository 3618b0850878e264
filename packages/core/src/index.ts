/**
 * @convkit/core — tensors, memory scopes, seeded randomness, backend
 * selection, errors and the Optimizer interface.
 */
import './engine';

export * from './tensor';
export * as ops from './ops';
export { countLeaks, dispose, keep, memory, numTensors, tidy } from './memory';
export type { MemoryInfo } from './memory';
export * from './grad';
export {
  Rng,
  getRng,
  getSeed,
  randomBernoulli,
  randomNormal,
  randomUniform,
  rngFrom,
  setSeed,
  truncatedNormal,
} from './random';
export { availableBackends, getBackend, ready, registerBackendProvider, setBackend, supportedKernels } from './backend';
export type { BackendName, BackendProvider } from './backend';
export { createOptimizer, isOptimizer, registerOptimizer } from './optimizer';
export type { GradientPair, LearningRateSchedule, NamedState, Optimizer, OptimizerFactory } from './optimizer';
export type { Batch, BatchSource } from './batch';
export { assertShape, shapesCompatible, sizeFromShape } from './shape';
export type { Shape } from './shape';
export {
  BackendError,
  ConfigError,
  ConvkitError,
  DataFormatError,
  NonFiniteError,
  SerializationError,
  ShapeError,
  formatShape,
} from './errors';
