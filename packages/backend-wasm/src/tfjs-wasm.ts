/**
 * Loading tfjs-backend-wasm (XNNPACK forward kernels), Node build: its own
 * loader reads its `.wasm` files from its package folder (in Node it loads
 * `tfjs-backend-wasm-simd.wasm`; its multithreading is off there), so there
 * is nothing to configure. The browser build uses `tfjs-wasm.browser.ts`,
 * which points it at the binary bundlers emit.
 */

/** Nothing to do in Node (see above); the browser build configures the binary's URL. */
export function configureTfjsWasmPaths(): void {}
