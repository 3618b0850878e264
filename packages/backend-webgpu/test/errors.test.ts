/**
 * Failures get a typed error that says what to do, and nothing hangs: the
 * `webgpu` package missing in Node (simulated: an import that fails as Node's
 * resolver does), no adapter, an adapter request that never answers, bad
 * options. Uses fake GPU objects; no GPU or driver needed.
 */
import { configureWebGPU, webgpuOptions } from '@convkit/backend-webgpu';
import { BackendError, ConfigError } from '@convkit/core';
import { describe, expect, it, vi } from 'vitest';
import { describeAdapter, openDevice } from '../src/device';
import type { GpuAdapterLike, GpuLike } from '../src/gpu-types';
import { loadPlatformGpu } from '../src/platform';
import * as browser from '../src/platform.browser';

/** An import that fails the way Node's resolver does when a package is not installed. */
function notInstalled(pkg: string): () => Promise<never> {
  const err = new Error(
    `Cannot find package '${pkg}' imported from /app/node_modules/@convkit/backend-webgpu/dist/index.js`,
  );
  (err as Error & { code: string }).code = 'ERR_MODULE_NOT_FOUND';
  return () => Promise.reject(err);
}

const hint = () => 'HINT';

function fakeAdapter(requestDevice = vi.fn(async () => ({ lost: new Promise<never>(() => {}), destroy() {} }))) {
  const adapter: GpuAdapterLike = {
    features: new Set(['timestamp-query', 'shader-f16']),
    limits: { maxBufferSize: 1024, maxStorageBuffersPerShaderStage: 10, maxComputeWorkgroupSizeX: 256 },
    info: { vendor: 'acme', architecture: 'rocket', description: 'Acme GPU 9000' },
    requestDevice,
  };
  return { adapter, requestDevice };
}

describe('backend-webgpu errors', () => {
  it('Node without the webgpu package: BackendError saying what to install', async () => {
    const err = await loadPlatformGpu([], notInstalled('webgpu')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as Error).message).toMatch(/optional peer dependency `webgpu`/);
    expect((err as Error).message).toContain('npm install webgpu');
    expect((err as Error).cause).toBeInstanceOf(Error);
  });

  it('webgpu installed but broken (its own import fails): says so, not "install it"', async () => {
    const err = await loadPlatformGpu([], notInstalled('debug')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as Error).message).toMatch(/installed but failed to load: .*'debug'/);
  });

  it('no adapter: BackendError with the platform hint', async () => {
    const gpu: GpuLike = { requestAdapter: async () => null };
    const err = await openDevice(gpu, { timeoutMs: 1000, powerPreference: 'high-performance', hint }).catch((e) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect(err.message).toMatch(/No WebGPU adapter: .*returned null\. HINT/);
  });

  it('an adapter request that never answers times out instead of hanging', async () => {
    const gpu: GpuLike = { requestAdapter: () => new Promise(() => {}) };
    const t0 = Date.now();
    const err = await openDevice(gpu, { timeoutMs: 50, powerPreference: 'low-power', hint }).catch((e) => e);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(err).toBeInstanceOf(BackendError);
    expect(err.message).toMatch(/did not answer within 50 ms.*adapterTimeoutMs.*HINT/);
  });

  it('a device request that never answers times out too, naming the adapter', async () => {
    const { adapter } = fakeAdapter(vi.fn(() => new Promise<never>(() => {})));
    const gpu: GpuLike = { requestAdapter: async () => adapter };
    const err = await openDevice(gpu, { timeoutMs: 50, powerPreference: 'low-power', hint }).catch((e) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect(err.message).toMatch(/requestDevice\(\) on Acme GPU 9000 \(acme, rocket\) did not answer within 50 ms/);
  });

  it('a rejected adapter request keeps its cause', async () => {
    const boom = new Error('driver crashed');
    const gpu: GpuLike = { requestAdapter: async () => Promise.reject(boom) };
    const err = await openDevice(gpu, { timeoutMs: 1000, powerPreference: 'low-power', hint }).catch((e) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect(err.cause).toBe(boom);
    expect(err.message).toMatch(/requestAdapter\(\) failed: Error: driver crashed\. HINT/);
  });

  it('asks the device for the adapter limits tfjs needs and the features it has', async () => {
    const { adapter, requestDevice } = fakeAdapter();
    const requested: unknown[] = [];
    const gpu: GpuLike = {
      requestAdapter: async (o) => {
        requested.push(o);
        return adapter;
      },
    };
    const opened = await openDevice(gpu, { timeoutMs: 1000, powerPreference: 'low-power', hint });
    expect(requested).toEqual([{ powerPreference: 'low-power' }]);
    expect(requestDevice).toHaveBeenCalledWith({
      requiredFeatures: ['timestamp-query'],
      requiredLimits: { maxStorageBuffersPerShaderStage: 10, maxBufferSize: 1024, maxComputeWorkgroupSizeX: 256 },
    });
    expect(opened.adapter).toBe(adapter);
    expect(describeAdapter(opened.info)).toBe('Acme GPU 9000 (acme, rocket)');
    expect(describeAdapter(undefined)).toBe('an unnamed adapter');
  });

  it('configureWebGPU validates its options and keeps the old ones on error', () => {
    const before = webgpuOptions();
    expect(before).toEqual({
      adapterTimeoutMs: 10_000,
      powerPreference: 'high-performance',
      dawnFlags: [],
      gradientKernels: 'auto',
    });
    expect(() => configureWebGPU({ adapterTimeoutMs: 0 })).toThrow(ConfigError);
    expect(() => configureWebGPU({ adapterTimeoutMs: Number.NaN })).toThrow(/adapterTimeoutMs.*NaN/);
    expect(() => configureWebGPU({ powerPreference: 'fast' as never })).toThrow(/powerPreference.*"fast"/);
    expect(() => configureWebGPU({ dawnFlags: [1] as never })).toThrow(/dawnFlags/);
    expect(webgpuOptions()).toEqual(before);
    expect(configureWebGPU({ adapterTimeoutMs: 2500, dawnFlags: ['backend=vulkan'] })).toEqual({
      adapterTimeoutMs: 2500,
      powerPreference: 'high-performance',
      dawnFlags: ['backend=vulkan'],
      gradientKernels: 'auto',
    });
    expect(() => configureWebGPU({ gradientKernels: 'fast' as never })).toThrow(/gradientKernels.*"fast"/);
    expect(configureWebGPU({ gradientKernels: 'tfjs' }).gradientKernels).toBe('tfjs');
  });

  it('browser build: no navigator.gpu names the flags, or the insecure context', async () => {
    const g = globalThis as { isSecureContext?: boolean };
    const noWebGPU = await browser.loadPlatformGpu([]).catch((e: unknown) => e);
    expect(noWebGPU).toBeInstanceOf(BackendError);
    expect((noWebGPU as Error).message).toMatch(/--enable-unsafe-webgpu.*--use-webgpu-adapter=swiftshader/);
    g.isSecureContext = false;
    try {
      const insecure = await browser.loadPlatformGpu([]).catch((e: unknown) => e);
      expect((insecure as Error).message).toMatch(/not a secure context: serve it over https or from localhost/);
    } finally {
      delete g.isSecureContext;
    }
    expect(browser.noAdapterHint()).toMatch(/chrome:\/\/gpu.*--use-webgpu-adapter=swiftshader/);
  });
});
