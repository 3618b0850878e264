/**
 * The download cache of the dataset loaders, against a local HTTP server
 * started here (no network): download once then read the cache, checksums,
 * cut/oversized/failed/slow responses, file:// and folder mirrors, damaged
 * cached files and concurrent loads.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ConfigError, DataFormatError, numTensors } from '@convkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CACHE_DIR_ENV,
  ChecksumError,
  cacheDir,
  DATASETS,
  DownloadError,
  type DownloadProgress,
  downloadDataset,
  loadFashionMnist,
  loadMnist,
} from '../src/node';
import { type FileServer, startFileServer } from './fixtures/file-server';

const H = 4;
const W = 3;
const pixel = (split: number, i: number, p: number) => (split * 101 + i * 37 + p * 11) % 256;
const label = (split: number, i: number) => (i * 3 + split) % 10;

/** An IDX image file and its label file, written by hand (big-endian headers), gzipped. */
function idxPair(split: 0 | 1, n: number): [Uint8Array, Uint8Array] {
  const images = Buffer.alloc(16 + n * H * W);
  images.writeUInt32BE(0x803, 0);
  images.writeUInt32BE(n, 4);
  images.writeUInt32BE(H, 8);
  images.writeUInt32BE(W, 12);
  for (let i = 0; i < n; i++) for (let p = 0; p < H * W; p++) images[16 + i * H * W + p] = pixel(split, i, p);
  const labels = Buffer.alloc(8 + n);
  labels.writeUInt32BE(0x801, 0);
  labels.writeUInt32BE(n, 4);
  for (let i = 0; i < n; i++) labels[8 + i] = label(split, i);
  return [gzipSync(images), gzipSync(labels)];
}

const [trainImages, trainLabels] = idxPair(0, 6);
const [testImages, testLabels] = idxPair(1, 3);
const FILES: Record<string, Uint8Array> = {
  'train-images-idx3-ubyte.gz': trainImages,
  'train-labels-idx1-ubyte.gz': trainLabels,
  't10k-images-idx3-ubyte.gz': testImages,
  't10k-labels-idx1-ubyte.gz': testLabels,
};
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const CHECKSUMS = Object.fromEntries(Object.entries(FILES).map(([k, v]) => [k, sha(v)]));

let server: FileServer;
let root: string;
beforeEach(async () => {
  server = await startFileServer(FILES);
  root = mkdtempSync(join(tmpdir(), 'convkit-download-'));
});
afterEach(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const cacheOf = (name = 'fashion-mnist') => join(root, 'cache', 'datasets', name);
const opts = (extra: object = {}) => ({
  cacheDir: join(root, 'cache'),
  baseUrl: server.url,
  checksums: CHECKSUMS,
  ...extra,
});
/** Every file in the cache folder, temporary ones included. */
const listing = (name = 'fashion-mnist') => (existsSync(cacheOf(name)) ? readdirSync(cacheOf(name)).sort() : []);

function expectSynthetic(set: Awaited<ReturnType<typeof loadMnist>>): void {
  expect([set.train.size, set.test.size]).toEqual([6, 3]);
  expect(set.train.shape).toEqual([H, W, 1]);
  for (const [split, ds] of [
    [0, set.train],
    [1, set.test],
  ] as const) {
    for (let i = 0; i < ds.size; i++) {
      const s = ds.at(i);
      expect(s.label).toBe(label(split, i));
      const want = Array.from({ length: H * W }, (_, p) => pixel(split, i, p) / 255);
      Array.from(s.image).forEach((v, p) => {
        expect(v).toBeCloseTo(want[p], 6);
      });
    }
  }
}

describe('download cache', () => {
  it('downloads once, verifies, and reads the cache afterwards without a request', async () => {
    const before = numTensors();
    const progress: DownloadProgress[] = [];
    const first = await loadFashionMnist(opts({ onProgress: (p: DownloadProgress) => progress.push(p) }));
    expectSynthetic(first);
    expect(first.train.classNames?.[0]).toBe('T-shirt/top');
    expect(server.total()).toBe(4);
    for (const name of Object.keys(FILES)) expect(server.requests.get(name)).toBe(1);
    // Each file and its record; no temporary file left.
    expect(listing()).toEqual(
      Object.keys(FILES)
        .flatMap((n) => [n, `${n}.sha256`])
        .sort(),
    );
    expect(readFileSync(join(cacheOf(), 'train-images-idx3-ubyte.gz.sha256'), 'utf8')).toBe(
      `${CHECKSUMS['train-images-idx3-ubyte.gz']}  train-images-idx3-ubyte.gz\n`,
    );
    const last = progress.filter((p) => p.file === 'train-images-idx3-ubyte.gz').at(-1);
    expect(last).toEqual({
      dataset: 'fashion-mnist',
      file: 'train-images-idx3-ubyte.gz',
      receivedBytes: trainImages.length,
      totalBytes: trainImages.length,
    });

    const second = await loadFashionMnist(opts());
    expectSynthetic(second);
    expect(server.total()).toBe(4); // the cache, no request
    // Without a server at all: download: false reads the cache.
    await server.close();
    expectSynthetic(await loadFashionMnist(opts({ baseUrl: undefined, download: false })));
    expect(numTensors()).toBe(before);
  });

  it('downloadDataset reports what it fetched; the cache root comes from the option, $CONVKIT_CACHE_DIR or ~/.cache/convkit', async () => {
    const env = { [CACHE_DIR_ENV]: join(root, 'from-env') };
    const got = await downloadDataset('mnist', { baseUrl: server.url, checksums: CHECKSUMS, env });
    expect(got.dir).toBe(join(root, 'from-env', 'datasets', 'mnist'));
    expect(got.downloaded.sort()).toEqual(Object.keys(FILES).sort());
    expect(got.files['t10k-labels-idx1-ubyte.gz']).toBe(join(got.dir, 't10k-labels-idx1-ubyte.gz'));
    expect(readFileSync(got.files['t10k-labels-idx1-ubyte.gz'])).toEqual(Buffer.from(testLabels));
    const again = await downloadDataset('mnist', { baseUrl: server.url, checksums: CHECKSUMS, env });
    expect(again.downloaded).toEqual([]);
    expectSynthetic(await loadMnist({ checksums: CHECKSUMS, env, download: false }));
    expect(cacheDir({ env: {} })).toBe(join(homedir(), '.cache', 'convkit'));
    expect(cacheDir({ env: { XDG_CACHE_HOME: '/xdg' } })).toBe('/xdg/convkit');
    expect(cacheDir({ env: { XDG_CACHE_HOME: '/xdg', [CACHE_DIR_ENV]: '/mine' } })).toBe('/mine');
    expect(cacheDir({ cacheDir: '/opt', env: { [CACHE_DIR_ENV]: '/mine' } })).toBe('/opt');
    // An explicit folder wins over the cache: nothing is downloaded.
    const dir = join(root, 'local');
    mkdirSync(dir);
    for (const [n, b] of Object.entries(FILES)) writeFileSync(join(dir, n), b);
    const requests = server.total();
    expectSynthetic(await loadMnist({ dir, cacheDir: join(root, 'unused') }));
    expectSynthetic(await loadMnist(dir));
    expect(server.total()).toBe(requests);
    expect(existsSync(join(root, 'unused'))).toBe(false);
  });

  it('a checksum mismatch is a ChecksumError naming the file and both hashes, and leaves no file', async () => {
    const wrong = 'ab'.repeat(32);
    const err = await loadFashionMnist(
      opts({ checksums: { ...CHECKSUMS, 'train-labels-idx1-ubyte.gz': wrong } }),
    ).catch((e) => e);
    expect(err).toBeInstanceOf(ChecksumError);
    expect(err).toBeInstanceOf(DataFormatError);
    expect(err.file).toBe('train-labels-idx1-ubyte.gz');
    expect(err.expected).toBe(wrong);
    expect(err.received).toBe(CHECKSUMS['train-labels-idx1-ubyte.gz']);
    expect(err.message).toContain(`has SHA-256 ${CHECKSUMS['train-labels-idx1-ubyte.gz']}, expected ${wrong}`);
    expect(err.message).toMatch(/^loadFashionMnist: Fashion-MNIST file train-labels-idx1-ubyte\.gz from http/);
    // The file before it was placed (it was right); the bad one and every temporary file are gone.
    expect(listing()).toEqual(['train-images-idx3-ubyte.gz', 'train-images-idx3-ubyte.gz.sha256']);
  });

  it('the recorded checksums are checked: a mirror serving other bytes is refused', async () => {
    // No checksums option: the canonical Fashion-MNIST hashes and sizes apply.
    const err = await downloadDataset('fashion-mnist', { cacheDir: join(root, 'cache'), baseUrl: server.url }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(ChecksumError);
    expect(err.expected).toBe(DATASETS['fashion-mnist'].files[0].checksums[0].sha256);
    expect(err.message).toContain(`one of ${DATASETS['fashion-mnist'].files[0].checksums[0].sha256}`);
    expect(listing()).toEqual([]);
  });

  it('cut, oversized, failed and silent responses are DownloadErrors and leave nothing behind', async () => {
    const file = 'train-images-idx3-ubyte.gz';
    server.behaviour.set(file, 'truncate');
    let err = await loadFashionMnist(opts()).catch((e) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect(err.reason).toBe('truncated');
    expect(err.file).toBe(file);
    expect(err.message).toContain(`of ${trainImages.length} bytes`);
    expect(listing()).toEqual([]);

    // Larger than allowed: announced by Content-Length, or streamed without one.
    server.behaviour.set(file, 'ok');
    err = await loadFashionMnist(opts({ maxDownloadBytes: 20 })).catch((e) => e);
    expect(err.reason).toBe('too-large');
    expect(err.message).toContain(`is ${trainImages.length} bytes, more than the 20 bytes`);
    server.behaviour.set(file, 'chunked');
    err = await loadFashionMnist(opts({ maxDownloadBytes: 20 })).catch((e) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect(err.reason).toBe('too-large');
    expect(listing()).toEqual([]);

    server.files.delete(file);
    err = await loadFashionMnist(opts()).catch((e) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect([err.reason, err.status]).toEqual(['status', 404]);
    expect(err.message).toMatch(
      /could not download Fashion-MNIST: train-images-idx3-ubyte\.gz: the server answered 404/,
    );
    expect(err.message).toContain(`${server.url}${file}`);
    server.files.set(file, trainImages);
    server.behaviour.set(file, 'status500');
    err = await loadFashionMnist(opts()).catch((e) => e);
    expect(err.status).toBe(500);

    server.behaviour.set(file, 'hang');
    const t0 = performance.now();
    err = await loadFashionMnist(opts({ timeoutMs: 200 })).catch((e) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect(err.reason).toBe('timeout');
    expect(err.message).toContain('no answer within 200 ms');
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(listing()).toEqual([]);

    // Nothing listens there: a network error.
    const closed = server.url;
    await server.close();
    err = await loadFashionMnist(opts({ baseUrl: closed })).catch((e) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect(err.reason).toBe('network');
    server = await startFileServer(FILES);
  });

  it('reads from a file:// URL or a plain folder as a mirror', async () => {
    const mirror = join(root, 'mirror');
    mkdirSync(mirror);
    for (const [n, b] of Object.entries(FILES)) writeFileSync(join(mirror, n), b);
    expectSynthetic(await loadFashionMnist(opts({ baseUrl: pathToFileURL(mirror).href })));
    expect(listing()).toContain('t10k-images-idx3-ubyte.gz');
    rmSync(cacheOf(), { recursive: true });
    expectSynthetic(await loadFashionMnist(opts({ baseUrl: mirror })));
    expect(server.total()).toBe(0);
    rmSync(cacheOf(), { recursive: true });
    rmSync(join(mirror, 't10k-labels-idx1-ubyte.gz'));
    const err = await loadFashionMnist(opts({ baseUrl: mirror })).catch((e) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect(err.reason).toBe('missing');
    expect(err.message).toContain(join(mirror, 't10k-labels-idx1-ubyte.gz'));
    expect(listing().filter((n) => n.startsWith('.'))).toEqual([]);
    await expect(loadFashionMnist(opts({ baseUrl: 'ftp://example.com/x/' }))).rejects.toThrow(
      /options\.baseUrl is ftp:\/\/example\.com\/x\/: expected an http:\/\/ or https:\/\/ URL, a file:\/\/ URL or a local folder/,
    );
  });

  it('a damaged cached file is downloaded again; a wrong file convkit did not write is reported and left alone', async () => {
    await loadFashionMnist(opts());
    const cached = join(cacheOf(), 't10k-images-idx3-ubyte.gz');
    const bytes = readFileSync(cached);
    bytes[bytes.length - 5] ^= 0xff;
    writeFileSync(cached, bytes);
    expectSynthetic(await loadFashionMnist(opts()));
    expect(server.requests.get('t10k-images-idx3-ubyte.gz')).toBe(2);
    expect(sha(readFileSync(cached))).toBe(CHECKSUMS['t10k-images-idx3-ubyte.gz']);

    // A file the user put there (no record beside it): never overwritten.
    rmSync(`${cached}.sha256`);
    writeFileSync(cached, 'my own file');
    const err = await loadFashionMnist(opts()).catch((e) => e);
    expect(err).toBeInstanceOf(ChecksumError);
    expect(err.received).toBe(sha(Buffer.from('my own file')));
    expect(err.message).toMatch(/convkit did not download it, so it is left as it is/);
    expect(readFileSync(cached, 'utf8')).toBe('my own file');
    expect(server.requests.get('t10k-images-idx3-ubyte.gz')).toBe(2);
    // The right file put there by hand is used as is.
    writeFileSync(cached, testImages);
    expectSynthetic(await loadFashionMnist(opts()));
    expect(server.requests.get('t10k-images-idx3-ubyte.gz')).toBe(2);
  });

  it('concurrent loads into one cache do not corrupt each other', async () => {
    const sets = await Promise.all([1, 2, 3].map(() => loadFashionMnist(opts())));
    for (const s of sets) expectSynthetic(s);
    expect(listing()).toEqual(
      Object.keys(FILES)
        .flatMap((n) => [n, `${n}.sha256`])
        .sort(),
    );
    for (const [n, b] of Object.entries(FILES)) expect(sha(readFileSync(join(cacheOf(), n)))).toBe(sha(b));
  });

  it("the real Fashion-MNIST files (Debian's copies, when present) pass the recorded checksums", async () => {
    const shared = join(__dirname, '../../../../shared/datasets/fashion-mnist');
    if (!existsSync(shared)) return;
    const got = await downloadDataset('fashion-mnist', { cacheDir: join(root, 'cache'), baseUrl: shared });
    expect(got.downloaded).toHaveLength(4);
    expect(server.total()).toBe(0);
  });

  it('invalid options are ConfigErrors naming the option', async () => {
    await expect(loadFashionMnist(opts({ download: false }))).rejects.toThrow(
      /^loadFashionMnist: Fashion-MNIST file train-images-idx3-ubyte\.gz is not in the cache .* and options\.download is false/,
    );
    await expect(loadMnist(opts({ checksums: { 'nope.gz': 'ab'.repeat(32) } }))).rejects.toThrow(
      /^loadMnist: options\.checksums names nope\.gz, which is not a file of MNIST/,
    );
    await expect(loadMnist(opts({ checksums: { 'train-images-idx3-ubyte.gz': 'xyz' } }))).rejects.toThrow(
      /options\.checksums\['train-images-idx3-ubyte\.gz'\] must be a SHA-256 of 64 hex digits/,
    );
    await expect(loadMnist(opts({ timeoutMs: 0 }))).rejects.toThrow(/options\.timeoutMs must be a positive integer/);
    await expect(loadMnist(opts({ numClasses: 0 }))).rejects.toThrow(/^loadMnist: options\.numClasses/);
    await expect(loadMnist({ dir: join(root, 'nope') })).rejects.toThrow(
      /options\.dir is .*nope, which does not exist/,
    );
    await expect(loadMnist(42 as unknown as string)).rejects.toThrow(/^loadMnist: dir must be a non-empty string/);
    // biome-ignore lint/suspicious/noExplicitAny: a wrong call from JavaScript
    await expect((loadMnist as any)({}, {})).rejects.toThrow(/pass a folder and options, or one options object/);
    // biome-ignore lint/suspicious/noExplicitAny: a wrong call from JavaScript
    await expect(downloadDataset('svhn' as any)).rejects.toBeInstanceOf(ConfigError);
    expect(server.total()).toBe(0);
  });
});
