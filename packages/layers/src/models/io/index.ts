// Save/load in convkit's own format: artifacts, Node directories, IndexedDB, downloads, custom handlers.

export type {
  LoadedModel,
  LoadOptions,
  ModelArtifacts,
  ModelJson,
  RawModelArtifacts,
  SavedTrainingConfig,
  WeightManifestEntry,
} from './artifacts';
export {
  cloneModel,
  DEFAULT_MAX_BYTES,
  fromArtifacts,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  modelFromConfig,
  modelJsonOf,
  parseModelJson,
  toArtifacts,
} from './artifacts';
export type { AtomicStage, AtomicTargetSpec } from './atomic-write';
export { checkAtomicTarget, cleanStaleSaves, writeAtomically, writeFileDurably } from './atomic-write';
export { browserFiles, IDB_DATABASE, IDB_STORE, loadIndexedDb, saveDownloads, saveIndexedDb } from './browser-handlers';
export { checkFilesTarget, loadFiles, MODEL_JSON_FILE, saveFiles, WEIGHTS_FILE } from './file-handler';
export type { LoadHandler, SaveHandler, SaveOptions } from './handlers';
export { checkSaveTarget, loadModel, saveModel } from './handlers';
export type { JsonLimits } from './json';
export { checkJsonValue, MAX_JSON_CHARS, MAX_JSON_DEPTH, MAX_JSON_VALUES, parseJson } from './json';
export {
  checkManifestEntry,
  checkWeightLayout,
  checkWeightShape,
  MAX_WEIGHT_ELEMENTS,
  verifyWeightChecksums,
  withWeightChecksums,
} from './manifest';
export type { TfjsArtifacts, TfjsMemoryArtifacts, TfjsModelJson } from './tfjs-artifacts';
export { fromTfjsArtifacts, TFJS_LAYERS_FORMAT, TFJS_WEIGHTS_FILE, toTfjsArtifacts } from './tfjs-artifacts';
export { checkTfjsTarget, loadTfjsModel, saveTfjsFiles } from './tfjs-files';
export { parseTrainingConfig } from './training-config';
