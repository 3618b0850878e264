/**
 * Browser side of finding a GPU: WebGPU is `navigator.gpu` or nothing. The
 * Node build uses `platform.ts` instead.
 */
import { BackendError } from '@convkit/core';
import type { GpuLike } from './gpu-types';

/** Where this build runs, for messages. */
export const platformName = 'browser';

/**
 * Called when `navigator.gpu` is missing: in a browser nothing can be loaded.
 *
 * @returns Never.
 * @throws {BackendError} naming the likely cause.
 */
export async function loadPlatformGpu(_flags: readonly string[]): Promise<GpuLike> {
  const secure = (globalThis as { isSecureContext?: boolean }).isSecureContext;
  throw new BackendError(
    secure === false
      ? 'navigator.gpu is undefined because the page is not a secure context: serve it over https or from localhost.'
      : 'navigator.gpu is undefined: this browser has no WebGPU. Use a browser that ships it (Chrome or Edge 113 or later, Safari 26 or later) or turn it on; headless Chromium needs --enable-unsafe-webgpu, plus --use-webgpu-adapter=swiftshader on a machine without a GPU. Otherwise use the wasm backend (@convkit/backend-wasm).',
  );
}

/**
 * Why the browser may have found no adapter, and what to do.
 *
 * @returns A sentence or two for the error message.
 */
export function noAdapterHint(): string {
  return 'The browser has WebGPU but gave no adapter (no GPU, a blocklisted driver, or a GPU process that failed; chrome://gpu tells which). Headless Chromium without a GPU needs --enable-unsafe-webgpu --use-webgpu-adapter=swiftshader.';
}
