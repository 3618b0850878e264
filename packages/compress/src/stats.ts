/**
 * Model statistics the compression tools and the report share: which weights
 * are kernels, parameter and nonzero counts, and FLOPs.
 */
import type { Tensor } from '@convkit/core';
import type { Layer, LayersModel, LayerWeight } from '@convkit/layers';

/** Layer classes whose kernels the compression tools prune, quantize and cluster. */
export const KERNEL_LAYER_CLASSES: readonly string[] = ['Conv2D', 'Dense', 'DepthwiseConv2D', 'SeparableConv2D'];

/** The kernel weights of `layer` (not biases, not batch-norm statistics); empty for other layers. */
export function kernelWeights(layer: Layer): LayerWeight[] {
  if (!KERNEL_LAYER_CLASSES.includes(layer.className)) return [];
  return layer.weights.filter((w) => /kernel$/i.test(w.name.slice(w.name.lastIndexOf('/') + 1)));
}

/** Every kernel weight of `model`, in layer order. */
export function modelKernelWeights(model: LayersModel): LayerWeight[] {
  return model.layers.flatMap(kernelWeights);
}

/** Number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Number of exact zeros in `t` (one asynchronous read). */
export async function countZeros(t: Tensor): Promise<number> {
  const data = await t.data();
  let zeros = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === 0) zeros++;
  return zeros;
}

/** Parameters of the model, and how many of them are not exactly zero (the weights are read together, asynchronously). */
export async function countNonzeroParams(model: LayersModel): Promise<{
  /** All parameters. */
  params: number;
  /** Parameters that are not exactly zero. */
  nonzero: number;
}> {
  const weights = model.weights;
  const zeros = await Promise.all(weights.map((w) => countZeros(w.variable)));
  let params = 0;
  let nonzero = 0;
  weights.forEach((w, i) => {
    const n = sizeOf(w.shape);
    params += n;
    nonzero += n - zeros[i];
  });
  return { params, nonzero };
}

/** FLOPs of one layer for one sample. */
export interface LayerFlops {
  /** Layer name. */
  layer: string;
  /** Layer class, e.g. `'Conv2D'`. */
  className: string;
  /** 2 × multiply-accumulates of the layer's convolution or matrix product (one sample). */
  flops: number;
}

/**
 * FLOPs per sample of every Conv2D, DepthwiseConv2D, SeparableConv2D and Dense
 * layer, counted as 2 × multiply-accumulates (bias, activation, pooling and
 * normalisation are not counted, as in most papers' tables). Pruned (zero)
 * weights still count: this is the dense cost.
 */
export function layerFlops(model: LayersModel): LayerFlops[] {
  const shapes = model.layerOutputShapes();
  const out: LayerFlops[] = [];
  model.layers.forEach((layer, i) => {
    const shape = shapes[i];
    // Output positions: every dimension but the batch and the channels/units.
    const positions = shape.slice(1, -1).reduce<number>((a, d) => a * (d ?? 1), 1);
    let macs = 0;
    switch (layer.className) {
      case 'Conv2D':
      case 'Dense':
      case 'DepthwiseConv2D':
        macs = positions * sizeOf(kernelWeights(layer)[0]?.shape ?? [0]);
        break;
      case 'SeparableConv2D': {
        for (const w of kernelWeights(layer)) macs += positions * sizeOf(w.shape);
        break;
      }
      default:
        return;
    }
    out.push({ layer: layer.name, className: layer.className, flops: 2 * macs });
  });
  return out;
}

/** Total FLOPs per sample (see `layerFlops`). */
export function countFlops(model: LayersModel): number {
  return layerFlops(model).reduce((a, l) => a + l.flops, 0);
}
