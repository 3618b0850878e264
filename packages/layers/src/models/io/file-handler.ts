/**
 * Node directory checkpoints: `<dir>/model.json` + `<dir>/weights.bin`.
 *
 * Node modules are loaded with dynamic `import()` so the package still
 * bundles for browsers.
 *
 * `saveFiles(dir)` goes through `writeAtomically` (see `atomic-write.ts`):
 * 1. both files are written into a fresh sibling `.<name>.tmp-<pid>-…` and
 *    fsynced (files, then the directory);
 * 2. if `dir` exists it is renamed to `.<name>.old-<pid>-…`;
 * 3. the temp directory is renamed to `dir` and the parent is fsynced;
 * 4. the old directory's `model.json` and `weights.bin` are removed, then the
 *    directory itself.
 *
 * Guarantee: whatever step a crash or error interrupts, a complete
 * checkpoint survives — `dir` holds the old one (before step 2) or the new one
 * (after step 3). In the window between steps 2 and 3 `dir` is briefly absent
 * and the old complete checkpoint is at `.<name>.old-…`; `loadFiles(dir)`
 * falls back to that sibling, and the next save or load of `dir` moves it
 * back. An error (not a crash) in steps 1–3 is rolled back. Siblings left by
 * killed saves are removed by the next save or load of `dir`.
 *
 * `dir` may be missing, an empty folder or a convkit checkpoint — a folder
 * holding a `model.json` whose `format` is `'convkit-model'`, and at most a
 * `weights.bin` besides. Anything else (a folder of other files, a file, the
 * root, the home folder) is refused with a `ConfigError` before anything is
 * written; failing file operations are `FileSystemError`s.
 */
import { SerializationError } from '@convkit/core';
import { DEFAULT_MAX_BYTES, type LoadOptions, type ModelArtifacts } from './artifacts';
import {
  type AtomicTargetSpec,
  checkAtomicTarget,
  cleanStaleSaves,
  writeAtomically,
  writeFileDurably,
} from './atomic-write';
import { MODEL_FORMAT } from './model-json';
import { nodeFs, nodePath, nodeUrl } from './node-fs';
import { findAside } from './siblings';

/** Name of the JSON file inside a checkpoint directory. */
export const MODEL_JSON_FILE = 'model.json';
/** Name of the weight file inside a checkpoint directory. */
export const WEIGHTS_FILE = 'weights.bin';
/** The files of a checkpoint directory: the only ones a save ever deletes. */
const CHECKPOINT_FILES = [MODEL_JSON_FILE, WEIGHTS_FILE] as const;
/** A `model.json` larger than this is not read to recognise a checkpoint. */
const MAX_RECOGNISED_JSON_BYTES = 64 * 1024 * 1024;

/** Points in `saveFiles` where a test can inject a failure. */
export type SaveStage = 'afterWeights' | 'afterModelJson' | 'afterRenameAside' | 'beforeCleanup';

/**
 * Internal test hooks (not exported from the package index). `onStage` is
 * awaited at each stage of `saveFiles`; throwing from it simulates a failure there.
 * @internal
 */
export const fileHandlerTestHooks: { onStage?: (stage: SaveStage) => void | Promise<void> } = {};

async function stage(s: SaveStage): Promise<void> {
  await fileHandlerTestHooks.onStage?.(s);
}

/** `file:///a/b` → `/a/b`; a plain path is returned as is. */
export async function toFilePath(target: string): Promise<string> {
  if (target.startsWith('file://')) {
    const { fileURLToPath } = await nodeUrl();
    return fileURLToPath(target);
  }
  return target;
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

/**
 * `undefined` when folder `dir` is a convkit checkpoint that a save may
 * replace; otherwise why not (see `AtomicTargetSpec.recognise`).
 */
async function recogniseCheckpoint(dir: string): Promise<string | undefined> {
  const fs = await nodeFs();
  const path = await nodePath();
  const names = await fs.readdir(dir);
  const fix = 'choose a new or empty folder, or remove its contents yourself';
  if (!names.includes(MODEL_JSON_FILE)) {
    return `is a folder that is not a convkit checkpoint (it holds ${listNames(names)} and no ${MODEL_JSON_FILE}), and saving would delete its contents; ${fix}`;
  }
  const json = path.join(dir, MODEL_JSON_FILE);
  const st = await fs.lstat(json);
  let format: unknown;
  if (st.isFile() && st.size <= MAX_RECOGNISED_JSON_BYTES) {
    try {
      format = (JSON.parse(await fs.readFile(json, 'utf8')) as { format?: unknown } | null)?.format;
    } catch {
      format = undefined;
    }
  }
  if (format !== MODEL_FORMAT) {
    return `holds a ${MODEL_JSON_FILE} that is not a convkit checkpoint's (its format is ${format === undefined ? 'unreadable' : JSON.stringify(format)}, not '${MODEL_FORMAT}'), and saving would delete it; ${fix}`;
  }
  const weights = await fs.lstat(path.join(dir, WEIGHTS_FILE)).catch(() => undefined);
  if (weights && !weights.isFile()) return `holds a ${WEIGHTS_FILE} that is not a regular file; ${fix}`;
  const others = names.filter((n) => !(CHECKPOINT_FILES as readonly string[]).includes(n));
  if (others.length > 0) {
    return `is a convkit checkpoint but also holds ${listNames(others)}, which a save would delete; move ${others.length === 1 ? 'it' : 'them'} out of the folder or save elsewhere`;
  }
  return undefined;
}

function checkpointSpec(dir: string): AtomicTargetSpec {
  return {
    target: dir,
    kind: 'directory',
    what: 'the model',
    files: CHECKPOINT_FILES,
    recognise: recogniseCheckpoint,
  };
}

/**
 * Writes `artifacts` atomically as `dir/model.json` + `dir/weights.bin`
 * (see the module comment for the exact guarantee and what `dir` may be).
 * Creates missing parents. Throws a `ConfigError` for a target it will not
 * replace and a `FileSystemError` (path and errno code) when the file system
 * fails. Node only.
 */
export async function saveFiles(target: string, artifacts: ModelArtifacts): Promise<void> {
  const dir = await toFilePath(target);
  await writeAtomically(
    checkpointSpec(dir),
    async (tmp) => {
      const path = await nodePath();
      await writeFileDurably(path.join(tmp, WEIGHTS_FILE), new Uint8Array(artifacts.weights));
      await stage('afterWeights');
      await writeFileDurably(path.join(tmp, MODEL_JSON_FILE), JSON.stringify(artifacts.modelJson));
      await stage('afterModelJson');
    },
    stage,
  );
}

/**
 * Checks, writing nothing, that `saveFiles(target, …)` would be allowed to
 * write there: throws the `ConfigError` it would refuse with (a folder that
 * is not a convkit checkpoint, a file, the root, …) or a `FileSystemError`
 * when the nearest existing folder is not writable. Node only.
 */
export async function checkFilesTarget(target: string): Promise<void> {
  await checkAtomicTarget(checkpointSpec(await toFilePath(target)));
}

/**
 * Reads `dir/model.json` and `dir/weights.bin`. Files larger than
 * `options.maxBytes` are rejected before they are read. When `dir` is missing
 * but a save was interrupted between its two renames, reads the old
 * checkpoint from its `.<name>.old-*` sibling (moving it back first when the
 * save was killed). Removes siblings left by killed saves of `dir`.
 */
export async function loadFiles(
  target: string,
  options: LoadOptions = {},
): Promise<{
  /** Text of `model.json`. */
  modelJson: string;
  /** Bytes of `weights.bin`. */
  weights: Uint8Array;
  /** The paths read. */
  sources: {
    /** Path of `model.json`. */
    modelJson: string;
    /** Path of `weights.bin`. */
    weights: string;
  };
}> {
  const fs = await nodeFs();
  const path = await nodePath();
  let dir = path.resolve(await toFilePath(target));
  await cleanStaleSaves(dir, CHECKPOINT_FILES);
  if (!(await exists(fs, dir))) {
    const fallback = await findAside(fs, path, dir, CHECKPOINT_FILES);
    if (!fallback) throw new SerializationError(`No checkpoint at ${dir}: the directory does not exist`);
    dir = fallback;
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const jsonPath = path.join(dir, MODEL_JSON_FILE);
  const weightsPath = path.join(dir, WEIGHTS_FILE);
  const read = async <T>(file: string, what: (p: string) => Promise<T>): Promise<T> => {
    let size: number;
    try {
      size = (await fs.stat(file)).size;
    } catch (e) {
      throw new SerializationError(`Cannot read ${file}: ${(e as Error).message}`, { cause: e });
    }
    if (size > maxBytes) throw new SerializationError(`${file} is ${size} bytes, more than maxBytes = ${maxBytes}`);
    try {
      return await what(file);
    } catch (e) {
      throw new SerializationError(`Cannot read ${file}: ${(e as Error).message}`, { cause: e });
    }
  };
  const modelJson = await read(jsonPath, (p) => fs.readFile(p, 'utf8'));
  const weights = await read(weightsPath, (p) => fs.readFile(p));
  return { modelJson, weights, sources: { modelJson: jsonPath, weights: weightsPath } };
}

type Fs = typeof import('node:fs/promises');

async function exists(fs: Fs, p: string): Promise<boolean> {
  try {
    await fs.stat(p);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}
