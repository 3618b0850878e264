/**
 * Host-side copies of a model's weights, so a callback can keep "the best
 * weights so far" without holding tensors that a failed `fit` could leak.
 */
import { type DataType, dispose, type Tensor, tensor } from '@convkit/core';
import type { LayersModel } from '../layers-model';

/** A copy of every weight value of a model, in `model.weights` order. */
export interface WeightSnapshot {
  values: { data: Float32Array | Int32Array | Uint8Array; shape: number[]; dtype: DataType }[];
}

/** Downloads a copy of every weight of `model`, all weights read together, asynchronously. */
export async function snapshotWeights(model: LayersModel): Promise<WeightSnapshot> {
  const weights = model.weights;
  const data = await Promise.all(weights.map((w) => w.variable.data()));
  return {
    values: weights.map((w, i) => ({
      data: (data[i] as Float32Array | Int32Array | Uint8Array).slice(),
      shape: [...w.shape],
      dtype: w.variable.dtype,
    })),
  };
}

/** Writes a snapshot back into `model` (which must have the same weights). */
export function restoreWeights(model: LayersModel, snapshot: WeightSnapshot): void {
  const tensors: Tensor[] = snapshot.values.map((v) => tensor(v.data, v.shape, v.dtype));
  try {
    model.setWeights(tensors);
  } finally {
    dispose(tensors);
  }
}
