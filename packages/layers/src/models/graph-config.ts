/**
 * The serialised graph of a functional `Model` (`config.nodes`, `input`,
 * `output`) and one walk over it, shared by `Model.fromConfig` (which wires
 * `SymbolicTensor`s and builds layers) and `planTopology` (which only
 * propagates shapes), so both read a config the same way. Config errors are
 * `ConfigError`s naming the node.
 */
import { ConfigError } from '@convkit/core';
import type { Layer } from '../engine/layer';
import { preview } from '../engine/preview';
import { InputLayer } from '../layers/input-layer';
import { Merge } from '../layers/merge';

/** One layer call in a serialised graph: the layer and the calls it reads from. */
export interface NodeConfig {
  layer: string;
  /** Refs `layerName#k`: the k-th call of that layer. */
  inputs: string[];
}

/** What a walk computes for each layer call. */
export interface GraphVisitor<T> {
  /** The value of an `InputLayer` node. */
  input(layer: InputLayer): T;
  /** The value of a call of `layer` on `inputs` (one value, or a list for merge layers). */
  call(layer: Layer, inputs: T | T[]): T;
}

/** Merge layers (Add, Concatenate, ...) take a list even with one input. */
export function isMultiLayer(layer: Layer): boolean {
  return layer instanceof Merge;
}

/**
 * Walks `config.nodes` in order with `visitor` and returns the values of the
 * `config.input` and `config.output` calls. `byName` maps each layer name of
 * `config.layers` to its layer.
 */
export function walkGraph<T>(
  config: Record<string, unknown>,
  byName: ReadonlyMap<string, Layer>,
  visitor: GraphVisitor<T>,
): { input: T; output: T } {
  const nodes = config.nodes;
  if (!Array.isArray(nodes)) throw new ConfigError('Model.fromConfig: config needs a `nodes` array');
  const produced = new Map<string, T>();
  const counts = new Map<string, number>();
  nodes.forEach((node: unknown, i) => {
    const n = node as Partial<NodeConfig> | null;
    if (
      typeof n !== 'object' ||
      n === null ||
      typeof n.layer !== 'string' ||
      !Array.isArray(n.inputs) ||
      n.inputs.some((r) => typeof r !== 'string')
    ) {
      throw new ConfigError(
        `Model.fromConfig: nodes[${i}] must be { layer: string, inputs: string[] }, got ${preview(node)}`,
      );
    }
    const layer = byName.get(n.layer);
    if (!layer) throw new ConfigError(`Model.fromConfig: node refers to unknown layer '${n.layer}'`);
    const k = counts.get(n.layer) ?? 0;
    counts.set(n.layer, k + 1);
    let out: T;
    if (layer instanceof InputLayer) {
      out = visitor.input(layer);
    } else {
      const ins = n.inputs.map((r) => {
        if (!produced.has(r)) {
          throw new ConfigError(`Model.fromConfig: node '${n.layer}' reads '${r}' before it is produced`);
        }
        return produced.get(r) as T;
      });
      if (ins.length === 0) throw new ConfigError(`Model.fromConfig: node '${n.layer}' has no inputs`);
      out = visitor.call(layer, ins.length === 1 && !isMultiLayer(layer) ? ins[0] : ins);
    }
    produced.set(`${n.layer}#${k}`, out);
  });
  const input = String(config.input);
  const output = String(config.output);
  if (!produced.has(input) || !produced.has(output)) {
    throw new ConfigError('Model.fromConfig: input or output node missing');
  }
  return { input: produced.get(input) as T, output: produced.get(output) as T };
}

/**
 * Every node reachable backwards from `output` through `inputsOf`, each after
 * its inputs (depth-first post-order, iterative: a graph of any depth is fine).
 * Throws a `ConfigError` naming a node on a cycle.
 */
export function topologicalOrder<N>(output: N, inputsOf: (node: N) => readonly N[], nameOf: (node: N) => string): N[] {
  const order: N[] = [];
  const state = new Map<N, 'visiting' | 'done'>();
  const stack: { node: N; next: number }[] = [{ node: output, next: 0 }];
  state.set(output, 'visiting');
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const inputs = inputsOf(top.node);
    if (top.next < inputs.length) {
      const child = inputs[top.next++];
      const s = state.get(child);
      if (s === 'done') continue;
      if (s === 'visiting') throw new ConfigError(`Model: the graph has a cycle through "${nameOf(child)}"`);
      state.set(child, 'visiting');
      stack.push({ node: child, next: 0 });
    } else {
      state.set(top.node, 'done');
      order.push(top.node);
      stack.pop();
    }
  }
  return order;
}
