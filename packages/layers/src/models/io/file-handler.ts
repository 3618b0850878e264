/**
 * Node directory checkpoints: `<dir>/model.json` + `<dir>/weights.bin`.
 *
 * Node modules are loaded with dynamic `import()` so the package still
 * bundles for browsers.
 *
 * Atomicity of `saveFiles(dir)`:
 * 1. both files are written into a fresh sibling `.<name>.tmp-<random>` and
 *    fsynced (files, then the directory);
 * 2. if `dir` exists it is renamed to `.<name>.old-<random>`;
 * 3. the temp directory is renamed to `dir` and the parent is fsynced;
 * 4. the old directory is removed.
 *
 * Guarantee: whatever step a crash or error interrupts, a complete
 * checkpoint survives — `dir` holds the old one (before step 2) or the new one
 * (after step 3). In the window between steps 2 and 3 `dir` is briefly absent
 * and the old complete checkpoint is at `.<name>.old-<random>`; `loadFiles(dir)`
 * falls back to that sibling when `dir` is missing. An error (not a crash) in
 * steps 1–3 is rolled back: the temp directory is removed and the old one
 * renamed back. Stale `.tmp-`/`.old-` siblings left by a crash are harmless
 * and may be deleted.
 */
import { SerializationError } from '@convkit/core';
import { DEFAULT_MAX_BYTES, type LoadOptions, type ModelArtifacts } from './artifacts';

/** Name of the JSON file inside a checkpoint directory. */
export const MODEL_JSON_FILE = 'model.json';
/** Name of the weight file inside a checkpoint directory. */
export const WEIGHTS_FILE = 'weights.bin';

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
    const { fileURLToPath } = await import('node:url');
    return fileURLToPath(target);
  }
  return target;
}

function randomSuffix(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Writes `artifacts` atomically as `dir/model.json` + `dir/weights.bin`
 * (see the module comment for the exact guarantee). Creates missing parents.
 */
export async function saveFiles(target: string, artifacts: ModelArtifacts): Promise<void> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const dir = path.resolve(await toFilePath(target));
  const parent = path.dirname(dir);
  const base = path.basename(dir);
  await fs.mkdir(parent, { recursive: true });
  const suffix = randomSuffix();
  const tmp = path.join(parent, `.${base}.tmp-${suffix}`);
  const old = path.join(parent, `.${base}.old-${suffix}`);
  await fs.mkdir(tmp);
  let movedAside = false;
  let committed = false;
  try {
    await writeSynced(fs, path.join(tmp, WEIGHTS_FILE), new Uint8Array(artifacts.weights));
    await stage('afterWeights');
    await writeSynced(fs, path.join(tmp, MODEL_JSON_FILE), JSON.stringify(artifacts.modelJson));
    await stage('afterModelJson');
    await syncDir(fs, tmp);
    if (await exists(fs, dir)) {
      await fs.rename(dir, old);
      movedAside = true;
      await stage('afterRenameAside');
    }
    await fs.rename(tmp, dir);
    committed = true;
    await syncDir(fs, parent);
  } catch (e) {
    if (!committed) {
      await fs.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
      if (movedAside) await fs.rename(old, dir).catch(() => undefined);
    }
    throw e;
  }
  if (movedAside) {
    await stage('beforeCleanup');
    await fs.rm(old, { recursive: true, force: true });
  }
}

/**
 * Reads `dir/model.json` and `dir/weights.bin`. Files larger than
 * `options.maxBytes` are rejected before they are read. When `dir` is missing
 * but a save was interrupted between its two renames, reads the old
 * checkpoint from its `.<name>.old-*` sibling.
 */
export async function loadFiles(
  target: string,
  options: LoadOptions = {},
): Promise<{ modelJson: string; weights: Uint8Array; sources: { modelJson: string; weights: string } }> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  let dir = path.resolve(await toFilePath(target));
  if (!(await exists(fs, dir))) {
    const fallback = await findAside(fs, path, dir);
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

async function writeSynced(fs: Fs, file: string, data: Uint8Array | string): Promise<void> {
  const fh = await fs.open(file, 'wx');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** fsyncs a directory so renames inside it are durable; a no-op where the platform refuses (Windows). */
async function syncDir(fs: Fs, dir: string): Promise<void> {
  let fh: Awaited<ReturnType<Fs['open']>> | undefined;
  try {
    fh = await fs.open(dir, 'r');
    await fh.sync();
  } catch {
    // Directories cannot be opened/fsynced on some platforms.
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

async function exists(fs: Fs, p: string): Promise<boolean> {
  try {
    await fs.stat(p);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

/** The newest complete `.<name>.old-*` sibling of `dir`, if any. */
async function findAside(fs: Fs, path: typeof import('node:path'), dir: string): Promise<string | undefined> {
  const parent = path.dirname(dir);
  const prefix = `.${path.basename(dir)}.old-`;
  let entries: string[];
  try {
    entries = await fs.readdir(parent);
  } catch {
    return undefined;
  }
  const candidates: { p: string; mtime: number }[] = [];
  for (const name of entries) {
    if (!name.startsWith(prefix)) continue;
    const p = path.join(parent, name);
    if ((await exists(fs, path.join(p, MODEL_JSON_FILE))) && (await exists(fs, path.join(p, WEIGHTS_FILE)))) {
      candidates.push({ p, mtime: (await fs.stat(p)).mtimeMs });
    }
  }
  candidates.sort((a, b) => b.mtime - a.mtime);
  return candidates[0]?.p;
}
