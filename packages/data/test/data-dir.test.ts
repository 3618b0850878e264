import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ConfigError, DataFormatError } from '@convkit/core';
import { encodeIdx } from '@convkit/data';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DATA_DIR_ENV, loadCifar10, loadIdx, resolveDataDir } from '../src/node';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'convkit-dir-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveDataDir: explicit locations must exist, only defaults fall back', () => {
  it('uses an explicit dir, else the environment variable, else the first existing default', () => {
    const root = tempDir();
    const [a, b, c] = ['a', 'b', 'c'].map((n) => join(root, n));
    for (const d of [a, b, c]) mkdirSync(d);
    const missing = join(root, 'missing');
    expect(resolveDataDir({ dir: a, env: { [DATA_DIR_ENV]: b }, defaults: [c] })).toEqual({ dir: a, source: 'option' });
    expect(resolveDataDir({ env: { [DATA_DIR_ENV]: b }, defaults: [c] })).toEqual({ dir: b, source: 'env' });
    expect(resolveDataDir({ env: {}, defaults: [missing, c, a] })).toEqual({ dir: c, source: 'default' });
    expect(resolveDataDir({ env: { [DATA_DIR_ENV]: '' }, defaults: [c] })).toEqual({ dir: c, source: 'default' });
  });

  it('rejects a CONVKIT_DATA_DIR that does not exist instead of silently using a default', () => {
    const root = tempDir();
    const missing = join(root, 'no-such-dir');
    const e = configError(() =>
      resolveDataDir({ env: { [DATA_DIR_ENV]: missing }, defaults: [root], what: 'Fashion-MNIST' }),
    );
    expect(e.message).toBe(
      `Fashion-MNIST: $CONVKIT_DATA_DIR is ${missing}, which does not exist (fix it, or unset it to use the default locations)`,
    );
    const file = join(root, 'file');
    writeFileSync(file, 'x');
    expect(configError(() => resolveDataDir({ env: { MY_DIR: file }, envVar: 'MY_DIR' })).message).toMatch(
      /\$MY_DIR is .*file, which is not a directory/,
    );
  });

  it('rejects an explicit dir option that does not exist, naming the option and the path', () => {
    const root = tempDir();
    const missing = join(root, 'nope');
    const e = configError(() => resolveDataDir({ dir: missing, dirOption: '--data-dir', env: {}, defaults: [root] }));
    expect(e.message).toMatch(/--data-dir is .*nope, which does not exist/);
    expect(configError(() => resolveDataDir({ dir: '', env: {} })).message).toMatch(/dir must be a non-empty string/);
    expect(configError(() => resolveDataDir({ env: {}, defaults: [missing] })).message).toMatch(
      /not found: dir and \$CONVKIT_DATA_DIR are not set and none of .*nope exists/,
    );
  });
});

describe('node loaders: explicit paths and file sizes', () => {
  it('a path that does not exist is a ConfigError naming it; a file over maxBytes is refused before reading', async () => {
    const root = tempDir();
    await expect(loadIdx(join(root, 'x.idx'))).rejects.toThrow(/^loadIdx: .*x\.idx does not exist$/);
    await expect(loadIdx(join(root, 'x.idx'))).rejects.toBeInstanceOf(ConfigError);
    await expect(loadIdx(root)).rejects.toThrow(/^loadIdx: .* is not a file$/);
    await expect(loadCifar10(join(root, 'cifar'))).rejects.toThrow(
      /^loadCifar10: dir is .*cifar, which does not exist/,
    );
    const path = join(root, 'big.idx');
    writeFileSync(path, encodeIdx(new Uint8Array(5000), [5000]));
    await expect(loadIdx(path, { maxBytes: 4096 })).rejects.toThrow(
      /big\.idx: the file is 5008 bytes, more than maxBytes 4096/,
    );
    await expect(loadIdx(path, { maxBytes: 4096 })).rejects.toBeInstanceOf(DataFormatError);
    const gz = join(root, 'big.idx.gz');
    writeFileSync(gz, gzipSync(encodeIdx(new Uint8Array(5000), [5000])));
    await expect(loadIdx(gz, { maxBytes: 4096 })).rejects.toThrow(
      /big\.idx\.gz: gzip data decompresses to more than maxBytes/,
    );
    expect((await loadIdx(gz, { maxBytes: 5008 })).dims).toEqual([5000]);
  });
});
