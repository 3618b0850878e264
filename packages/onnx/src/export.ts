/** `exportOnnx`: a convkit model's inference graph as ONNX bytes. */
import { ConfigError, ops, type Shape, tidy } from '@convkit/core';
import {
  type Layer,
  type LayersModel,
  type LayerWeight,
  Merge,
  Model,
  Sequential,
  type SymbolicTensor,
} from '@convkit/layers';
import { emitContext } from './context';
import { emitLayer } from './dispatch';
import { GraphBuilder } from './graph-builder';
import { checkSpec, type OnnxQuantizationSpec } from './quantization';
import { Layouts, type OnnxValue } from './values';

/** Options of {@link exportOnnx}. */
export interface ExportOnnxOptions {
  /**
   * Name of the graph input.
   *
   * @defaultValue `'input'`
   */
  inputName?: string;
  /**
   * Name of the graph output.
   *
   * @defaultValue `'output'`
   */
  outputName?: string;
  /**
   * A fixed batch size for the input and output, or `null` for a symbolic `batch` dimension.
   *
   * @defaultValue `null`
   */
  batchSize?: number | null;
  /**
   * Export a quantized model as int8 QDQ: pass `quantizeModel(...).spec` from
   * `@convkit/compress` (with `quantizeModel(...).model` as the model). Kernels
   * are stored as int8 codes behind `DequantizeLinear` (per channel), and each
   * quantized layer output goes through `QuantizeLinear` → `DequantizeLinear`.
   *
   * @defaultValue none (a float32 model)
   */
  quantization?: OnnxQuantizationSpec;
  /**
   * Text stored in the model's `doc_string`.
   *
   * @defaultValue none
   */
  docString?: string;
}

/** One layer call: the layer, the indices of the calls it reads (-1: the model input), convkit's output shape. */
interface Call {
  layer: Layer;
  inputs: number[];
  shape?: Shape;
}

/**
 * The model's layer calls in execution order: a `Sequential`'s layers, or a
 * functional `Model`'s symbolic graph walked from its output (depth first,
 * each call after its inputs; iterative, so any depth is fine).
 */
function calls(model: LayersModel): { list: Call[]; output: number } {
  if (model instanceof Sequential) {
    const list = model.layers.map((layer, i) => ({ layer, inputs: [i - 1] }));
    return { list, output: list.length - 1 };
  }
  if (!(model instanceof Model)) {
    throw new ConfigError(`exportOnnx: expected a Sequential or a functional Model, got ${model.constructor.name}`);
  }
  const index = new Map<SymbolicTensor, number>([[model.input, -1]]);
  const list: Call[] = [];
  const stack: { t: SymbolicTensor; next: number }[] = [{ t: model.output, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (index.has(top.t)) {
      stack.pop();
    } else if (top.next < top.t.inputs.length) {
      stack.push({ t: top.t.inputs[top.next++], next: 0 });
    } else {
      index.set(top.t, list.length);
      list.push({
        layer: top.t.sourceLayer,
        inputs: top.t.inputs.map((i) => index.get(i) as number),
        shape: top.t.shape,
      });
      stack.pop();
    }
  }
  return { list, output: index.get(model.output) as number };
}

/** Every weight of `layers`, read in one asynchronous read. */
async function readWeights(layers: readonly Layer[]): Promise<Map<LayerWeight, Float32Array>> {
  const weights = [...new Set(layers.flatMap((l) => l.weights))];
  const out = new Map<LayerWeight, Float32Array>();
  if (weights.length === 0) return out;
  const all = tidy(() => ops.concat(weights.map((w) => ops.reshape(ops.cast(w.variable, 'float32'), [-1]))));
  let data: Float32Array;
  try {
    data = (await all.data()) as Float32Array;
  } finally {
    all.dispose();
  }
  let offset = 0;
  for (const w of weights) {
    const n = w.variable.size;
    out.set(w, data.slice(offset, offset + n));
    offset += n;
  }
  return out;
}

function withBatch(shape: Shape, batch: number | null): (number | null)[] {
  return [batch, ...shape.slice(1)];
}

/**
 * Exports the inference graph of a `Sequential` or functional `Model` as an
 * ONNX model (opset 13, IR version 7, float32). Convolutions become `Conv`
 * (depthwise: `group` = channels; separable: two Convs), pooling
 * `MaxPool`/`AveragePool`/`GlobalAveragePool`/`GlobalMaxPool`, batch norm
 * one `BatchNormalization` node with the moving statistics, Dense `Gemm`,
 * and Dropout and the random augmentation layers are left out (the identity
 * at inference). The graph takes and returns NHWC tensors like convkit; it
 * transposes to NCHW once before the first convolution and back where
 * convkit's element order matters (before Flatten, Reshape, a Dense on
 * feature maps, and at the output).
 *
 * @param model - A built model (one with an input shape).
 * @param options - Names of the input and output, a fixed batch size, a doc string.
 * @returns The `.onnx` file's bytes.
 * @throws {UnsupportedLayerError} naming the first layer (or layer option, or activation) ONNX cannot express.
 * @throws {ConfigError} for invalid options.
 * @example
 * ```ts no-run
 * const bytes = await exportOnnx(model);
 * const session = await InferenceSession.create(bytes); // onnxruntime-node / onnxruntime-web
 * ```
 */
export async function exportOnnx(model: LayersModel, options: ExportOnnxOptions = {}): Promise<Uint8Array> {
  const inputName = options.inputName ?? 'input';
  const outputName = options.outputName ?? 'output';
  const batch = options.batchSize ?? null;
  for (const [key, value] of [
    ['inputName', inputName],
    ['outputName', outputName],
  ] as const) {
    if (typeof value !== 'string' || value === '') {
      throw new ConfigError(`exportOnnx: ${key} must be a non-empty string, got ${JSON.stringify(value)}`);
    }
  }
  if (inputName === outputName) throw new ConfigError(`exportOnnx: inputName and outputName are both '${inputName}'`);
  if (batch !== null && !(Number.isInteger(batch) && batch > 0)) {
    throw new ConfigError(`exportOnnx: batchSize must be a positive integer or null, got ${String(batch)}`);
  }
  const quantization = checkSpec(options.quantization);
  const inputShape = model.inputShape;
  const { list, output } = calls(model);
  const g = new GraphBuilder();
  g.unique(inputName);
  g.unique(outputName);
  const ctx = emitContext(g, new Layouts(g), await readWeights(list.map((c) => c.layer)), quantization);

  const input: OnnxValue = { name: inputName, shape: inputShape, layout: 'native' };
  const values: OnnxValue[] = [];
  const valueAt = (i: number) => (i === -1 ? input : values[i]);
  for (const call of list) {
    const xs = call.inputs.map(valueAt);
    const inShapes = xs.map((x) => x.shape);
    const multi = xs.length > 1 || call.layer instanceof Merge;
    const outShape = call.shape ?? call.layer.computeOutputShape(multi ? inShapes : inShapes[0]);
    values.push(emitLayer(ctx, call.layer, xs, outShape));
  }
  const last = valueAt(output);
  // The output in convkit's layout, under its own name.
  g.node('Identity', [ctx.layouts.native(last)], outputName, {}, true);
  return g.encode({
    graphName: model.name,
    input: { name: inputName, shape: withBatch(inputShape, batch) },
    output: { name: outputName, shape: withBatch(last.shape, batch) },
    producerVersion: PRODUCER_VERSION,
    docString: options.docString,
  });
}

/** The version written as `producer_version`. */
const PRODUCER_VERSION = '0.1.0';
