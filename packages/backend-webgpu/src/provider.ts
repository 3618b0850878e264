/**
 * Registers the 'webgpu' backend with @convkit/core. Nothing WebGPU-related
 * happens on import: `setBackend('webgpu')` finds `navigator.gpu` (in Node,
 * loads Dawn from the `webgpu` package first), opens a device with a timeout,
 * and only then imports tfjs-backend-webgpu, which looks for `navigator.gpu`
 * when it is evaluated.
 */
import { type BackendProvider, registerBackendProvider } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { describeAdapter, type OpenedDevice, openDevice } from './device';
import type { GpuAdapterInfoLike, GpuLike } from './gpu-types';
import { registerChunkedAddN } from './kernels/add-n';
import { registerConv2DBackpropFilter } from './kernels/conv2d-backprop-filter';
import { registerFusedAdam } from './kernels/fused-adam';
import { registerMaxPoolGrad } from './kernels/max-pool-grad';
import { webgpuOptions } from './options';
import { loadPlatformGpu, noAdapterHint } from './platform';

let opened: OpenedDevice | undefined;

/** `navigator.gpu` when the runtime has it. */
function navigatorGpu(): GpuLike | undefined {
  return (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu ?? undefined;
}

async function initialize(): Promise<void> {
  const options = webgpuOptions();
  const gpu = navigatorGpu() ?? (await loadPlatformGpu(options.dawnFlags));
  const dev = await openDevice(gpu, {
    timeoutMs: options.adapterTimeoutMs,
    powerPreference: options.powerPreference,
    hint: noAdapterHint,
  });
  // Imported only now: its module body registers tfjs's own 'webgpu' factory
  // only if navigator.gpu exists, and registers the kernels.
  const { WebGPUBackend } = await import('@tensorflow/tfjs-backend-webgpu');
  registerChunkedAddN();
  registerFusedAdam();
  const gradientKernels =
    options.gradientKernels === 'auto' ? (isSoftware(dev.info) ? 'tfjs' : 'convkit') : options.gradientKernels;
  if (gradientKernels === 'convkit') {
    registerConv2DBackpropFilter();
    registerMaxPoolGrad();
  }
  // tfjs's factory would request a second adapter without a timeout; use the device opened above.
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  type Ctor = ConstructorParameters<typeof WebGPUBackend>;
  tf.registerBackend('webgpu', () => new WebGPUBackend(dev.device as Ctor[0], dev.info as Ctor[1]), 3);
  void dev.device.lost.then((lost) => {
    if (lost?.reason !== 'destroyed') {
      console.warn(
        `convkit: the WebGPU device on ${describeAdapter(dev.info)} was lost (${lost?.message || lost?.reason || 'no reason given'}); tensors on 'webgpu' are gone.`,
      );
    }
  });
  opened = dev;
}

/** Whether `info` names a software rasteriser (SwiftShader, lavapipe, llvmpipe, WARP). */
function isSoftware(info: GpuAdapterInfoLike | undefined): boolean {
  const i = info ?? {};
  const text = `${i.vendor ?? ''} ${i.architecture ?? ''} ${i.description ?? ''} ${i.device ?? ''}`;
  return /swiftshader|llvmpipe|lavapipe|warp|microsoft basic render/i.test(text);
}

/** Identity of the GPU the 'webgpu' backend runs on. */
export interface WebGPUAdapterInfo {
  /** e.g. `'nvidia'`, `'google'`; empty when the implementation hides it. */
  vendor: string;
  /** e.g. `'ampere'`, `'swiftshader'`; may be empty. */
  architecture: string;
  /** Vendor-specific device name; often empty. */
  device: string;
  /** e.g. `'SwiftShader driver 5.0.0'`; may be empty. */
  description: string;
  /** Whether this is a software rasteriser (SwiftShader, lavapipe, WARP): fine for correctness, slow. */
  software: boolean;
  /** One line for logs and benchmark tables. */
  summary: string;
}

/**
 * The adapter the 'webgpu' backend opened, once `setBackend('webgpu')` has
 * initialised it.
 *
 * @returns Its vendor, architecture, description and whether it is a software
 *   adapter; `undefined` before initialisation.
 *
 * @example
 * ```ts
 * import { webgpuAdapterInfo } from '@convkit/backend-webgpu';
 * import { setBackend } from '@convkit/core';
 *
 * await setBackend('webgpu');
 * console.log(webgpuAdapterInfo()?.summary); // e.g. 'SwiftShader driver 5.0.0 (google, swiftshader)'
 * ```
 */
export function webgpuAdapterInfo(): WebGPUAdapterInfo | undefined {
  if (!opened) return undefined;
  const i: GpuAdapterInfoLike = opened.info ?? {};
  return {
    vendor: i.vendor ?? '',
    architecture: i.architecture ?? '',
    device: i.device ?? '',
    description: i.description ?? '',
    software: isSoftware(opened.info),
    summary: describeAdapter(opened.info),
  };
}

/**
 * The provider handed to core.
 *
 * Registered with core when this package is imported; `setBackend('webgpu')` from `@convkit/core` then initialises it.
 */
export const webgpuBackendProvider: BackendProvider = {
  name: 'webgpu',
  packageName: '@convkit/backend-webgpu',
  initialize,
  kernels: () =>
    tf
      .getKernelsForBackend('webgpu')
      .map((k) => k.kernelName)
      .sort(),
};

registerBackendProvider(webgpuBackendProvider);
