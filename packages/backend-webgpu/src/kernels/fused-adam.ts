/**
 * `ConvkitFusedAdam` on WebGPU: the Adam (AdamW) update of every parameter of
 * a model in one compute dispatch, instead of about ten small tfjs programs per
 * parameter.
 *
 * The kernel packs `[p | g | m | v]` of all parameters into one scratch buffer
 * with buffer-to-buffer copies (copies bind nothing, so the number of
 * parameters is not bounded by `maxStorageBuffersPerShaderStage`), runs one
 * elementwise shader over the packed values, and copies `[p' | m' | v']` out
 * to fresh output tensors. Only when the packed values exceed the device's
 * `maxStorageBufferBindingSize` (or the dispatch-size limit) is the work split
 * into several dispatches.
 *
 * Contract (shared with `@convkit/core`'s `FUSED_ADAM_KERNEL`): inputs `p0..`,
 * `g0..`, `m0..`, `v0..` (float32, `pi`, `gi`, `mi`, `vi` of one shape);
 * attrs `{ n, lr, beta1, beta2, epsilon, step, weightDecay }`; outputs
 * `[p'0..p'n-1, m'0.., v'0..]`, per element
 * `p1 = p·(1 − lr·wd)`, `m' = β1·m + (1−β1)·g`, `v' = β2·v + (1−β2)·g²`,
 * `p' = p1 − lr·(m'/(1−β1^step))/(sqrt(v'/(1−β2^step)) + ε)`.
 */
import { ConfigError, ShapeError } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
import {
  BUFFER_USAGE,
  beginPass,
  bufferOf,
  type GpuBuffer,
  type GpuDevice,
  type GpuPipeline,
  scratchBuffer,
  type WebGPUBackendInternals,
} from './webgpu-internals';

/** The kernel's name; `@convkit/core` exports the same string as `FUSED_ADAM_KERNEL`. */
export const FUSED_ADAM_KERNEL_NAME = 'ConvkitFusedAdam';

/** The attributes of the kernel, as in the shared contract. */
export interface FusedAdamAttrs {
  n: number;
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  step: number;
  weightDecay: number;
}

const WORKGROUP = 256;
/** Dispatches are one-dimensional: at most this many workgroups. */
const MAX_WORKGROUPS = 65535;

const SHADER = /* wgsl */ `
struct Params {
  n: u32,
  lr: f32,
  beta1: f32,
  oneMinusBeta1: f32,
  beta2: f32,
  oneMinusBeta2: f32,
  epsilon: f32,
  decay: f32,
  c1: f32,
  c2: f32,
}
// [p | g | m | v], n values each
@group(0) @binding(0) var<storage, read> src: array<f32>;
// [p' | m' | v'], n values each
@group(0) @binding(1) var<storage, read_write> dst: array<f32>;
@group(0) @binding(2) var<uniform> u: Params;

@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= u.n) {
    return;
  }
  let n = u.n;
  let p = src[i];
  let g = src[n + i];
  let m = src[2u * n + i];
  let v = src[3u * n + i];
  let m1 = u.beta1 * m + u.oneMinusBeta1 * g;
  let v1 = u.beta2 * v + u.oneMinusBeta2 * (g * g);
  let mHat = m1 / u.c1;
  let vHat = v1 / u.c2;
  dst[i] = p * u.decay - u.lr * mHat / (sqrt(vHat) + u.epsilon);
  dst[n + i] = m1;
  dst[2u * n + i] = v1;
}
`;

/** Uniform block size in bytes (10 scalars, rounded up to 16). */
const UNIFORM_BYTES = 48;

const pipelines = new WeakMap<GpuDevice, GpuPipeline>();

/** The compute pipeline, compiled once per device. */
function pipelineFor(device: GpuDevice): GpuPipeline {
  let pipeline = pipelines.get(device);
  if (!pipeline) {
    const module = device.createShaderModule({ code: SHADER, label: FUSED_ADAM_KERNEL_NAME });
    pipeline = device.createComputePipeline({
      label: FUSED_ADAM_KERNEL_NAME,
      layout: 'auto',
      compute: { module, entryPoint: 'main' },
    });
    pipelines.set(device, pipeline);
  }
  return pipeline;
}

let chunkOverride: number | undefined;

/**
 * Test hook: caps the elements per dispatch (to exercise the split path on
 * tiny tensors). `undefined` restores the device-derived limit.
 *
 * @internal
 */
export function setFusedAdamChunkElements(elements: number | undefined): void {
  chunkOverride = elements;
}

/** Elements one dispatch may cover: `[p|g|m|v]` must fit one storage binding. */
export function fusedAdamChunkElements(limits: Record<string, number | undefined>): number {
  const binding = Math.min(limits.maxStorageBufferBindingSize ?? 134217728, limits.maxBufferSize ?? 268435456);
  const byDevice = Math.min(Math.floor(binding / 16), MAX_WORKGROUPS * WORKGROUP);
  return Math.max(1, Math.min(byDevice, chunkOverride ?? Number.POSITIVE_INFINITY));
}

function checkAttrs(attrs: Record<string, unknown>): FusedAdamAttrs {
  const names = ['n', 'lr', 'beta1', 'beta2', 'epsilon', 'step', 'weightDecay'] as const;
  for (const k of names) {
    const v = attrs[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ConfigError(`${FUSED_ADAM_KERNEL_NAME}: attr '${k}' must be a finite number, got ${String(v)}`);
    }
  }
  const a = attrs as unknown as FusedAdamAttrs;
  if (!Number.isInteger(a.n) || a.n < 0) {
    throw new ConfigError(`${FUSED_ADAM_KERNEL_NAME}: attr 'n' must be a non-negative integer, got ${a.n}`);
  }
  if (a.step < 1) throw new ConfigError(`${FUSED_ADAM_KERNEL_NAME}: attr 'step' must be >= 1, got ${a.step}`);
  if (a.beta1 < 0 || a.beta1 >= 1 || a.beta2 < 0 || a.beta2 >= 1) {
    throw new ConfigError(
      `${FUSED_ADAM_KERNEL_NAME}: attrs 'beta1' and 'beta2' must lie in [0, 1), got ${a.beta1} and ${a.beta2}`,
    );
  }
  return a;
}

/** The 4n inputs in order `[p[], g[], m[], v[]]`, checked for presence, dtype and shape. */
function checkInputs(inputs: tf.NamedTensorInfoMap, n: number): tf.TensorInfo[][] {
  const groups = ['p', 'g', 'm', 'v'].map((prefix) =>
    Array.from({ length: n }, (_, i) => {
      const t = inputs[`${prefix}${i}`];
      if (!t) throw new ConfigError(`${FUSED_ADAM_KERNEL_NAME}: input '${prefix}${i}' is missing (n = ${n})`);
      if (t.dtype !== 'float32') {
        throw new ConfigError(`${FUSED_ADAM_KERNEL_NAME}: input '${prefix}${i}' must be float32, got ${t.dtype}`);
      }
      return t;
    }),
  );
  for (let i = 0; i < n; i++) {
    const shape = groups[0][i].shape;
    for (const [k, prefix] of ['g', 'm', 'v'].entries()) {
      const other = groups[k + 1][i].shape;
      if (!tf.util.arraysEqual(shape, other)) {
        throw new ShapeError(
          `${FUSED_ADAM_KERNEL_NAME}: input '${prefix}${i}' has shape [${other.join(', ')}], but 'p${i}' has [${shape.join(', ')}]`,
        );
      }
    }
  }
  return groups;
}

/** One run of consecutive elements of one parameter inside a chunk. */
interface Segment {
  param: number;
  /** First element within the parameter. */
  start: number;
  count: number;
  /** First element within the chunk. */
  at: number;
}

/** Splits the concatenation of all parameters into chunks of at most `cap` elements. */
function chunk(sizes: number[], cap: number): { total: number; segments: Segment[] }[] {
  const chunks: { total: number; segments: Segment[] }[] = [];
  let current = { total: 0, segments: [] as Segment[] };
  sizes.forEach((size, param) => {
    let start = 0;
    while (start < size) {
      const count = Math.min(size - start, cap - current.total);
      current.segments.push({ param, start, count, at: current.total });
      current.total += count;
      start += count;
      if (current.total === cap) {
        chunks.push(current);
        current = { total: 0, segments: [] };
      }
    }
  });
  if (current.total > 0) chunks.push(current);
  return chunks;
}

function uniforms(a: FusedAdamAttrs, n: number): ArrayBuffer {
  const data = new ArrayBuffer(UNIFORM_BYTES);
  new Uint32Array(data, 0, 1)[0] = n;
  new Float32Array(data, 4, 9).set([
    a.lr,
    a.beta1,
    1 - a.beta1,
    a.beta2,
    1 - a.beta2,
    a.epsilon,
    1 - a.lr * a.weightDecay,
    1 - a.beta1 ** a.step,
    1 - a.beta2 ** a.step,
  ]);
  return data;
}

/** The kernel function registered for 'webgpu'. */
export function fusedAdam(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo[] {
  const attrs = checkAttrs((args.attrs ?? {}) as Record<string, unknown>);
  const backend = args.backend as WebGPUBackendInternals;
  const [ps, gs, ms, vs] = checkInputs(args.inputs, attrs.n);
  const sizes = ps.map((p) => tf.util.sizeFromShape(p.shape));
  const outs = [ps, ms, vs].map((group) => group.map((t) => backend.makeTensorInfo(t.shape.slice(), 'float32')));
  for (const group of outs) {
    group.forEach((t, i) => {
      // as tfjs does for empty results: CPU values, no GPU buffer
      if (sizes[i] === 0) backend.tensorMap.get(t.dataId).values = new Float32Array(0);
    });
  }
  if (!sizes.some((s) => s > 0)) return outs.flat();

  const device = backend.device;
  const pipeline = pipelineFor(device);
  const srcs = [ps, gs, ms, vs].map((group) => group.map((t, i) => (sizes[i] > 0 ? bufferOf(backend, t) : null)));
  const dsts = outs.map((group) => group.map((t, i) => (sizes[i] > 0 ? bufferOf(backend, t) : null)));
  const storage = BUFFER_USAGE.STORAGE | BUFFER_USAGE.COPY_SRC | BUFFER_USAGE.COPY_DST;

  for (const { total, segments } of chunk(sizes, fusedAdamChunkElements(device.limits))) {
    const packedIn = scratchBuffer(backend, 16 * total, storage);
    const packedOut = scratchBuffer(backend, 12 * total, storage);
    const uniform = scratchBuffer(backend, UNIFORM_BYTES, BUFFER_USAGE.UNIFORM | BUFFER_USAGE.COPY_DST);
    backend.queue.writeBuffer(uniform, 0, uniforms(attrs, total));
    backend.ensureCommandEncoderReady();
    backend.endComputePassEncoder();
    const encoder = () => backend.commandEncoder as NonNullable<WebGPUBackendInternals['commandEncoder']>;
    for (const s of segments) {
      srcs.forEach((group, k) => {
        encoder().copyBufferToBuffer(
          group[s.param] as GpuBuffer,
          4 * s.start,
          packedIn,
          4 * (k * total + s.at),
          4 * s.count,
        );
      });
    }
    const bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: packedIn, offset: 0, size: 16 * total } },
        { binding: 1, resource: { buffer: packedOut, offset: 0, size: 12 * total } },
        { binding: 2, resource: { buffer: uniform, offset: 0, size: UNIFORM_BYTES } },
      ],
    });
    const { pass, end } = beginPass(backend, FUSED_ADAM_KERNEL_NAME);
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(Math.ceil(total / WORKGROUP));
    end();
    backend.ensureCommandEncoderReady(); // a timed pass submits the encoder
    for (const s of segments) {
      dsts.forEach((group, k) => {
        encoder().copyBufferToBuffer(
          packedOut,
          4 * (k * total + s.at),
          group[s.param] as GpuBuffer,
          4 * s.start,
          4 * s.count,
        );
      });
    }
  }
  return outs.flat();
}

/**
 * Registers {@link fusedAdam} as the 'webgpu' kernel `ConvkitFusedAdam`,
 * replacing any earlier registration for 'webgpu'. Call after
 * tfjs-backend-webgpu is loaded.
 */
export function registerFusedAdam(): void {
  const current = tf.getKernel(FUSED_ADAM_KERNEL_NAME, 'webgpu');
  if (current?.kernelFunc === (fusedAdam as unknown as tf.KernelFunc)) return;
  if (current) tf.unregisterKernel(FUSED_ADAM_KERNEL_NAME, 'webgpu');
  tf.registerKernel({
    kernelName: FUSED_ADAM_KERNEL_NAME,
    backendName: 'webgpu',
    kernelFunc: fusedAdam as unknown as tf.KernelFunc,
  });
}
