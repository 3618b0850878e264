/**
 * The backends `--backend` can select. `wasm` ships with the CLI;
 * `@convkit/backend-webgpu` is an optional peer, imported only when
 * `--backend webgpu` asks for it, so users without it get core's
 * "install @convkit/backend-webgpu" error and everyone else never loads it.
 */
import '@convkit/backend-wasm';
import { setBackend } from '@convkit/core';

/** Backends the CLI can select with `--backend`. */
export type CliBackend = 'cpu' | 'wasm' | 'webgpu';

/** The values of `--backend`, in the order the help lists them. */
export const CLI_BACKENDS: readonly CliBackend[] = ['cpu', 'wasm', 'webgpu'];

/**
 * Imports `@convkit/backend-webgpu` (which registers `webgpu` with core) when it is installed.
 *
 * @param load - Imports the package; replaced in tests to simulate a missing package.
 * @returns `true` when the package was imported, `false` when it is not installed.
 * @throws the import's error when the package is installed but fails to load.
 */
export async function importWebGPUBackend(
  load: () => Promise<unknown> = () => import('@convkit/backend-webgpu'),
): Promise<boolean> {
  try {
    await load();
    return true;
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    const notFound =
      (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
      /Cannot find (?:package|module) ['"]@convkit\/backend-webgpu['"]/.test(String(err));
    if (notFound) return false;
    throw err;
  }
}

/**
 * Activates the backend `name`: `wasm` is registered by `@convkit/backend-wasm`
 * (imported here); `webgpu` by `@convkit/backend-webgpu`, imported on demand.
 *
 * @param name - `'cpu'`, `'wasm'` or `'webgpu'`.
 * @param loadWebGPU - Imports `@convkit/backend-webgpu`; replaced in tests.
 * @returns Resolves once the backend is active.
 * @throws {BackendError} when the backend is not installed (the message says
 *   what to install) or cannot be initialised (for webgpu: no adapter, which
 *   driver or flag is missing).
 */
export async function useBackend(name: CliBackend, loadWebGPU?: () => Promise<unknown>): Promise<void> {
  if (name === 'webgpu') await importWebGPUBackend(loadWebGPU);
  await setBackend(name);
}
