/**
 * The functional `Model`: a graph of layer calls from an `Input` to an
 * output, so branches and residual connections can be written:
 *
 * ```ts
 * const x = Input({ shape: [8, 8, 16] });
 * const y = new Conv2D({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(x);
 * const z = new Conv2D({ filters: 16, kernelSize: 3, padding: 'same' }).apply(y);
 * const out = new ReLU().apply(new Add().apply([x, z]));
 * const block = new Model({ inputs: x, outputs: out });
 * ```
 */
import { ConfigError, type Shape, type Tensor } from '@convkit/core';
import { type Layer, SymbolicTensor, uniqueLayerName } from '../engine/layer';
import type { Serialized } from '../engine/types';
import { InputLayer } from '../layers/input-layer';
import { deserializeLayer, serializeLayer } from '../layers/registry';
import { isMultiLayer, type NodeConfig, topologicalOrder, walkGraph } from './graph-config';
import { LayersModel, type LayerTap } from './layers-model';
import { type PlanOptions, planTopology, withinLimits } from './topology-plan';

/** Options of `Model`. */
export interface ModelArgs {
  /** The symbolic input created by `Input({ shape })`. */
  inputs: SymbolicTensor;
  /** The symbolic output. */
  outputs: SymbolicTensor;
  /**
   * Model name; defaults to `model_N`.
   *
   * @defaultValue `model_N`
   */
  name?: string;
}

/**
 * A model defined by a graph of layer calls (Keras functional API).
 *
 * @example
 * ```ts
 * import { Add, Conv2D, Input, Model, ReLU } from '@convkit/layers';
 *
 * const x = Input({ shape: [8, 8, 16] });
 * const y = new Conv2D({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(x);
 * const z = new Conv2D({ filters: 16, kernelSize: 3, padding: 'same' }).apply(y);
 * const out = new ReLU().apply(new Add().apply([x, z]));
 * const block = new Model({ inputs: x, outputs: out });
 * ```
 */
export class Model extends LayersModel {
  /** The model's symbolic input. */
  readonly input: SymbolicTensor;
  /** The model's symbolic output. */
  readonly output: SymbolicTensor;
  /** Every symbolic tensor from input to output in execution order. */
  private readonly nodes: SymbolicTensor[];
  private readonly layerList: Layer[];

  /**
   * @param args - `inputs` (from `Input`), `outputs` and `name`.
   * @throws {ConfigError} when `inputs` is not an `Input`, the output does not depend on it, or the graph has a second input.
   */
  constructor(args: ModelArgs) {
    super(args.name ?? uniqueLayerName('model'));
    if (!(args.inputs instanceof SymbolicTensor) || !(args.inputs.sourceLayer instanceof InputLayer)) {
      throw new ConfigError(`${this.describe()}: inputs must be the SymbolicTensor returned by Input({ shape })`);
    }
    if (!(args.outputs instanceof SymbolicTensor)) {
      throw new ConfigError(`${this.describe()}: outputs must be a SymbolicTensor produced by layer.apply(...)`);
    }
    this.input = args.inputs;
    this.output = args.outputs;
    this.nodes = topologicalOrder(
      args.outputs,
      (t) => t.inputs,
      (t) => t.name,
    );
    if (!this.nodes.includes(args.inputs)) {
      throw new ConfigError(`${this.describe()}: the output does not depend on the given input`);
    }
    const stray = this.nodes.find((n) => n.sourceLayer instanceof InputLayer && n !== args.inputs);
    if (stray)
      throw new ConfigError(
        `${this.describe()}: the output depends on a second input "${stray.name}"; only one input is supported`,
      );
    this.layerList = [...new Set(this.nodes.map((n) => n.sourceLayer))];
  }

  get layers(): Layer[] {
    return [...this.layerList];
  }

  get inputShape(): Shape {
    return this.input.shape;
  }

  get outputShape(): Shape {
    return this.output.shape;
  }

  layerOutputShapes(): Shape[] {
    return this.layerList.map((l) => [...this.nodes].reverse().find((n) => n.sourceLayer === l)!.shape);
  }

  protected forward(x: Tensor, training: boolean, tap?: LayerTap): Tensor {
    const values = new Map<SymbolicTensor, Tensor>();
    for (const node of this.nodes) {
      if (node === this.input) {
        values.set(node, x);
        continue;
      }
      const ins = node.inputs.map((i) => values.get(i)!);
      const out = node.sourceLayer.apply(ins.length === 1 && !isMulti(node) ? ins[0] : ins, { training });
      values.set(node, tap ? tap(node.sourceLayer, out) : out);
    }
    return values.get(this.output)!;
  }

  toConfig(): Serialized {
    const callIndex = new Map<SymbolicTensor, string>();
    const counts = new Map<Layer, number>();
    const nodes: NodeConfig[] = [];
    for (const n of this.nodes) {
      const k = counts.get(n.sourceLayer) ?? 0;
      counts.set(n.sourceLayer, k + 1);
      callIndex.set(n, `${n.sourceLayer.name}#${k}`);
      nodes.push({ layer: n.sourceLayer.name, inputs: n.inputs.map((i) => callIndex.get(i)!) });
    }
    return {
      className: 'Model',
      config: {
        name: this.name,
        layers: this.layerList.map(serializeLayer),
        nodes,
        input: callIndex.get(this.input),
        output: callIndex.get(this.output),
      },
    };
  }

  /**
   * Rebuilds a `Model` (fresh weights) from `toConfig()`. The config is
   * validated and sized first (`planTopology`: a `SerializationError` when it
   * is invalid or past `options.maxParams` / `maxActivationElements`), then
   * built under that parameter budget.
   *
   * @param config - The `config` of `toConfig()`'s result.
   * @param options - Limits on the rebuilt model (`maxParams`, ...).
   * @returns The model, not compiled, with fresh weights.
   * @throws {SerializationError} when the config is malformed or exceeds the limits.
   */
  static fromConfig(config: Record<string, unknown>, options: PlanOptions = {}): Model {
    planTopology({ className: 'Model', config }, options);
    return withinLimits(options, () => Model.assemble(config));
  }

  private static assemble(config: Record<string, unknown>): Model {
    const layerConfigs = config.layers as Serialized[];
    const layers: Layer[] = [];
    try {
      for (const lc of layerConfigs) layers.push(deserializeLayer(lc));
      const byName = new Map(layers.map((l) => [l.name, l]));
      const { input, output } = walkGraph<SymbolicTensor>(config, byName, {
        input: (layer) => new SymbolicTensor(layer.outputShape, layer, [], layer.name),
        call: (layer, ins) => layer.apply(ins),
      });
      return new Model({ inputs: input, outputs: output, name: config.name as string | undefined });
    } catch (e) {
      // Free the weights of the layers already built: a failed rebuild leaks nothing.
      for (const layer of layers) layer.dispose();
      throw e;
    }
  }
}

function isMulti(node: SymbolicTensor): boolean {
  return node.inputs.length > 1 || isMultiLayer(node.sourceLayer);
}
