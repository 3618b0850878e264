/**
 * Property-based tests of the `.ckz` loader (readCompressedHeader,
 * decodeCompressed): raw byte flips and truncation, and — re-packed with valid
 * lengths and CRC so they reach the parsers — any JSON value substituted
 * anywhere in the header, header byte flips and payload byte flips give a
 * result or a ConvkitError subclass, never another error, leak no tensor and
 * stay within bounded time and memory.
 */
import {
  COMPRESSED_MAGIC,
  decodeCompressed,
  type EncodeCompressedOptions,
  encodeCompressed,
  readCompressedHeader,
} from '@convkit/compress';
import { ConvkitError, crc32, numTensors, setSeed, tensor } from '@convkit/core';
import { Conv2D, Dense, Flatten, Sequential } from '@convkit/layers';
import { Adam } from '@convkit/optim';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { hostileValue, substitute } from '../../layers/test/models/json-fuzz';

const MAX_MS = 2000;
const MAX_NEW_BYTES = 256 * 2 ** 20;

/** A file split into its header text and payload. */
interface Parts {
  header: string;
  payload: Uint8Array;
}

let files: Uint8Array[];
let parts: Parts[];

beforeAll(async () => {
  setSeed(5);
  const model = new Sequential({
    layers: [
      new Conv2D({ filters: 3, kernelSize: 2, inputShape: [4, 4, 1], activation: 'relu' }),
      new Flatten(),
      new Dense({ units: 2 }),
    ],
  });
  model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'mse' });
  // Kernels on a grid of 0.25 with zeros: few distinct values, so clustering and sparsity apply.
  const values = model.getWeights();
  const gridded = values.map((t, i) => {
    const v = Float32Array.from(t.dataSync(), (x, j) => (j % 3 === 0 ? 0 : Math.round(x * 8) / 4 + 0.25 * (i + 1)));
    return tensor(v, t.shape, 'float32');
  });
  model.setWeights(gridded);
  for (const t of [...values, ...gridded]) t.dispose();
  const options: EncodeCompressedOptions[] = [
    {},
    { weights: 'int8', sparse: true },
    { weights: 'float16', sparse: false },
    { clustered: true, sparse: true },
  ];
  files = [];
  for (const o of options) files.push(await encodeCompressed(model, o));
  model.dispose();
  parts = files.map(split);
});

function split(bytes: Uint8Array): Parts {
  const h = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  return {
    header: new TextDecoder().decode(bytes.subarray(12, 12 + h)),
    payload: bytes.slice(12 + h, bytes.length - 4),
  };
}

/** Magic, header length, header, payload and a valid CRC. */
function pack(header: Uint8Array, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + header.length + payload.length + 4);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(COMPRESSED_MAGIC), 0);
  view.setUint32(8, header.length, true);
  out.set(header, 12);
  out.set(payload, 12 + header.length);
  view.setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)), true);
  return out;
}

/** Both readers accept `bytes` or throw a ConvkitError; no tensor leaks; bounded time and memory. */
function decodesOrRefuses(bytes: Uint8Array): void {
  const tensors = numTensors();
  const memory = process.memoryUsage().arrayBuffers;
  const t0 = performance.now();
  for (const read of [() => readCompressedHeader(bytes), () => decodeCompressed(bytes).model.dispose()]) {
    try {
      read();
    } catch (e) {
      if (!(e instanceof ConvkitError)) throw new Error(`not a ConvkitError: ${String(e)}`, { cause: e });
    }
  }
  expect(numTensors()).toBe(tensors);
  expect(performance.now() - t0).toBeLessThan(MAX_MS);
  expect(process.memoryUsage().arrayBuffers - memory).toBeLessThan(MAX_NEW_BYTES);
}

const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 });

describe('.ckz loader properties', () => {
  it('raw byte flips, truncation and extension: a result or a ConvkitError', () => {
    fc.assert(
      fc.property(fc.nat(), flips, fc.integer({ min: -40, max: 40 }), (fileIndex, changes, resize) => {
        const file = files[fileIndex % files.length];
        const size = Math.max(0, file.length + resize);
        const bytes = new Uint8Array(size);
        bytes.set(file.subarray(0, size));
        for (const [at, value] of changes) if (size > 0) bytes[at % size] = value;
        decodesOrRefuses(bytes);
      }),
      { numRuns: 150 },
    );
  });

  it('any JSON values at any paths of the header (valid CRC): a result or a ConvkitError', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), hostileValue), { minLength: 1, maxLength: 3 }),
        (fileIndex, edits) => {
          const p = parts[fileIndex % parts.length];
          decodesOrRefuses(pack(new TextEncoder().encode(substitute(p.header, edits)), p.payload));
        },
      ),
      { numRuns: 250 },
    );
  });

  it('header byte flips and truncation (valid CRC): a result or a ConvkitError', () => {
    fc.assert(
      fc.property(fc.nat(), flips, fc.option(fc.nat(), { nil: undefined }), (fileIndex, changes, cut) => {
        const p = parts[fileIndex % parts.length];
        let header = new TextEncoder().encode(p.header);
        for (const [at, value] of changes) header[at % header.length] = value;
        if (cut !== undefined) header = header.subarray(0, cut % header.length);
        decodesOrRefuses(pack(header, p.payload));
      }),
      { numRuns: 150 },
    );
  });

  it('payload byte flips and resizing (valid CRC): a result or a ConvkitError', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        flips,
        fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -8, max: 8 }) }),
        (fileIndex, changes, resize) => {
          const p = parts[fileIndex % parts.length];
          const size = Math.max(0, p.payload.length + resize);
          const payload = new Uint8Array(size);
          payload.set(p.payload.subarray(0, size));
          for (const [at, value] of changes) if (size > 0) payload[at % size] = value;
          decodesOrRefuses(pack(new TextEncoder().encode(p.header), payload));
        },
      ),
      { numRuns: 200 },
    );
  });
});
