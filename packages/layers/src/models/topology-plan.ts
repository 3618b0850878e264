/**
 * Sizing a model from its config before building it. A `model.json` or a
 * `.ckz` header is untrusted: `Dense.units: 1e7` would otherwise allocate and
 * initialise gigabytes before any check. `planTopology` reads the topology
 * (bounded JSON, known layer classes, every layer's options), infers every
 * layer's input and output shape with `computeOutputShape` and sums the
 * weights each layer would create (`Layer.weightSpecs`) — creating layer
 * objects but no tensor — and refuses a model that needs more than `maxParams`
 * parameters or whose activations for one sample exceed `maxActivationElements`.
 * `withinLimits` then builds under a matching parameter budget (see
 * `withWeightBudget`), which also bounds custom layers that do not describe
 * their weights.
 */
import { ConfigError, ConvkitError, formatShape, SerializationError, type Shape } from '@convkit/core';
import { type Layer, type WeightSpec, withWeightBudget } from '../engine/layer';
import { preview } from '../engine/preview';
import { layerRegistry } from '../layers/registry';
import { walkGraph } from './graph-config';
import { checkJsonValue } from './io/json';

/** Default `maxParams`: 100 million parameters (400 MB of float32). */
export const DEFAULT_MAX_PARAMS = 100_000_000;
/** Default `maxActivationElements`: 2^28 values (1 GiB of float32) in one layer's output for one sample. */
export const DEFAULT_MAX_ACTIVATION_ELEMENTS = 2 ** 28;

/** Size limits applied when a model is rebuilt from a config (loading, `modelFromConfig`). */
export interface ModelLimits {
  /**
   * Largest number of parameters (weight elements, trainable or not) the
   * model may have; checked from the config before anything is allocated.
   * Default `DEFAULT_MAX_PARAMS` (100 M). Raise it for a model you trust.
   *
   * @defaultValue `DEFAULT_MAX_PARAMS` (100 M)
   */
  maxParams?: number;
  /**
   * Largest number of values one layer may output for one sample (the input
   * included), e.g. 2^28 refuses an input shape of `[1e5, 1e5, 3]`. Default
   * `DEFAULT_MAX_ACTIVATION_ELEMENTS` (2^28).
   *
   * @defaultValue `DEFAULT_MAX_ACTIVATION_ELEMENTS` (2^28)
   */
  maxActivationElements?: number;
}

/** Options of `planTopology` (and of the `fromConfig` methods). */
export interface PlanOptions extends ModelLimits {
  /**
   * Names the source in messages, e.g. `'model.json'`. Default `'model config'`.
   *
   * @defaultValue `'model config'`
   */
  where?: string;
  /**
   * Number of parameters the weight file holds. `withinLimits` then builds
   * with at most that many (a topology that needs more cannot match the file).
   */
  storedParams?: number;
}

/** What `planTopology` found. */
export interface TopologyPlan {
  /**
   * Parameters the model will have once built: exact for the built-in layers;
   * a custom layer that does not override `weightSpecs` counts 0.
   */
  params: number;
  /** Number of layers in the config. */
  layers: number;
  /**
   * The weights the model will have (full names `layer/weight`, shapes), in
   * `model.weights` order for a config written by `toConfig()`. Custom layers
   * that do not override `weightSpecs` contribute none.
   */
  weights: {
    /** Full name, `layer/weight`. */
    name: string;
    /** Shape. */
    shape: number[];
  }[];
  /** Largest number of values any layer outputs for one sample. */
  maxActivation: number;
}

/**
 * Validates a model topology (`{ className: 'Sequential' | 'Model', config }`,
 * as `model.toConfig()` writes it) and sizes it without creating any tensor:
 * see the module comment. Throws a `SerializationError` naming `where`, the
 * layer and the limit to raise.
 *
 * @example
 * planTopology(modelJson.topology, { where: 'model.json' }).params; // 1 199 882
 */
export function planTopology(topology: unknown, options: PlanOptions = {}): TopologyPlan {
  const where = options.where ?? 'model config';
  const { maxParams, maxActivationElements: maxActivation } = resolveLimits(options);
  checkJsonValue(topology, `${where} topology`);
  if (!isRecord(topology) || typeof topology.className !== 'string' || !isRecord(topology.config)) {
    throw new SerializationError(`${where} 'topology' must be { className, config }`);
  }
  const kind = topology.className;
  if (kind !== 'Sequential' && kind !== 'Model') {
    throw new SerializationError(
      `${where} topology has unknown model class ${preview(kind)} (expected 'Sequential' or 'Model')`,
    );
  }
  const config = topology.config;
  if (config.name !== undefined && typeof config.name !== 'string') {
    throw new SerializationError(`${where} topology: the model name must be a string, got ${preview(config.name)}`);
  }
  const layerConfigs = config.layers ?? (kind === 'Sequential' ? [] : undefined);
  if (!Array.isArray(layerConfigs)) throw new SerializationError(`${where} topology 'layers' must be an array`);

  const layers: Layer[] = [];
  const tally = new Tally(where, maxParams, maxActivation);
  try {
    layerConfigs.forEach((lc, i) => {
      layers.push(dryLayer(lc, i, where));
    });
    if (kind === 'Sequential') {
      let shape = layers[0]?.batchInputShape ?? sequentialInputShape(config.batchInputShape, where);
      if (shape) {
        tally.output('the model input', shape);
        for (const layer of layers) shape = tally.call(layer, shape);
      }
    } else {
      const byName = new Map(layers.map((l) => [l.name, l]));
      walkGraph<Shape>(config, byName, {
        input: (layer) => tally.output(layer, layer.outputShape),
        call: (layer, ins) => tally.call(layer, ins as Shape | Shape[]),
      });
    }
  } catch (e) {
    if (e instanceof SerializationError && e.message.startsWith(where)) throw e;
    const what = e instanceof ConvkitError ? e.message : `could not be read: ${(e as Error)?.message ?? String(e)}`;
    throw new SerializationError(`${where} topology: ${what}`, { cause: e });
  } finally {
    for (const l of layers) l.dispose();
  }
  return { params: tally.params, layers: layers.length, weights: tally.weights, maxActivation: tally.maxActivation };
}

/**
 * Refuses, before anything is built, a topology that needs more parameters
 * than the weights stored with it (`stored`: the file's manifest entries), as
 * it cannot match them. `where` names the file (`'convkit-compressed'`);
 * `manifest` its weight list in messages. Throws a `SerializationError`:
 * `<manifest> lists N weights but the topology builds M (…)` when the counts
 * differ, else a message with both parameter counts.
 */
export function checkPlanFitsWeights(
  plan: TopologyPlan,
  stored: readonly { shape: readonly number[] }[],
  where: string,
  manifest = `${where} manifest`,
): void {
  const storedParams = stored.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  if (plan.params <= storedParams) return;
  if (plan.weights.length !== stored.length) {
    const names = plan.weights.slice(0, 20).map((w) => w.name);
    if (plan.weights.length > 20) names.push('…');
    throw new SerializationError(
      `${manifest} lists ${stored.length} weights but the topology builds ${plan.weights.length} (${names.join(', ')})`,
    );
  }
  throw new SerializationError(
    `${where} topology needs ${plan.params} parameters but ${manifest} holds ${storedParams}; the topology does not match the weights`,
  );
}

/**
 * Runs `build` (which builds the layers of a model rebuilt from a config)
 * under the parameter budget `options` allow: `maxParams`, or `storedParams`
 * when smaller. A layer that would go past it throws before allocating.
 */
export function withinLimits<T>(options: PlanOptions, build: () => T): T {
  const { maxParams } = resolveLimits(options);
  const stored = options.storedParams;
  return stored !== undefined && stored < maxParams
    ? withWeightBudget(stored, `the ${stored} parameters stored in ${options.where ?? 'the weight file'}`, build)
    : withWeightBudget(maxParams, `maxParams = ${maxParams}`, build);
}

/** Counts parameters and checks activation sizes layer by layer. */
class Tally {
  params = 0;
  maxActivation = 0;
  readonly weights: { name: string; shape: number[] }[] = [];
  private readonly counted = new Set<Layer>();

  constructor(
    private readonly where: string,
    private readonly maxParams: number,
    private readonly maxElements: number,
  ) {}

  /** One call of `layer` on `input`: counts its weights (once per layer) and returns its output shape. */
  call(layer: Layer, input: Shape | Shape[]): Shape {
    if (!this.counted.has(layer)) {
      this.counted.add(layer);
      const specs = layer.weightSpecs(input);
      const own = specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
      this.params += own;
      for (const s of specs) this.weights.push({ name: `${layer.name}/${s.name}`, shape: s.shape });
      if (this.params > this.maxParams) {
        throw new SerializationError(
          `${this.where} asks for a model of more than maxParams = ${this.maxParams} parameters: ${layer.describe()} alone needs ${own} (${describeSpecs(specs)}), ${this.params} in all so far. Nothing was allocated. If you trust this file and the model really is that large, pass a larger maxParams (loadModel(path, { maxParams }), loadCompressed(path, { maxParams }), modelFromConfig(topology, { maxParams })).`,
        );
      }
    }
    return this.output(layer, layer.computeOutputShape(input));
  }

  /** Checks the per-sample size of `shape`, the output of `layer` (or the model input). */
  output(layer: Layer | string, shape: Shape): Shape {
    let elements = 1;
    for (let i = 1; i < shape.length; i++) elements *= shape[i] ?? 1;
    if (elements > this.maxElements) {
      const who = typeof layer === 'string' ? layer : layer.describe();
      throw new SerializationError(
        `${this.where} asks for absurd activations: ${who} outputs ${formatShape(shape)}, ${elements} values per sample, more than maxActivationElements = ${this.maxElements}. Nothing was allocated; pass a larger maxActivationElements if the model really is that large.`,
      );
    }
    this.maxActivation = Math.max(this.maxActivation, elements);
    return shape;
  }
}

function describeSpecs(specs: readonly WeightSpec[]): string {
  return specs.length === 0 ? 'no weights' : specs.map((s) => `${s.name} ${formatShape(s.shape)}`).join(', ');
}

/** A layer object for `layers[i]`, with no weights. Named, so the automatic name counters are untouched. */
function dryLayer(lc: unknown, i: number, where: string): Layer {
  if (!isRecord(lc) || typeof lc.className !== 'string') {
    throw new SerializationError(`${where} topology has an invalid layer description at layers[${i}]: ${preview(lc)}`);
  }
  if (!layerRegistry.has(lc.className)) {
    throw new SerializationError(
      `${where} uses unknown layer class '${lc.className.slice(0, 100)}'. Known: ${layerRegistry.names().join(', ')}. Register custom classes with registerLayer() before loading.`,
    );
  }
  const config = lc.config ?? {};
  if (!isRecord(config)) {
    throw new SerializationError(`${where} topology: layers[${i}] (${lc.className}) config must be an object`);
  }
  const ctor = layerRegistry.get(lc.className);
  const name = config.name ?? `${lc.className.toLowerCase()}#${i}`;
  return new ctor({ ...config, name });
}

/** `config.batchInputShape` of a Sequential: `[batch | null, ...positive integers]`, or undefined. */
function sequentialInputShape(raw: unknown, where: string): Shape | undefined {
  if (raw === undefined || raw === null) return undefined;
  const ok =
    Array.isArray(raw) &&
    raw.length >= 2 &&
    (raw[0] === null || (Number.isSafeInteger(raw[0]) && raw[0] > 0)) &&
    raw.slice(1).every((d) => Number.isSafeInteger(d) && d > 0);
  if (!ok) {
    throw new SerializationError(
      `${where} topology: batchInputShape must be [batch or null, ...positive integers], got ${preview(raw)}`,
    );
  }
  return [null, ...(raw.slice(1) as number[])];
}

/** `options`' limits with the defaults filled in; a `ConfigError` for a negative or non-numeric limit. */
export function resolveLimits(options: ModelLimits): Required<ModelLimits> {
  return {
    maxParams: checkLimit('maxParams', options.maxParams, DEFAULT_MAX_PARAMS),
    maxActivationElements: checkLimit(
      'maxActivationElements',
      options.maxActivationElements,
      DEFAULT_MAX_ACTIVATION_ELEMENTS,
    ),
  };
}

function checkLimit(name: string, v: unknown, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || Number.isNaN(v) || v < 0) {
    throw new ConfigError(`${name} must be a non-negative number (Infinity for no limit), got ${preview(v)}`);
  }
  return v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
