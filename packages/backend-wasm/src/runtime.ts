/**
 * The convkit kernel module: one WebAssembly memory, a per-call arena in it,
 * and (where SharedArrayBuffer exists) a pool of worker threads that run the
 * same module over the same shared memory. Kernels are synchronous, so the
 * arena is reset at the start of every kernel call.
 */
import { TensorCopyCache } from './copy-cache';
import { KERNELS_MT_WASM, KERNELS_ST_WASM } from './generated/kernels-wasm';
import { kernelStats, processCpuMs } from './kernel-stats';
import { createThreadPool, type ThreadPool } from './thread-pool';

/** Exports of the kernel module (see csrc/). */
export interface KernelExports {
  __stack_pointer: WebAssembly.Global;
  __heap_base: WebAssembly.Global;
  [name: string]: unknown;
}

const PAGE = 65536;
const STACK_BYTES = 256 * 1024;
const MAX_PAGES = 32768; // 2 GiB, as linked (--max-memory)
const MAX_THREADS = 8;
/** Bytes of resident data (see `KernelRuntime.resident`) kept before the region starts over. */
const RESIDENT_BYTES = 64 << 20;
/** Bytes of the ring that keeps tensor copies between kernel calls (see copy-cache.ts). */
const COPY_CACHE_BYTES = 32 << 20;

function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  if (typeof Buffer !== 'undefined') return new Uint8Array(Buffer.from(b64, 'base64'));
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Whether this platform can share a WebAssembly memory between threads. */
export function sharedMemorySupported(): boolean {
  try {
    if (typeof SharedArrayBuffer === 'undefined') return false;
    const m = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    return m.buffer instanceof SharedArrayBuffer;
  } catch {
    return false;
  }
}

/** A running kernel module with its memory, arena and threads. */
export class KernelRuntime {
  readonly memory: WebAssembly.Memory;
  readonly exports: KernelExports;
  readonly module: WebAssembly.Module;
  /** Threads that run kernels, this one included. */
  threads = 1;
  /** Tensor data kept between kernel calls, by tfjs dataId (see copy-cache.ts); sits after the stacks. */
  readonly cache: TensorCopyCache;
  private pool: ThreadPool | null = null;
  /** Start of the resident region (data kept across kernel calls); the arena follows it. */
  private readonly residentBase: number;
  private arenaBase: number;
  private top: number;
  private residents = new WeakMap<object, number>();
  /** Times the resident region started over (every block made before then is gone). */
  residentGeneration = 0;
  private f32View: Float32Array;
  private i32View: Int32Array;

  private constructor(
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    readonly shared: boolean,
  ) {
    this.module = module;
    this.memory = memory;
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    this.exports = instance.exports as unknown as KernelExports;
    // Linked stack sits below __heap_base; worker stacks are carved above it.
    const heapBase = this.exports.__heap_base.value as number;
    const cacheBase = align(heapBase + (shared ? (MAX_THREADS + 1) * STACK_BYTES : 0), 64);
    this.cache = new TensorCopyCache(cacheBase, COPY_CACHE_BYTES);
    this.residentBase = this.cache.end;
    this.arenaBase = this.residentBase;
    this.top = this.arenaBase;
    this.f32View = new Float32Array(memory.buffer);
    this.i32View = new Int32Array(memory.buffer);
  }

  /** Compiles and instantiates the kernel module; shared memory when the platform allows. */
  static create(): KernelRuntime {
    const shared = sharedMemorySupported();
    const bytes = decodeBase64(shared ? KERNELS_MT_WASM : KERNELS_ST_WASM);
    const module = new WebAssembly.Module(bytes);
    const memory = new WebAssembly.Memory(
      shared ? { initial: 256, maximum: MAX_PAGES, shared: true } : { initial: 256, maximum: MAX_PAGES },
    );
    return new KernelRuntime(module, memory, shared);
  }

  /** Starts `n - 1` worker threads (no-op without shared memory). Returns the thread count in use. */
  async setThreads(n: number): Promise<number> {
    const want = this.shared ? Math.max(1, Math.min(MAX_THREADS, Math.floor(n))) : 1;
    if (want === this.threads) return this.threads;
    this.pool?.terminate();
    this.pool = null;
    this.threads = 1;
    if (want > 1) {
      const heapBase = this.exports.__heap_base.value as number;
      // Worker i's stack is [heapBase + (i+1)S, heapBase + (i+2)S); stacks grow down from the top.
      const stacks = Array.from({ length: want - 1 }, (_, i) => heapBase + (i + 2) * STACK_BYTES);
      const ctrl = this.controlBlock();
      this.pool = await createThreadPool(this.module, this.memory, ctrl, stacks);
      if (this.pool) this.threads = want;
    }
    return this.threads;
  }

  /** Byte offset of the thread control block (start of the unused first stack slot). */
  private controlBlock(): number {
    return align(this.exports.__heap_base.value as number, 64);
  }

  /** Frees every arena allocation; call at the start of a kernel. */
  reset(): void {
    this.top = this.arenaBase;
    this.cache.beginCall();
  }

  /** Grows the memory (if needed) so that bytes below `end` exist. */
  ensure(end: number): void {
    const need = end - this.memory.buffer.byteLength;
    if (need <= 0) return;
    const pages = Math.ceil(need / PAGE);
    const have = this.memory.buffer.byteLength / PAGE;
    if (have + pages > MAX_PAGES) throw new Error(`convkit wasm: kernel needs ${end} bytes, over the 2 GiB limit`);
    // Grow by at least half again so a training loop settles after a few steps.
    this.memory.grow(Math.max(pages, Math.min(MAX_PAGES - have, Math.ceil(have / 2))));
  }

  /**
   * A block of `bytes` that outlives kernel calls, for data a kernel reads on every call (packed
   * weights): made and filled by `fill` on the first call with `key`, then found again by `key`
   * (held weakly). Call it right after `reset()`, before any `alloc`. When the resident region
   * passes 64 MiB it starts over (every block is made again when next asked for).
   */
  resident(key: object, bytes: number, fill: (ptr: number) => void): number {
    const hit = this.residents.get(key);
    if (hit !== undefined) return hit;
    if (this.top !== this.arenaBase) throw new Error('convkit wasm: resident() must come before any alloc()');
    if (this.arenaBase - this.residentBase + bytes > RESIDENT_BYTES) {
      this.residentGeneration++;
      this.residents = new WeakMap();
      this.arenaBase = this.residentBase;
      this.top = this.arenaBase;
    }
    const ptr = this.alloc(bytes);
    this.arenaBase = this.top;
    fill(ptr);
    this.residents.set(key, ptr);
    return ptr;
  }

  /** Allocates `bytes` (64-byte aligned) in the arena, growing memory as needed. */
  alloc(bytes: number): number {
    const ptr = this.top;
    this.top = align(ptr + Math.max(bytes, 0), 64);
    this.ensure(this.top);
    return ptr;
  }

  /** Allocates `n` floats and returns the byte offset. */
  allocF32(n: number): number {
    return this.alloc(n * 4);
  }

  /** Float32 view of the whole memory (refreshed after growth). */
  get f32(): Float32Array {
    if (this.f32View.buffer !== this.memory.buffer || this.f32View.length * 4 !== this.memory.buffer.byteLength) {
      this.f32View = new Float32Array(this.memory.buffer);
    }
    return this.f32View;
  }

  /** Int32 view of the whole memory (refreshed after growth). */
  get i32(): Int32Array {
    if (this.i32View.buffer !== this.memory.buffer || this.i32View.length * 4 !== this.memory.buffer.byteLength) {
      this.i32View = new Int32Array(this.memory.buffer);
    }
    return this.i32View;
  }

  /** Writes int32 fields (numbers) into a fresh arena block and returns its offset. */
  params(fields: readonly number[]): number {
    const ptr = this.alloc(fields.length * 4);
    this.i32.set(fields, ptr >> 2);
    return ptr;
  }

  /**
   * Runs kernel `name(...args, tid, nthreads)` on `threads` threads (default:
   * all of the pool) and returns when every thread is done.
   */
  run(name: string, args: readonly number[], threads = this.threads): void {
    const fn = this.exports[name] as (...a: number[]) => void;
    if (typeof fn !== 'function') throw new Error(`convkit wasm: no kernel export '${name}'`);
    const nt = this.pool ? Math.max(1, Math.min(threads, this.threads)) : 1;
    const t0 = kernelStats.enabled ? performance.now() : 0;
    const c0 = kernelStats.enabled ? processCpuMs() : 0;
    if (nt === 1) fn(...args, 0, 1);
    else this.pool!.run(name, args, nt, (tid) => fn(...args, tid, nt));
    if (kernelStats.enabled) {
      kernelStats.totals.runs++;
      kernelStats.totals.runMs += performance.now() - t0;
      kernelStats.totals.runCpuMs += processCpuMs() - c0;
    }
  }

  /**
   * Threads for a job of `work` units when each thread should get at least
   * `minPerThread` of them (1 to `threads`). Call it before preparing the job:
   * when the job will be split it wakes sleeping workers, so that their wake-up
   * overlaps the copies into the arena (single-image inference is otherwise
   * dominated by it).
   */
  threadsFor(work: number, minPerThread: number): number {
    const n = Math.max(1, Math.min(this.threads, Math.floor(work / minPerThread)));
    if (n > 1) this.pool?.prewake();
    return n;
  }

  /** Stops worker threads. */
  dispose(): void {
    this.pool?.terminate();
    this.pool = null;
    this.threads = 1;
  }
}

function align(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

let runtime: KernelRuntime | null = null;

/** The process-wide kernel runtime, created on first use. */
export function getRuntime(): KernelRuntime {
  if (!runtime) runtime = KernelRuntime.create();
  return runtime;
}
