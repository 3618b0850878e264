/**
 * Collects the nodes, initializers and value names of one ONNX graph and
 * encodes the finished `ModelProto` with protobufjs (see `schema.ts`).
 */
import { AttributeType, DataType, modelProto } from './schema';

/** An attribute value: an int, a float, a string, or a list of ints. */
export type AttributeValue = { int: number } | { float: number } | { string: string } | { ints: readonly number[] };

/** The ONNX opset the exporter targets. */
export const OPSET = 13;
/** IR version 7: the first that opset 13 runtimes accept and the oldest that is enough. */
const IR_VERSION = 7;

interface AttributeMessage {
  name: string;
  type: number;
  i?: number;
  f?: number;
  s?: Uint8Array;
  ints?: number[];
}

interface TensorMessage {
  name: string;
  dims: number[];
  dataType: number;
  rawData: Uint8Array;
}

interface NodeMessage {
  name: string;
  opType: string;
  input: string[];
  output: string[];
  attribute: AttributeMessage[];
}

interface ValueInfoMessage {
  name: string;
  type: { tensorType: { elemType: number; shape: { dim: ({ dimValue: number } | { dimParam: string })[] } } };
}

function attribute(name: string, value: AttributeValue): AttributeMessage {
  if ('int' in value) return { name, type: AttributeType.INT, i: value.int };
  if ('float' in value) return { name, type: AttributeType.FLOAT, f: value.float };
  if ('string' in value) return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value.string) };
  return { name, type: AttributeType.INTS, ints: [...value.ints] };
}

function littleEndianFloats(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return out;
}

function littleEndianInt64s(values: readonly number[]): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setBigInt64(i * 8, BigInt(values[i]), true);
  return out;
}

/** A graph under construction. Names are made unique; nodes are kept in the order added (topological). */
export class GraphBuilder {
  private readonly nodes: NodeMessage[] = [];
  private readonly initializers: TensorMessage[] = [];
  private readonly used = new Set<string>();

  /** A value name based on `hint` that no other value or node uses yet. */
  unique(hint: string): string {
    const base = hint.replace(/[^A-Za-z0-9_./:-]/g, '_') || 'value';
    let name = base;
    for (let k = 1; this.used.has(name); k++) name = `${base}_${k}`;
    this.used.add(name);
    return name;
  }

  /**
   * Adds a float32 constant and returns its name.
   *
   * @param hint - Base of the name, e.g. `conv2d_1/kernel`.
   * @param dims - Its shape.
   * @param values - Row-major values (`dims`' product of them).
   */
  addFloat(hint: string, dims: readonly number[], values: Float32Array): string {
    const name = this.unique(hint);
    this.initializers.push({ name, dims: [...dims], dataType: DataType.FLOAT, rawData: littleEndianFloats(values) });
    return name;
  }

  /** Adds an int8 constant (quantized codes, zero points) and returns its name. */
  addInt8(hint: string, dims: readonly number[], values: Int8Array): string {
    const name = this.unique(hint);
    const rawData = new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
    this.initializers.push({ name, dims: [...dims], dataType: DataType.INT8, rawData });
    return name;
  }

  /** Adds an int64 constant (a shape, an axis list) and returns its name. */
  addInt64(hint: string, dims: readonly number[], values: readonly number[]): string {
    const name = this.unique(hint);
    this.initializers.push({ name, dims: [...dims], dataType: DataType.INT64, rawData: littleEndianInt64s(values) });
    return name;
  }

  /**
   * Adds a node and returns the name of its (single) output.
   *
   * @param opType - The ONNX operator, e.g. `Conv`.
   * @param inputs - Names of its inputs, in the operator's order.
   * @param hint - Base of the node and output names.
   * @param attributes - Its attributes.
   * @param exact - Name the output `hint` itself (a name reserved earlier with `unique`).
   */
  node(
    opType: string,
    inputs: readonly string[],
    hint: string,
    attributes: Record<string, AttributeValue> = {},
    exact = false,
  ): string {
    const output = exact ? hint : this.unique(hint);
    this.nodes.push({
      name: output,
      opType,
      input: [...inputs],
      output: [output],
      attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v)),
    });
    return output;
  }

  /**
   * Encodes the graph as a `ModelProto`.
   *
   * @param spec - The graph input and output (float32, `null` dimensions become the symbolic `batch`), names and metadata.
   * @returns The serialised model.
   */
  encode(spec: {
    graphName: string;
    input: { name: string; shape: readonly (number | null)[] };
    output: { name: string; shape: readonly (number | null)[] };
    producerVersion: string;
    docString?: string;
  }): Uint8Array {
    const info = (name: string, shape: readonly (number | null)[]): ValueInfoMessage => ({
      name,
      type: {
        tensorType: {
          elemType: DataType.FLOAT,
          shape: { dim: shape.map((d) => (d === null ? { dimParam: 'batch' } : { dimValue: d })) },
        },
      },
    });
    const Model = modelProto();
    const message = Model.fromObject({
      irVersion: IR_VERSION,
      producerName: 'convkit',
      producerVersion: spec.producerVersion,
      docString: spec.docString ?? '',
      opsetImport: [{ domain: '', version: OPSET }],
      graph: {
        name: spec.graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: [info(spec.input.name, spec.input.shape)],
        output: [info(spec.output.name, spec.output.shape)],
      },
    });
    // A plain Uint8Array of its own (protobufjs hands out a Node Buffer, possibly a slice of a pool).
    return new Uint8Array(Model.encode(message).finish());
  }
}
