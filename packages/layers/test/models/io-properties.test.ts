/**
 * Property-based tests of the model.json and weights loaders: whatever
 * happens to a valid checkpoint (byte flips, truncation, any JSON value —
 * huge numbers, hostile names, deep nesting — substituted anywhere in
 * model.json, given as text or as an object), `fromArtifacts` returns a model
 * or throws a ConvkitError subclass, never another error, leaks no tensor and
 * stays within bounded time and memory.
 */
import { ConvkitError, numTensors, setSeed } from '@convkit/core';
import {
  Add,
  BatchNormalization,
  Conv2D,
  Dense,
  Flatten,
  fromArtifacts,
  Input,
  type LayersModel,
  Model,
  type ModelArtifacts,
  Sequential,
  toArtifacts,
  withWeightChecksums,
} from '@convkit/layers';
import { Adam } from '@convkit/optim';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { hostileValue, substitute } from './json-fuzz';

/** Per-run bounds: a tiny checkpoint must be accepted or refused quickly and without big allocations. */
const MAX_MS = 2000;
const MAX_NEW_BYTES = 256 * 2 ** 20;

let bases: { json: string; weights: Uint8Array }[];

beforeAll(async () => {
  setSeed(21);
  const seq = new Sequential({
    layers: [
      new Conv2D({ filters: 2, kernelSize: 3, inputShape: [5, 5, 1], activation: 'relu' }),
      new BatchNormalization(),
      new Flatten(),
      new Dense({ units: 3, kernelRegularizer: 'l2' }),
    ],
  });
  seq.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy', metrics: ['acc'] });
  const x = Input({ shape: [4] });
  const h = new Dense({ units: 4, activation: 'relu' }).apply(x);
  const fn = new Model({ inputs: x, outputs: new Dense({ units: 2 }).apply(new Add().apply([x, h])) });
  bases = [];
  for (const m of [seq, fn] as LayersModel[]) {
    const a: ModelArtifacts = withWeightChecksums(await toArtifacts(m));
    bases.push({ json: JSON.stringify(a.modelJson), weights: new Uint8Array(a.weights) });
    m.dispose();
  }
});

/** Loads, then disposes; any failure must be a ConvkitError; no tensor leaks; bounded time and memory. */
function loadsOrRefuses(modelJson: unknown, weights: Uint8Array): void {
  const tensors = numTensors();
  const bytes = process.memoryUsage().arrayBuffers;
  const t0 = performance.now();
  try {
    fromArtifacts({ modelJson, weights }).dispose();
  } catch (e) {
    if (!(e instanceof ConvkitError)) throw new Error(`not a ConvkitError: ${String(e)}`, { cause: e });
  }
  expect(numTensors()).toBe(tensors);
  expect(performance.now() - t0).toBeLessThan(MAX_MS);
  expect(process.memoryUsage().arrayBuffers - bytes).toBeLessThan(MAX_NEW_BYTES);
}

describe('model.json loader properties', () => {
  it('any JSON values at any paths, as text or object: a model or a ConvkitError', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), hostileValue), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (baseIndex, edits, asObject) => {
          const base = bases[baseIndex % bases.length];
          const text = substitute(base.json, edits);
          loadsOrRefuses(asObject ? JSON.parse(text) : text, base.weights);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('byte flips and truncation of model.json: a model or a ConvkitError', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(), { nil: undefined }),
        (baseIndex, flips, cut) => {
          const base = bases[baseIndex % bases.length];
          let bytes = new TextEncoder().encode(base.json);
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          if (cut !== undefined) bytes = bytes.subarray(0, cut % bytes.length);
          loadsOrRefuses(new TextDecoder().decode(bytes), base.weights);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('weights loader properties', () => {
  it('byte flips, truncation and extension of weights.bin: a model or a ConvkitError', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -64, max: 64 }) }),
        fc.boolean(),
        (baseIndex, flips, resize, stripChecksums) => {
          const base = bases[baseIndex % bases.length];
          const size = Math.max(0, base.weights.length + resize);
          const bytes = new Uint8Array(size);
          bytes.set(base.weights.subarray(0, size));
          for (const [at, value] of flips) if (size > 0) bytes[at % size] = value;
          // Without checksums (older files) the flipped values themselves reach the decoder.
          const json = stripChecksums ? base.json.replace(/,"crc32":\d+/g, '') : base.json;
          loadsOrRefuses(json, bytes);
        },
      ),
      { numRuns: 200 },
    );
  });
});
