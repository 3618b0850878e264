/**
 * The browser build's tfjs-backend-wasm set-up (src/tfjs-wasm.browser.ts),
 * run in Node: only the SIMD binary is referenced, and a platform without
 * WebAssembly SIMD gets a BackendError instead of a failing download.
 */
import { BackendError } from '@convkit/core';
import { env } from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';

const setWasmPaths = vi.hoisted(() => vi.fn());
vi.mock('@tensorflow/tfjs-backend-wasm', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  setWasmPaths,
}));

afterEach(() => {
  vi.restoreAllMocks();
  setWasmPaths.mockClear();
  vi.resetModules();
});

describe('tfjs-backend-wasm in the browser build', () => {
  it('without WebAssembly SIMD: a BackendError that says so', async () => {
    vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    const { configureTfjsWasmPaths, wasmSimdSupported } = await import('../src/tfjs-wasm.browser');
    expect(wasmSimdSupported()).toBe(false);
    expect(() => configureTfjsWasmPaths()).toThrow(BackendError);
    expect(() => configureTfjsWasmPaths()).toThrow(/needs WebAssembly SIMD/);
    expect(setWasmPaths).not.toHaveBeenCalled();
  });

  it('with SIMD: points every binary name at the SIMD one and turns tfjs threads off', async () => {
    const { configureTfjsWasmPaths, wasmSimdSupported } = await import('../src/tfjs-wasm.browser');
    expect(wasmSimdSupported()).toBe(true);
    configureTfjsWasmPaths();
    expect(setWasmPaths).toHaveBeenCalledTimes(1);
    const paths = setWasmPaths.mock.calls[0][0] as Record<string, string>;
    expect(Object.keys(paths).sort()).toEqual([
      'tfjs-backend-wasm-simd.wasm',
      'tfjs-backend-wasm-threaded-simd.wasm',
      'tfjs-backend-wasm.wasm',
    ]);
    expect(new Set(Object.values(paths)).size).toBe(1);
    expect(paths['tfjs-backend-wasm.wasm']).toMatch(/\/tfjs-backend-wasm-simd\.wasm$/);
    expect(env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')).toBe(false);
  });
});
