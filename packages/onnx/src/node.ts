/**
 * `@convkit/onnx/node` — writes an exported model to a `.onnx` file, atomically.
 * A separate entry so browser bundles never include `node:fs`.
 */

import type { LayersModel } from '@convkit/layers';
import { writeAtomically } from '@convkit/layers';
import { type ExportOnnxOptions, exportOnnx } from './export';
import { modelProto } from './schema';

/** Whether the file at `path` is an ONNX model written by convkit (only those may be replaced). */
async function writtenByConvkit(path: string): Promise<boolean> {
  const { readFile } = await import('node:fs/promises');
  try {
    const decoded = modelProto().decode(await readFile(path)) as unknown as { producerName?: string };
    return decoded.producerName === 'convkit';
  } catch {
    return false;
  }
}

/**
 * Exports `model` with {@link exportOnnx} and writes it to `path` atomically
 * (a temporary sibling renamed into place): a failed export or write leaves
 * what was at `path` untouched. Replaces only an ONNX file convkit wrote;
 * refuses any other file or a folder (`ConfigError`). Missing parent folders
 * are created.
 *
 * @param path - The file to write, e.g. `'model.onnx'`.
 * @param model - A built `Sequential` or functional model.
 * @param options - As for {@link exportOnnx}.
 * @returns The absolute path written.
 * @throws {UnsupportedLayerError} for a layer ONNX cannot express (nothing is written).
 * @throws {ConfigError} for a target that is not convkit's own ONNX file.
 * @throws {FileSystemError} when the file cannot be written.
 * @example
 * ```ts no-run
 * await writeOnnx('digits.onnx', model);
 * ```
 */
export async function writeOnnx(path: string, model: LayersModel, options: ExportOnnxOptions = {}): Promise<string> {
  const bytes = await exportOnnx(model, options);
  return writeAtomically(
    {
      target: path,
      kind: 'file',
      what: 'the ONNX model',
      async recognise(existing) {
        return (await writtenByConvkit(existing))
          ? undefined
          : 'is a file that is not an ONNX model written by convkit; choose another path';
      },
    },
    async (tmp) => {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(tmp, bytes, { flag: 'wx' });
    },
  );
}

export type { ExportOnnxOptions } from './export';
