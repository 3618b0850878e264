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
  checkWeightLayout,
  checkWeightShape,
  cloneModel,
  DEFAULT_MAX_BYTES,
  fromArtifacts,
  MAX_WEIGHT_ELEMENTS,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  modelFromConfig,
  modelJsonOf,
  parseModelJson,
  parseTrainingConfig,
  toArtifacts,
} from './artifacts';
export type { AtomicStage, AtomicTargetSpec } from './atomic-write';
export { checkAtomicTarget, cleanStaleSaves, writeAtomically, writeFileDurably } from './atomic-write';
export { browserFiles, IDB_DATABASE, IDB_STORE, loadIndexedDb, saveDownloads, saveIndexedDb } from './browser-handlers';
export { checkFilesTarget, loadFiles, MODEL_JSON_FILE, saveFiles, WEIGHTS_FILE } from './file-handler';
export type { LoadHandler, SaveHandler } from './handlers';
export { checkSaveTarget, loadModel, saveModel } from './handlers';
