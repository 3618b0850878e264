/**
 * AddN that fits the device's storage-buffer limit. tfjs-backend-webgpu's
 * AddN binds every input plus the output as storage buffers in one shader, so
 * the gradient of a tensor used by many ops (nine or more terms on a device
 * with the default limit of 8) fails pipeline validation and yields zeros.
 * This kernel sums in chunks that fit, each chunk with tfjs's own kernel.
 */
import * as tf from '@tensorflow/tfjs-core';

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** The WebGPU default for `maxStorageBuffersPerShaderStage`. */
const DEFAULT_STORAGE_BUFFERS = 8;

/**
 * Replaces the 'webgpu' AddN kernel by the chunked one. Call after
 * tfjs-backend-webgpu has registered its kernels; calling again does nothing.
 */
export function registerChunkedAddN(): void {
  const current = tf.getKernel(tf.AddN, 'webgpu');
  if (!current || (current.kernelFunc as { chunked?: boolean }).chunked) return;
  const original = current.kernelFunc;
  const chunked = (args: KernelArgs) => {
    const inputs = args.inputs as unknown as tf.TensorInfo[];
    const backend = args.backend as tf.KernelBackend & {
      device?: { limits?: { maxStorageBuffersPerShaderStage?: number } };
    };
    const limit = backend.device?.limits?.maxStorageBuffersPerShaderStage ?? DEFAULT_STORAGE_BUFFERS;
    const max = Math.max(2, limit - 1); // one binding is the output
    const run = (xs: tf.TensorInfo[]) =>
      original({ ...args, inputs: xs as unknown as tf.NamedTensorInfoMap }) as tf.TensorInfo;
    if (inputs.length <= max) return run(inputs);
    let acc = run(inputs.slice(0, max));
    for (let i = max; i < inputs.length; i += max - 1) {
      const next = run([acc, ...inputs.slice(i, i + max - 1)]);
      backend.disposeData(acc.dataId);
      acc = next;
    }
    return acc;
  };
  (chunked as { chunked?: boolean }).chunked = true;
  tf.unregisterKernel(tf.AddN, 'webgpu');
  tf.registerKernel({ ...current, kernelFunc: chunked as unknown as tf.KernelFunc });
}
