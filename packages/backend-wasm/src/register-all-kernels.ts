/**
 * convkit's own kernels for the 'wasm' backend. They are registered over
 * tfjs-backend-wasm's (XNNPACK) set, replacing a kernel where both exist.
 * This list answers "which kernels are convkit's?" in one place.
 */
import { getKernel, type KernelConfig, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import { batchMatMulConfig } from './kernels/BatchMatMul';
import { conv2DConfig, fusedConv2DConfig } from './kernels/Conv2D';
import { conv2DBackpropFilterConfig } from './kernels/Conv2DBackpropFilter';
import { conv2DBackpropInputConfig } from './kernels/Conv2DBackpropInput';
import { depthwiseConv2dNativeBackpropFilterConfig } from './kernels/DepthwiseConv2dNativeBackpropFilter';
import { depthwiseConv2dNativeBackpropInputConfig } from './kernels/DepthwiseConv2dNativeBackpropInput';
import { fusedAdamConfig } from './kernels/FusedAdam';
import { fusedDepthwiseConv2DConfig } from './kernels/FusedDepthwiseConv2D';
import { fusedMatMulConfig } from './kernels/FusedMatMul';
import { fusedRmspropConfig } from './kernels/FusedRmsprop';
import { fusedSgdConfig } from './kernels/FusedSgd';
import { castConfig, identityConfig } from './kernels/Identity';
import { maxPoolConfig } from './kernels/MaxPool';
import { maxPoolGradConfig } from './kernels/MaxPoolGrad';
import { multiplyConfig } from './kernels/Multiply';
import { originalConfig, rememberOriginal } from './kernels/originals';
import { fakeQuantizeConfig, quantizedConv2DConfig, quantizedMatMulConfig } from './kernels/QuantizedKernels';
import { quantizedSequenceConfig } from './kernels/QuantizedSequence';
import { reluGradConfig } from './kernels/ReluGrad';
import { avgPoolConfig, depthwiseConv2dNativeConfig } from './kernels/rounding-pad';
import { sparseConv2DConfig, sparseMatMulConfig } from './kernels/SparseKernels';
import { stepConfig } from './kernels/Step';
import { sumConfig } from './kernels/Sum';
import { storageShapeConfigs } from './kernels/storage-shape';

/** Every kernel config convkit provides for backend 'wasm'. */
export const convkitKernelConfigs: readonly KernelConfig[] = [
  conv2DConfig,
  fusedConv2DConfig,
  conv2DBackpropFilterConfig,
  conv2DBackpropInputConfig,
  depthwiseConv2dNativeBackpropFilterConfig,
  depthwiseConv2dNativeBackpropInputConfig,
  maxPoolGradConfig,
  batchMatMulConfig,
  sumConfig,
  multiplyConfig,
  stepConfig,
  reluGradConfig,
  identityConfig,
  castConfig,
  fusedDepthwiseConv2DConfig,
  fusedMatMulConfig,
  depthwiseConv2dNativeConfig,
  avgPoolConfig,
  maxPoolConfig,
  ...storageShapeConfigs,
  fakeQuantizeConfig,
  quantizedConv2DConfig,
  quantizedMatMulConfig,
  quantizedSequenceConfig,
  sparseConv2DConfig,
  sparseMatMulConfig,
  fusedAdamConfig,
  fusedSgdConfig,
  fusedRmspropConfig,
];

/** Registers (or re-registers over tfjs-backend-wasm's) every convkit kernel. */
export function registerConvkitKernels(): void {
  for (const config of convkitKernelConfigs) {
    const existing = getKernel(config.kernelName, config.backendName);
    let setupFunc = config.setupFunc;
    if (existing) {
      if (existing.kernelFunc !== config.kernelFunc) rememberOriginal(existing);
      // Keep the replaced kernel's setup: other tfjs-backend-wasm kernels (and our
      // fallbacks) call into it and need its cwrap'd entry points.
      setupFunc = existing.setupFunc;
      unregisterKernel(config.kernelName, config.backendName);
    }
    registerKernel({ ...config, setupFunc });
  }
}

/**
 * Puts tfjs-backend-wasm's own kernels back in place of convkit's (`false`), or
 * registers convkit's again (`true`). For side-by-side comparisons and for
 * narrowing down a suspected kernel bug; kernels tfjs-backend-wasm lacks stay.
 *
 * @param enabled - `true`: convkit's kernels; `false`: tfjs-backend-wasm's own.
 */
export function setConvkitKernelsEnabled(enabled: boolean): void {
  if (enabled) {
    registerConvkitKernels();
    return;
  }
  for (const config of convkitKernelConfigs) {
    const original = originalConfig(config.kernelName);
    if (!original) continue;
    unregisterKernel(config.kernelName, config.backendName);
    registerKernel(original);
  }
}
