/**
 * The parts of tfjs-backend-webgpu's `WebGPUBackend` that convkit's own
 * kernels use, typed structurally (the class declares most of them private).
 * Pinned to tfjs-backend-webgpu 4.22: the kernels record their commands into
 * the backend's command encoder, so they run in order with tfjs's kernels and
 * are submitted with them.
 */
import type * as tf from '@tensorflow/tfjs-core';

/** A `GPUBuffer`, as far as the kernels use it. */
export interface GpuBuffer {
  readonly size: number;
  readonly usage: number;
}

/** A compute pipeline. */
export interface GpuPipeline {
  getBindGroupLayout(index: number): unknown;
}

/** A compute pass encoder. */
export interface GpuComputePass {
  setPipeline(pipeline: GpuPipeline): void;
  setBindGroup(index: number, group: unknown): void;
  dispatchWorkgroups(x: number, y?: number, z?: number): void;
  end(): void;
}

/** A command encoder. */
export interface GpuCommandEncoder {
  copyBufferToBuffer(src: GpuBuffer, srcOffset: number, dst: GpuBuffer, dstOffset: number, size: number): void;
  beginComputePass(descriptor?: object): GpuComputePass;
}

/** A `GPUDevice`, as far as the kernels use it. */
export interface GpuDevice {
  readonly limits: Record<string, number>;
  createShaderModule(descriptor: { code: string; label?: string }): unknown;
  createComputePipeline(descriptor: object): GpuPipeline;
  createBindGroup(descriptor: object): unknown;
  createQuerySet(descriptor: { type: string; count: number }): unknown;
}

/** Per-tensor record of the backend. */
export interface TensorRecord {
  dtype: string;
  shape: number[];
  resource: GpuBuffer | null | object;
  /** Values held on the CPU (before upload, or for empty tensors). */
  values?: ArrayLike<number> | null;
}

/** The internals of tfjs-backend-webgpu's `WebGPUBackend` used here. */
export interface WebGPUBackendInternals extends tf.KernelBackend {
  device: GpuDevice;
  queue: { writeBuffer(buffer: GpuBuffer, offset: number, data: ArrayBuffer): void };
  tensorMap: { get(dataId: tf.DataId): TensorRecord };
  bufferManager: { acquireBuffer(size: number, usage: number): GpuBuffer };
  commandEncoder: GpuCommandEncoder | null;
  commandQueueOwnedIds: WeakSet<tf.DataId>;
  uniformPendingDisposal: GpuBuffer[];
  /** Non-null while `tf.profile` / `tf.time` records kernel times. */
  activeTimers: Array<{ name: string; query: Promise<number> }> | null;
  supportTimestampQuery: boolean;
  querySet: unknown;
  querySetCount: number;
  uploadToGPU(dataId: tf.DataId): void;
  makeTensorInfo(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
  getQueryTime(): Promise<number>;
}

/** `GPUBufferUsage` flags (numeric, so no WebGPU global is needed at import time). */
export const BUFFER_USAGE = {
  COPY_SRC: 0x4,
  COPY_DST: 0x8,
  UNIFORM: 0x40,
  STORAGE: 0x80,
} as const;

/**
 * The GPU buffer of a tensor, uploaded first if its values are still on the
 * CPU; the tensor is marked as used by the pending command buffer, so that
 * disposing it before the next submit does not free the buffer early.
 */
export function bufferOf(backend: WebGPUBackendInternals, t: tf.TensorInfo): GpuBuffer {
  backend.uploadToGPU(t.dataId);
  backend.commandQueueOwnedIds.add(t.dataId);
  const resource = backend.tensorMap.get(t.dataId).resource;
  if (!resource || !('size' in resource)) {
    throw new Error('convkit webgpu kernel: a tensor is held in a texture, not a buffer');
  }
  return resource as GpuBuffer;
}

/**
 * Begins a compute pass on the backend's command encoder; while `tf.profile`
 * or `tf.time` is active and the device has timestamp queries, the pass
 * writes timestamps exactly as tfjs's own programs do.
 *
 * @returns The pass and a function that ends it (and records its time under `name`).
 */
export function beginPass(backend: WebGPUBackendInternals, name: string): { pass: GpuComputePass; end: () => void } {
  backend.ensureCommandEncoderReady();
  backend.endComputePassEncoder();
  const encoder = backend.commandEncoder as GpuCommandEncoder;
  const timed = backend.activeTimers != null && backend.supportTimestampQuery;
  if (timed && backend.querySet == null) {
    backend.querySet = backend.device.createQuerySet({ type: 'timestamp', count: backend.querySetCount });
  }
  const pass = encoder.beginComputePass(
    timed
      ? { timestampWrites: { querySet: backend.querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 } }
      : {},
  );
  return {
    pass,
    end: () => {
      pass.end();
      if (backend.activeTimers != null) {
        backend.activeTimers.push({
          name,
          query: backend.supportTimestampQuery ? backend.getQueryTime() : Promise.resolve(0),
        });
      }
    },
  };
}

/**
 * A scratch buffer from the backend's pool, returned to the pool when the
 * pending commands are submitted (as tfjs does with its uniform buffers).
 */
export function scratchBuffer(backend: WebGPUBackendInternals, size: number, usage: number): GpuBuffer {
  const buffer = backend.bufferManager.acquireBuffer(size, usage);
  backend.uniformPendingDisposal.push(buffer);
  return buffer;
}
