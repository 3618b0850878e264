/**
 * The `modelTopology` of a TensorFlow.js Layers `model.json` (Keras JSON:
 * `{ class_name: 'Sequential' | 'Model' | 'Functional', config }`) to and from
 * a convkit topology (`model.toConfig()`). Layers go through `keras-config.ts`;
 * this file handles the model level: the Sequential layer list and its input
 * shape, and the functional graph (`inbound_nodes`, `input_layers`,
 * `output_layers`) against convkit's `nodes` / `input` / `output`.
 */
import { SerializationError } from '@convkit/core';
import { preview } from '../../engine/preview';
import type { Serialized } from '../../engine/types';
import { convkitLayerToKeras, type KerasLayerJson, kerasLayerToConvkit } from './keras-config';

/** Most layers a TensorFlow.js topology may list. */
export const MAX_TFJS_LAYERS = 10_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(o: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

function layerList(raw: unknown, where: string): unknown[] {
  if (!Array.isArray(raw)) throw new SerializationError(`${where} has no 'layers' array`);
  if (raw.length > MAX_TFJS_LAYERS)
    throw new SerializationError(`${where} lists ${raw.length} layers, more than ${MAX_TFJS_LAYERS}`);
  return raw;
}

/**
 * The convkit topology (`{ className: 'Sequential' | 'Model', config }`) of a
 * TensorFlow.js / Keras `modelTopology`. Validates structure and every layer;
 * allocates nothing. `where` names the file.
 *
 * @throws {SerializationError} for an unknown model class, a layer class or option convkit lacks, or a malformed graph.
 * @internal
 */
export function tfjsTopologyToConvkit(modelTopology: unknown, where = 'model.json'): Serialized {
  let top = modelTopology;
  // Files converted from Keras HDF5 wrap the model: { keras_version, backend, model_config }.
  if (isRecord(top) && isRecord(own(top, 'model_config'))) top = own(top, 'model_config');
  if (!isRecord(top)) throw new SerializationError(`${where} 'modelTopology' must be an object { class_name, config }`);
  const cls = own(top, 'class_name');
  const config = own(top, 'config');
  if (cls === 'Sequential') return sequentialIn(config, where);
  if (cls === 'Model' || cls === 'Functional') return functionalIn(config, where);
  throw new SerializationError(
    `${where} modelTopology has model class ${preview(cls)}; only 'Sequential', 'Model' and 'Functional' can be loaded`,
  );
}

function sequentialIn(config: unknown, where: string): Serialized {
  // Keras 1/2 early files store the layer list directly.
  const cfg = Array.isArray(config) ? { layers: config } : config;
  if (!isRecord(cfg)) throw new SerializationError(`${where} Sequential topology has no 'config' object`);
  const raw = layerList(own(cfg, 'layers'), `${where} Sequential topology`);
  let batchInputShape: (number | null)[] | undefined;
  const layers: Serialized[] = [];
  raw.forEach((l, i) => {
    const c = kerasLayerToConvkit(l, `${where} layers[${i}]`);
    if (i === 0 || (c.className === 'InputLayer' && layers.length === 0)) batchInputShape ??= c.batchInputShape;
    if (c.className === 'InputLayer') {
      if (layers.length > 0) throw new SerializationError(`${where}: InputLayer '${c.name}' is not the first layer`);
      return;
    }
    layers.push({ className: c.className, config: c.config });
  });
  const name = own(cfg, 'name');
  const out: Record<string, unknown> = { name: typeof name === 'string' ? name : 'sequential', layers };
  if (batchInputShape) out.batchInputShape = [null, ...batchInputShape.slice(1)];
  return { className: 'Sequential', config: out } as Serialized;
}

/** `[layerName, nodeIndex, tensorIndex, kwargs?]` → `layerName#nodeIndex`. */
function refOf(raw: unknown, where: string): string {
  if (
    !Array.isArray(raw) ||
    raw.length < 3 ||
    typeof raw[0] !== 'string' ||
    !Number.isSafeInteger(raw[1]) ||
    (raw[1] as number) < 0
  ) {
    throw new SerializationError(
      `${where} must be [layerName, nodeIndex, tensorIndex, kwargs] (the TensorFlow.js / Keras 2 graph format) or a Keras 3 tensor, got ${preview(raw)}`,
    );
  }
  if (raw[2] !== 0)
    throw new SerializationError(`${where}: layers with several outputs (multi-output) are not supported`);
  return `${raw[0]}#${raw[1]}`;
}

/** A Keras 3 `{ class_name: '__keras_tensor__', config: { keras_history } }` → its ref. */
function keras3TensorRef(raw: unknown, where: string): string {
  if (!isRecord(raw) || own(raw, 'class_name') !== '__keras_tensor__' || !isRecord(own(raw, 'config'))) {
    throw new SerializationError(
      `${where} must be a Keras tensor { class_name: '__keras_tensor__', config: { keras_history } }; layer calls with other arguments are not supported, got ${preview(raw)}`,
    );
  }
  return refOf(own(own(raw, 'config') as Record<string, unknown>, 'keras_history'), `${where} keras_history`);
}

/**
 * The refs one inbound node reads: a Keras 2 / TensorFlow.js node is a list
 * of `[layer, node, tensor, kwargs]`; a Keras 3 node is `{ args, kwargs }`
 * whose one argument is a Keras tensor or a list of them (merge layers).
 */
function inboundRefs(node: unknown, at: string): string[] {
  if (isRecord(node)) {
    const args = own(node, 'args');
    if (!Array.isArray(args) || args.length !== 1) {
      throw new SerializationError(
        `${at} must call the layer on one argument (a tensor or a list of tensors), got args ${preview(args)}`,
      );
    }
    const kwargs = own(node, 'kwargs');
    if (isRecord(kwargs)) {
      const extra = Object.keys(kwargs).filter((k) => kwargs[k] !== null && k !== 'training' && k !== 'mask');
      if (extra.length > 0) throw new SerializationError(`${at}: call arguments ${extra.join(', ')} are not supported`);
    }
    const arg = args[0];
    const list = Array.isArray(arg) ? arg : [arg];
    if (list.length === 0) throw new SerializationError(`${at} calls the layer on an empty list`);
    return list.map((t, j) => keras3TensorRef(t, `${at}.args[0]${Array.isArray(arg) ? `[${j}]` : ''}`));
  }
  if (!Array.isArray(node) || node.length === 0) {
    throw new SerializationError(
      `${at} must be a non-empty list of [layerName, nodeIndex, tensorIndex, kwargs] (the TensorFlow.js / Keras 2 graph format) or a Keras 3 { args, kwargs } node, got ${preview(node)}`,
    );
  }
  return node.map((r, j) => refOf(r, `${at}[${j}]`));
}

function functionalIn(config: unknown, where: string): Serialized {
  if (!isRecord(config)) throw new SerializationError(`${where} functional topology has no 'config' object`);
  const raw = layerList(own(config, 'layers'), `${where} functional topology`);
  const layers: Serialized[] = [];
  const names = new Set<string>();
  // Each node: the layer, its k-th call, and the refs it reads.
  const pending: { layer: string; ref: string; inputs: string[] }[] = [];
  raw.forEach((l, i) => {
    const at = `${where} layers[${i}]`;
    const c = kerasLayerToConvkit(l, at);
    if (names.has(c.name)) throw new SerializationError(`${at}: layer name '${c.name}' is used twice`);
    names.add(c.name);
    if (c.className === 'InputLayer') {
      if (!c.batchInputShape) throw new SerializationError(`${at}: InputLayer '${c.name}' has no batch_input_shape`);
      c.config.batchInputShape = [null, ...c.batchInputShape.slice(1)];
      c.config.dtype = 'float32';
      pending.push({ layer: c.name, ref: `${c.name}#0`, inputs: [] });
    } else {
      const inbound = own(l as Record<string, unknown>, 'inbound_nodes');
      if (!Array.isArray(inbound) || inbound.length === 0) {
        throw new SerializationError(`${at}: layer '${c.name}' has no inbound_nodes`);
      }
      inbound.forEach((node, k) => {
        const inputs = inboundRefs(node, `${at} inbound_nodes[${k}]`);
        pending.push({ layer: c.name, ref: `${c.name}#${k}`, inputs });
      });
    }
    layers.push({ className: c.className, config: c.config });
  });
  // convkit walks nodes in order: sort them so each comes after what it reads.
  const nodes: { layer: string; inputs: string[] }[] = [];
  const produced = new Set<string>();
  let rest = pending;
  while (rest.length > 0) {
    const next: typeof rest = [];
    for (const n of rest) {
      if (!n.inputs.every((r) => produced.has(r))) {
        next.push(n);
        continue;
      }
      nodes.push({ layer: n.layer, inputs: n.inputs });
      produced.add(n.ref);
    }
    if (next.length === rest.length) {
      const n = rest[0];
      throw new SerializationError(
        `${where}: node of layer '${n.layer}' reads ${n.inputs.filter((r) => !produced.has(r)).join(', ')}, which no layer produces (or the graph has a cycle)`,
      );
    }
    rest = next;
  }
  const ends = (key: string): string => {
    let v = own(config, key);
    // Keras 3 writes a model's one input or output as the ref itself, not a list of refs.
    if (Array.isArray(v) && typeof v[0] === 'string') v = [v];
    if (!Array.isArray(v) || v.length !== 1) {
      throw new SerializationError(
        `${where} '${key}' must list exactly one tensor (convkit models have one input and one output; multi-input and multi-output models are not supported), got ${preview(v)}`,
      );
    }
    const ref = refOf(v[0], `${where} ${key}[0]`);
    if (!produced.has(ref)) throw new SerializationError(`${where} '${key}' names ${ref}, which no layer produces`);
    return ref;
  };
  const name = own(config, 'name');
  return {
    className: 'Model',
    config: {
      name: typeof name === 'string' ? name : 'model',
      layers,
      nodes,
      input: ends('input_layers'),
      output: ends('output_layers'),
    },
  } as Serialized;
}

/**
 * The TensorFlow.js `modelTopology` of a convkit topology (`model.toConfig()`),
 * as `tf.loadLayersModel` (tfjs-layers 4.x) reads it.
 *
 * @throws {SerializationError} for a layer TensorFlow.js has no equivalent of, or a model without a known input shape.
 * @internal
 */
export function convkitTopologyToTfjs(topology: Serialized): Record<string, unknown> {
  const config = topology.config as Record<string, unknown>;
  const layers = (config.layers ?? []) as Serialized[];
  const wrap = (model: Record<string, unknown>): Record<string, unknown> => ({
    ...model,
    keras_version: 'tfjs-layers 4.22.0',
    backend: 'tensor_flow.js',
  });
  if (topology.className === 'Sequential') {
    let shape = config.batchInputShape as (number | null)[] | undefined;
    const out: KerasLayerJson[] = [];
    for (const l of layers) {
      const c = l.config as Record<string, unknown>;
      if (l.className === 'InputLayer') {
        shape ??= c.batchInputShape as (number | null)[] | undefined;
        continue;
      }
      out.push(convkitLayerToKeras(l));
    }
    if (!shape) {
      throw new SerializationError(
        'The model has no input shape (give the first layer inputShape or build it) and cannot be saved in the tfjs format',
      );
    }
    if (out.length === 0)
      throw new SerializationError('A Sequential model without layers cannot be saved in the tfjs format');
    out[0].config.batch_input_shape = [null, ...shape.slice(1)];
    return wrap({ class_name: 'Sequential', config: { name: config.name, layers: out } });
  }
  const nodes = config.nodes as { layer: string; inputs: string[] }[];
  const inbound = new Map<string, unknown[][]>();
  for (const n of nodes) {
    const refs = n.inputs.map((r) => {
      const at = r.lastIndexOf('#');
      return [r.slice(0, at), Number(r.slice(at + 1)), 0, {}];
    });
    if (refs.length > 0) inbound.set(n.layer, [...(inbound.get(n.layer) ?? []), refs]);
  }
  const out = layers.map((l) => {
    const c = l.config as Record<string, unknown>;
    if (l.className === 'InputLayer') {
      return {
        name: c.name,
        class_name: 'InputLayer',
        config: { name: c.name, batch_input_shape: c.batchInputShape, dtype: 'float32', sparse: false },
        inbound_nodes: [],
      };
    }
    const k = convkitLayerToKeras(l);
    return {
      name: c.name,
      class_name: k.class_name,
      config: k.config,
      inbound_nodes: inbound.get(String(c.name)) ?? [],
    };
  });
  const end = (ref: unknown): unknown[][] => {
    const r = String(ref);
    const at = r.lastIndexOf('#');
    return [[r.slice(0, at), Number(r.slice(at + 1)), 0]];
  };
  return wrap({
    class_name: 'Model',
    config: { name: config.name, layers: out, input_layers: end(config.input), output_layers: end(config.output) },
  });
}
