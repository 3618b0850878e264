/**
 * @convkit/core — tensors, memory scopes, seeded randomness, backend
 * selection, errors and the Optimizer interface.
 */
import './engine';

export type { BackendName, BackendProvider } from './backend';
export {
  adviseFasterBackend,
  availableBackends,
  getBackend,
  installCommand,
  ready,
  registerBackendProvider,
  resetBackendAdvice,
  setBackend,
  supportedKernels,
} from './backend';
export type { Batch, BatchSource } from './batch';
export { crc32 } from './checksum';
export { describeErrno, errnoCodeOf, fileSystemError } from './errno';
export {
  BackendError,
  ConfigError,
  ConvkitError,
  DataFormatError,
  FileSystemError,
  formatShape,
  NonFiniteError,
  SerializationError,
  ShapeError,
} from './errors';
export * from './grad';
export type { MemoryInfo } from './memory';
export { countLeaks, dispose, keep, memory, numTensors, tidy } from './memory';
export * as ops from './ops';
export type { GradientPair, LearningRateSchedule, NamedState, Optimizer, OptimizerFactory } from './optimizer';
export { createOptimizer, isOptimizer, registeredOptimizers, registerOptimizer } from './optimizer';
export {
  getRng,
  getSeed,
  Rng,
  randomBernoulli,
  randomNormal,
  randomUniform,
  rngFrom,
  setSeed,
  truncatedNormal,
} from './random';
export type { Shape } from './shape';
export { assertShape, shapesCompatible, sizeFromShape } from './shape';
export * from './tensor';
