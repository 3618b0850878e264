/**
 * Puts a convkit kernel in front of tfjs-backend-webgpu's: `run` handles the cases it covers and
 * returns `undefined` (or null) for the others, which go to tfjs's kernel. The replacement is marked, so calling
 * again does nothing, and keeps the original (`kernelFunc.original`) for the benchmarks' A/B rows.
 */
import * as tf from '@tensorflow/tfjs-core';

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** A kernel function that convkit registered over tfjs's. */
export type ConvkitKernelFunc = tf.KernelFunc & { convkit?: boolean; original?: tf.KernelFunc };

/**
 * Registers `run` over the 'webgpu' kernel `name`, falling back to tfjs's kernel when `run`
 * returns nothing. Call after tfjs-backend-webgpu has registered its kernels.
 */
export function overrideWebGPUKernel(name: string, run: (args: KernelArgs) => tf.TensorInfo | null | undefined): void {
  const current = tf.getKernel(name, 'webgpu');
  if (!current || (current.kernelFunc as ConvkitKernelFunc).convkit) return;
  const original = current.kernelFunc;
  const kernelFunc = ((args: KernelArgs) => run(args) ?? original(args)) as ConvkitKernelFunc;
  kernelFunc.convkit = true;
  kernelFunc.original = original;
  tf.unregisterKernel(name, 'webgpu');
  tf.registerKernel({ ...current, kernelFunc });
}
