/**
 * Loading tfjs-backend-wasm (XNNPACK forward kernels) without configuration.
 * In Node its own loader finds the `.wasm` files beside its bundle. In a
 * browser bundle the files are copied into this package's dist/ at build time
 * and referenced with `new URL(..., import.meta.url)`, which Vite and
 * webpack 5 turn into emitted assets.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

let configured = false;

function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/** Points tfjs-backend-wasm at its binaries when running in a browser. Idempotent. */
export function configureTfjsWasmPaths(): void {
  if (configured || isNode()) return;
  configured = true;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': new URL('./tfjs-backend-wasm.wasm', import.meta.url).href,
    'tfjs-backend-wasm-simd.wasm': new URL('./tfjs-backend-wasm-simd.wasm', import.meta.url).href,
    'tfjs-backend-wasm-threaded-simd.wasm': new URL('./tfjs-backend-wasm-threaded-simd.wasm', import.meta.url).href,
  });
}
