/**
 * @convkit/tune/node — storages and runners that need Node: the JSON file storage, Redis storage
 * for distributed studies and parallel trials on worker threads.
 *
 * @packageDocumentation
 */
export * from './index';
export { type DistributedOptions, optimizeDistributed, queueName } from './parallel/distributed';
export { optimizeParallel, type ParallelObjective, type ParallelOptions } from './parallel/threads';
export { FileStorage } from './storage/file';
export { RedisStorage, type RedisStorageOptions } from './storage/redis';
export { StorageUnavailableError } from './storage/redis-errors';
export { parseStudyFile, STUDY_FILE_FORMAT, STUDY_FILE_VERSION, type StudyFile } from './storage/study-file';
