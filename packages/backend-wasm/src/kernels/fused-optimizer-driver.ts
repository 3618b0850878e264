/**
 * Shared driver of the fused optimizer kernels (FusedAdam.ts, FusedSgd.ts,
 * FusedRmsprop.ts): packs the `n` tensors of each input group (`p0..`,
 * `g0..`, ...) end to end into the kernel module's arena, runs one export over
 * all of them on the thread pool (it updates the packed groups in place) and
 * cuts the updated groups back into fresh tfjs-wasm tensors. The contracts
 * (inputs, attrs, outputs, math) are documented in @convkit/core's
 * `op-wrappers/fused-*.ts`.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { type NamedTensorInfoMap, type TensorInfo, util } from '@tensorflow/tfjs-core';
import { kernelStats } from '../kernel-stats';
import { getRuntime, type KernelRuntime } from '../runtime';

/** Floats per thread below which fewer threads run (an update is memory-bound and short). */
const MIN_FLOATS_PER_THREAD = 1 << 15;

/** A float32 scalar as the kernels see it (JS computes the derived constants in float64 first). */
export const f32 = Math.fround;

/** The packed groups of one job. */
export interface PackedUpdate {
  rt: KernelRuntime;
  /** Byte offset of each group's packed floats, by input prefix. */
  ptr: Record<string, number>;
  /** Floats in each group. */
  total: number;
  /** Threads for the job. */
  threads: number;
}

/** Reads and checks attr `n` (a non-negative integer). */
export function groupCount(kernel: string, attrs: { n?: unknown }): number {
  const n = attrs.n;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new Error(`${kernel}: attr n must be an integer >= 0, got ${String(n)}`);
  }
  return n;
}

/**
 * Copies groups `prefixes` (each `prefix0..prefix{n-1}`, shaped like `p{i}`)
 * into the arena (after a reset) and picks the thread count for the job.
 */
export function packGroups(
  kernel: string,
  backend: BackendWasm,
  inputs: NamedTensorInfoMap,
  n: number,
  prefixes: readonly string[],
): PackedUpdate {
  const sizes: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = inputs[`p${i}`];
    if (!p) throw new Error(`${kernel}: input p${i} is missing (n = ${n})`);
    for (const prefix of prefixes) {
      const t = inputs[`${prefix}${i}`];
      if (!t) throw new Error(`${kernel}: input ${prefix}${i} is missing (n = ${n})`);
      if (t.dtype !== 'float32') throw new Error(`${kernel}: input ${prefix}${i} is ${t.dtype}, expected float32`);
      if (!util.arraysEqual(t.shape, p.shape)) {
        throw new Error(`${kernel}: input ${prefix}${i} has shape [${t.shape}], p${i} has [${p.shape}]`);
      }
    }
    sizes.push(util.sizeFromShape(p.shape));
  }
  const total = sizes.reduce((a, b) => a + b, 0);
  const rt = getRuntime();
  rt.reset();
  const threads = rt.threadsFor(total, MIN_FLOATS_PER_THREAD);
  const ptr: Record<string, number> = {};
  for (const prefix of prefixes) ptr[prefix] = rt.allocF32(total);
  const t0 = kernelStats.enabled ? performance.now() : 0;
  const heap = rt.f32;
  for (const prefix of prefixes) {
    let at = ptr[prefix] >> 2;
    for (let i = 0; i < n; i++) {
      heap.set(backend.typedArrayFromHeap(inputs[`${prefix}${i}`]!) as Float32Array, at);
      at += sizes[i];
    }
  }
  if (kernelStats.enabled) {
    kernelStats.totals.copyInMs += performance.now() - t0;
    kernelStats.totals.copyInBytes += total * 4 * prefixes.length;
  }
  return { rt, ptr, total, threads };
}

/**
 * Writes a parameter block of int32 fields (pointers, counts, flags) followed
 * by float32 fields, as the C structs in csrc/optim.c lay them out.
 */
export function paramBlock(rt: KernelRuntime, ints: readonly number[], floats: readonly number[]): number {
  const at = rt.alloc((ints.length + floats.length) * 4);
  rt.i32.set(ints, at >> 2);
  rt.f32.set(floats, (at >> 2) + ints.length);
  return at;
}

/** New tfjs-wasm tensors holding the updated groups `prefixes`, group after group (`[p'0.., m'0.., ...]`). */
export function unpackGroups(
  backend: BackendWasm,
  job: PackedUpdate,
  inputs: NamedTensorInfoMap,
  n: number,
  prefixes: readonly string[],
): TensorInfo[] {
  const t0 = kernelStats.enabled ? performance.now() : 0;
  const outs: TensorInfo[] = [];
  for (const prefix of prefixes) {
    let at = job.ptr[prefix] >> 2;
    for (let i = 0; i < n; i++) {
      const shape = [...inputs[`p${i}`]!.shape];
      const out = backend.makeOutput(shape, 'float32');
      const dst = backend.typedArrayFromHeap(out) as Float32Array;
      dst.set(job.rt.f32.subarray(at, at + dst.length));
      at += dst.length;
      outs.push(out);
    }
  }
  if (kernelStats.enabled) {
    kernelStats.totals.copyOutMs += performance.now() - t0;
    kernelStats.totals.copyOutBytes += job.total * 4 * prefixes.length;
  }
  return outs;
}
