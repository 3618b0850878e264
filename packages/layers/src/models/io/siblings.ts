/**
 * The hidden siblings an atomic save writes next to its target, and their
 * cleanup after a crash.
 *
 * A save of `dir/name` writes `dir/.name.tmp-<pid>-<host>-<random>` and, when
 * it replaces a folder, moves the previous one to
 * `dir/.name.old-<pid>-<host>-<random>` for the instant between its two
 * renames. `<pid>` is the saving process, `<host>` 8 hex digits of the
 * machine's host name. A process killed mid-save leaves them behind; they are
 * *stale* when their process is gone, and the next save or load of the same
 * target removes them. Names written before pids were recorded
 * (`.name.tmp-<time>-<random>`) are stale after an hour.
 *
 * Only siblings of that target named by this pattern are touched, and inside
 * them only the files a save writes: anything else found there stays.
 */
import { crc32 } from '@convkit/core';
import { nodeOs } from './node-fs';

type Fs = typeof import('node:fs/promises');
type NodePath = typeof import('node:path');

/** `tmp`: the new output being written; `old`: the previous folder, moved aside. */
export type SiblingRole = 'tmp' | 'old';

/** A sibling of an alive process is still considered in use for this long (the pid may have been reused). */
const ALIVE_STALE_MS = 24 * 3600_000;
/** Siblings from another machine (a shared file system) or from before pids were recorded. */
const FOREIGN_STALE_MS = 24 * 3600_000;
const LEGACY_STALE_MS = 3600_000;

/** One sibling found next to a target. */
export interface Sibling {
  path: string;
  role: SiblingRole;
  /** The process that wrote it; undefined for names from before pids were recorded. */
  pid?: number;
  /** Host tag of that process. */
  host?: string;
}

let hostTagCache: string | undefined;

/** 8 hex digits identifying this machine in sibling names. */
export async function hostTag(): Promise<string> {
  if (hostTagCache === undefined) {
    const { hostname } = await nodeOs();
    hostTagCache = crc32(new TextEncoder().encode(hostname())).toString(16).padStart(8, '0');
  }
  return hostTagCache;
}

/** A fresh sibling path of `target` (an absolute path) for `role`, owned by this process. */
export async function siblingPath(path: NodePath, target: string, role: SiblingRole): Promise<string> {
  const random = Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  const name = `.${path.basename(target)}.${role}-${process.pid}-${await hostTag()}-${random}`;
  return path.join(path.dirname(target), name);
}

/** The siblings of `target` (absolute), by their names; none when its folder cannot be read. */
export async function listSiblings(fs: Fs, path: NodePath, target: string): Promise<Sibling[]> {
  const parent = path.dirname(target);
  const prefix = `.${path.basename(target)}.`;
  let names: string[];
  try {
    names = await fs.readdir(parent);
  } catch {
    return [];
  }
  const current = /^(tmp|old)-(\d+)-([0-9a-f]{8})-[0-9a-z]+$/;
  const legacy = /^(tmp|old)-[0-9a-z]+-[0-9a-z]+$/;
  const out: Sibling[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    const m = current.exec(rest);
    if (m) {
      out.push({ path: path.join(parent, name), role: m[1] as SiblingRole, pid: Number(m[2]), host: m[3] });
      continue;
    }
    const l = legacy.exec(rest);
    if (l) out.push({ path: path.join(parent, name), role: l[1] as SiblingRole });
  }
  return out;
}

/** Whether process `pid` of this machine is running (a zombie counts as gone). */
export async function processAlive(fs: Fs, pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // Linux: a killed child that its parent has not reaped yet still answers kill(pid, 0).
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/**
 * Whether `s` was left by a save that can no longer finish: its process is
 * gone, or it is older than the thresholds above. A sibling of this very
 * process is never stale (only the save that made it removes it).
 */
export async function isStale(fs: Fs, s: Sibling, now = Date.now()): Promise<boolean> {
  let age: number;
  try {
    age = now - (await fs.lstat(s.path)).mtimeMs;
  } catch {
    return false;
  }
  if (s.pid === undefined) return age > LEGACY_STALE_MS;
  if (s.host !== (await hostTag())) return age > FOREIGN_STALE_MS;
  if (s.pid === process.pid) return false;
  return age > ALIVE_STALE_MS || !(await processAlive(fs, s.pid));
}

/**
 * Removes a sibling written by a save: a file (`files` undefined), or a folder
 * holding at most `files`, which are unlinked before the folder is removed
 * (never recursively: a folder holding anything else is left alone).
 * Resolves to whether it is gone.
 */
export async function removeSibling(fs: Fs, path: NodePath, p: string, files?: readonly string[]): Promise<boolean> {
  let st: Awaited<ReturnType<Fs['lstat']>>;
  try {
    st = await fs.lstat(p);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT';
  }
  try {
    if (files === undefined) {
      if (!st.isFile()) return false;
      await fs.unlink(p);
      return true;
    }
    if (!st.isDirectory()) return false;
    for (const f of files) {
      const inner = path.join(p, f);
      const ist = await fs.lstat(inner).catch(() => undefined);
      if (ist?.isFile()) await fs.unlink(inner);
    }
    await fs.rmdir(p);
    return true;
  } catch {
    return false;
  }
}

/** Whether folder `p` holds every one of `files` as a regular file. */
async function holdsAll(fs: Fs, path: NodePath, p: string, files: readonly string[]): Promise<boolean> {
  for (const f of files) {
    const st = await fs.lstat(path.join(p, f)).catch(() => undefined);
    if (!st?.isFile()) return false;
  }
  return true;
}

/**
 * Best-effort cleanup of what killed saves of `target` (absolute, symlinks
 * resolved) left behind; never throws. For a folder output (`files` given),
 * when `target` is missing because a save was killed between its two renames,
 * the newest complete stale `.old-` sibling is first moved back to `target`,
 * so the previous checkpoint is where it belongs again. Then every stale
 * sibling is removed. Siblings of running saves are left alone.
 */
export async function cleanStaleSiblings(
  fs: Fs,
  path: NodePath,
  target: string,
  files?: readonly string[],
): Promise<void> {
  try {
    const stale: Sibling[] = [];
    for (const s of await listSiblings(fs, path, target)) if (await isStale(fs, s)) stale.push(s);
    if (stale.length === 0) return;
    if (files !== undefined && (await fs.lstat(target).catch(() => undefined)) === undefined) {
      const complete: { s: Sibling; mtime: number }[] = [];
      for (const s of stale) {
        if (s.role !== 'old' || !(await holdsAll(fs, path, s.path, files))) continue;
        complete.push({ s, mtime: (await fs.lstat(s.path)).mtimeMs });
      }
      complete.sort((a, b) => b.mtime - a.mtime);
      const newest = complete[0]?.s;
      if (newest) {
        await fs.rename(newest.path, target);
        stale.splice(stale.indexOf(newest), 1);
      }
    }
    for (const s of stale) await removeSibling(fs, path, s.path, files);
  } catch {
    // Cleanup must never make a save or a load fail.
  }
}

/**
 * The newest complete `.<name>.old-*` sibling of a missing folder `target`,
 * whatever its process: where the previous checkpoint is while a save
 * (possibly running in another process) is between its two renames. Only
 * read, so any name with that prefix counts.
 */
export async function findAside(
  fs: Fs,
  path: NodePath,
  target: string,
  files: readonly string[],
): Promise<string | undefined> {
  const parent = path.dirname(target);
  const prefix = `.${path.basename(target)}.old-`;
  const names = await fs.readdir(parent).catch(() => [] as string[]);
  const candidates: { p: string; mtime: number }[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const p = path.join(parent, name);
    if (!(await holdsAll(fs, path, p, files))) continue;
    const st = await fs.lstat(p).catch(() => undefined);
    if (st) candidates.push({ p, mtime: st.mtimeMs });
  }
  candidates.sort((a, b) => b.mtime - a.mtime);
  return candidates[0]?.p;
}
