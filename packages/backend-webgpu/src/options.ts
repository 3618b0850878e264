/**
 * Options of the webgpu backend, read when `setBackend('webgpu')` first
 * initialises it.
 */
import { ConfigError } from '@convkit/core';

/** Options for {@link configureWebGPU}. */
export interface WebGPUOptions {
  /**
   * How long to wait for `navigator.gpu.requestAdapter()` and then for
   * `adapter.requestDevice()` before giving up with a `BackendError`, in
   * milliseconds. Default 10,000: a software adapter answers in well under a
   * second, a hung driver never does.
   */
  adapterTimeoutMs?: number;
  /** Which GPU to prefer where there are several. Default `'high-performance'`. */
  powerPreference?: 'low-power' | 'high-performance';
  /**
   * Node only: flags passed to Dawn's `create()` from the `webgpu` package,
   * e.g. `['backend=vulkan']`. Default none. Ignored when `navigator.gpu`
   * already exists.
   */
  dawnFlags?: readonly string[];
  /**
   * Which `Conv2DBackpropFilter` and `MaxPoolGrad` kernels to run: convkit's
   * (split reduction; one dispatch) or tfjs-backend-webgpu's. `'auto'`
   * (default) uses convkit's on hardware adapters and tfjs's on software
   * adapters (SwiftShader, lavapipe), where convkit's measured no faster.
   * convkit's fused Adam and chunked AddN are used in every case.
   */
  gradientKernels?: 'auto' | 'convkit' | 'tfjs';
}

/** The options in effect, with defaults filled in. */
export type ResolvedWebGPUOptions = Required<WebGPUOptions>;

const DEFAULTS: ResolvedWebGPUOptions = {
  adapterTimeoutMs: 10_000,
  powerPreference: 'high-performance',
  dawnFlags: [],
  gradientKernels: 'auto',
};

let current: ResolvedWebGPUOptions = { ...DEFAULTS };

/**
 * Sets how the webgpu backend finds its GPU. Call it before the first
 * `setBackend('webgpu')`; later calls only affect a backend that has not been
 * initialised yet. Options left out keep their current value.
 *
 * @param options - Timeout, power preference and (Node) Dawn flags.
 * @returns The options now in effect.
 * @throws {ConfigError} when `adapterTimeoutMs` is not a positive finite number,
 *   `powerPreference` is not `'low-power'` or `'high-performance'`, or
 *   `gradientKernels` is not `'auto'`, `'convkit'` or `'tfjs'`.
 *
 * @example
 * ```ts
 * import { configureWebGPU } from '@convkit/backend-webgpu';
 * configureWebGPU({ adapterTimeoutMs: 5_000, powerPreference: 'low-power' });
 * ```
 */
export function configureWebGPU(options: WebGPUOptions): ResolvedWebGPUOptions {
  const next = { ...current };
  if (options.adapterTimeoutMs !== undefined) {
    const t = options.adapterTimeoutMs;
    if (typeof t !== 'number' || !Number.isFinite(t) || t <= 0) {
      throw new ConfigError(
        `configureWebGPU: adapterTimeoutMs must be a positive number of milliseconds, received ${String(t)}`,
      );
    }
    next.adapterTimeoutMs = t;
  }
  if (options.powerPreference !== undefined) {
    const p = options.powerPreference;
    if (p !== 'low-power' && p !== 'high-performance') {
      throw new ConfigError(
        `configureWebGPU: powerPreference must be 'low-power' or 'high-performance', received ${JSON.stringify(p)}`,
      );
    }
    next.powerPreference = p;
  }
  if (options.dawnFlags !== undefined) {
    if (!Array.isArray(options.dawnFlags) || options.dawnFlags.some((f) => typeof f !== 'string')) {
      throw new ConfigError('configureWebGPU: dawnFlags must be an array of strings, e.g. ["backend=vulkan"]');
    }
    next.dawnFlags = [...options.dawnFlags];
  }
  if (options.gradientKernels !== undefined) {
    const k = options.gradientKernels;
    if (k !== 'auto' && k !== 'convkit' && k !== 'tfjs') {
      throw new ConfigError(
        `configureWebGPU: gradientKernels must be 'auto', 'convkit' or 'tfjs', received ${JSON.stringify(k)}`,
      );
    }
    next.gradientKernels = k;
  }
  current = next;
  return { ...current };
}

/**
 * The options in effect.
 *
 * @returns A copy of the current options, defaults filled in.
 */
export function webgpuOptions(): ResolvedWebGPUOptions {
  return { ...current, dawnFlags: [...current.dawnFlags] };
}
