/**
 * What the compressed-kernel routes (inference-kernels.ts, int8-chain.ts) read
 * off a layer: its kernel and bias weights, its fusable activation, its conv
 * geometry, and whether its hooks are still the ones a route was made for.
 */

import type { Tensor } from '@convkit/core';
import type { Layer, LayerWeight } from '@convkit/layers';

/** A Conv2D or Dense layer as the routes see it. */
export interface KernelLayer extends Layer {
  strides?: [number, number];
  padding?: string;
  dilationRate?: [number, number];
  activation: ((x: Tensor) => Tensor) & { name: string };
}

/** The layer's weight whose short name is `suffix`. */
export function weightNamed(layer: Layer, suffix: 'kernel' | 'bias'): LayerWeight | undefined {
  return layer.weights.find((w) => w.name.slice(w.name.lastIndexOf('/') + 1).toLowerCase() === suffix);
}

/** The fused activation ('linear' / 'relu') of a layer, or null when it must run after the op. */
export function fusedActivation(layer: KernelLayer): 'linear' | 'relu' | null {
  const name = layer.activation?.name;
  return name === 'linear' || name === 'relu' ? name : null;
}

/** Whether the compressed conv kernels take the layer's geometry ('valid' / 'same' padding). */
export function convGeometryOk(layer: KernelLayer): boolean {
  return (layer.padding === 'valid' || layer.padding === 'same') && Array.isArray(layer.strides);
}

/**
 * Whether the layer is as the route was made for: same output hook (calibration and
 * `measureModel`'s 'float-kernels' mode swap it) and no weight hook (QAT, clustering).
 */
export function untouched(layer: Layer, hook: Layer['outputTransform']): boolean {
  return layer.outputTransform === hook && layer.weightTransform === undefined;
}
