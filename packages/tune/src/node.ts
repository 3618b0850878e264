/**
 * @convkit/tune/node — storages and runners that need Node: the JSON file storage, Redis storage
 * for distributed studies and parallel trials on worker threads.
 *
 * @packageDocumentation
 */
export * from './index';
export type { DistributedOptions } from './parallel/distributed';
export { optimizeDistributed, queueName } from './parallel/distributed';
export type { ParallelOptions } from './parallel/threads';
export { optimizeParallel } from './parallel/threads';
export type {
  RunnerObjective,
  RunnerStudyOptions,
  RunnerTrial,
  SampleParam,
  ShouldPrune,
} from './parallel/types';
export { TrialPruned } from './parallel/types';
export type { RedisStorageOptions } from './storage/redis';
export { RedisStorage } from './storage/redis';
export { StorageUnavailableError } from './storage/redis-errors';
