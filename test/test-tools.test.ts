/**
 * scripts/tools/find.mjs: how `pnpm test` and the browser test pick the
 * Chromium and the LLVM tools they use.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findChromium, findLlvm, findRedisServer, which } from '../scripts/tools/find.mjs';

const dirs: string[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A folder holding executable shell scripts called `names`. */
function fakeBin(...names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'convkit-tools-'));
  dirs.push(dir);
  for (const name of names) {
    writeFileSync(join(dir, name), '#!/bin/sh\necho "clang version 14.0.6"\n');
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

describe('test tool look-up', () => {
  it('uses the Chromium that CONVKIT_CHROMIUM points to', () => {
    const dir = fakeBin('my-chrome');
    vi.stubEnv('CONVKIT_CHROMIUM', join(dir, 'my-chrome'));
    expect(findChromium()).toEqual({ path: join(dir, 'my-chrome'), source: 'CONVKIT_CHROMIUM' });
  });

  it('refuses a CONVKIT_CHROMIUM that is not an executable, never replacing it silently', () => {
    vi.stubEnv('CONVKIT_CHROMIUM', '/no/such/chromium');
    const found = findChromium();
    expect(found.path).toBeUndefined();
    expect(found).toMatchObject({ problem: expect.stringContaining('/no/such/chromium') });
  });

  it('finds clang, wasm-ld and llvm-objdump on the PATH, and only there', () => {
    const dir = fakeBin('clang', 'wasm-ld', 'llvm-objdump');
    vi.stubEnv('CLANG', '');
    vi.stubEnv('PATH', dir);
    expect(findLlvm()).toEqual({
      clang: join(dir, 'clang'),
      wasmLd: join(dir, 'wasm-ld'),
      objdump: join(dir, 'llvm-objdump'),
    });
    vi.stubEnv('PATH', fakeBin('clang'));
    expect(findLlvm().wasmLd).toBeUndefined();
    expect(which('wasm-ld')).toBeUndefined();
  });

  it('uses the redis-server that CONVKIT_REDIS_SERVER points to, else the one on the PATH, and refuses a bad one', () => {
    const dir = fakeBin('my-redis', 'redis-server');
    vi.stubEnv('CONVKIT_REDIS_SERVER', join(dir, 'my-redis'));
    expect(findRedisServer()).toEqual({ path: join(dir, 'my-redis'), source: 'CONVKIT_REDIS_SERVER' });
    vi.stubEnv('CONVKIT_REDIS_SERVER', '/no/such/redis-server');
    expect(findRedisServer()).toMatchObject({
      path: undefined,
      problem: expect.stringContaining('/no/such/redis-server'),
    });
    vi.stubEnv('CONVKIT_REDIS_SERVER', '');
    vi.stubEnv('PATH', dir);
    expect(findRedisServer()).toEqual({ path: join(dir, 'redis-server'), source: 'system' });
  });
});
