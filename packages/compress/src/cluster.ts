/**
 * Weight clustering (weight sharing): the values of each kernel are replaced
 * by the nearest of k centroids found with 1-D k-means, so a kernel is stored
 * as a small codebook plus one small index per weight, which compresses well.
 * Fine-tuning keeps the clusters: after each optimizer step every weight is
 * set back to the mean of its cluster (the centroids move, the assignment of
 * weights to clusters stays).
 */
import { ConfigError, tensor } from '@convkit/core';
import { Callback, type LayersModel, type LayerWeight } from '@convkit/layers';
import { selectKernels } from './pruning';

/** Options of `clusterWeights`. */
export interface ClusterOptions {
  /**
   * Centroids per kernel, 2 to 256. Default 16.
   *
   * @defaultValue `16`
   */
  clusters?: number;
  /**
   * Layers to cluster. Default: every Conv2D, DepthwiseConv2D, SeparableConv2D and Dense kernel.
   *
   * @defaultValue every Conv2D, DepthwiseConv2D, SeparableConv2D and Dense kernel
   */
  layers?: string[];
  /**
   * Centroid initialisation: evenly spaced between min and max (`'linear'`, default, as TFMOT) or at quantiles (`'density'`).
   *
   * @defaultValue `'linear'`
   */
  init?: 'linear' | 'density';
  /**
   * Lloyd iterations. Default 30.
   *
   * @defaultValue `30`
   */
  iterations?: number;
  /**
   * Keep exact zeros (a pruned model's) in their own cluster fixed at 0, so
   * clustering does not undo pruning. Default true.
   *
   * @defaultValue `true`
   */
  preserveZeros?: boolean;
}

/** The codebook and assignment of one kernel. */
export interface KernelClusters {
  /** The clustered kernel. */
  weight: LayerWeight;
  /** The codebook, ascending. */
  centroids: Float32Array;
  /** Cluster index of each weight, or −1 for a preserved zero. */
  assignment: Int16Array;
}

/**
 * 1-D k-means (Lloyd's algorithm) of `values` into `k` clusters. Returns the
 * centroids (ascending) and each value's cluster.
 */
export function kmeans1d(
  values: Float32Array,
  k: number,
  options: { init?: 'linear' | 'density'; iterations?: number } = {},
): {
  /** Cluster centres, ascending. */
  centroids: Float32Array;
  /** Cluster index of each value. */
  assignment: Int16Array;
} {
  const n = values.length;
  const centroids = new Float32Array(k);
  const sorted = Float32Array.from(values).sort();
  const lo = sorted[0] ?? 0;
  const hi = sorted[n - 1] ?? 0;
  for (let c = 0; c < k; c++) {
    centroids[c] =
      options.init === 'density'
        ? sorted[Math.min(n - 1, Math.floor(((c + 0.5) / k) * n))]
        : k === 1
          ? (lo + hi) / 2
          : lo + ((hi - lo) * c) / (k - 1);
  }
  const assignment = new Int16Array(n);
  const sums = new Float64Array(k);
  const counts = new Uint32Array(k);
  const iterations = options.iterations ?? 30;
  for (let it = 0; it <= iterations; it++) {
    centroids.sort();
    // Boundaries between consecutive centroids: assignment by binary search.
    let changed = false;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      let a = 0;
      let b = k - 1;
      while (a < b) {
        const mid = (a + b) >> 1;
        if (v > (centroids[mid] + centroids[mid + 1]) / 2) a = mid + 1;
        else b = mid;
      }
      if (assignment[i] !== a) changed = true;
      assignment[i] = a;
      sums[a] += v;
      counts[a]++;
    }
    if (it === iterations || (!changed && it > 0)) break;
    for (let c = 0; c < k; c++) if (counts[c] > 0) centroids[c] = sums[c] / counts[c];
  }
  return { centroids, assignment };
}

/**
 * Clusters the kernels of a model (in place) and keeps them clustered while it
 * fine-tunes: pass `clusterer.callback()` to `fit`, then `strip()`.
 */
export class WeightClusterer {
  /** Codebook and assignment of every clustered kernel. */
  readonly kernels: KernelClusters[];
  private stripped = false;

  /**
   * Use `clusterWeights(model, options)`: it reads the kernels (asynchronously)
   * and hands their values here.
   */
  constructor(
    /** The model whose kernels are clustered (in place). */
    readonly model: LayersModel,
    /** The options it was created with. */
    readonly options: ClusterOptions,
    kernels: readonly { weight: LayerWeight; values: Float32Array }[],
  ) {
    const { k, init } = checkClusterOptions(options);
    const preserveZeros = options.preserveZeros ?? true;
    this.kernels = kernels.map(({ weight, values }) => {
      const keep = preserveZeros ? values.filter((v) => v !== 0) : values;
      const kk = Math.max(1, Math.min(preserveZeros && keep.length < values.length ? k - 1 : k, keep.length));
      const { centroids, assignment: sub } = kmeans1d(keep, kk, { init, iterations: options.iterations });
      const assignment = new Int16Array(values.length);
      let j = 0;
      for (let i = 0; i < values.length; i++) {
        assignment[i] = preserveZeros && values[i] === 0 ? -1 : sub[j++];
      }
      return { weight, centroids, assignment };
    });
    this.write();
  }

  /** Sets every weight to its centroid. */
  private write(): void {
    for (const { weight, centroids, assignment } of this.kernels) {
      const out = new Float32Array(assignment.length);
      for (let i = 0; i < out.length; i++) out[i] = assignment[i] < 0 ? 0 : centroids[assignment[i]];
      const t = tensor(out, weight.shape, 'float32');
      weight.write(t);
      t.dispose();
    }
  }

  /**
   * After an optimizer step: moves each centroid to the mean of its weights and
   * sets the weights back to it. Reads every clustered kernel in one batch of
   * asynchronous reads.
   */
  step(): Promise<void> {
    if (this.stripped) throw new ConfigError('WeightClusterer: strip() was called');
    return this.recentre();
  }

  private async recentre(): Promise<void> {
    const all = await readAll(this.kernels.map((kc) => kc.weight));
    this.kernels.forEach((kc, n) => {
      const values = all[n];
      const sums = new Float64Array(kc.centroids.length);
      const counts = new Uint32Array(kc.centroids.length);
      for (let i = 0; i < values.length; i++) {
        const a = kc.assignment[i];
        if (a < 0) continue;
        sums[a] += values[i];
        counts[a]++;
      }
      for (let c = 0; c < sums.length; c++) if (counts[c] > 0) kc.centroids[c] = sums[c] / counts[c];
    });
    this.write();
  }

  /** A callback for `fit` that calls `step()` after every batch. */
  callback(): Callback {
    const self = this;
    return new (class extends Callback {
      override async onBatchEnd(): Promise<void> {
        await self.step();
      }
    })();
  }

  /** Distinct values per clustered kernel (≤ clusters, plus 0 when zeros are preserved). */
  async distinctValues(): Promise<Record<string, number>> {
    const all = await readAll(this.kernels.map((kc) => kc.weight));
    const out: Record<string, number> = {};
    this.kernels.forEach(({ weight }, n) => {
      out[weight.name] = new Set(all[n]).size;
    });
    return out;
  }

  /** Ends clustering; the model is a plain model whose kernels hold only centroid values. */
  strip(): LayersModel {
    this.stripped = true;
    return this.model;
  }
}

/** The cluster count and initialisation of `options`, validated. */
function checkClusterOptions(options: ClusterOptions): { k: number; init: 'linear' | 'density' } {
  const k = options.clusters ?? 16;
  if (!Number.isInteger(k) || k < 2 || k > 256) {
    throw new ConfigError(`clusterWeights: clusters must be an integer from 2 to 256, got ${String(k)}`);
  }
  const init = options.init ?? 'linear';
  if (init !== 'linear' && init !== 'density') {
    throw new ConfigError(`clusterWeights: init must be 'linear' or 'density', got ${String(init)}`);
  }
  return { k, init };
}

/** The values of `weights`, read asynchronously all at once (no synchronous read stalls a GPU). */
async function readAll(weights: readonly LayerWeight[]): Promise<Float32Array[]> {
  return Promise.all(weights.map(async (w) => (await w.variable.data()) as Float32Array));
}

/**
 * Clusters `model`'s kernels in place (see `WeightClusterer`). Invalid options
 * throw a `ConfigError` at once; the kernels are then read asynchronously.
 *
 * @param model - A trained model; its kernels are clustered in place.
 * @param options - `clusters` per kernel (default 16), `layers`, `init`, `iterations`, `preserveZeros`.
 * @returns Resolves to the clusterer: pass `clusterer.callback()` to `fit`, then `strip()`.
 * @throws {ConfigError} at once for invalid options.
 * @example
 * ```ts
 * import { clusterWeights } from '@convkit/compress';
 *
 * const clusterer = await clusterWeights(model, { clusters: 16 });
 * await model.fit(xTrain, yTrain, { epochs: 1, callbacks: [clusterer.callback()] });
 * clusterer.strip();
 * ```
 */
export function clusterWeights(model: LayersModel, options: ClusterOptions = {}): Promise<WeightClusterer> {
  checkClusterOptions(options);
  const weights = selectKernels(model, options.layers, 'clusterWeights');
  return readAll(weights).then(
    (all) =>
      new WeightClusterer(
        model,
        options,
        weights.map((weight, i) => ({ weight, values: all[i] })),
      ),
  );
}
