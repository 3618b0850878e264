/**
 * `loadCifar10()` from the download cache: a tiny `cifar-10-binary.tar.gz`
 * made here with the system's `tar` (an independent writer of the format),
 * served by a local HTTP server; and the tar reader on its own.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFormatError, numTensors } from '@convkit/core';
import { CIFAR10_RECORD_BYTES } from '@convkit/data';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChecksumError, loadCifar10 } from '../src/node';
import { readTar } from '../src/node/tar';
import { type FileServer, startFileServer } from './fixtures/file-server';

/** Value of pixel (y, x) of channel c in record r of batch b (b = 6 for the test batch). */
const value = (b: number, r: number, c: number, y: number, x: number) => (b * 31 + r * 17 + c * 7 + y * 3 + x) % 256;
const labelOf = (b: number, r: number) => (b + r * 4) % 10;

function batch(b: number, records: number): Uint8Array {
  const out = new Uint8Array(records * CIFAR10_RECORD_BYTES);
  for (let r = 0; r < records; r++) {
    const base = r * CIFAR10_RECORD_BYTES;
    out[base] = labelOf(b, r);
    for (let c = 0; c < 3; c++)
      for (let y = 0; y < 32; y++)
        for (let x = 0; x < 32; x++) out[base + 1 + c * 1024 + y * 32 + x] = value(b, r, c, y, x);
  }
  return out;
}

let root: string;
let archive: Uint8Array;
let server: FileServer;
beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'convkit-cifar-dl-'));
  const src = join(root, 'src', 'cifar-10-batches-bin');
  mkdirSync(src, { recursive: true });
  for (let b = 1; b <= 5; b++) writeFileSync(join(src, `data_batch_${b}.bin`), batch(b, 2));
  writeFileSync(join(src, 'test_batch.bin'), batch(6, 3));
  writeFileSync(join(src, 'batches.meta.txt'), 'airplane\nautomobile\n');
  execFileSync('tar', ['-czf', join(root, 'cifar-10-binary.tar.gz'), '-C', join(root, 'src'), 'cifar-10-batches-bin']);
  archive = readFileSync(join(root, 'cifar-10-binary.tar.gz'));
  server = await startFileServer({ 'cifar-10-binary.tar.gz': archive });
});
afterEach(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('loadCifar10 from the download cache', () => {
  it('downloads the archive once and reads the batches out of it (HWC, labels, class names)', async () => {
    const before = numTensors();
    const sha256 = createHash('sha256').update(archive).digest('hex');
    const options = {
      cacheDir: join(root, 'cache'),
      baseUrl: server.url,
      checksums: { 'cifar-10-binary.tar.gz': sha256 },
      scale: false,
    };
    const { train, test } = await loadCifar10(options);
    expect([train.size, test.size]).toEqual([10, 3]);
    expect(train.shape).toEqual([32, 32, 3]);
    expect(train.classNames?.[1]).toBe('automobile');
    for (const [ds, batches] of [
      [train, [1, 2, 3, 4, 5]],
      [test, [6]],
    ] as const) {
      for (let i = 0; i < ds.size; i++) {
        const b = batches[Math.floor(i / (ds === train ? 2 : 3))];
        const r = ds === train ? i % 2 : i;
        const s = ds.at(i);
        expect(s.label).toBe(labelOf(b, r));
        for (const [y, x, c] of [
          [0, 0, 0],
          [5, 7, 1],
          [31, 31, 2],
          [12, 30, 0],
        ]) {
          expect(s.image[(y * 32 + x) * 3 + c]).toBe(value(b, r, c, y, x));
        }
      }
    }
    expect(server.total()).toBe(1);
    const again = await loadCifar10(options);
    expect(again.test.at(2).label).toBe(labelOf(6, 2));
    expect(server.total()).toBe(1);
    // The same data as the unpacked folder.
    const fromDir = await loadCifar10(join(root, 'src'), { scale: false });
    expect(Array.from(fromDir.train.at(7).image)).toEqual(Array.from(train.at(7).image));
    expect(numTensors()).toBe(before);
  });

  it('an archive with the wrong checksum is refused; a broken archive is a DataFormatError', async () => {
    const cacheDir = join(root, 'cache');
    const err = await loadCifar10({ cacheDir, baseUrl: server.url }).catch((e) => e);
    expect(err).toBeInstanceOf(ChecksumError);
    expect(err.expected).toBe('c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd');
    const notGzip = new TextEncoder().encode('not an archive');
    server.files.set('cifar-10-binary.tar.gz', notGzip);
    const checksums = { 'cifar-10-binary.tar.gz': createHash('sha256').update(notGzip).digest('hex') };
    await expect(loadCifar10({ cacheDir, baseUrl: server.url, checksums })).rejects.toThrow(/not a valid gzip file/);
  });
});

describe('readTar', () => {
  it('lists the regular files of a tar made by the system tar, and checks header checksums', () => {
    const tar = execFileSync('tar', ['-cf', '-', '-C', join(root, 'src'), 'cifar-10-batches-bin']);
    const bytes = new Uint8Array(tar.buffer, tar.byteOffset, tar.byteLength);
    const files = readTar(bytes, 'x.tar');
    expect([...files.keys()].sort()).toEqual(
      [
        'batches.meta.txt',
        'data_batch_1.bin',
        'data_batch_2.bin',
        'data_batch_3.bin',
        'data_batch_4.bin',
        'data_batch_5.bin',
        'test_batch.bin',
      ].map((n) => `cifar-10-batches-bin/${n}`),
    );
    expect(new TextDecoder().decode(files.get('cifar-10-batches-bin/batches.meta.txt'))).toBe('airplane\nautomobile\n');
    expect(files.get('cifar-10-batches-bin/test_batch.bin')).toEqual(batch(6, 3));
    const corrupt = bytes.slice();
    corrupt[3] ^= 1; // a byte of the first header's name
    expect(() => readTar(corrupt, 'x.tar')).toThrow(DataFormatError);
    expect(() => readTar(corrupt, 'x.tar')).toThrow(/x\.tar: the tar header at byte 0 has a wrong checksum/);
    expect(() => readTar(bytes.slice(0, 2048), 'x.tar')).toThrow(/, but the archive ends at byte 2048 \(truncated\)/);
  });

  it('honours GNU long names', () => {
    const dir = join(root, 'long');
    const name = `${'n'.repeat(120)}.bin`;
    mkdirSync(dir);
    writeFileSync(join(dir, name), 'hello');
    const tar = execFileSync('tar', ['--format=gnu', '-cf', '-', '-C', dir, name]);
    const files = readTar(new Uint8Array(tar), 'long.tar');
    expect(new TextDecoder().decode(files.get(name))).toBe('hello');
    const pax = execFileSync('tar', ['--format=pax', '-cf', '-', '-C', dir, name]);
    expect(new TextDecoder().decode(readTar(new Uint8Array(pax), 'pax.tar').get(name))).toBe('hello');
  });
});
