/**
 * The few WebGPU types this package touches, written structurally so that it
 * needs neither `@webgpu/types` nor a DOM library that declares WebGPU.
 */

/** What `navigator.gpu` (or Dawn's `create()`) returns. */
export interface GpuLike {
  /** Resolves to an adapter, or `null` when the system has none. */
  requestAdapter(options?: { powerPreference?: 'low-power' | 'high-performance' }): Promise<GpuAdapterLike | null>;
}

/** A WebGPU adapter: one physical (or software) GPU. */
export interface GpuAdapterLike {
  /** Optional capabilities, e.g. `'timestamp-query'`, `'shader-f16'`. */
  readonly features: ReadonlySet<string>;
  /** The adapter's limits (`maxBufferSize`, ...). */
  readonly limits: Record<string, number | undefined> | object;
  /** Vendor, architecture, device and description (newer implementations). */
  readonly info?: GpuAdapterInfoLike;
  /** Opens a device on this adapter. */
  requestDevice(descriptor?: {
    requiredFeatures?: string[];
    requiredLimits?: Record<string, number>;
  }): Promise<GpuDeviceLike>;
}

/** Human-readable identity of an adapter. */
export interface GpuAdapterInfoLike {
  /** e.g. `'nvidia'`, `'google'`. */
  readonly vendor?: string;
  /** e.g. `'turing'`, `'swiftshader'`. */
  readonly architecture?: string;
  /** Vendor-specific device name, often empty. */
  readonly device?: string;
  /** e.g. `'SwiftShader driver 5.0.0'`, `'NVIDIA GeForce RTX 3060'`. */
  readonly description?: string;
}

/** A WebGPU device, as far as this package uses it. */
export interface GpuDeviceLike {
  /** Resolves when the device is lost (destroyed, driver reset, ...). */
  readonly lost: Promise<{ reason?: string; message?: string }>;
  /** Releases the device. */
  destroy(): void;
}
