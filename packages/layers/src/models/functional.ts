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
import { Merge } from '../layers/merge';
import { deserializeLayer, serializeLayer } from '../layers/registry';
import { LayersModel } from './layers-model';

/** Options of `Model`. */
export interface ModelArgs {
  /** The symbolic input created by `Input({ shape })`. */
  inputs: SymbolicTensor;
  /** The symbolic output. */
  outputs: SymbolicTensor;
  name?: string;
}

/** One layer call in a serialised graph: the layer and the calls it reads from. */
interface NodeConfig {
  layer: string;
  /** Refs `layerName#k`: the k-th call of that layer. */
  inputs: string[];
}

/** A model defined by a graph of layer calls (Keras functional API). */
export class Model extends LayersModel {
  readonly input: SymbolicTensor;
  readonly output: SymbolicTensor;
  /** Every symbolic tensor from input to output in execution order. */
  private readonly nodes: SymbolicTensor[];
  private readonly layerList: Layer[];

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
    this.nodes = topologicalOrder(args.outputs);
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

  protected forward(x: Tensor, training: boolean): Tensor {
    const values = new Map<SymbolicTensor, Tensor>();
    for (const node of this.nodes) {
      if (node === this.input) {
        values.set(node, x);
        continue;
      }
      const ins = node.inputs.map((i) => values.get(i)!);
      values.set(node, node.sourceLayer.apply(ins.length === 1 && !isMulti(node) ? ins[0] : ins, { training }));
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

  /** Rebuilds a `Model` (fresh weights) from `toConfig()`. */
  static fromConfig(config: Record<string, unknown>): Model {
    const layerConfigs = config.layers as Serialized[];
    const nodes = config.nodes as NodeConfig[];
    if (!Array.isArray(layerConfigs) || !Array.isArray(nodes)) {
      throw new ConfigError('Model.fromConfig: config needs `layers` and `nodes` arrays');
    }
    const byName = new Map<string, Layer>();
    try {
      for (const lc of layerConfigs) {
        const layer = deserializeLayer(lc);
        byName.set(String((lc.config as { name?: string }).name ?? layer.name), layer);
      }
      const produced = new Map<string, SymbolicTensor>();
      const counts = new Map<string, number>();
      for (const node of nodes) {
        const layer = byName.get(node.layer);
        if (!layer) throw new ConfigError(`Model.fromConfig: node refers to unknown layer '${node.layer}'`);
        const k = counts.get(node.layer) ?? 0;
        counts.set(node.layer, k + 1);
        let out: SymbolicTensor;
        if (layer instanceof InputLayer) {
          out = new SymbolicTensor(layer.outputShape, layer, [], layer.name);
        } else {
          const ins = node.inputs.map((r) => {
            const t = produced.get(r);
            if (!t) throw new ConfigError(`Model.fromConfig: node '${node.layer}' reads '${r}' before it is produced`);
            return t;
          });
          out = layer.apply(ins.length === 1 && !isMultiLayer(layer) ? ins[0] : ins);
        }
        produced.set(`${node.layer}#${k}`, out);
      }
      const input = produced.get(String(config.input));
      const output = produced.get(String(config.output));
      if (!input || !output) throw new ConfigError('Model.fromConfig: input or output node missing');
      return new Model({ inputs: input, outputs: output, name: config.name as string | undefined });
    } catch (e) {
      // Free the weights of the layers already built: a failed rebuild leaks nothing.
      for (const layer of byName.values()) layer.dispose();
      throw e;
    }
  }
}

/** Merge layers (Add, Concatenate, ...) take a list even with one input. */
function isMultiLayer(layer: Layer): boolean {
  return layer instanceof Merge;
}

function isMulti(node: SymbolicTensor): boolean {
  return node.inputs.length > 1 || isMultiLayer(node.sourceLayer);
}

/** Symbolic tensors reachable backwards from `output`, each after its inputs. */
function topologicalOrder(output: SymbolicTensor): SymbolicTensor[] {
  const order: SymbolicTensor[] = [];
  const state = new Map<SymbolicTensor, 'visiting' | 'done'>();
  const visit = (t: SymbolicTensor) => {
    const s = state.get(t);
    if (s === 'done') return;
    if (s === 'visiting') throw new ConfigError(`Model: the graph has a cycle through "${t.name}"`);
    state.set(t, 'visiting');
    for (const i of t.inputs) visit(i);
    state.set(t, 'done');
    order.push(t);
  };
  visit(output);
  return order;
}
