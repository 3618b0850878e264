/**
 * The whole-model int8 chain: when every layer of a quantized Sequential model
 * is one the chain kernel covers (a first Conv2D on the raw image, int8 Conv2D
 * and Dense layers, max-pooling, flattening, dropout, a final softmax), the
 * model gets a model-level `inferenceOverride` that runs it as one
 * `ops.quantizedSequence`: on `@convkit/backend-wasm` one kernel call that
 * keeps the activations as int8 codes between layers. It computes what the
 * per-layer integer routes compute, and steps aside (the per-layer routes run)
 * whenever the model or the backend is not as it was made for.
 */
import { ops, type Tensor } from '@convkit/core';
import type { Layer, LayersModel, LayerWeight, ModelInferenceOverride } from '@convkit/layers';

type Int8Params = ops.Int8Params;
type QuantizedStage = ops.QuantizedStage;

import { convGeometryOk, fusedActivation, type KernelLayer, untouched, weightNamed } from './kernel-layers';

/** One layer of a planned chain. */
type ChainStep =
  | {
      kind: 'conv2d' | 'dense';
      layer: KernelLayer;
      kernel: LayerWeight;
      bias: LayerWeight | undefined;
      /** Absent for the first, float, convolution. */
      int8?: { input: Int8Params; scales: number[] };
      output: Int8Params | undefined;
    }
  | { kind: 'maxPool'; layer: Layer & { poolSize: [number, number]; strides: [number, number]; padding: string } }
  | { kind: 'flatten' }
  | { kind: 'skip' };

/** What `useIntegerKernels` decided per layer. */
export interface LayerRoutes {
  /** The int8 layers on integer kernels, with their input grid and weight scales. */
  int8: Map<Layer, { input: Int8Params; scales: readonly number[] }>;
  /** Output grid of every quantized layer (by layer). */
  outputs: Map<Layer, Int8Params>;
}

const grid = (p: Int8Params): Int8Params => ({ scale: p.scale, zeroPoint: p.zeroPoint });

/**
 * The chain for `layers`, or null when a layer is one the chain does not cover (the
 * per-layer routes then run the model as before).
 */
export function planInt8Chain(layers: readonly Layer[], routes: LayerRoutes): ChainStep[] | null {
  const steps: ChainStep[] = [];
  let rank = 4;
  let sawKernel = false;
  for (const [i, layer] of layers.entries()) {
    const cls = layer.className;
    const kernel = weightNamed(layer, 'kernel');
    if (cls === 'Conv2D' || cls === 'Dense') {
      const kl = layer as KernelLayer;
      const routed = routes.int8.get(layer);
      const output = routes.outputs.get(layer);
      const last = i === layers.length - 1;
      if (!kernel || (!output && !last)) return null;
      if (cls === 'Conv2D' ? rank !== 4 || !convGeometryOk(kl) : rank !== 2) return null;
      if (routed) {
        steps.push({
          kind: cls === 'Conv2D' ? 'conv2d' : 'dense',
          layer: kl,
          kernel,
          bias: weightNamed(layer, 'bias'),
          int8: { input: grid(routed.input), scales: [...routed.scales] },
          output: output && grid(output),
        });
      } else if (!sawKernel && cls === 'Conv2D' && output) {
        // The first conv sees the raw image: float, its output rounded to its grid.
        steps.push({ kind: 'conv2d', layer: kl, kernel, bias: weightNamed(layer, 'bias'), output: grid(output) });
      } else {
        return null;
      }
      sawKernel = true;
    } else if (cls === 'MaxPool2D' || cls === 'MaxPooling2D') {
      const pad = (layer as { padding?: unknown }).padding;
      if (rank !== 4 || (pad !== 'valid' && pad !== 'same')) return null;
      steps.push({ kind: 'maxPool', layer: layer as Extract<ChainStep, { kind: 'maxPool' }>['layer'] });
    } else if (cls === 'Flatten') {
      rank = 2;
      steps.push({ kind: 'flatten' });
    } else if (cls === 'Dropout' || cls === 'InputLayer') {
      steps.push({ kind: 'skip' });
    } else {
      return null;
    }
  }
  return sawKernel && steps.some((s) => (s.kind === 'conv2d' || s.kind === 'dense') && s.int8) ? steps : null;
}

/**
 * The model-level route of a planned chain: the stages of `ops.quantizedSequence`, built
 * from the layers' current weights on each call. Returns undefined (the layers run one by
 * one on their own routes) when the backend has no chain kernel, when a layer's hooks or
 * route changed since, or when an activation is not one the chain fuses (the output layer
 * may have softmax, as long as its output is not rounded). It runs only on the chain
 * kernel, which gives a sample with NaN or ±Infinity in its input an all-NaN row, so it is
 * marked `keepsNonFiniteRows` (predict adds no guard of its own).
 */
export function int8ChainRoute(model: LayersModel, steps: readonly ChainStep[]): ModelInferenceOverride {
  const layers = [...model.layers];
  const hooks = layers.map((l) => l.outputTransform);
  const routes = layers.map((l) => l.inferenceOverride);
  const lastLayer = layers[layers.length - 1];
  const route = (x: Tensor): Tensor | undefined => {
    if (!ops.compressedKernelsAvailable('int8-sequence') || x.dtype !== 'float32' || x.rank !== 4) return undefined;
    const now = model.layers;
    if (now.length !== layers.length) return undefined;
    for (let i = 0; i < layers.length; i++) {
      const l = layers[i];
      if (now[i] !== l || l.inferenceOverride !== routes[i] || !untouched(l, hooks[i])) return undefined;
    }
    const stages: QuantizedStage[] = [];
    let softmax = false;
    for (const s of steps) {
      if (s.kind === 'conv2d' || s.kind === 'dense') {
        let activation = fusedActivation(s.layer);
        if (!activation) {
          if (s.layer !== lastLayer || s.output || s.layer.activation?.name !== 'softmax') return undefined;
          activation = 'linear';
          softmax = true;
        }
        const w = s.kernel.variable as never;
        const b = (s.bias?.variable ?? null) as never;
        const q = s.int8 ? { input: s.int8.input, weightScales: s.int8.scales } : {};
        stages.push(
          s.kind === 'conv2d'
            ? {
                kind: 'conv2d',
                filter: w,
                bias: b,
                strides: s.layer.strides,
                pad: s.layer.padding as 'valid' | 'same',
                dilations: s.layer.dilationRate ?? [1, 1],
                activation,
                ...q,
                output: s.output,
              }
            : {
                kind: 'dense',
                kernel: w,
                bias: b,
                activation,
                input: (s.int8 as { input: Int8Params }).input,
                weightScales: (s.int8 as { scales: number[] }).scales,
                output: s.output,
              },
        );
      } else if (s.kind === 'maxPool') {
        const p = s.layer;
        stages.push({ kind: 'maxPool', poolSize: p.poolSize, strides: p.strides, pad: p.padding as 'valid' | 'same' });
      } else if (s.kind === 'flatten') {
        stages.push({ kind: 'flatten' });
      }
    }
    if (softmax) stages.push({ kind: 'softmax' });
    return ops.quantizedSequence(x, stages);
  };
  // It runs only on the chain kernel, which gives non-finite samples all-NaN rows itself.
  return Object.assign(route, { keepsNonFiniteRows: true });
}
