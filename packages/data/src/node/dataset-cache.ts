/**
 * The download cache: each dataset's canonical files are fetched once into
 * `<cache>/datasets/<name>/`, checked against their SHA-256, and read from there
 * afterwards (checked again on every use).
 *
 * A download goes to a uniquely named temporary file in the cache folder, is
 * hashed while it arrives, and only a file with an accepted checksum is moved
 * into place — so a failed, cut or corrupt download leaves nothing behind and
 * concurrent loads never see each other's partial files. Each file convkit
 * places gets a `<file>.sha256` record beside it; a cached file that no longer
 * matches is downloaded again when convkit wrote it, and reported (never
 * replaced) when it did not.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '@convkit/core';
import { checkOptionalBoolean, checkOptionalString, checkOptions, describeValue } from '../check';
import { type CacheDirOptions, datasetCacheDir } from './cache-dir';
import { DATASETS, type DatasetFile, type DatasetName, type DatasetSpec, type FileChecksum } from './catalog';
import { ChecksumError, DownloadError } from './download-errors';
import { type DownloadProgress, fetchToFile, sourceOf } from './fetch-file';

/** Options of the download cache, shared by `downloadDataset` and the loaders. */
export interface DownloadOptions extends CacheDirOptions {
  /**
   * Where to download from instead of the canonical servers: an http(s) folder
   * URL, a `file://` folder URL or a local folder holding the dataset's files.
   */
  baseUrl?: string;
  /**
   * SHA-256 (64 hex digits) to expect per file name, replacing the recorded
   * checksums — for a mirror with other bytes, or test files.
   */
  checksums?: Readonly<Record<string, string>>;
  /**
   * Download files missing from the cache (default `true`); `false` only reads the cache.
   *
   * @defaultValue `true`
   */
  download?: boolean;
  /**
   * Abort a download when no byte arrives for this many milliseconds (default 30 000).
   *
   * @defaultValue `30000`
   */
  timeoutMs?: number;
  /**
   * Largest download accepted per file when its size is not recorded (with
   * `checksums`), in bytes (default 1 GiB).
   *
   * @defaultValue `1 GiB`
   */
  maxDownloadBytes?: number;
  /** Called as bytes arrive, e.g. to draw a progress bar. */
  onProgress?: (progress: DownloadProgress) => void;
}

/** What `downloadDataset` returns. */
export interface DownloadedDataset {
  /** The cache folder holding the verified files. */
  dir: string;
  /** File name → its path in `dir`. */
  files: Record<string, string>;
  /** The files that were downloaded by this call (the others were in the cache already). */
  downloaded: string[];
}

interface CheckedDownloadOptions {
  dir: string;
  mirrors: readonly string[];
  mirrorOption: string;
  expected: (file: DatasetFile) => readonly FileChecksum[] | readonly string[];
  download: boolean;
  timeoutMs: number;
  maxDownloadBytes: number;
  onProgress?: (progress: DownloadProgress) => void;
}

const SHA256 = /^[0-9a-f]{64}$/;

function checkDownloadOptions(fn: string, spec: DatasetSpec, options: DownloadOptions): CheckedDownloadOptions {
  const opts = checkOptions(fn, options);
  const cacheDir = checkOptionalString(fn, 'options.cacheDir', opts.cacheDir);
  const baseUrl = checkOptionalString(fn, 'options.baseUrl', opts.baseUrl);
  const download = checkOptionalBoolean(fn, 'options.download', opts.download) ?? true;
  const positive = (name: string, value: unknown, fallback: number): number => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
      throw new ConfigError(`${fn}: options.${name} must be a positive integer, got ${describeValue(value)}`);
    }
    return value;
  };
  const timeoutMs = positive('timeoutMs', opts.timeoutMs, 30_000);
  const maxDownloadBytes = positive('maxDownloadBytes', opts.maxDownloadBytes, 1 << 30);
  if (opts.onProgress !== undefined && typeof opts.onProgress !== 'function') {
    throw new ConfigError(`${fn}: options.onProgress must be a function, got ${describeValue(opts.onProgress)}`);
  }
  const overrides = checkOptions(fn, opts.checksums, 'options.checksums');
  const names = spec.files.map((f) => f.name);
  for (const [name, hash] of Object.entries(overrides)) {
    if (!names.includes(name)) {
      throw new ConfigError(
        `${fn}: options.checksums names ${name}, which is not a file of ${spec.title} (${names.join(', ')})`,
      );
    }
    if (typeof hash !== 'string' || !SHA256.test(hash.toLowerCase())) {
      throw new ConfigError(
        `${fn}: options.checksums['${name}'] must be a SHA-256 of 64 hex digits, got ${describeValue(hash)}`,
      );
    }
  }
  return {
    dir: datasetCacheDir(spec.name, { cacheDir, env: opts.env }),
    mirrors: baseUrl === undefined ? spec.mirrors : [baseUrl],
    mirrorOption: baseUrl === undefined ? 'the default mirror' : 'options.baseUrl',
    expected: (file) => (Object.hasOwn(overrides, file.name) ? [overrides[file.name].toLowerCase()] : file.checksums),
    download,
    timeoutMs,
    maxDownloadBytes,
    onProgress: opts.onProgress,
  };
}

/** The accepted hashes of `file` and its largest accepted size (undefined when only hashes are known). */
function accepted(list: readonly FileChecksum[] | readonly string[]): { hashes: string[]; maxSize?: number } {
  const hashes = list.map((c) => (typeof c === 'string' ? c : c.sha256));
  const sizes = list.flatMap((c) => (typeof c === 'string' ? [] : [c.size]));
  return { hashes, maxSize: sizes.length === list.length ? Math.max(...sizes) : undefined };
}

async function hashFile(path: string): Promise<string | undefined> {
  try {
    if (!(await stat(path)).isFile()) return undefined;
  } catch {
    return undefined;
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const recordOf = (path: string) => `${path}.sha256`;

/** Whether convkit placed the file at `path` (it wrote a `.sha256` record beside it). */
async function placedByUs(path: string): Promise<boolean> {
  try {
    return /^[0-9a-f]{64} {2}\S/.test(await readFile(recordOf(path), 'utf8'));
  } catch {
    return false;
  }
}

async function writeRecord(path: string, name: string, sha256: string): Promise<void> {
  const temp = `${recordOf(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, `${sha256}  ${name}\n`, { flag: 'wx' });
    await rename(temp, recordOf(path));
  } finally {
    await rm(temp, { force: true });
  }
}

function mismatch(
  fn: string,
  title: string,
  file: string,
  where: string,
  hashes: string[],
  got: string,
): ChecksumError {
  const expected = hashes.length === 1 ? hashes[0] : `one of ${hashes.join(', ')}`;
  return new ChecksumError(`${fn}: ${title} file ${file} from ${where} has SHA-256 ${got}, expected ${expected}`, {
    file,
    source: where,
    expected: hashes[0],
    received: got,
  });
}

/**
 * Moves the verified temporary file into place without replacing a file that
 * appeared meanwhile (a hard link fails when the target exists); when the
 * file system has no hard links, renames it if the target is still absent.
 * Returns false when a file is already there (the caller checks it).
 */
async function place(temp: string, path: string, replace: boolean): Promise<boolean> {
  if (replace) {
    await rename(temp, path);
    return true;
  }
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EEXIST') return false;
    if ((await hashFile(path)) !== undefined) return false;
    await rename(temp, path);
    return true;
  }
}

async function fetchFrom(
  fn: string,
  spec: DatasetSpec,
  file: DatasetFile,
  path: string,
  replace: boolean,
  mirror: string,
  o: CheckedDownloadOptions,
): Promise<void> {
  const { hashes, maxSize } = accepted(o.expected(file));
  const source = sourceOf(fn, o.mirrorOption, mirror, file.name);
  const temp = join(o.dir, `.${file.name}.${process.pid}.${randomBytes(6).toString('hex')}.part`);
  try {
    const out = await open(temp, 'wx');
    let got: { bytes: number; sha256: string };
    try {
      got = await fetchToFile(source, out, {
        dataset: spec.name,
        file: file.name,
        maxBytes: maxSize ?? o.maxDownloadBytes,
        timeoutMs: o.timeoutMs,
        onProgress: o.onProgress,
      });
      await out.sync();
    } finally {
      await out.close();
    }
    if (!hashes.includes(got.sha256)) throw mismatch(fn, spec.title, file.name, source.location, hashes, got.sha256);
    if (!(await place(temp, path, replace))) {
      // Another load placed it meanwhile: keep it if it is the right file.
      const there = await hashFile(path);
      if (there === undefined || !hashes.includes(there)) {
        throw mismatch(fn, spec.title, file.name, path, hashes, there ?? '(unreadable)');
      }
    }
    await writeRecord(path, file.name, got.sha256);
  } finally {
    await rm(temp, { force: true });
  }
}

/** Downloads `file` from the first mirror that answers; one `DownloadError` naming every failure otherwise. */
async function fetchOne(
  fn: string,
  spec: DatasetSpec,
  file: DatasetFile,
  path: string,
  replace: boolean,
  o: CheckedDownloadOptions,
): Promise<void> {
  const errors: DownloadError[] = [];
  for (const mirror of o.mirrors) {
    try {
      await fetchFrom(fn, spec, file, path, replace, mirror, o);
      return;
    } catch (error) {
      if (!(error instanceof DownloadError)) throw error;
      errors.push(error);
    }
  }
  const last = errors[errors.length - 1];
  throw new DownloadError(`${fn}: could not download ${spec.title}: ${errors.map((e) => e.message).join('; ')}`, {
    file: last.file,
    url: last.url,
    reason: last.reason,
    status: last.status,
    cause: last,
  });
}

async function ensureFile(fn: string, spec: DatasetSpec, file: DatasetFile, o: CheckedDownloadOptions) {
  const path = join(o.dir, file.name);
  const { hashes } = accepted(o.expected(file));
  const there = await hashFile(path);
  if (there !== undefined && hashes.includes(there)) return false;
  const ours = there !== undefined && (await placedByUs(path));
  if (there !== undefined && !ours) {
    throw new ChecksumError(
      `${fn}: ${path} is not the expected ${spec.title} file: its SHA-256 is ${there}, expected ${hashes.length === 1 ? hashes[0] : `one of ${hashes.join(', ')}`}. convkit did not download it, so it is left as it is: move or delete it to download the file again`,
      { file: file.name, source: path, expected: hashes[0], received: there },
    );
  }
  if (!o.download) {
    throw new ConfigError(
      there === undefined
        ? `${fn}: ${spec.title} file ${file.name} is not in the cache ${o.dir} and options.download is false`
        : `${fn}: the cached ${path} is damaged (SHA-256 ${there}, expected ${hashes[0]}) and options.download is false`,
    );
  }
  await mkdir(o.dir, { recursive: true });
  await fetchOne(fn, spec, file, path, ours, o);
  return true;
}

/** Checks the options and makes sure every file of `spec` is in the cache; returns the folder and files. */
export async function ensureDataset(
  fn: string,
  spec: DatasetSpec,
  options: DownloadOptions,
): Promise<DownloadedDataset> {
  const o = checkDownloadOptions(fn, spec, options);
  const files: Record<string, string> = {};
  const downloaded: string[] = [];
  for (const file of spec.files) {
    if (await ensureFile(fn, spec, file, o)) downloaded.push(file.name);
    files[file.name] = join(o.dir, file.name);
  }
  return { dir: o.dir, files, downloaded };
}

/**
 * Makes sure the canonical files of dataset `name` are in the download cache
 * (`~/.cache/convkit/datasets/<name>`, or `options.cacheDir` /
 * `$CONVKIT_CACHE_DIR` instead of `~/.cache/convkit`), downloading the missing
 * ones from the canonical server or `options.baseUrl`, and checking every file
 * against its SHA-256 — the cached ones too. The loaders (`loadMnist()`,
 * `loadFashionMnist()`, `loadCifar10()` without a folder) call it; call it
 * yourself to fetch ahead of time.
 *
 * @param name - `'mnist'`, `'fashion-mnist'` or `'cifar10'`.
 * @param options - Cache folder, mirror, checksums, timeout, progress callback.
 * @returns The cache folder, the path of each file and which were downloaded now.
 * @throws {DownloadError} when a file cannot be downloaded (HTTP error, timeout, too large, cut short); nothing is left behind.
 * @throws {ChecksumError} when a downloaded file, or a cached one convkit did not write, has the wrong SHA-256.
 * @throws {ConfigError} for an unknown dataset or an invalid option.
 *
 * @example
 * ```ts
 * import { downloadDataset } from '@convkit/data/node';
 *
 * const { dir } = await downloadDataset('fashion-mnist', {
 *   onProgress: (p) => console.log(p.file, p.receivedBytes, p.totalBytes),
 * });
 * ```
 */
export function downloadDataset(name: DatasetName, options: DownloadOptions = {}): Promise<DownloadedDataset> {
  const fn = 'downloadDataset';
  if (typeof name !== 'string' || !Object.hasOwn(DATASETS, name)) {
    return Promise.reject(
      new ConfigError(`${fn}: unknown dataset ${describeValue(name)}; known: ${Object.keys(DATASETS).join(', ')}`),
    );
  }
  return ensureDataset(fn, DATASETS[name], options);
}
