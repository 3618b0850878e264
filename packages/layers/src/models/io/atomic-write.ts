/**
 * Atomic saves that never destroy what they did not write (Node only; Node
 * modules are loaded with dynamic `import()` so the package still bundles for
 * browsers). The engine behind `saveModel`'s folders and `saveCompressed`'s
 * files.
 *
 * What a save may replace: nothing (a missing target, whose missing parent
 * folders are created), an empty folder or file, or its own earlier output
 * recognised by content (`AtomicTargetSpec.recognise`). Anything else is
 * refused with a `ConfigError` naming the path: a folder of user files, a file
 * where a folder is expected and the reverse, a device, the file-system root,
 * the home folder. A symbolic link is followed: its destination is checked and
 * replaced, the link stays. A failing file operation is a `FileSystemError`
 * (`could not save the model to PATH: no space left on device`).
 *
 * How (see `siblings.ts` for the names):
 * 1. the new output is written into a fresh hidden sibling `.<name>.tmp-…` and
 *    fsynced;
 * 2. a file replaces the target with one `rename`; a folder target is first
 *    renamed aside to `.<name>.old-…`, then the new one renamed in place;
 * 3. the parent folder is fsynced and the old folder's own files removed.
 * A crash at any point leaves a complete old or new output at the target (or,
 * in the instant between a folder's two renames, the old one aside, which
 * loads fall back to and the next save or load moves back); an error rolls
 * back. Stale siblings of killed saves are removed by the next save or load.
 */
import { ConfigError, ConvkitError, describeErrno, errnoCodeOf, FileSystemError, fileSystemError } from '@convkit/core';
import { nodeFs, nodeOs, nodePath } from './node-fs';
import { cleanStaleSiblings, removeSibling, siblingPath } from './siblings';

type Fs = typeof import('node:fs/promises');
type NodePath = typeof import('node:path');
type Stats = Awaited<ReturnType<Fs['lstat']>>;

/** What an atomic save writes and what it may replace. */
export interface AtomicTargetSpec {
  /** The path the caller named (a plain path, not a URL). */
  target: string;
  /** `'directory'`: a folder of `files`, replaced as a whole; `'file'`: a single file. */
  kind: 'directory' | 'file';
  /** What is saved, for messages: `'the model'` gives "could not save the model to PATH: …". */
  what: string;
  /** `'directory'` only: the files the output folder consists of. Only these are ever deleted. */
  files?: readonly string[];
  /**
   * Judges an existing, non-empty target by its content (a folder for
   * `'directory'`, a regular file for `'file'`): `undefined` when it is this
   * save's own earlier output, which may be replaced; otherwise why it is
   * not, as a clause after "it …" that also says what to do, e.g. `'is a
   * folder that is not a convkit checkpoint (it holds a.txt); choose a new or
   * empty folder'`.
   */
  recognise(path: string): Promise<string | undefined>;
}

/** Points in `writeAtomically` where a test can inject a failure (folder outputs). */
export type AtomicStage = 'afterRenameAside' | 'beforeCleanup';

function refuse(spec: AtomicTargetSpec, shown: string, reason: string): ConfigError {
  return new ConfigError(`refusing to save ${spec.what} to ${shown}: ${reason}`);
}

function wrap(spec: AtomicTargetSpec, e: unknown): unknown {
  if (e instanceof ConvkitError || errnoCodeOf(e) === undefined) return e;
  return fileSystemError(`save ${spec.what} to`, spec.target, e);
}

async function lstatOrUndefined(fs: Fs, p: string): Promise<Stats | undefined> {
  try {
    return await fs.lstat(p);
  } catch (e) {
    const code = errnoCodeOf(e);
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
}

/** The target with symbolic links resolved, and the folder whose write access matters. */
interface Resolved {
  /** Absolute path of what gets replaced or created. */
  real: string;
  /** `target` for messages, with the link destination when it differs. */
  shown: string;
  /** The nearest existing folder at or above the real target's parent. */
  existingDir: string;
  /** The folders to create below `existingDir` for the target's parent, outermost first. */
  missing: string[];
}

async function resolveTarget(fs: Fs, path: NodePath, spec: AtomicTargetSpec): Promise<Resolved> {
  const abs = path.resolve(spec.target);
  const isRoot = (p: string) => path.parse(p).root === p;
  if (isRoot(abs)) throw refuse(spec, spec.target, 'it is the root of the file system; choose a new folder below it');
  let real: string;
  let existingDir: string;
  let missing: string[] = [];
  const st = await lstatOrUndefined(fs, abs);
  if (st) {
    try {
      real = await fs.realpath(abs);
    } catch (e) {
      if (!st.isSymbolicLink() || errnoCodeOf(e) !== 'ENOENT') throw e;
      const to = await fs.readlink(abs).catch(() => '?');
      throw refuse(
        spec,
        spec.target,
        `it is a symbolic link to ${to}, which does not exist; remove the link or save elsewhere`,
      );
    }
    existingDir = path.dirname(real);
  } else {
    // Walk up to the nearest existing ancestor; it must be a folder.
    const rest = [path.basename(abs)];
    let anc = path.dirname(abs);
    for (;;) {
      const a = await lstatOrUndefined(fs, anc);
      if (a) break;
      if (isRoot(anc)) break;
      rest.unshift(path.basename(anc));
      anc = path.dirname(anc);
    }
    let ancStat: Stats;
    try {
      ancStat = await fs.stat(anc);
    } catch (e) {
      throw wrap(spec, e);
    }
    if (!ancStat.isDirectory()) {
      throw new FileSystemError(
        `could not save ${spec.what} to ${spec.target}: ${anc} is a file, not a folder; choose a path whose folders are folders`,
        { path: spec.target, errnoCode: 'ENOTDIR' },
      );
    }
    existingDir = await fs.realpath(anc);
    real = path.join(existingDir, ...rest);
    missing = rest.slice(0, -1).map((_, i) => path.join(existingDir, ...rest.slice(0, i + 1)));
  }
  const shown = real === abs ? spec.target : `${spec.target} (→ ${real})`;
  if (isRoot(real)) throw refuse(spec, shown, 'it is the root of the file system; choose a new folder below it');
  const { homedir } = await nodeOs();
  const home = await fs.realpath(homedir()).catch(() => homedir());
  if (real === home) throw refuse(spec, shown, 'it is your home folder; choose a new folder inside it');
  return { real, shown, existingDir, missing };
}

/** Whether the existing target at `real` may be replaced; throws the refusal when not. Resolves to whether it exists. */
async function inspectExisting(fs: Fs, spec: AtomicTargetSpec, r: Resolved): Promise<boolean> {
  const st = await lstatOrUndefined(fs, r.real);
  if (!st) return false;
  if (spec.kind === 'directory') {
    if (!st.isDirectory()) {
      throw refuse(
        spec,
        r.shown,
        st.isFile()
          ? `it is a file, not a folder, and ${spec.what} is saved as a folder (${(spec.files ?? []).join(' + ')}); choose a folder path`
          : 'it is not a folder (a device, pipe or socket); choose a folder path',
      );
    }
    if ((await fs.readdir(r.real)).length === 0) return true;
  } else {
    if (st.isDirectory()) {
      throw refuse(
        spec,
        r.shown,
        `it is a folder, and ${spec.what} is saved as one file; give a file path, e.g. ${r.real}/model.ckz`,
      );
    }
    if (!st.isFile()) throw refuse(spec, r.shown, 'it is not a regular file (a device, pipe or socket)');
    if (st.size === 0) return true;
  }
  const reason = await spec.recognise(r.real);
  if (reason !== undefined) throw refuse(spec, r.shown, `it ${reason}`);
  return true;
}

/**
 * Checks that a save to `spec.target` would be allowed (see the module
 * comment) without saving anything: throws the `ConfigError` the save would
 * refuse with, or a `FileSystemError` when the nearest existing folder cannot
 * be written (tested by creating and removing an empty hidden folder there,
 * named like a save's temporary sibling). Node only. Use it before a long
 * computation whose result goes there.
 */
export async function checkAtomicTarget(spec: AtomicTargetSpec): Promise<void> {
  const fs = await nodeFs();
  const path = await nodePath();
  try {
    const r = await resolveTarget(fs, path, spec);
    await inspectExisting(fs, spec, r);
    const probe = await siblingPath(path, r.missing[0] ?? r.real, 'tmp');
    await fs.mkdir(probe);
    await fs.rmdir(probe);
  } catch (e) {
    throw wrap(spec, e);
  }
}

/**
 * Creates the missing folders above the target one level at a time (Node's
 * recursive `mkdir` spins forever on some paths, e.g. under /proc).
 */
async function createParents(fs: Fs, spec: AtomicTargetSpec, r: Resolved): Promise<void> {
  for (const folder of r.missing) {
    try {
      await fs.mkdir(folder);
    } catch (e) {
      const code = errnoCodeOf(e);
      if (code === 'EEXIST' && (await fs.stat(folder).catch(() => undefined))?.isDirectory()) continue;
      if (code === undefined) throw e;
      throw new FileSystemError(
        `could not save ${spec.what} to ${spec.target}: ${describeErrno(code)} (creating the folder ${folder})`,
        { path: spec.target, errnoCode: code, cause: e },
      );
    }
  }
}

/**
 * Saves atomically to `spec.target` (see the module comment): refuses
 * targets that are not empty or this save's own output, calls `write(tmp)`
 * to write the new output at a hidden sibling path `tmp` (a file to create
 * for `'file'`; a folder, already created, to fill for `'directory'`), fsyncs
 * and renames it into place, and removes stale siblings of killed saves. File
 * operations that fail become a `FileSystemError`; an error in `write` is
 * rethrown after the partial output is removed. Resolves to the absolute path
 * written (symbolic links resolved). Node only.
 */
export async function writeAtomically(
  spec: AtomicTargetSpec,
  write: (tmp: string) => Promise<void>,
  onStage?: (stage: AtomicStage) => void | Promise<void>,
): Promise<string> {
  const fs = await nodeFs();
  const path = await nodePath();
  let r: Resolved;
  let exists: boolean;
  try {
    r = await resolveTarget(fs, path, spec);
    await createParents(fs, spec, r);
    // Removes what killed saves left; may move a previous folder output back into place.
    await cleanStaleSiblings(fs, path, r.real, spec.files);
    exists = await inspectExisting(fs, spec, r);
  } catch (e) {
    throw wrap(spec, e);
  }
  const { real } = r;
  const parent = path.dirname(real);
  const tmp = await siblingPath(path, real, 'tmp');
  const old = await siblingPath(path, real, 'old');
  const folder = spec.kind === 'directory';
  let movedAside = false;
  let committed = false;
  try {
    if (folder) await fs.mkdir(tmp);
    await write(tmp);
    if (folder) {
      await syncDir(fs, tmp);
      if (exists) {
        await fs.rename(real, old);
        movedAside = true;
        await onStage?.('afterRenameAside');
      }
    }
    await fs.rename(tmp, real);
    committed = true;
    await syncDir(fs, parent);
  } catch (e) {
    if (!committed) {
      await removeSibling(fs, path, tmp, spec.files);
      if (movedAside) await fs.rename(old, real).catch(() => undefined);
    }
    throw wrap(spec, e);
  }
  if (movedAside) {
    await onStage?.('beforeCleanup');
    // Only the files a save writes; a folder holding anything else stays (a later cleanup retries).
    await removeSibling(fs, path, old, spec.files);
  }
  return real;
}

/**
 * Best-effort removal of what killed saves of `target` left behind (hidden
 * `.<name>.tmp-…` / `.<name>.old-…` siblings whose process is gone), never
 * throwing; for a folder output (`files` given) whose target is missing, the
 * previous folder found aside is first moved back. Loads call it. Node only.
 */
export async function cleanStaleSaves(target: string, files?: readonly string[]): Promise<void> {
  try {
    const fs = await nodeFs();
    const path = await nodePath();
    const abs = path.resolve(target);
    const real = await fs
      .realpath(abs)
      .catch(async () => path.join(await fs.realpath(path.dirname(abs)), path.basename(abs)));
    await cleanStaleSiblings(fs, path, real, files);
  } catch {
    // best effort
  }
}

/** Writes `data` to a new file `file` (it must not exist) and fsyncs it. Node only. */
export async function writeFileDurably(file: string, data: Uint8Array | string): Promise<void> {
  const fs = await nodeFs();
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
