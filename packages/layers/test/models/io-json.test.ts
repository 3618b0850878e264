/**
 * Bounded JSON: deeply nested or oversized JSON in a model.json (text or an
 * object from a custom handler) is a SerializationError, never a RangeError
 * from a recursive walker; deep functional graphs are walked iteratively.
 */
import { numTensors, SerializationError, setSeed } from '@convkit/core';
import {
  checkJsonValue,
  Dense,
  fromArtifacts,
  Input,
  type LayersModel,
  loadModel,
  MAX_JSON_DEPTH,
  Model,
  type ModelArtifacts,
  modelFromConfig,
  parseJson,
  ReLU,
  Sequential,
  type Serialized,
  toArtifacts,
} from '@convkit/layers';
import { describe, expect, it } from 'vitest';

/** `[[[…]]]` nested `depth` levels, as text. */
function deepText(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** `{ a: { a: … } }` nested `depth` levels, built without recursion. */
function deepObject(depth: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let node = root;
  for (let i = 1; i < depth; i++) {
    const next: Record<string, unknown> = {};
    node.a = next;
    node = next;
  }
  return root;
}

async function artifacts(): Promise<ModelArtifacts> {
  setSeed(1);
  const model = new Sequential({ layers: [new Dense({ units: 2, inputShape: [3], activation: 'relu' })] });
  const a = await toArtifacts(model);
  model.dispose();
  return a;
}

async function expectSerializationError(fn: () => unknown, message: RegExp): Promise<void> {
  const before = numTensors();
  let error: unknown;
  try {
    const m = await fn();
    (m as LayersModel | undefined)?.dispose?.();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SerializationError);
  expect((error as Error).message).toMatch(message);
  expect(numTensors()).toBe(before);
}

describe('parseJson and checkJsonValue', () => {
  it('accept nesting up to MAX_JSON_DEPTH and refuse one level more, naming the path', () => {
    expect(MAX_JSON_DEPTH).toBe(64);
    expect(parseJson(`{"x": ${deepText(63)}}`, 'f.json')).toBeDefined();
    expect(() => parseJson(`{"x": ${deepText(64)}}`, 'f.json')).toThrow(
      /f\.json is nested more than 64 levels deep at \$\.x(\[0\]){7}…\(54 more\)…\[0\]\[0\]$/,
    );
    expect(() => parseJson(deepText(100_000), 'f.json')).toThrow(SerializationError);
  });

  it('refuse non-finite numbers, oversized text, too many values and what is not JSON data', () => {
    expect(() => parseJson('{"lr": -1e999}', 'm.json')).toThrow(
      /m\.json holds the non-finite number -Infinity at \$\.lr/,
    );
    expect(() => parseJson('[1, 2, 3]', 'm.json', { maxChars: 5 })).toThrow(/9 characters long, more than the 5/);
    expect(() => parseJson('[1, 2, 3]', 'm.json', { maxValues: 3 })).toThrow(/more than 3 values/);
    expect(() => parseJson('{"a": ', 'm.json')).toThrow(/m\.json is not valid JSON/);
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    expect(() => checkJsonValue(cyclic, 'v')).toThrow(/nested more than 64 levels/);
    // A shared sub-object at every level: 2^64 paths, bounded by the value count.
    let shared: Record<string, unknown> = {};
    for (let i = 0; i < 60; i++) shared = { l: shared, r: shared };
    expect(() => checkJsonValue(shared, 'v', { maxValues: 10_000 })).toThrow(/more than 10000 values/);
    expect(() => checkJsonValue({ a: 1n }, 'v')).toThrow(/v holds a bigint, which is not JSON data at \$\.a/);
    expect(() => checkJsonValue({ a: [new Map()] }, 'v')).toThrow(/Map object, which is not JSON data at \$\.a\[0\]/);
    expect(() => checkJsonValue({ a: Number.NaN }, 'v')).toThrow(/non-finite number NaN/);
    const throwing = Object.defineProperty({}, 'x', {
      enumerable: true,
      get() {
        throw new TypeError('boom');
      },
    });
    expect(() => checkJsonValue(throwing, 'v')).toThrow(/v cannot be read as JSON data: boom/);
    expect(() => checkJsonValue({ a: undefined, b: [1, 'x', null, true] }, 'v')).not.toThrow();
  });
});

describe('deep nesting in model.json', () => {
  const places: [string, (json: string) => string][] = [
    ['the layer list', (j) => j.replace('"layers":[', `"layers":[${deepText(50_000)},`)],
    ['a layer option', (j) => j.replace('"units":2', `"units":${deepText(50_000)}`)],
    ['the manifest', (j) => j.replace('"weightsManifest":[', `"weightsManifest":[${deepText(50_000)},`)],
    ['an unknown top-level field', (j) => j.replace('"generatedBy"', `"extra":${deepText(50_000)},"generatedBy"`)],
    [
      'the training section',
      (j) => j.replace('"generatedBy"', `"training":{"loss":"mse","metrics":[${deepText(50_000)}]},"generatedBy"`),
    ],
  ];
  for (const [label, mutate] of places) {
    it(`in ${label} is a SerializationError`, async () => {
      const a = await artifacts();
      const text = mutate(JSON.stringify(a.modelJson));
      expect(text.length).toBeGreaterThan(100_000);
      await expectSerializationError(
        () => fromArtifacts({ modelJson: text, weights: a.weights }),
        /model\.json is nested more than 64 levels deep/,
      );
      // The same value already parsed, as a custom load handler may return it.
      await expectSerializationError(
        () => loadModel({ load: async () => ({ modelJson: JSON.parse(text), weights: a.weights }) }),
        /model\.json is nested more than 64 levels deep/,
      );
    });
  }

  it('a deep or cyclic topology object given to modelFromConfig is a SerializationError', async () => {
    const a = await artifacts();
    const topology = structuredClone(a.modelJson.topology);
    (topology.config.layers as Serialized[])[0].config.kernelInitializer = deepObject(100_000);
    await expectSerializationError(() => modelFromConfig(topology), /model config topology is nested more than 64/);
    const cyclic = structuredClone(a.modelJson.topology);
    cyclic.config.self = cyclic;
    await expectSerializationError(() => modelFromConfig(cyclic), /nested more than 64 levels/);
  });
});

describe('deep functional graphs', () => {
  it('a chain of 16 000 layers (deeper than the call stack) is built, saved and rebuilt without recursion', async () => {
    const x = Input({ shape: [2] });
    let y = x;
    for (let i = 0; i < 16_000; i++) y = new ReLU().apply(y);
    const model = new Model({ inputs: x, outputs: new Dense({ units: 1 }).apply(y) });
    expect(model.layers.length).toBe(16_002);
    const a = await toArtifacts(model);
    const copy = fromArtifacts({ modelJson: JSON.stringify(a.modelJson), weights: a.weights });
    expect(copy.layers.length).toBe(16_002);
    copy.dispose();
    model.dispose();
  });
});
