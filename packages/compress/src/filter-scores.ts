/**
 * Filter importance for structured pruning: the criteria, the layers whose
 * filters can be removed, and the scores (weight norms, mean activations,
 * group Taylor), computed on the device and read once.
 */
import {
  type Batch,
  type BatchSource,
  ConfigError,
  dispose,
  keep,
  ops,
  type Scalar,
  type Tensor,
  tidy,
  variableGrads,
  zeros,
} from '@convkit/core';
import {
  Conv2D,
  Dense,
  getLoss,
  isTensor,
  type Layer,
  type LayersModel,
  type LayerWeight,
  type LossFn,
  type LossIdentifier,
  SeparableConv2D,
  sliceBatch,
} from '@convkit/layers';

/**
 * How a filter's importance is scored (higher is more important):
 *
 * - `'l1'`: the sum of |w| over the filter's kernel slice (not the bias);
 * - `'l2'`: the Euclidean norm of that slice;
 * - `'meanActivation'`: the mean absolute value of the layer's output channel
 *   (after its activation) over every sample and position of the data — the
 *   plain mean for ReLU-family activations, whose outputs are never negative;
 * - `'taylor'`: the first-order Taylor estimate of the loss change when the
 *   filter is removed, in the squared group form of Molchanov et al. (2019):
 *   for each batch, `(Σ w · ∂L/∂w)²` over the filter's kernel slice and bias,
 *   averaged over the batches. Needs a loss (`loss`, or the compiled model's).
 *
 * For a SeparableConv2D the filter's kernel slice is its pointwise kernel's.
 */
export type FilterCriterion = 'l1' | 'l2' | 'meanActivation' | 'taylor';

/**
 * Data for the data-driven criteria: a batch source (each batch is disposed
 * after use, as `LayersModel.evaluate` does) or tensors the caller keeps,
 * split into batches of `batchSize`. `y` is only needed by `'taylor'`.
 */
export type ImportanceData =
  | BatchSource
  | {
      /** Inputs. */
      x: Tensor;
      /** Targets (needed by `'taylor'` only). */
      y?: Tensor;
    };

/** Options of `filterImportance`. */
export interface FilterImportanceOptions {
  /**
   * The score. Default `'l1'`.
   *
   * @defaultValue `'l1'`
   */
  criterion?: FilterCriterion;
  /** Samples for `'meanActivation'` and `'taylor'` (ignored by the norms). */
  data?: ImportanceData;
  /**
   * Loss for `'taylor'`; default the loss the model was compiled with.
   *
   * @defaultValue the loss the model was compiled with
   */
  loss?: LossIdentifier;
  /**
   * Batch size when `data` is given as tensors. Default 32.
   *
   * @defaultValue `32`
   */
  batchSize?: number;
  /**
   * Use at most this many batches of `data`. Default: all of them.
   *
   * @defaultValue all batches
   */
  maxBatches?: number;
}

export const CRITERIA: readonly FilterCriterion[] = ['l1', 'l2', 'meanActivation', 'taylor'];

/** A layer whose output channels can be removed. */
export type PrunableLayer = Conv2D | SeparableConv2D | Dense;

export function checkCriterion(criterion: FilterCriterion | undefined, where: string): FilterCriterion {
  const c = criterion ?? 'l1';
  if (!CRITERIA.includes(c)) {
    throw new ConfigError(`${where}: criterion must be one of ${CRITERIA.join(', ')}, got ${JSON.stringify(c)}`);
  }
  return c;
}

export function positiveInteger(value: number, name: string, where: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigError(`${where}: ${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

export function isPrunable(layer: Layer): layer is PrunableLayer {
  return layer instanceof Conv2D || layer instanceof SeparableConv2D || layer instanceof Dense;
}

export function filterCount(layer: PrunableLayer): number {
  return layer instanceof Dense ? layer.units : layer.filters;
}

/** The weights whose last axis is the layer's output channels. */
export function filterWeights(layer: PrunableLayer): { kernel: LayerWeight; bias?: LayerWeight } {
  const kernel = layer instanceof SeparableConv2D ? layer.pointwiseKernel : layer.kernel;
  if (!kernel) throw new ConfigError(`${layer.describe()} is not built yet`);
  return { kernel, bias: layer.bias };
}

/**
 * One score per filter of each layer (higher is more important), read from
 * the device once at the end: the data-driven criteria accumulate on the
 * device, batch after batch, so scoring never stalls on a synchronous read.
 */
export async function scoreLayers(
  model: LayersModel,
  layers: PrunableLayer[],
  criterion: FilterCriterion,
  options: FilterImportanceOptions,
  where: string,
): Promise<Map<PrunableLayer, Float32Array>> {
  if (criterion === 'l1' || criterion === 'l2') {
    const norms = layers.map((l) => normScores(filterWeights(l).kernel, criterion));
    return readScores(layers, norms);
  }
  const names = layers.map((l) => l.describe()).join(', ');
  if (options.data === undefined || options.data === null) {
    throw new ConfigError(`${where}: criterion '${criterion}' for ${names} needs data (options.data)`);
  }
  const batchSize = positiveInteger(options.batchSize ?? 32, 'batchSize', where);
  const maxBatches =
    options.maxBatches === undefined
      ? Number.POSITIVE_INFINITY
      : positiveInteger(options.maxBatches, 'maxBatches', where);
  const batches = batchesOf(options.data, batchSize, maxBatches, where);
  return criterion === 'meanActivation'
    ? meanActivationScores(model, layers, batches, where)
    : taylorScores(model, layers, batches, lossFor(model, options.loss, names, where), where);
}

/** Reads one score tensor per layer (one batched read) and disposes them. */
async function readScores(layers: PrunableLayer[], scores: Tensor[]): Promise<Map<PrunableLayer, Float32Array>> {
  try {
    const values = await Promise.all(scores.map((t) => t.data()));
    return new Map(layers.map((l, i) => [l, Float32Array.from(values[i])]));
  } finally {
    dispose(scores);
  }
}

/** Per output channel, the L1 sum or L2 norm of the kernel slice (last axis). */
function normScores(kernel: LayerWeight, criterion: 'l1' | 'l2'): Tensor {
  return tidy(() => {
    const n = kernel.shape[kernel.shape.length - 1];
    const rows = ops.reshape(kernel.variable, [-1, n]);
    return criterion === 'l1' ? ops.sum(ops.abs(rows), 0) : ops.sqrt(ops.sum(ops.square(rows), 0));
  });
}

function lossFor(model: LayersModel, loss: LossIdentifier | undefined, names: string, where: string): LossFn {
  if (loss !== undefined) return getLoss(loss);
  if (model.lossFn) return model.lossFn;
  throw new ConfigError(
    `${where}: criterion 'taylor' for ${names} needs a loss: pass options.loss or compile ${model.describe()} first`,
  );
}

/** A callback run on every batch (`ys` undefined when the data has no targets). */
type BatchFn = (xs: Tensor, ys: Tensor | undefined) => void;

/** Runs `fn` on up to `maxBatches` batches of `data`, disposing what it creates; resolves to the batch count. */
type BatchRunner = (fn: BatchFn) => Promise<number>;

function batchesOf(data: ImportanceData, batchSize: number, maxBatches: number, where: string): BatchRunner {
  if ('x' in data && isTensor(data.x)) {
    const { x, y } = data;
    if (y !== undefined && (!isTensor(y) || y.shape[0] !== x.shape[0])) {
      throw new ConfigError(`${where}: data.y must be a tensor with as many samples as data.x (${x.shape[0]})`);
    }
    return async (fn) => {
      let count = 0;
      for (let start = 0; start < x.shape[0] && count < maxBatches; start += batchSize, count++) {
        const size = Math.min(batchSize, x.shape[0] - start);
        const xs = sliceBatch(x, start, size);
        const ys = y === undefined ? undefined : sliceBatch(y, start, size);
        try {
          fn(xs, ys);
        } finally {
          dispose(ys === undefined ? [xs] : [xs, ys]);
        }
      }
      return count;
    };
  }
  if (!(Symbol.iterator in data || Symbol.asyncIterator in data)) {
    throw new ConfigError(`${where}: data must be a batch source or { x, y } tensors`);
  }
  const source = data as BatchSource;
  return async (fn) => {
    let count = 0;
    if (maxBatches < 1) return 0;
    for await (const batch of source as AsyncIterable<Batch>) {
      try {
        fn(batch.xs, batch.ys);
      } finally {
        dispose([batch.xs, batch.ys]);
      }
      if (++count >= maxBatches) break;
    }
    return count;
  };
}

function noSamples(where: string, layers: PrunableLayer[]): ConfigError {
  return new ConfigError(`${where}: the data for ${layers.map((l) => l.describe()).join(', ')} produced no batches`);
}

/** Adds `delta` to the kept accumulator `acc` (or starts it) and frees both inputs; the result is kept. */
function accumulate(acc: Tensor | undefined, delta: Tensor): Tensor {
  if (acc === undefined) return keep(delta);
  const next = keep(ops.add(acc, delta));
  dispose([acc, delta]);
  return next;
}

/** Mean |output| per channel, captured with each layer's `outputTransform` hook (restored afterwards). */
async function meanActivationScores(
  model: LayersModel,
  layers: PrunableLayer[],
  run: BatchRunner,
  where: string,
): Promise<Map<PrunableLayer, Float32Array>> {
  const sums = new Map<PrunableLayer, Tensor | undefined>(layers.map((l) => [l, undefined]));
  const counts = new Map(layers.map((l) => [l, 0]));
  const previous = layers.map((l) => l.outputTransform);
  layers.forEach((layer, k) => {
    const prev = previous[k];
    layer.outputTransform = (out, ctx) => {
      const o = prev ? prev(out, ctx) : out;
      const axes = [...Array(o.rank - 1).keys()];
      sums.set(layer, accumulate(sums.get(layer), ops.sum(ops.abs(o), axes)));
      counts.set(layer, counts.get(layer)! + o.size / filterCount(layer));
      return o;
    };
  });
  try {
    const n = await run((xs) => {
      tidy(() => {
        model.call(xs, { training: false });
      });
    });
    if (n === 0) throw noSamples(where, layers);
  } catch (e) {
    dispose([...sums.values()].filter((t): t is Tensor => t !== undefined));
    throw e;
  } finally {
    layers.forEach((layer, k) => {
      layer.outputTransform = previous[k];
    });
  }
  const means = layers.map((l) => {
    const sum = sums.get(l)!;
    const mean = ops.div(sum, counts.get(l)!);
    sum.dispose();
    return mean;
  });
  return readScores(layers, means);
}

/** Squared group Taylor scores: mean over batches of (Σ_filter w · ∂L/∂w)², kernel slice and bias. */
async function taylorScores(
  model: LayersModel,
  layers: PrunableLayer[],
  run: BatchRunner,
  lossFn: LossFn,
  where: string,
): Promise<Map<PrunableLayer, Float32Array>> {
  const groups = layers.map((layer) => {
    const { kernel, bias } = filterWeights(layer);
    return { layer, weights: bias ? [kernel, bias] : [kernel], score: undefined as Tensor | undefined };
  });
  const vars = groups.flatMap((g) => g.weights.map((w) => w.variable));
  try {
    const n = await run((xs, ys) => {
      if (ys === undefined) {
        throw new ConfigError(`${where}: criterion 'taylor' needs targets: give data as { x, y } or batches with ys`);
      }
      const { value, grads } = variableGrads(
        () => ops.mean(lossFn(ys, model.call(xs, { training: false }))) as Scalar,
        vars,
      );
      try {
        for (const g of groups) {
          const f = filterCount(g.layer);
          const dot = tidy(() => {
            let d: Tensor | undefined;
            for (const w of g.weights) {
              const grad = grads[w.variable.name];
              if (!grad) continue;
              const part = ops.sum(ops.reshape(ops.mul(w.variable, grad), [-1, f]), 0);
              d = d === undefined ? part : ops.add(d, part);
            }
            return ops.square(d ?? zeros([f]));
          });
          g.score = accumulate(g.score, dot);
        }
      } finally {
        dispose(value);
        dispose(Object.values(grads));
      }
    });
    if (n === 0) throw noSamples(where, layers);
    const means = groups.map((g) => {
      const mean = ops.div(g.score!, n);
      g.score!.dispose();
      g.score = undefined;
      return mean;
    });
    return readScores(layers, means);
  } finally {
    dispose(groups.map((g) => g.score).filter((t): t is Tensor => t !== undefined));
  }
}
