/**
 * Node side of finding a GPU: WebGPU comes from the optional `webgpu` package
 * (Google's Dawn), loaded only when `navigator.gpu` is missing. The browser
 * build swaps this file for `platform.browser.ts`.
 */
import { existsSync } from 'node:fs';
import { BackendError, installCommand } from '@convkit/core';
import type { GpuLike } from './gpu-types';

/** Where this build runs, for messages. */
export const platformName = 'Node';

/** The `webgpu` package's exports, as far as this file uses them. */
interface DawnModule {
  create(flags: string[]): unknown;
  globals: object;
}

/** The Dawn instance, held so that it lives as long as the process. */
let dawn: GpuLike | undefined;

function isModuleNotFound(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  // Only the package itself: a missing dependency of an installed `webgpu` is another problem.
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    /Cannot find (?:package|module) ['"]webgpu['"]/.test(String(err))
  );
}

/**
 * Loads Dawn from the `webgpu` package, installs its WebGPU globals
 * (`GPUBufferUsage`, `GPUMapMode`, ...) where they are missing and sets
 * `navigator.gpu`, so that tfjs-backend-webgpu finds WebGPU when it is imported.
 *
 * @param flags - Dawn flags for `create()`, e.g. `['backend=vulkan']`.
 * @param importDawn - Loads the `webgpu` module; replaced in tests to simulate a missing package.
 * @returns The `GPU` object now at `navigator.gpu`.
 * @throws {BackendError} when the `webgpu` package is not installed (the
 *   message says how to install it) or fails to load.
 */
export async function loadPlatformGpu(
  flags: readonly string[],
  importDawn: () => Promise<unknown> = () => import('webgpu'),
): Promise<GpuLike> {
  if (dawn) return dawn;
  let mod: DawnModule;
  try {
    mod = (await importDawn()) as DawnModule;
  } catch (err) {
    if (isModuleNotFound(err)) {
      throw new BackendError(
        `WebGPU in Node needs the optional peer dependency \`webgpu\` (Google's Dawn, prebuilt for Linux, macOS and Windows): install it with ${installCommand('webgpu')}. ${linuxDriverHint()}`,
        { cause: err },
      );
    }
    throw new BackendError(`The \`webgpu\` package is installed but failed to load: ${String(err)}`, { cause: err });
  }
  const g = globalThis as Record<string, unknown>;
  for (const [name, value] of Object.entries(mod.globals)) {
    if (!(name in g)) g[name] = value;
  }
  const gpu = mod.create([...flags]) as GpuLike;
  installNavigatorGpu(gpu);
  dawn = gpu;
  return gpu;
}

/** Sets `navigator.gpu`, creating `navigator` where the runtime has none (Node 20). */
function installNavigatorGpu(gpu: GpuLike): void {
  const g = globalThis as { navigator?: object };
  if (g.navigator === undefined) {
    Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
  }
  Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true, writable: true });
}

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** How to get a software Vulkan driver on Linux, or '' elsewhere. */
function linuxDriverHint(): string {
  if (process.platform !== 'linux') return '';
  const here = existsSync(SWIFTSHADER_ICD) ? ' (that file exists on this machine)' : '';
  return `On Linux without a GPU, Dawn can use SwiftShader's Vulkan driver: install the Vulkan loader and Chromium (Debian/Ubuntu: \`apt-get install libvulkan1 chromium\`) and set VK_ICD_FILENAMES=${SWIFTSHADER_ICD}${here}.`;
}

/**
 * Why Dawn may have found no adapter here, and what to do.
 *
 * @returns A sentence or two for the error message.
 */
export function noAdapterHint(): string {
  if (process.platform !== 'linux') {
    return `Dawn found no ${process.platform === 'darwin' ? 'Metal' : 'D3D12 or Vulkan'} adapter: check that the GPU driver is installed and up to date.`;
  }
  const icd = process.env.VK_ICD_FILENAMES;
  if (icd) {
    const missing = icd.split(':').filter((f) => f !== '' && !existsSync(f));
    if (missing.length > 0) {
      return `VK_ICD_FILENAMES names ${missing.join(', ')}, which does not exist. ${linuxDriverHint()}`;
    }
    return `VK_ICD_FILENAMES=${icd} is set but its driver gave no adapter: check that the Vulkan loader is installed (Debian/Ubuntu: \`apt-get install libvulkan1\`) and that the driver library the file names exists.`;
  }
  return `Dawn found no Vulkan driver (is a GPU driver and libvulkan1 installed?). ${linuxDriverHint()}`;
}
