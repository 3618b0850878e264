/**
 * `--backend webgpu`: without `@convkit/backend-webgpu` installed the user
 * gets core's "install it" error; with it (here, on SwiftShader), the CLI
 * activates 'webgpu'. The package is imported only on demand.
 */
import '../../backend-webgpu/test/setup';
import { BackendError, getBackend, setBackend } from '@convkit/core';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../src/args';
import { CLI_BACKENDS, importWebGPUBackend, useBackend } from '../src/backends';

/** An import that fails the way Node's resolver does when a package is not installed. */
function notInstalled(pkg: string): () => Promise<never> {
  const err = new Error(`Cannot find package '${pkg}' imported from /app/node_modules/@convkit/cli/dist/index.js`);
  (err as Error & { code: string }).code = 'ERR_MODULE_NOT_FOUND';
  return () => Promise.reject(err);
}

describe('--backend webgpu', () => {
  it('is one of the --backend values', () => {
    expect(CLI_BACKENDS).toEqual(['cpu', 'wasm', 'webgpu']);
    const { options } = parseCommandLine(['train', '--backend', 'webgpu']);
    expect(options.backend).toBe('webgpu');
  });

  it('without @convkit/backend-webgpu: core says which package to install', async () => {
    const err = await useBackend('webgpu', notInstalled('@convkit/backend-webgpu')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as Error).message).toMatch(/Backend 'webgpu' is not installed.*npm install @convkit\/backend-webgpu/);
    expect(getBackend()).toBe('cpu');
  });

  it('a broken installation is reported as it is, not as "not installed"', async () => {
    await expect(importWebGPUBackend(notInstalled('@tensorflow/tfjs-backend-webgpu'))).rejects.toThrow(
      /tfjs-backend-webgpu/,
    );
    await expect(importWebGPUBackend(() => Promise.reject(new SyntaxError('bad dist')))).rejects.toThrow('bad dist');
  });

  it('with the package: activates webgpu (imported on demand)', async () => {
    await useBackend('webgpu');
    expect(getBackend()).toBe('webgpu');
    await setBackend('cpu');
  });
});
