/**
 * Where the time of convkit's wasm kernels goes, for benchmarks: copies
 * between tfjs-backend-wasm's memory and convkit's, and the kernel runs on
 * the thread pool. Off by default (a disabled counter costs one branch).
 */

/** Totals since the last `readKernelStats()`. */
export interface KernelStats {
  /** Kernel-module runs (`KernelRuntime.run` calls). */
  runs: number;
  /** Milliseconds inside kernel-module runs (the part that uses the threads). */
  runMs: number;
  /**
   * CPU milliseconds of the whole process during kernel-module runs (Node only, 0 elsewhere):
   * with one thread, the work of the runs whatever else the machine runs.
   */
  runCpuMs: number;
  /** Milliseconds copying inputs into convkit's memory. */
  copyInMs: number;
  /** Bytes copied into convkit's memory. */
  copyInBytes: number;
  /** Milliseconds copying results into tfjs-backend-wasm tensors. */
  copyOutMs: number;
  /** Bytes copied into tfjs-backend-wasm tensors. */
  copyOutBytes: number;
  /** Inputs found already in convkit's memory (no copy). */
  cacheHits: number;
  /** Bytes those hits did not copy. */
  cacheHitBytes: number;
}

const zero = (): KernelStats => ({
  runs: 0,
  runMs: 0,
  runCpuMs: 0,
  copyInMs: 0,
  copyInBytes: 0,
  copyOutMs: 0,
  copyOutBytes: 0,
  cacheHits: 0,
  cacheHitBytes: 0,
});

/** CPU milliseconds used by this process so far (Node), or 0 where that cannot be read. */
export function processCpuMs(): number {
  const p = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process;
  if (typeof p?.cpuUsage !== 'function') return 0;
  const u = p.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** The live counters (the runtime and the copy helpers add to them while `enabled`). */
export const kernelStats = { enabled: false, totals: zero() };

/**
 * Turns the kernel timing counters on or off (and zeroes them).
 *
 * @param enabled - `true` to count from now on.
 */
export function setKernelStatsEnabled(enabled: boolean): void {
  kernelStats.enabled = enabled;
  kernelStats.totals = zero();
}

/**
 * The counters since the last call (or since they were enabled), then zeroes them.
 *
 * @returns A copy of the totals.
 */
export function readKernelStats(): KernelStats {
  const t = kernelStats.totals;
  kernelStats.totals = zero();
  return t;
}
