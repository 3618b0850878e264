/**
 * `convkit export` and `convkit import`: a saved convkit model out as ONNX or
 * a TensorFlow.js Layers model, and a TensorFlow.js or Keras model in as a
 * convkit model folder. The writers refuse to replace anything they did not
 * write and write atomically, so a refused or failed command loses nothing.
 */
import { resolve } from 'node:path';
import { ConfigError } from '@convkit/core';
import { type LayersModel, loadModel, saveModel } from '@convkit/layers';
import type { CommonOptions } from './args';

/** What `convkit export` wrote. */
export interface ExportResult {
  /** The format written. */
  format: 'onnx' | 'tfjs';
  /** The file (onnx) or folder (tfjs) written, absolute. */
  path: string;
}

/**
 * Loads the model saved in `options.modelDir` and writes it to `options.out`
 * as one ONNX file (`--format onnx`, `writeOnnx` of `@convkit/onnx/node`) or a
 * TensorFlow.js Layers model folder (`--format tfjs`, `saveModel(…, { format: 'tfjs' })`).
 *
 * @param options - `modelDir`, `format` and `out` (all required).
 * @returns Resolves to the format and the path written.
 * @throws {ConfigError} for a missing option, or an `out` that holds something convkit did not write.
 * @throws {UnsupportedLayerError} for a layer ONNX cannot express (nothing is written).
 */
export async function exportSaved(options: CommonOptions): Promise<ExportResult> {
  const { modelDir, format, out } = options;
  if (modelDir === undefined || format === undefined || out === undefined) {
    throw new ConfigError('export needs --model-dir DIR, --format onnx|tfjs and --out PATH');
  }
  const model = await loadModel(modelDir);
  try {
    if (format === 'onnx') {
      const { writeOnnx } = await import('@convkit/onnx/node');
      return { format, path: await writeOnnx(out, model) };
    }
    await saveModel(model, out, { format: 'tfjs' });
    return { format, path: resolve(out) };
  } finally {
    model.dispose();
  }
}

/** Whether `path` names a Keras file (`.keras`, or HDF5 `.h5`/`.hdf5`) rather than a TensorFlow.js model. */
export function isKerasPath(path: string): boolean {
  return /\.(keras|h5|hdf5)$/i.test(path);
}

/**
 * Reads the model at `options.source` — a Keras `.keras`/`.h5` file
 * (`loadKerasModel`), or a TensorFlow.js Layers `model.json` or its folder
 * (`loadModel`) — and saves it in convkit's format to `options.out`, which
 * must be missing, empty or an earlier convkit save.
 *
 * @param options - `source` (the PATH argument) and `out` (required).
 * @returns Resolves to the imported model; the caller disposes it.
 * @throws {SerializationError} for a corrupt file or a layer convkit does not load.
 * @throws {ConfigError} for an `out` that holds something convkit did not write.
 */
export async function importModel(options: CommonOptions): Promise<LayersModel> {
  const { source, out } = options;
  if (source === undefined || out === undefined) throw new ConfigError('import needs PATH and --out DIR');
  let model: LayersModel;
  if (isKerasPath(source)) {
    const { loadKerasModel } = await import('@convkit/layers/keras');
    model = await loadKerasModel(source);
  } else {
    model = await loadModel(source);
  }
  try {
    await saveModel(model, out);
  } catch (err) {
    model.dispose();
    throw err;
  }
  return model;
}
