/**
 * Loading tfjs-backend-wasm (XNNPACK forward kernels) without configuration,
 * browser build (`exports` condition `browser`; Node uses `tfjs-wasm.ts`).
 * The binary is copied into this package's dist/ at build time and
 * referenced with `new URL(..., import.meta.url)`, which Vite and webpack 5
 * turn into an emitted asset.
 *
 * Of tfjs-backend-wasm's three binaries a browser only ever loads the SIMD
 * one, so it is the only one referenced (and emitted by bundlers):
 * - threaded SIMD: never. Its pthread workers start from
 *   `factory.toString()` of its Emscripten module, which a minifying bundler
 *   breaks (Vite's production build: "ReferenceError: e is not defined" in
 *   every worker, and the backend never finishes initialising), so
 *   multithreading is turned off here. Training threads come from convkit's
 *   own kernels (see thread-pool.ts), as in Node.
 * - plain (no SIMD): never. convkit's own kernels are SIMD code, compiled
 *   when the backend initialises, before tfjs-backend-wasm loads a binary; a
 *   browser without WebAssembly SIMD fails there, so tfjs-backend-wasm only
 *   starts where SIMD works and then picks the SIMD binary.
 * `setWasmPaths` wants an entry for each name: the other two point at the
 * SIMD binary too (the plain build's JavaScript loads it as well, should the
 * SIMD flag be forced off).
 */
import { BackendError } from '@convkit/core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { env } from '@tensorflow/tfjs-core';

let configured = false;

/** A tiny module with one SIMD instruction (the probe tfjs-backend-wasm uses for its SIMD flag). */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 9, 1, 7, 0, 65, 0, 253, 15, 26, 11,
]);

/** Whether this browser runs WebAssembly SIMD. */
export function wasmSimdSupported(): boolean {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/**
 * Points tfjs-backend-wasm at its SIMD binary and turns its multithreading
 * off (see above). Idempotent; must run before tfjs-backend-wasm initialises.
 * Throws a `BackendError` in a browser without WebAssembly SIMD.
 */
export function configureTfjsWasmPaths(): void {
  if (configured) return;
  if (!wasmSimdSupported()) {
    throw new BackendError(
      "convkit's wasm backend needs WebAssembly SIMD, which this browser lacks (it is in Chrome and Edge 91+, Firefox 89+, Safari 16.4+); use setBackend('cpu') here",
    );
  }
  configured = true;
  env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const simd = new URL('./tfjs-backend-wasm-simd.wasm', import.meta.url).href;
  setWasmPaths({
    'tfjs-backend-wasm-simd.wasm': simd,
    'tfjs-backend-wasm.wasm': simd,
    'tfjs-backend-wasm-threaded-simd.wasm': simd,
  });
}
