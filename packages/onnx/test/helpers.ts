import { numTensors, type Rng, rngFrom, type Tensor, tensor, tensor4d } from '@convkit/core';
import type { LayersModel } from '@convkit/layers';
import * as ort from 'onnxruntime-node';

/**
 * Gives every weight random values (biases and batch-norm statistics too, so a
 * dropped bias or a swapped axis shows); variances are kept positive.
 */
export function randomizeWeights(model: LayersModel, seed: number): void {
  const rng = rngFrom(seed);
  for (const layer of model.layers) {
    const values = layer.weights.map((w) => {
      const n = w.shape.reduce((a, b) => a * b, 1);
      const v = new Float32Array(n);
      const variance = w.name.endsWith('variance'); // moving_variance, and Normalization's variance
      for (let i = 0; i < n; i++) v[i] = variance ? rng.uniform(0.5, 2) : rng.uniform(-0.5, 0.5);
      return tensor(v, w.shape as number[]);
    });
    layer.setWeights(values);
    for (const t of values) t.dispose();
  }
}

/** A random NHWC batch. */
export function randomImages(rng: Rng, shape: [number, number, number, number]): { t: Tensor; data: Float32Array } {
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = rng.uniform(-1, 1);
  return { t: tensor4d(data, shape), data };
}

/** Runs the ONNX bytes on `data` in ONNX Runtime (CPU) and returns the output and its dims. */
export async function runOnnx(
  bytes: Uint8Array | string,
  data: Float32Array,
  dims: number[],
  names = { input: 'input', output: 'output' },
  sessionOptions: ort.InferenceSession.SessionOptions = {},
): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const session = await ort.InferenceSession.create(bytes as Uint8Array, sessionOptions);
  try {
    const out = await session.run({ [names.input]: new ort.Tensor('float32', data, dims) });
    const t = out[names.output];
    return { data: t.data as Float32Array, dims: t.dims };
  } finally {
    await session.release();
  }
}

/** The largest absolute difference of two equally long arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export { numTensors, rngFrom };
