/**
 * Runs compressed models on kernels that exploit the compression: int8
 * layers on integer kernels (`ops.quantizedConv2d`, `ops.quantizedMatMul`) and
 * pruned layers on sparse kernels (`ops.sparseConv2d`, `ops.sparseMatMul`),
 * through the layers' `inferenceOverride` hook. Training calls keep the
 * simulated (float) path, so QAT fine-tuning and gradients are unchanged.
 *
 * On `@convkit/backend-wasm` the ops run on its int8 / sparse SIMD kernels; on
 * backends without them the routes step aside and the layers run as before
 * (float, or simulated int8), which computes the same values.
 */
import { ConfigError, ops, type Tensor, tidy } from '@convkit/core';
import { type Layer, type LayersModel, type LayerWeight, Sequential } from '@convkit/layers';
import type { ActivationQuantParams } from './calibrate';
import { int8ChainRoute, type LayerRoutes, planInt8Chain } from './int8-chain';
import { convGeometryOk, fusedActivation, type KernelLayer, untouched, weightNamed } from './kernel-layers';
import type { QuantizationSpec } from './ptq';

/** Layers whose int8 grid passes through unchanged (a max, a reshape, identity at inference, ReLU keeps 0 exact). */
const GRID_PRESERVING = new Set([
  'MaxPool2D',
  'MaxPooling2D',
  'GlobalMaxPool2D',
  'GlobalMaxPooling2D',
  'Flatten',
  'Reshape',
  'Dropout',
  'ReLU',
  'InputLayer',
]);

type Route = NonNullable<Layer['inferenceOverride']>;
const routeKinds = new WeakMap<Route, 'int8' | 'int8-output' | 'sparse'>();
type ModelRoute = NonNullable<LayersModel['inferenceOverride']>;
/** Model-level routes of whole-model int8 chains, with the layers they run. */
const chainRoutes = new WeakMap<ModelRoute, string[]>();

function tagged(route: Route, kind: 'int8' | 'int8-output' | 'sparse'): Route {
  routeKinds.set(route, kind);
  return route;
}

/** Which layers of `model` run on compressed kernels at inference (see `useIntegerKernels`, `useSparseKernels`). */
export interface InferenceKernels {
  /** Layers on the integer kernels. */
  int8: string[];
  /** Layers on the sparse kernels (the backend still runs a weight that is not sparse enough densely). */
  sparse: string[];
  /**
   * Layers that one whole-model int8 chain (`ops.quantizedSequence`) runs at inference,
   * where the backend has its kernel (`compressedKernelsAvailable('int8-sequence')`):
   * every layer of the model, in order; empty when the model is not such a chain.
   */
  chain: string[];
}

/**
 * The layers of `model` routed to compressed inference kernels.
 *
 * @param model - Any model.
 * @returns Layer names per kind of kernel (empty lists for a plain model).
 */
export function inferenceKernelsOf(model: LayersModel): InferenceKernels {
  const out: InferenceKernels = { int8: [], sparse: [], chain: [] };
  const chain = model.inferenceOverride && chainRoutes.get(model.inferenceOverride);
  if (chain) out.chain = [...chain];
  for (const l of model.layers) {
    const kind = l.inferenceOverride && routeKinds.get(l.inferenceOverride);
    if (kind === 'int8') out.int8.push(l.name);
    else if (kind === 'sparse') out.sparse.push(l.name);
  }
  return out;
}

/** Removes every compressed-kernel route from `model` and its layers (they run as before: float or simulated int8). */
export function clearInferenceKernels(model: LayersModel): void {
  for (const l of model.layers) l.inferenceOverride = undefined;
  if (model.inferenceOverride && chainRoutes.has(model.inferenceOverride)) model.inferenceOverride = undefined;
}

/**
 * Routes the int8 layers of a quantized model (`quantizeModel`, QAT's
 * `finalize`, or a `.ckz` restored with `restoreQuantization`) to the integer
 * kernels for inference. A Conv2D or Dense layer is routed when its input lies
 * on a known int8 grid: the output of a quantized layer, possibly through
 * max-pooling, flattening, reshaping or dropout. It then computes in integer
 * arithmetic exactly what the simulated model computes in float (up to
 * rounding ties), with the output rounding fused. Quantized layers that cannot
 * be routed (e.g. the first layer, whose input is the raw float image) round
 * their output in one fused kernel. `quantizeModel` and `restoreQuantization`
 * call this; call it yourself only after `clearInferenceKernels`.
 * Sequential models only (others keep the simulated path).
 *
 * @param model - The quantized model (its kernels hold `q × scale`).
 * @param spec - Its quantization: per-kernel scales and per-layer activation grids.
 * @returns The names of the layers now on integer kernels.
 * @throws {ConfigError} when `spec` is not a quantization spec.
 * @example
 * ```ts
 * const q = await quantizeModel(model, { calibrationData: xCalib }); // already routed
 * clearInferenceKernels(q.model); // back to the float-simulated int8 path
 * useIntegerKernels(q.model, q.spec); // and onto the integer kernels again
 * ```
 */
export function useIntegerKernels(model: LayersModel, spec: QuantizationSpec): string[] {
  const isRecord = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isRecord(spec) || !isRecord(spec.weights) || !isRecord(spec.activations)) {
    throw new ConfigError(
      'useIntegerKernels: spec must be a QuantizationSpec { weights, activations } (as quantizeModel returns it)',
    );
  }
  if (!(model instanceof Sequential)) return [];
  const routed: string[] = [];
  const layers = model.layers;
  const isRouted = new Set<Layer>();
  const rounding: Layer[] = [];
  const routes: LayerRoutes = { int8: new Map(), outputs: new Map() };
  let grid: ActivationQuantParams | undefined;
  for (const layer of layers) {
    const out = spec.activations[layer.name] as ActivationQuantParams | undefined;
    if (out) routes.outputs.set(layer, out);
    const kernel = weightNamed(layer, 'kernel');
    const scales = kernel && spec.weights[kernel.name];
    const cls = layer.className;
    if (grid && kernel && scales && (cls === 'Conv2D' || cls === 'Dense')) {
      if (cls === 'Dense' || convGeometryOk(layer as KernelLayer)) {
        layer.inferenceOverride = tagged(int8Route(layer as KernelLayer, kernel, scales.scales, grid, out), 'int8');
        routed.push(layer.name);
        isRouted.add(layer);
        routes.int8.set(layer, { input: grid, scales: scales.scales });
      }
      grid = out;
    } else if (out) {
      rounding.push(layer);
      grid = out;
    } else if (!GRID_PRESERVING.has(cls)) {
      grid = undefined;
    }
  }
  // A quantized layer that is not routed (the first conv: its input is the raw image)
  // computes in float and rounds its output to its grid. When that output reaches an
  // integer kernel through grid-preserving layers only, the rounding is left to the
  // kernel, which rounds its input the same way (rounding is monotone, so it commutes
  // with max-pooling, ReLU and reshapes): no separate pass.
  for (const layer of rounding) {
    let j = layers.indexOf(layer) + 1;
    while (j < layers.length && GRID_PRESERVING.has(layers[j].className)) j++;
    const consumer = layers[j];
    const out = spec.activations[layer.name] as ActivationQuantParams;
    const route = consumer && isRouted.has(consumer) ? roundedByConsumerRoute(layer) : roundOutputRoute(layer, out);
    layer.inferenceOverride = tagged(route, 'int8-output');
  }
  // The whole model as one int8 chain where its layers allow it (else the routes above run it).
  const steps = planInt8Chain(layers, routes);
  if (steps) {
    const route = int8ChainRoute(model, steps);
    chainRoutes.set(
      route,
      layers.map((l) => l.name),
    );
    model.inferenceOverride = route;
  }
  return routed;
}

function int8Route(
  layer: KernelLayer,
  kernel: LayerWeight,
  weightScales: readonly number[],
  input: ActivationQuantParams,
  output: ActivationQuantParams | undefined,
) {
  const bias = weightNamed(layer, 'bias');
  const inGrid = { scale: input.scale, zeroPoint: input.zeroPoint };
  const outGrid = output && { scale: output.scale, zeroPoint: output.zeroPoint };
  const scales = [...weightScales];
  const hook = layer.outputTransform;
  return (inputs: Tensor | Tensor[]): Tensor | undefined => {
    if (!untouched(layer, hook) || !int8Here()) return undefined;
    const x = inputs as Tensor;
    const isConv = layer.className === 'Conv2D';
    if (Array.isArray(inputs) || x.dtype !== 'float32' || (isConv ? x.rank !== 4 : x.rank !== 2)) {
      // Not a shape the kernels take (e.g. a Dense on a rank-4 input): the simulated layer, on
      // the input rounded to its grid (the layer before may have left that rounding to us).
      return tidy(() => {
        const xr = Array.isArray(inputs) ? inputs : ops.fakeQuantize(x, inGrid);
        const y = layer.call(xr, { training: false });
        return hook ? hook(y, { training: false }) : y;
      });
    }
    const fused = fusedActivation(layer);
    return tidy(() => {
      const opts = {
        activation: fused ?? 'linear',
        input: inGrid,
        weightScales: scales,
        output: fused ? outGrid : undefined,
      };
      const b = (bias?.variable ?? null) as Parameters<typeof ops.quantizedMatMul>[2];
      let y: Tensor = isConv
        ? ops.quantizedConv2d(x as never, kernel.variable as never, b, {
            ...opts,
            strides: layer.strides,
            pad: layer.padding as 'valid' | 'same',
            dilations: layer.dilationRate,
          })
        : ops.quantizedMatMul(x as never, kernel.variable as never, b, opts);
      if (!fused) {
        y = layer.activation(y);
        if (outGrid) y = ops.fakeQuantize(y, outGrid);
      }
      return y;
    });
  };
}

function roundOutputRoute(layer: Layer, output: ActivationQuantParams) {
  const grid = { scale: output.scale, zeroPoint: output.zeroPoint };
  const hook = layer.outputTransform;
  return (inputs: Tensor | Tensor[]): Tensor | undefined =>
    untouched(layer, hook) && int8Here()
      ? tidy(() => ops.fakeQuantize(layer.call(inputs, { training: false }), grid))
      : undefined;
}

function roundedByConsumerRoute(layer: Layer) {
  const hook = layer.outputTransform;
  return (inputs: Tensor | Tensor[]): Tensor | undefined =>
    untouched(layer, hook) && int8Here() ? layer.call(inputs, { training: false }) : undefined;
}

/**
 * Whether the active backend has the integer kernels. Elsewhere the routes step aside and the
 * model runs its simulated path, exactly as before routing (the ops' float composites would
 * compute the same values, with an extra rounding pass per layer).
 */
function int8Here(): boolean {
  return ops.compressedKernelsAvailable('int8');
}

/** Options of `useSparseKernels`. */
export interface SparseKernelOptions {
  /**
   * Layers whose reduction (fH·fW·inChannels for a conv, inputs for a Dense) is
   * shorter than this stay dense: with few weights per output there is nothing to skip. Default 32.
   *
   * @defaultValue `32`
   */
  minReduction?: number;
}

/**
 * Routes the Conv2D and Dense layers of a pruned model to the sparse ops for
 * inference. The backend's sparse kernel decides per weight tensor, once: on
 * `@convkit/backend-wasm` a kernel at least 70% zeros runs on the sparse
 * kernel (nonzeros column by column; measured faster than the dense GEMM from
 * about there on 2 cores, see docs/guide/performance.md), a denser one on the
 * usual dense kernel. Values equal the dense layer's up to float rounding.
 * `MagnitudePruner.strip()` and `decodeCompressed` (for files with sparse
 * weights) call this. Layers already routed (int8) are left alone; layers
 * with an `outputTransform` keep it.
 *
 * @param model - The pruned model.
 * @param options - `minReduction`.
 * @returns The names of the routed layers.
 * @throws {ConfigError} when `minReduction` is not a positive integer.
 * @example
 * ```ts
 * const pruner = await pruneOneShot(model, { sparsity: 0.9 });
 * pruner.strip(); // routes the pruned layers already
 * useSparseKernels(model, { minReduction: 64 }); // or route again with other options
 * ```
 */
export function useSparseKernels(model: LayersModel, options: SparseKernelOptions = {}): string[] {
  const minReduction = options.minReduction ?? 32;
  if (!Number.isInteger(minReduction) || minReduction < 1) {
    throw new ConfigError(`useSparseKernels: minReduction must be a positive integer, got ${String(minReduction)}`);
  }
  const routed: string[] = [];
  for (const layer of model.layers) {
    const cls = layer.className;
    if (layer.inferenceOverride || (cls !== 'Conv2D' && cls !== 'Dense')) continue;
    const kernel = weightNamed(layer, 'kernel');
    if (!kernel) continue;
    const shape = kernel.shape;
    const reduction = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    if (reduction < minReduction) continue;
    if (cls === 'Conv2D' && !convGeometryOk(layer as KernelLayer)) continue;
    layer.inferenceOverride = tagged(sparseRoute(layer as KernelLayer, kernel), 'sparse');
    routed.push(layer.name);
  }
  return routed;
}

function sparseRoute(layer: KernelLayer, kernel: LayerWeight) {
  const bias = weightNamed(layer, 'bias');
  return (inputs: Tensor | Tensor[]): Tensor | undefined => {
    const x = inputs as Tensor;
    if (Array.isArray(inputs) || x.dtype !== 'float32' || layer.weightTransform) return undefined;
    if (!ops.compressedKernelsAvailable('sparse')) return undefined; // the dense layer as it was
    const isConv = layer.className === 'Conv2D';
    if (isConv ? x.rank !== 4 : x.rank !== 2) return undefined;
    const fused = fusedActivation(layer);
    const y = tidy(() => {
      const b = (bias?.variable ?? null) as Parameters<typeof ops.sparseMatMul>[2];
      let y: Tensor = isConv
        ? ops.sparseConv2d(x as never, kernel.variable as never, b, {
            activation: fused ?? 'linear',
            strides: layer.strides,
            pad: layer.padding as 'valid' | 'same',
            dilations: layer.dilationRate,
          })
        : ops.sparseMatMul(x as never, kernel.variable as never, b, { activation: fused ?? 'linear' });
      if (!fused) y = layer.activation(y);
      return y;
    });
    // Outside the tidy: a hook may keep tensors it makes (calibration does); the caller's tidy frees `y`.
    return layer.outputTransform ? layer.outputTransform(y, { training: false }) : y;
  };
}
