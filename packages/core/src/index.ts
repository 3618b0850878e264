/**
 * `@convkit/core` — tensors and ops, memory scopes ({@link tidy}, {@link memory}),
 * seeded randomness ({@link setSeed}), backend selection ({@link setBackend}), the
 * typed errors every convkit package throws, and the {@link Optimizer} contract.
 * It is the only package that talks to tfjs-core: the other packages build on
 * what it re-exports, so they never depend on a particular backend.
 *
 * @packageDocumentation
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
