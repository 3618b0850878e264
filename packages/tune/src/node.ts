/**
 * @convkit/tune/node — storages and runners that need Node: the JSON file storage, Redis storage
 * for distributed studies and parallel trials on worker threads.
 *
 * @packageDocumentation
 */
export * from './index';
export { FileStorage } from './storage/file';
export { parseStudyFile, STUDY_FILE_FORMAT, STUDY_FILE_VERSION, type StudyFile } from './storage/study-file';
