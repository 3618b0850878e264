/**
 * Copying one file from a source — an http(s) URL, a `file://` URL or a local
 * folder — into a new file, hashing it (SHA-256) on the way, with a size bound,
 * an inactivity timeout for network sources and progress reports.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@convkit/core';
import { DownloadError } from './download-errors';

/** Progress of one file's download, passed to `onProgress`. */
export interface DownloadProgress {
  /** The dataset, e.g. `'cifar10'`. */
  dataset: string;
  /** The file, e.g. `'cifar-10-binary.tar.gz'`. */
  file: string;
  /** Bytes received so far. */
  receivedBytes: number;
  /** The file's size when known (announced by the server or recorded), else undefined. */
  totalBytes?: number;
}

/** Where one file comes from: a URL (`http:`, `https:`) or a local path. */
export interface FileSource {
  /** `'url'` for http(s), `'path'` for a local file (from a folder or a `file://` URL). */
  kind: 'url' | 'path';
  /** The URL or the absolute path. */
  location: string;
}

/**
 * The source of `file` in the mirror `base`: an http(s) folder URL, a
 * `file://` folder URL or a local folder. Throws `ConfigError` for another
 * URL scheme, naming `option`.
 */
export function sourceOf(fn: string, option: string, base: string, file: string): FileSource {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(base)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: 'path', location: join(resolve(base), file) };
  const folder = base.endsWith('/') ? base : `${base}/`;
  if (scheme === 'http' || scheme === 'https') return { kind: 'url', location: new URL(file, folder).href };
  if (scheme === 'file') return { kind: 'path', location: join(fileURLToPath(folder), file) };
  throw new ConfigError(
    `${fn}: ${option} is ${base}: expected an http:// or https:// URL, a file:// URL or a local folder, got a ${scheme}:// URL`,
  );
}

/** Options of {@link fetchToFile}. */
export interface FetchToFileOptions {
  /** The dataset, for progress reports. */
  dataset: string;
  /** The file name, for messages and progress reports. */
  file: string;
  /** Largest accepted size in bytes; a bigger response is refused. */
  maxBytes: number;
  /** Abort a network download when no byte arrives for this long (milliseconds). */
  timeoutMs: number;
  /** Called as bytes arrive. */
  onProgress?: (progress: DownloadProgress) => void;
}

/** What {@link fetchToFile} wrote. */
export interface Fetched {
  /** Bytes written. */
  bytes: number;
  /** Their SHA-256, lower-case hex. */
  sha256: string;
}

function tooLarge(o: FetchToFileOptions, where: string, size: number | string): DownloadError {
  return new DownloadError(
    `${o.file}: ${where} is ${size} bytes, more than the ${o.maxBytes} bytes this file may have (not the expected file?)`,
    { file: o.file, url: where, reason: 'too-large' },
  );
}

async function copyChunks(
  chunks: AsyncIterable<Uint8Array>,
  out: FileHandle,
  o: FetchToFileOptions,
  where: string,
  total: number | undefined,
  onChunk: () => void = () => {},
): Promise<Fetched> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of chunks) {
    onChunk();
    bytes += chunk.byteLength;
    if (bytes > o.maxBytes) throw tooLarge(o, where, `more than ${o.maxBytes}`);
    hash.update(chunk);
    await out.write(chunk);
    o.onProgress?.({ dataset: o.dataset, file: o.file, receivedBytes: bytes, totalBytes: total });
  }
  return { bytes, sha256: hash.digest('hex') };
}

async function fromPath(path: string, out: FileHandle, o: FetchToFileOptions): Promise<Fetched> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch (cause) {
    throw new DownloadError(`${o.file}: ${path} does not exist or is not a file (in the mirror folder)`, {
      file: o.file,
      url: path,
      reason: 'missing',
      cause,
    });
  }
  if (size > o.maxBytes) throw tooLarge(o, path, size);
  return copyChunks(createReadStream(path, { highWaterMark: 1 << 20 }), out, o, path, size);
}

async function fromUrl(url: string, out: FileHandle, o: FetchToFileOptions): Promise<Fetched> {
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, o.timeoutMs);
  };
  const fail = (message: string, reason: 'network' | 'timeout' | 'truncated', cause: unknown) =>
    new DownloadError(`${o.file}: ${message} (${url})`, { file: o.file, url, reason, cause });
  let announced: number | undefined;
  let received = 0;
  arm();
  try {
    let response: Response;
    try {
      // identity: the bytes as stored, so that their checksum is the file's.
      response = await fetch(url, { signal: controller.signal, headers: { 'accept-encoding': 'identity' } });
    } catch (cause) {
      if (timedOut) throw fail(`no answer within ${o.timeoutMs} ms`, 'timeout', cause);
      throw fail(`cannot connect: ${String((cause as Error).cause ?? cause)}`, 'network', cause);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new DownloadError(`${o.file}: the server answered ${response.status} ${response.statusText} (${url})`, {
        file: o.file,
        url,
        reason: 'status',
        status: response.status,
      });
    }
    const length = response.headers.get('content-length');
    announced = length !== null && /^\d+$/.test(length) ? Number(length) : undefined;
    if (announced !== undefined && announced > o.maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw tooLarge(o, url, announced);
    }
    const body = response.body as unknown as AsyncIterable<Uint8Array> | null;
    const counted = async function* () {
      for await (const chunk of body ?? []) {
        received += chunk.byteLength;
        yield chunk;
      }
    };
    const result = await copyChunks(counted(), out, o, url, announced, arm);
    if (announced !== undefined && result.bytes < announced) {
      throw fail(`the connection ended after ${result.bytes} of ${announced} bytes`, 'truncated', undefined);
    }
    return result;
  } catch (error) {
    if (error instanceof DownloadError) {
      controller.abort();
      throw error;
    }
    if (timedOut) throw fail(`no data for ${o.timeoutMs} ms after ${received} bytes`, 'timeout', error);
    if (announced !== undefined && received < announced) {
      throw fail(`the connection ended after ${received} of ${announced} bytes`, 'truncated', error);
    }
    throw fail(`download failed after ${received} bytes: ${(error as Error).message}`, 'network', error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Copies `source` into the open file `out`, hashing it. Throws `DownloadError`
 * for a missing file, an HTTP error status, a timeout, a response larger than
 * `maxBytes` or one cut short; the caller removes `out`'s file.
 */
export function fetchToFile(source: FileSource, out: FileHandle, options: FetchToFileOptions): Promise<Fetched> {
  return source.kind === 'url' ? fromUrl(source.location, out, options) : fromPath(source.location, out, options);
}
