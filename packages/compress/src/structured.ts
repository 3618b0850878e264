/**
 * Structured pruning: whole Conv2D filters (and SeparableConv2D filters, and
 * Dense units) are ranked by an importance score and physically removed, so
 * the result is a smaller dense model that runs faster on every backend — not
 * a model full of zeros.
 *
 * Removing filter `f` of a layer `L` removes slice `f` of `L`'s kernel (last
 * axis) and bias; the channels then disappear from `L`'s output, so every
 * layer up to the next consumer follows: batch normalisation loses the same
 * entries of its four vectors, a DepthwiseConv2D loses the matching input
 * channels (and the `depthMultiplier` output channels of each), a Flatten
 * maps channel `c` to the features `p · C + c` of every position `p`, and the
 * consumer (Conv2D, SeparableConv2D or Dense) loses the matching input rows
 * of its kernel. Element-wise layers and pooling pass the channels through.
 */
import { ConfigError, clone, ops, type Shape, type Tensor, tensor1d, tidy } from '@convkit/core';
import {
  Activation,
  BatchNormalization,
  Conv2D,
  Dense,
  DepthwiseConv2D,
  Flatten,
  type Layer,
  type LayersModel,
  type LayerWeight,
  Merge,
  modelFromConfig,
  Reshape,
  SeparableConv2D,
  type Serialized,
  Softmax,
} from '@convkit/layers';
import {
  checkCriterion,
  type FilterImportanceOptions,
  filterCount,
  filterWeights,
  isPrunable,
  type PrunableLayer,
  positiveInteger,
  scoreLayers,
} from './filter-scores';
import { countFlops } from './stats';

export type { FilterCriterion, FilterImportanceOptions, ImportanceData } from './filter-scores';

/** Options of `pruneFilters`. */
export interface PruneFiltersOptions extends FilterImportanceOptions {
  /**
   * Fraction of each layer's filters (or units) to remove, in [0, 1): one
   * number for every pruned layer or one per layer name. With a record and no
   * `layers`, exactly the layers it names are pruned; with `layers`, a listed
   * layer missing from the record keeps all its filters.
   * `round(fraction · n)` filters are removed before `minFilters` and `roundTo` apply.
   */
  fraction: number | Record<string, number>;
  /**
   * Names of the Conv2D, SeparableConv2D and Dense layers to prune. Default:
   * every Conv2D and Dense layer except the model's output layer and the
   * layers whose output cannot be followed to a single consumer (those are
   * skipped, while a listed layer that cannot be pruned is an error).
   */
  layers?: string[];
  /**
   * Keep at least this many filters in every layer. Default 1.
   *
   * @defaultValue `1`
   */
  minFilters?: number;
  /**
   * Keep a multiple of this many filters (rounding the kept count up, at most
   * to the layer's size), e.g. 8 for hardware-friendly widths. Default 1.
   *
   * @defaultValue `1`
   */
  roundTo?: number;
}

/** What `pruneFilters` did. */
export interface PruneFiltersResult {
  /**
   * A new, uncompiled model with the same layer names and fewer filters; the
   * input model is untouched. The caller disposes it.
   */
  model: LayersModel;
  /** Per pruned layer, the original indices of the filters kept (ascending). */
  kept: Record<string, number[]>;
  /** Per pruned layer, the original indices of the filters removed (ascending). */
  removed: Record<string, number[]>;
  /** `countParams()` of the input model. */
  paramsBefore: number;
  /** `countParams()` of the pruned model. */
  paramsAfter: number;
  /** `countFlops` of the input model (per sample). */
  flopsBefore: number;
  /** `countFlops` of the pruned model (per sample). */
  flopsAfter: number;
}

/** Layers that pass channels through unchanged (softmax layers are checked separately). */
const CHANNEL_PRESERVING = new Set([
  'ReLU',
  'ReLU6',
  'LeakyReLU',
  'ELU',
  'Activation',
  'MaxPool2D',
  'AvgPool2D',
  'Dropout',
  'GlobalAvgPool2D',
  'GlobalMaxPool2D',
]);

/**
 * One importance score per output filter (Conv2D, SeparableConv2D) or unit
 * (Dense) of `layerName`; see `FilterCriterion` for the scores. Reads the
 * weights and runs the model (in inference mode) on `data` for the
 * data-driven criteria; frees every tensor it creates and disposes the
 * batches of a batch source.
 */
export async function filterImportance(
  model: LayersModel,
  layerName: string,
  options: FilterImportanceOptions = {},
): Promise<Float32Array> {
  const where = 'filterImportance';
  const criterion = checkCriterion(options.criterion, where);
  const layer = prunableLayer(model, layerName, where);
  const scores = await scoreLayers(model, [layer], criterion, options, where);
  return scores.get(layer)!;
}

/**
 * Structured pruning: removes the least important filters (Conv2D,
 * SeparableConv2D) and units (Dense) of the chosen layers and returns a new,
 * smaller model whose remaining weights are those of `model` (see the module
 * comment for how the following layers are adjusted). Supported:
 * `Sequential` models, and functional `Model`s where the pruned layer's
 * output reaches its consumer through a single chain. Refused with a
 * `ConfigError` naming the layer: the output layer, a layer whose output (or
 * a layer in between) feeds several layers or a merge layer, passes a
 * Reshape, a softmax over channels or a shared layer, or reaches the model
 * output without a consumer. Fine-tune the result to recover accuracy.
 *
 * @param model - A trained model (left unchanged).
 * @param options - `fraction` (overall or per layer), `layers`, `minFilters`, `roundTo`, and the importance criterion and data.
 * @returns The new model, the kept/removed filter indices per layer, and parameters/FLOPs before and after.
 * @throws {ConfigError} for an invalid option or a layer that cannot be pruned (named in the message).
 * @example
 * ```ts
 * import { pruneFilters } from '@convkit/compress';
 *
 * const { model: smaller, paramsBefore, paramsAfter } = await pruneFilters(model, { fraction: 0.25 });
 * console.log(`${paramsBefore} → ${paramsAfter} parameters`);
 * ```
 */
export async function pruneFilters(model: LayersModel, options: PruneFiltersOptions): Promise<PruneFiltersResult> {
  const where = 'pruneFilters';
  if (options === null || typeof options !== 'object') throw new ConfigError(`${where}: options are required`);
  const criterion = checkCriterion(options.criterion, where);
  const minFilters = positiveInteger(options.minFilters ?? 1, 'minFilters', where);
  const roundTo = positiveInteger(options.roundTo ?? 1, 'roundTo', where);
  const graph = layerGraph(model);
  const targets = selectTargets(model, graph, options, where);

  const fractions = new Map<PrunableLayer, number>();
  for (const { layer } of targets) fractions.set(layer, fractionFor(options.fraction, layer, where));

  const scores = await scoreLayers(
    model,
    targets.map((t) => t.layer),
    criterion,
    options,
    where,
  );

  const kept: Record<string, number[]> = {};
  const removed: Record<string, number[]> = {};
  const plan = new Map<string, WeightSlice[]>();
  const widths = new Map<string, { key: 'filters' | 'units'; value: number }>();
  const addSlice = (weight: LayerWeight | undefined, slice: WeightSlice) => {
    if (weight) plan.set(weight.name, [...(plan.get(weight.name) ?? []), slice]);
  };
  for (const { layer, route } of targets) {
    const n = filterCount(layer);
    const keep = keepCount(n, fractions.get(layer)!, minFilters, roundTo);
    const keepIdx = topIndices(scores.get(layer)!, keep);
    const keepSet = new Set(keepIdx);
    kept[layer.name] = keepIdx;
    removed[layer.name] = [...Array(n).keys()].filter((i) => !keepSet.has(i));
    const { kernel, bias } = filterWeights(layer);
    addSlice(kernel, { axis: kernel.shape.length - 1, indices: keepIdx });
    addSlice(bias, { axis: 0, indices: keepIdx });
    for (const s of applyRoute(route, keepIdx, n)) addSlice(s.weight, s.slice);
    widths.set(layer.name, { key: layer instanceof Dense ? 'units' : 'filters', value: keep });
  }

  const pruned = rebuildWithWidths(model, widths);
  try {
    copyWeights(model, pruned, plan);
  } catch (e) {
    pruned.dispose();
    throw e;
  }
  return {
    model: pruned,
    kept,
    removed,
    paramsBefore: model.countParams(),
    paramsAfter: pruned.countParams(),
    flopsBefore: countFlops(model),
    flopsAfter: countFlops(pruned),
  };
}

// ---------------------------------------------------------------------------
// Options and layer selection

/** The layer called `name`, which must be a Conv2D, SeparableConv2D or Dense layer. */
function prunableLayer(model: LayersModel, name: string, where: string): PrunableLayer {
  const layer = model.layers.find((l) => l.name === name);
  if (!layer) {
    throw new ConfigError(
      `${where}: ${model.describe()} has no layer "${name}". Layers: ${model.layers.map((l) => l.name).join(', ')}`,
    );
  }
  if (!isPrunable(layer)) {
    throw new ConfigError(
      `${where}: ${layer.describe()} has no filters to prune (only Conv2D, SeparableConv2D and Dense layers can be)`,
    );
  }
  return layer;
}

interface Target {
  layer: PrunableLayer;
  route: Route;
}

function selectTargets(model: LayersModel, graph: LayerGraph, options: PruneFiltersOptions, where: string): Target[] {
  const record = typeof options.fraction === 'object' && options.fraction !== null ? options.fraction : undefined;
  const names = options.layers ?? (record ? Object.keys(record) : undefined);
  if (names !== undefined && !Array.isArray(names)) {
    throw new ConfigError(`${where}: layers must be an array of layer names`);
  }
  if (record && options.layers) {
    for (const name of Object.keys(record)) {
      if (!options.layers.includes(name)) {
        throw new ConfigError(`${where}: fraction names layer "${name}", which is not in layers`);
      }
    }
  }
  const targets: Target[] = [];
  if (names === undefined) {
    for (const layer of model.layers) {
      if (!(layer instanceof Conv2D || layer instanceof Dense)) continue;
      const route = routeFrom(graph, layer);
      if (typeof route !== 'string') targets.push({ layer, route });
    }
    if (targets.length === 0) {
      throw new ConfigError(`${where}: ${model.describe()} has no Conv2D or Dense layer that can be pruned`);
    }
    return targets;
  }
  for (const name of new Set(names)) {
    const layer = prunableLayer(model, name, where);
    const route = routeFrom(graph, layer);
    if (typeof route === 'string') throw new ConfigError(`${where}: cannot prune ${layer.describe()}: ${route}`);
    targets.push({ layer, route });
  }
  if (targets.length === 0) throw new ConfigError(`${where}: layers is empty`);
  return targets;
}

function fractionFor(fraction: number | Record<string, number>, layer: Layer, where: string): number {
  if (typeof fraction !== 'number' && (fraction === null || typeof fraction !== 'object')) {
    throw new ConfigError(`${where}: fraction must be a number or a record of numbers per layer name`);
  }
  const f = typeof fraction === 'number' ? fraction : fraction[layer.name];
  if (f === undefined) return 0;
  if (typeof f !== 'number' || !(f >= 0 && f < 1)) {
    throw new ConfigError(`${where}: fraction for ${layer.describe()} must be a number in [0, 1), got ${String(f)}`);
  }
  return f;
}

/** Filters to keep: n − round(fraction · n), rounded up to a multiple of `roundTo`, at least `minFilters`, at most n. */
function keepCount(n: number, fraction: number, minFilters: number, roundTo: number): number {
  const keep = Math.ceil((n - Math.round(fraction * n)) / roundTo) * roundTo;
  return Math.min(n, Math.max(keep, minFilters, 1));
}

/** Indices of the `k` highest scores (ties keep the lower index; NaN counts as lowest), ascending. */
function topIndices(scores: Float32Array, k: number): number[] {
  const key = (i: number) => (Number.isNaN(scores[i]) ? Number.NEGATIVE_INFINITY : scores[i]);
  return [...scores.keys()]
    .sort((a, b) => key(b) - key(a) || a - b)
    .slice(0, k)
    .sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------
// The layer graph and the route from a pruned layer to its consumer

interface LayerGraph {
  /** The layers reading each layer's output, one entry per use. */
  consumers: Map<Layer, Layer[]>;
  /** How many times each layer is called. */
  calls: Map<Layer, number>;
  /** The (single) input shape of each layer, batch dimension included. */
  inputShape: Map<Layer, Shape>;
  /** The layer producing the model's output. */
  output: Layer;
}

function layerGraph(model: LayersModel): LayerGraph {
  const layers = model.layers;
  const shapes = model.layerOutputShapes();
  const outputShape = new Map(layers.map((l, i) => [l, shapes[i]]));
  const graph: LayerGraph = {
    consumers: new Map(layers.map((l) => [l, []])),
    calls: new Map(),
    inputShape: new Map(),
    output: layers[layers.length - 1],
  };
  const topology = model.toConfig();
  if (topology.className === 'Sequential') {
    layers.forEach((layer, i) => {
      graph.calls.set(layer, 1);
      graph.inputShape.set(layer, i === 0 ? model.inputShape : shapes[i - 1]);
      if (i + 1 < layers.length) graph.consumers.get(layer)!.push(layers[i + 1]);
    });
    return graph;
  }
  const nodes = topology.config.nodes;
  const byName = new Map(layers.map((l) => [l.name, l]));
  const layerOf = (ref: unknown): Layer => {
    const name = typeof ref === 'string' ? ref.slice(0, ref.lastIndexOf('#')) : '';
    const layer = byName.get(name);
    if (!layer) throw new ConfigError(`structured pruning: ${model.describe()} refers to unknown node ${String(ref)}`);
    return layer;
  };
  if (topology.className !== 'Model' || !Array.isArray(nodes)) {
    throw new ConfigError(
      `structured pruning supports Sequential and functional Model, not ${topology.className} (${model.describe()})`,
    );
  }
  for (const node of nodes as { layer: string; inputs: string[] }[]) {
    const layer = byName.get(node.layer);
    if (!layer) throw new ConfigError(`structured pruning: ${model.describe()} has no layer "${node.layer}"`);
    graph.calls.set(layer, (graph.calls.get(layer) ?? 0) + 1);
    for (const ref of node.inputs) {
      const producer = layerOf(ref);
      graph.consumers.get(producer)!.push(layer);
      if (node.inputs.length === 1) graph.inputShape.set(layer, outputShape.get(producer)!);
    }
  }
  graph.output = layerOf(topology.config.output);
  return graph;
}

/** A step of the way from a pruned layer to its consumer, applied to the kept channel indices. */
type RouteStep =
  /** Slice `weight` on `axis` by the current indices, each expanded to `expand` consecutive entries. */
  | { op: 'slice'; weight: LayerWeight; axis: number; expand: number }
  /** Channel `c` becomes channels `c · factor + j`, j < factor (depthwise multiplier). */
  | { op: 'expand'; factor: number }
  /** Channel `c` of `C` becomes features `p · C + c` for every spatial position p < positions. */
  | { op: 'flatten'; positions: number };

type Route = RouteStep[];

function activationName(layer: Layer): string | undefined {
  if (
    layer instanceof Conv2D ||
    layer instanceof Dense ||
    layer instanceof SeparableConv2D ||
    layer instanceof DepthwiseConv2D ||
    layer instanceof Activation
  ) {
    return layer.activation.name;
  }
  return undefined;
}

/** The steps from `target`'s output to the next Conv2D / SeparableConv2D / Dense, or why there is none. */
function routeFrom(graph: LayerGraph, target: PrunableLayer): Route | string {
  if (target === graph.output) return "it is the model's output layer (its units are the model's outputs)";
  if (graph.calls.get(target) !== 1) return 'it is called more than once (shared layers are not supported)';
  if (activationName(target) === 'softmax') return 'its softmax activation normalises over the channels';
  const route: Route = [];
  let current: Layer = target;
  for (;;) {
    if (current !== target && current === graph.output) {
      return `its channels reach the model output at ${current.describe()} without passing a Conv2D, SeparableConv2D or Dense layer`;
    }
    const next = graph.consumers.get(current) ?? [];
    if (next.length !== 1) {
      const names = next.map((l) => `"${l.name}"`).join(', ');
      return `the output of ${current.describe()} feeds ${next.length} layers (${names}); only a single chain to the next Conv2D, SeparableConv2D or Dense layer can be followed`;
    }
    const layer = next[0];
    if (graph.calls.get(layer) !== 1)
      return `${layer.describe()} is called more than once (shared layers are not supported)`;
    if (layer instanceof Merge) {
      return `its output feeds ${layer.describe()} (merge layers such as Add and Concatenate are not supported)`;
    }
    if (layer instanceof Reshape) {
      return `its output passes ${layer.describe()}, whose target shape fixes the channel count`;
    }
    // A consumer's own softmax acts on its outputs; one in a pass-through layer mixes the pruned channels.
    if (layer instanceof Softmax || (!isPrunable(layer) && activationName(layer) === 'softmax')) {
      return `its output passes the softmax of ${layer.describe()}, which normalises over the channels`;
    }
    if (layer instanceof Conv2D) {
      route.push({ op: 'slice', weight: layer.kernel!, axis: 2, expand: 1 });
      return route;
    }
    if (layer instanceof SeparableConv2D) {
      route.push({ op: 'slice', weight: layer.depthwiseKernel!, axis: 2, expand: 1 });
      route.push({ op: 'slice', weight: layer.pointwiseKernel!, axis: 2, expand: layer.depthMultiplier });
      return route;
    }
    if (layer instanceof Dense) {
      route.push({ op: 'slice', weight: layer.kernel!, axis: 0, expand: 1 });
      return route;
    }
    if (layer instanceof DepthwiseConv2D) {
      route.push({ op: 'slice', weight: layer.depthwiseKernel!, axis: 2, expand: 1 });
      route.push({ op: 'expand', factor: layer.depthMultiplier });
      if (layer.bias) route.push({ op: 'slice', weight: layer.bias, axis: 0, expand: 1 });
    } else if (layer instanceof BatchNormalization) {
      const rank = graph.inputShape.get(layer)?.length ?? 0;
      const axis = layer.axis < 0 ? rank + layer.axis : layer.axis;
      if (axis !== rank - 1) return `${layer.describe()} normalises axis ${layer.axis}, not the channel axis`;
      for (const w of layer.weights) route.push({ op: 'slice', weight: w, axis: 0, expand: 1 });
    } else if (layer instanceof Flatten) {
      const shape = graph.inputShape.get(layer);
      const spatial = shape?.slice(1, -1) ?? [null];
      if (spatial.some((d) => d === null)) return `${layer.describe()} has an input of unknown size`;
      route.push({ op: 'flatten', positions: (spatial as number[]).reduce((a, b) => a * b, 1) });
    } else if (!CHANNEL_PRESERVING.has(layer.className)) {
      return `its output passes ${layer.describe()}, which structured pruning cannot follow`;
    }
    current = layer;
  }
}

interface WeightSlice {
  axis: number;
  indices: number[];
}

/** The slices a route implies when `kept` of the pruned layer's `n` channels remain. */
function applyRoute(route: Route, kept: number[], n: number): { weight: LayerWeight; slice: WeightSlice }[] {
  let idx = kept;
  let width = n;
  const out: { weight: LayerWeight; slice: WeightSlice }[] = [];
  for (const step of route) {
    if (step.op === 'slice') {
      out.push({ weight: step.weight, slice: { axis: step.axis, indices: expand(idx, step.expand) } });
    } else if (step.op === 'expand') {
      idx = expand(idx, step.factor);
      width *= step.factor;
    } else {
      const flat: number[] = [];
      for (let p = 0; p < step.positions; p++) for (const c of idx) flat.push(p * width + c);
      idx = flat;
      width *= step.positions;
    }
  }
  return out;
}

function expand(idx: number[], factor: number): number[] {
  if (factor === 1) return idx;
  return idx.flatMap((c) => Array.from({ length: factor }, (_, j) => c * factor + j));
}

// ---------------------------------------------------------------------------
// Rebuilding

/** A new model from `model`'s config with the `filters` / `units` of some layers changed. */
function rebuildWithWidths(
  model: LayersModel,
  widths: Map<string, { key: 'filters' | 'units'; value: number }>,
): LayersModel {
  const topology = model.toConfig();
  const layers = topology.config.layers as Serialized[];
  const changed: Serialized = {
    className: topology.className,
    config: {
      ...topology.config,
      layers: layers.map((lc) => {
        const w = widths.get(String(lc.config.name));
        return w ? { className: lc.className, config: { ...lc.config, [w.key]: w.value } } : lc;
      }),
    },
  };
  return modelFromConfig(changed);
}

/** Writes every weight of `model`, sliced as `plan` says, into the same-named weight of `pruned`. */
function copyWeights(model: LayersModel, pruned: LayersModel, plan: Map<string, WeightSlice[]>): void {
  for (const layer of model.layers) {
    const dst = pruned.getLayer(layer.name).weights;
    layer.weights.forEach((w, i) => {
      if (dst[i]?.name !== w.name) {
        throw new ConfigError(
          `pruneFilters: the rebuilt layer "${layer.name}" has different weights than the original`,
        );
      }
      const value = tidy(() => {
        let t: Tensor = clone(w.variable);
        for (const s of plan.get(w.name) ?? []) t = ops.gather(t, tensor1d(s.indices, 'int32'), s.axis);
        return t;
      });
      try {
        dst[i].write(value);
      } finally {
        value.dispose();
      }
    });
  }
}
