/**
 * Evaluation helpers the compression tools share: held-out accuracy,
 * inference latency, and how far a compressed model's outputs and logits are
 * from the original's.
 */
import { type Batch, type BatchSource, ConfigError, dispose, ones, ops, type Tensor, tidy } from '@convkit/core';
import { isTensor, type LayersModel, sliceBatch } from '@convkit/layers';

/** Held-out data: `[x, y]` (y class ids or one-hot) or a batch source. */
export type EvalData = [Tensor, Tensor] | BatchSource;

/** Top-1 accuracy of `model` on `data` (labels as class ids or one-hot). */
export async function accuracyOf(model: LayersModel, data: EvalData, batchSize = 256): Promise<number> {
  let correct = 0;
  let total = 0;
  const count = async (xs: Tensor, ys: Tensor): Promise<void> => {
    const hits = tidy(() => {
      const pred = ops.argMax(model.call(xs, { training: false }), -1);
      const labels =
        ys.rank > 1 && ys.shape[ys.rank - 1] > 1 ? ops.argMax(ys, -1) : ops.reshape(ops.cast(ys, 'int32'), [-1]);
      return ops.sum(ops.cast(ops.equal(pred, labels), 'float32'));
    });
    try {
      correct += (await hits.data())[0];
    } finally {
      hits.dispose();
    }
    total += xs.shape[0];
  };
  if (Array.isArray(data) && isTensor(data[0])) {
    const [x, y] = data;
    for (let s = 0; s < x.shape[0]; s += batchSize) {
      const n = Math.min(batchSize, x.shape[0] - s);
      const xs = sliceBatch(x, s, n);
      const ys = sliceBatch(y, s, n);
      try {
        await count(xs, ys);
      } finally {
        dispose([xs, ys]);
      }
    }
  } else {
    for await (const b of data as AsyncIterable<Batch>) {
      try {
        await count(b.xs, b.ys);
      } finally {
        dispose([b.xs, b.ys]);
      }
    }
  }
  if (total === 0) throw new ConfigError('accuracyOf: the held-out data is empty');
  return correct / total;
}

/** Untimed runs before timing (first calls compile kernels and allocate buffers). */
const WARMUP_RUNS = 5;

/** Median wall time in ms of `predict` on a constant batch of `batch` samples, over `runs` timed runs. */
export async function measureLatency(model: LayersModel, batch: number, runs: number): Promise<number> {
  const shape = model.inputShape.map((d, i) => (i === 0 ? batch : (d ?? 1)));
  const x = tidy(() => ops.mul(ones(shape), 0.5));
  const times: number[] = [];
  try {
    for (let i = 0; i < runs + WARMUP_RUNS; i++) {
      const t0 = performance.now();
      const y = model.predict(x, { batchSize: batch });
      await y.data();
      y.dispose();
      if (i >= WARMUP_RUNS) times.push(performance.now() - t0);
    }
  } finally {
    x.dispose();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Max and mean |a − b| of two models' outputs on `x` (e.g. a quantized model against its float original). */
export function outputDifference(
  a: LayersModel,
  b: LayersModel,
  x: Tensor,
): Promise<{
  /** Largest absolute difference. */
  max: number;
  /** Mean absolute difference. */
  mean: number;
}> {
  return maxMeanAbsDifference(
    () => a.predict(x, { batchSize: 256 }),
    () => b.predict(x, { batchSize: 256 }),
  );
}

/** Max and mean |p − q| of two tensors computed in one scope, read in one asynchronous read. */
async function maxMeanAbsDifference(p: () => Tensor, q: () => Tensor): Promise<{ max: number; mean: number }> {
  const both = tidy(() => {
    const d = ops.abs(ops.sub(p(), q()));
    return ops.stack([ops.max(d), ops.mean(d)]);
  });
  try {
    const [max, mean] = await both.data();
    return { max, mean };
  } finally {
    both.dispose();
  }
}

/**
 * `model`'s logits on `x`: its outputs with the output layer's softmax
 * (when it has one as its activation) switched off for this call.
 */
export function logitsOf(model: LayersModel, x: Tensor): Tensor {
  return withLogitOutput(model, () => model.predict(x, { batchSize: 256 }));
}

/** True when the model's output layer applies softmax as its activation (so `withLogitOutput` can switch it off). */
export function hasSoftmaxActivation(model: LayersModel): boolean {
  const last = model.layers[model.layers.length - 1] as unknown as { activation?: { name?: string } } | undefined;
  return last?.activation?.name === 'softmax';
}

/**
 * Runs `fn` (synchronously) with the output layer's softmax activation
 * replaced by the identity, so the model outputs logits; restores it after.
 * Models without a softmax activation run unchanged.
 */
export function withLogitOutput<T>(model: LayersModel, fn: () => T): T {
  if (!hasSoftmaxActivation(model)) return fn();
  const holder = model.layers[model.layers.length - 1] as unknown as { activation: unknown };
  const act = holder.activation;
  const linear = (t: Tensor) => ops.add(t, 0);
  Object.defineProperty(linear, 'name', { value: 'linear' });
  holder.activation = linear;
  try {
    return fn();
  } finally {
    holder.activation = act;
  }
}

/** Max and mean |Δ| of two models' logits on `x` (see `logitsOf`), e.g. an int8 model against its float original. */
export function logitsDifference(
  a: LayersModel,
  b: LayersModel,
  x: Tensor,
): Promise<{
  /** Largest absolute difference. */
  max: number;
  /** Mean absolute difference. */
  mean: number;
}> {
  return maxMeanAbsDifference(
    () => logitsOf(a, x),
    () => logitsOf(b, x),
  );
}
