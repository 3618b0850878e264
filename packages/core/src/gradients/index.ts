/**
 * convkit's corrections of tfjs-core gradients, registered over tfjs's by
 * kernel name (so every backend, and every caller of the op, gets them):
 * Conv2D and DepthwiseConv2dNative with dilations > 1, AvgPool / AvgPool3D
 * with windows that overlap the padding, MaxPool with a rounding mode,
 * BatchMatMul with broadcast batches; and FusedConv2D's, which tfjs-core
 * lacks (the trainable fused conv of `ops.fused.conv2d`).
 */
import { registerGradient } from '@tensorflow/tfjs-core';
import { avgPool3DGradConfig, avgPoolGradConfig } from './avg-pool';
import { batchMatMulGradConfig } from './batch-mat-mul';
import { conv2DGradConfig } from './conv2d';
import { depthwiseConv2dNativeGradConfig } from './depthwise-conv2d';
import { fusedConv2DGradConfig } from './fused-conv2d';
import { maxPoolGradConfig } from './max-pool';
import { reluGradGradConfig } from './relu-grad';

/** The gradient configs convkit registers in place of tfjs-core's. */
export const convkitGradConfigs = [
  conv2DGradConfig,
  depthwiseConv2dNativeGradConfig,
  avgPoolGradConfig,
  avgPool3DGradConfig,
  maxPoolGradConfig,
  batchMatMulGradConfig,
  fusedConv2DGradConfig,
  reluGradGradConfig,
] as const;

/** Registers convkit's gradients; must run after tfjs-core's `register_all_gradients`. */
export function registerConvkitGradients(): void {
  for (const config of convkitGradConfigs) registerGradient(config);
}
