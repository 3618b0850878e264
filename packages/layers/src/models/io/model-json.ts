/**
 * The JSON half of a convkit checkpoint (`model.json`) and how a model
 * describes itself in it. Depends on nothing at run time, so `LayersModel`
 * can offer `toJSON()` without an import cycle through the loaders.
 */
import type { Serialized } from '../../engine/types';
import type { LayersModel } from '../layers-model';

/** Value of `modelJson.format`. */
export const MODEL_FORMAT = 'convkit-model';
/** The format version this build writes and reads. */
export const MODEL_FORMAT_VERSION = 1;

/** One weight's entry in `modelJson.weightsManifest`. */
export interface WeightManifestEntry {
  /** `LayerWeight.name`, e.g. `conv2d_1/kernel`. */
  name: string;
  /** Shape of the weight. */
  shape: number[];
  /** Always `'float32'`. */
  dtype: 'float32';
  /** Byte offset of the first value in the weight buffer. */
  offset: number;
  /** `4 × product(shape)`. */
  byteLength: number;
  /**
   * CRC-32 (IEEE, as `crc32` from `@convkit/core`) of the weight's `byteLength`
   * bytes in the weight buffer. Written by `toArtifacts`/`saveModel` and checked
   * on load; absent in `toJSON()` (which reads no values) and in older files,
   * which load without the check.
   */
  crc32?: number;
}

/** Compile settings stored with a model (`LayersModel.trainingConfig`). */
export interface SavedTrainingConfig {
  /** Loss name given to `compile`. */
  loss: string;
  /** Metric names given to `compile`. */
  metrics: string[];
  /** `{ className, config }` of the optimizer, when one was set. */
  optimizer?: Serialized;
}

/** The JSON half of a checkpoint (`model.json`). */
export interface ModelJson {
  /** Always `'convkit-model'`. */
  format: typeof MODEL_FORMAT;
  /** Format version, currently 1. */
  version: typeof MODEL_FORMAT_VERSION;
  /** What wrote the file (`'convkit'`). */
  generatedBy: string;
  /** `model.toConfig()`: `{ className: 'Sequential' | 'Model', config }`. */
  topology: Serialized;
  /** One entry per weight, in `model.weights` order. */
  weightsManifest: WeightManifestEntry[];
  /** Compile settings, when the model was compiled. */
  training?: SavedTrainingConfig;
}

/**
 * `model.json` for `model`: topology, the layout of its weights in the
 * binary buffer (little-endian float32, in `model.weights` order) and, when
 * compiled, its compile settings. Reads no weight values.
 */
export function modelJsonOf(model: LayersModel): ModelJson {
  const manifest: WeightManifestEntry[] = [];
  let offset = 0;
  for (const w of model.weights) {
    const byteLength = w.shape.reduce((a, b) => a * b, 1) * 4;
    manifest.push({ name: w.name, shape: [...w.shape], dtype: 'float32', offset, byteLength });
    offset += byteLength;
  }
  const json: ModelJson = {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    generatedBy: 'convkit',
    topology: model.toConfig(),
    weightsManifest: manifest,
  };
  const training = model.trainingConfig;
  if (training) {
    json.training = { loss: training.loss, metrics: [...training.metrics] };
    if (training.optimizer) json.training.optimizer = training.optimizer;
  }
  return json;
}
