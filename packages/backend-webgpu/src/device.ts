/**
 * Opens a WebGPU device with the limits tfjs-backend-webgpu asks for, and
 * never waits forever: adapter and device requests time out with a
 * `BackendError` that names the likely cause.
 */
import { BackendError } from '@convkit/core';
import type { GpuAdapterInfoLike, GpuAdapterLike, GpuDeviceLike, GpuLike } from './gpu-types';

/** What {@link openDevice} returns. */
export interface OpenedDevice {
  /** The adapter the device was opened on. */
  adapter: GpuAdapterLike;
  /** The device tfjs-backend-webgpu runs on. */
  device: GpuDeviceLike;
  /** The adapter's identity, when the implementation reports it. */
  info: GpuAdapterInfoLike | undefined;
}

/** What {@link openDevice} needs besides the `GPU` object. */
export interface OpenDeviceOptions {
  /** Milliseconds to wait for the adapter, then again for the device. */
  timeoutMs: number;
  /** Passed to `requestAdapter`. */
  powerPreference: 'low-power' | 'high-performance';
  /** Why there may be no adapter on this platform, appended to the error. */
  hint: () => string;
}

/**
 * The limits raised to the adapter's maximum: tfjs-backend-webgpu's six, plus
 * the storage buffers per stage (fewer AddN chunks, see kernels/add-n.ts).
 */
const RAISED_LIMITS = [
  'maxStorageBuffersPerShaderStage',
  'maxComputeWorkgroupStorageSize',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupSizeX',
  'maxComputeInvocationsPerWorkgroup',
] as const;

/** Optional features requested where the adapter has them. */
const WANTED_FEATURES = ['timestamp-query', 'bgra8unorm-storage'] as const;

/**
 * Settles like `promise`, or rejects with `onTimeout()` after `ms` milliseconds;
 * the timer never keeps a Node process alive.
 */
function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
    (timer as { unref?: () => void }).unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Requests an adapter and a device from `gpu`.
 *
 * @param gpu - `navigator.gpu` or Dawn's `GPU` object.
 * @param options - Timeout, power preference and the platform's hint.
 * @returns The adapter, the device and the adapter's info.
 * @throws {BackendError} when there is no adapter, when a request fails, or
 *   when either request does not answer within `options.timeoutMs`.
 */
export async function openDevice(gpu: GpuLike, options: OpenDeviceOptions): Promise<OpenedDevice> {
  const { timeoutMs, powerPreference, hint } = options;
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await withTimeout(
      Promise.resolve(gpu.requestAdapter({ powerPreference })),
      timeoutMs,
      () =>
        new BackendError(
          `navigator.gpu.requestAdapter() did not answer within ${timeoutMs} ms (configureWebGPU({ adapterTimeoutMs }) changes the limit). ${hint()}`,
        ),
    );
  } catch (err) {
    if (err instanceof BackendError) throw err;
    throw new BackendError(`navigator.gpu.requestAdapter() failed: ${String(err)}. ${hint()}`, { cause: err });
  }
  if (!adapter) throw new BackendError(`No WebGPU adapter: navigator.gpu.requestAdapter() returned null. ${hint()}`);

  const limits = adapter.limits as Record<string, number | undefined>;
  const requiredLimits: Record<string, number> = {};
  for (const name of RAISED_LIMITS) {
    const v = limits[name];
    if (typeof v === 'number') requiredLimits[name] = v;
  }
  const requiredFeatures = WANTED_FEATURES.filter((f) => adapter.features.has(f));
  const info = adapter.info;
  const name = describeAdapter(info);
  let device: GpuDeviceLike;
  try {
    device = await withTimeout(
      Promise.resolve(adapter.requestDevice({ requiredFeatures, requiredLimits })),
      timeoutMs,
      () => new BackendError(`adapter.requestDevice() on ${name} did not answer within ${timeoutMs} ms.`),
    );
  } catch (err) {
    if (err instanceof BackendError) throw err;
    throw new BackendError(`adapter.requestDevice() on ${name} failed: ${String(err)}`, { cause: err });
  }
  return { adapter, device, info };
}

/**
 * A one-line name for an adapter, e.g. `'SwiftShader driver 5.0.0 (google, swiftshader)'`.
 *
 * @param info - The adapter's info, if any.
 * @returns Its description, vendor and architecture, or `'an unnamed adapter'`.
 */
export function describeAdapter(info: GpuAdapterInfoLike | undefined): string {
  const extra = [info?.vendor, info?.architecture].filter((s) => s).join(', ');
  const main = info?.description || info?.device || '';
  if (main && extra) return `${main} (${extra})`;
  return main || extra || 'an unnamed adapter';
}
