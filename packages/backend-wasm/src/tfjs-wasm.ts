/**
 * Loading tfjs-backend-wasm (XNNPACK forward kernels) without configuration.
 * In Node its own loader finds the `.wasm` files beside its bundle. In a
 * browser bundle the files are copied into this package's dist/ at build time
 * and referenced with `new URL(..., import.meta.url)`, which Vite and
 * webpack 5 turn into emitted assets.
 *
 * In a browser, tfjs-backend-wasm always runs its single-threaded SIMD build:
 * its threaded build starts pthread workers from `factory.toString()` of its
 * Emscripten module, which a minifying bundler breaks (Vite's production
 * build: "ReferenceError: e is not defined" in every worker, and the backend
 * never finishes initialising). Training threads come from convkit's own
 * kernels (see thread-pool.ts), as in Node, where tfjs-backend-wasm is
 * single-threaded anyway.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { env } from '@tensorflow/tfjs-core';

let configured = false;

function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/**
 * Points tfjs-backend-wasm at its binaries when running in a browser and
 * selects its single-threaded build there (see above). Idempotent; must run
 * before tfjs-backend-wasm initialises.
 */
export function configureTfjsWasmPaths(): void {
  if (configured || isNode()) return;
  configured = true;
  env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths({
    'tfjs-backend-wasm.wasm': new URL('./tfjs-backend-wasm.wasm', import.meta.url).href,
    'tfjs-backend-wasm-simd.wasm': new URL('./tfjs-backend-wasm-simd.wasm', import.meta.url).href,
    // Unused while multithreading is off, but setWasmPaths requires every entry.
    'tfjs-backend-wasm-threaded-simd.wasm': new URL('./tfjs-backend-wasm-threaded-simd.wasm', import.meta.url).href,
  });
}
