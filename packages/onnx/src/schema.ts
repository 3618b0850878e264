/**
 * The messages of the official `onnx.proto` (onnx/onnx, `onnx/onnx.proto`) that an
 * exported inference graph uses, as a protobufjs JSON descriptor: the same
 * message names, field names, numbers and types as the official file, loaded
 * with `Root.fromJSON` so that protobufjs does every encoding (no hand-made
 * wire format here). Fields convkit never writes (sparse tensors, training
 * info, sequence and map types, ...) are left out; a decoder skips them.
 */
import protobuf from 'protobufjs/light.js';

const opt = (type: string, id: number) => ({ type, id });
const rep = (type: string, id: number) => ({ rule: 'repeated', type, id });

const DESCRIPTOR = {
  nested: {
    onnx: {
      nested: {
        AttributeProto: {
          fields: {
            name: opt('string', 1),
            docString: opt('string', 13),
            type: opt('AttributeType', 20),
            f: opt('float', 2),
            i: opt('int64', 3),
            s: opt('bytes', 4),
            t: opt('TensorProto', 5),
            floats: rep('float', 7),
            ints: rep('int64', 8),
            strings: rep('bytes', 9),
          },
          nested: {
            AttributeType: {
              values: {
                UNDEFINED: 0,
                FLOAT: 1,
                INT: 2,
                STRING: 3,
                TENSOR: 4,
                GRAPH: 5,
                FLOATS: 6,
                INTS: 7,
                STRINGS: 8,
              },
            },
          },
        },
        ValueInfoProto: {
          fields: { name: opt('string', 1), type: opt('TypeProto', 2), docString: opt('string', 3) },
        },
        NodeProto: {
          fields: {
            input: rep('string', 1),
            output: rep('string', 2),
            name: opt('string', 3),
            opType: opt('string', 4),
            domain: opt('string', 7),
            attribute: rep('AttributeProto', 5),
            docString: opt('string', 6),
          },
        },
        ModelProto: {
          fields: {
            irVersion: opt('int64', 1),
            opsetImport: rep('OperatorSetIdProto', 8),
            producerName: opt('string', 2),
            producerVersion: opt('string', 3),
            domain: opt('string', 4),
            modelVersion: opt('int64', 5),
            docString: opt('string', 6),
            graph: opt('GraphProto', 7),
            metadataProps: rep('StringStringEntryProto', 14),
          },
        },
        StringStringEntryProto: {
          fields: { key: opt('string', 1), value: opt('string', 2) },
        },
        GraphProto: {
          fields: {
            node: rep('NodeProto', 1),
            name: opt('string', 2),
            initializer: rep('TensorProto', 5),
            docString: opt('string', 10),
            input: rep('ValueInfoProto', 11),
            output: rep('ValueInfoProto', 12),
            valueInfo: rep('ValueInfoProto', 13),
          },
        },
        TensorProto: {
          fields: {
            dims: rep('int64', 1),
            dataType: opt('int32', 2),
            name: opt('string', 8),
            docString: opt('string', 12),
            rawData: opt('bytes', 9),
          },
        },
        TensorShapeProto: {
          fields: { dim: rep('Dimension', 1) },
          nested: {
            Dimension: {
              oneofs: { value: { oneof: ['dimValue', 'dimParam'] } },
              fields: { dimValue: opt('int64', 1), dimParam: opt('string', 2), denotation: opt('string', 3) },
            },
          },
        },
        TypeProto: {
          oneofs: { value: { oneof: ['tensorType'] } },
          fields: { tensorType: opt('Tensor', 1), denotation: opt('string', 6) },
          nested: {
            Tensor: { fields: { elemType: opt('int32', 1), shape: opt('TensorShapeProto', 2) } },
          },
        },
        OperatorSetIdProto: {
          fields: { domain: opt('string', 1), version: opt('int64', 2) },
        },
      },
    },
  },
};

let root: protobuf.Root | undefined;

/** The `onnx.ModelProto` message type (the descriptor is loaded on first use). */
export function modelProto(): protobuf.Type {
  root ??= protobuf.Root.fromJSON(DESCRIPTOR);
  return root.lookupType('onnx.ModelProto');
}

/** `TensorProto.DataType` values used by the exporter. */
export const DataType = { FLOAT: 1, INT8: 3, INT64: 7 } as const;

/** `AttributeProto.AttributeType` values used by the exporter. */
export const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7 } as const;
