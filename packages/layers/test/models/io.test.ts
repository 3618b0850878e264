import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigError,
  numTensors,
  ops,
  randomNormal,
  randomUniform,
  SerializationError,
  setSeed,
  type Tensor,
  tensor1d,
  tidy,
} from '@convkit/core';
import {
  Add,
  BatchNormalization,
  browserFiles,
  Conv2D,
  Dense,
  Flatten,
  fromArtifacts,
  Input,
  type LayersModel,
  loadModel,
  MaxPool2D,
  Model,
  type ModelArtifacts,
  Sequential,
  saveModel,
  toArtifacts,
} from '@convkit/layers';
import { Adam } from '@convkit/optim';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileHandlerTestHooks } from '../../src/models/io/file-handler';

let root: string;
const disposables: { dispose(): void }[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'convkit-io-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
  fileHandlerTestHooks.onStage = undefined;
});

function cnn(): Sequential {
  const model = new Sequential({
    layers: [
      new Conv2D({ filters: 4, kernelSize: 3, inputShape: [8, 8, 1] }),
      new MaxPool2D({ poolSize: 2 }),
      new Flatten(),
      new Dense({ units: 3 }),
    ],
  });
  disposables.push(model);
  return model;
}

function residual(): Model {
  const input = Input({ shape: [8, 8, 1] });
  const stem = new Conv2D({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(input);
  const branch = new Conv2D({ filters: 4, kernelSize: 3, padding: 'same' }).apply(stem);
  const merged = new Add().apply([stem, branch]);
  const out = new Dense({ units: 3 }).apply(new Flatten().apply(merged));
  const model = new Model({ inputs: input, outputs: out, name: 'res' });
  disposables.push(model);
  return model;
}

let seq = 0;
function freshDir(): string {
  seq += 1;
  return join(root, `ckpt-${seq}`);
}

async function maxAbsDiff(a: Tensor, b: Tensor): Promise<number> {
  const d = tidy(() => ops.max(ops.abs(ops.sub(a, b))));
  const v = (await d.data())[0];
  d.dispose();
  return v;
}

/** Predictions and every weight of `b` equal those of `a`, exactly. */
async function expectSameModel(a: LayersModel, b: LayersModel): Promise<void> {
  expect(b.weights.map((w) => w.name)).toEqual(a.weights.map((w) => w.name));
  for (let i = 0; i < a.weights.length; i++) {
    expect(Array.from(await b.weights[i].variable.data())).toEqual(Array.from(await a.weights[i].variable.data()));
  }
  const x = randomUniform([5, 8, 8, 1]);
  const pa = a.predict(x);
  const pb = b.predict(x);
  expect(await maxAbsDiff(pa, pb)).toBe(0);
  for (const t of [x, pa, pb]) t.dispose();
}

/** Runs `fn`, expects a SerializationError matching `message` and no tensor left behind. */
async function expectLoadFails(fn: () => unknown, message: RegExp): Promise<void> {
  const before = numTensors();
  let error: unknown;
  try {
    const m = await fn();
    if (m && typeof (m as LayersModel).dispose === 'function') (m as LayersModel).dispose();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SerializationError);
  expect((error as Error).message).toMatch(message);
  expect(numTensors()).toBe(before);
}

/** Artifacts of a fresh CNN, as a deep-copyable pair. */
async function cnnArtifacts(): Promise<ModelArtifacts> {
  setSeed(1);
  return toArtifacts(cnn());
}

function cloneArtifacts(a: ModelArtifacts): ModelArtifacts {
  return { modelJson: structuredClone(a.modelJson), weights: a.weights.slice(0) };
}

describe('round trips', () => {
  it('Sequential CNN through a directory: same predictions and weights, no leak', async () => {
    setSeed(3);
    const model = cnn();
    const dir = freshDir();
    const before = numTensors();
    await saveModel(model, dir);
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'weights.bin']);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(json).toMatchObject({ format: 'convkit-model', version: 1, generatedBy: 'convkit' });
    expect(json.topology.className).toBe('Sequential');
    expect((await readFile(join(dir, 'weights.bin'))).byteLength).toBe(model.countParams() * 4);
    const loaded = await loadModel(dir);
    await expectSameModel(model, loaded);
    expect(loaded.savedTrainingConfig).toBeUndefined();
    loaded.dispose();
    expect(numTensors()).toBe(before);
    // no temp/old siblings left behind
    expect((await readdir(root)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('functional residual model in memory and through a file:// URL', async () => {
    setSeed(5);
    const model = residual();
    const artifacts = await toArtifacts(model);
    expect(artifacts.modelJson.topology.className).toBe('Model');
    expect(artifacts.modelJson.weightsManifest.map((e) => e.offset)).toEqual(
      artifacts.modelJson.weightsManifest.reduce<number[]>((acc, _e, i) => {
        acc.push(i === 0 ? 0 : acc[i - 1] + artifacts.modelJson.weightsManifest[i - 1].byteLength);
        return acc;
      }, []),
    );
    const inMemory = fromArtifacts(artifacts);
    disposables.push(inMemory);
    await expectSameModel(model, inMemory);

    const url = pathToFileURL(freshDir()).href;
    await saveModel(model, url);
    const fromFile = await loadModel(url);
    disposables.push(fromFile);
    await expectSameModel(model, fromFile);
  });

  it('BatchNormalization moving statistics and the training config survive', async () => {
    setSeed(9);
    const model = new Sequential({
      layers: [
        new Conv2D({ filters: 2, kernelSize: 3, inputShape: [8, 8, 1] }),
        new BatchNormalization(),
        new Flatten(),
        new Dense({ units: 2 }),
      ],
    });
    disposables.push(model);
    model.compile({
      optimizer: new Adam({ learningRate: 0.01 }),
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
    });
    const x = randomNormal([16, 8, 8, 1], 3, 2);
    const y = tensor1d([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1], 'int32');
    await model.fit(x, y, { epochs: 2, batchSize: 8 });
    x.dispose();
    y.dispose();
    const mean = model.weights.find((w) => /moving_mean/.test(w.name));
    expect(mean).toBeDefined();
    expect(Array.from(await mean!.variable.data()).some((v) => v !== 0)).toBe(true);

    const dir = freshDir();
    await saveModel(model, dir);
    const loaded = await loadModel(dir);
    disposables.push(loaded);
    await expectSameModel(model, loaded);
    expect(loaded.savedTrainingConfig).toMatchObject({
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
      optimizer: { className: expect.any(String) },
    });
    expect(loaded.optimizer).toBeUndefined();
  });

  it('custom save/load handlers receive and return the artifacts', async () => {
    setSeed(2);
    const model = cnn();
    let stored: ModelArtifacts | undefined;
    await saveModel(model, {
      save: async (a) => {
        stored = a;
      },
    });
    expect(stored?.modelJson.format).toBe('convkit-model');
    const loaded = await loadModel({ load: async () => stored! });
    disposables.push(loaded);
    await expectSameModel(model, loaded);
    // browserFiles reads Blobs (the downloads:// pair)
    const fromBlobs = await loadModel(
      browserFiles(new Blob([JSON.stringify(stored!.modelJson)]), new Blob([stored!.weights])),
    );
    disposables.push(fromBlobs);
    await expectSameModel(model, fromBlobs);
  });

  it('downloads:// clicks two <a download> links; unknown schemes are ConfigErrors', async () => {
    const model = cnn();
    const clicked: string[] = [];
    const doc = {
      body: { appendChild: () => undefined },
      createElement: () => {
        const a = { href: '', download: '', style: {}, click: () => clicked.push(a.download), remove: () => undefined };
        return a;
      },
    };
    vi.stubGlobal('document', doc);
    try {
      await saveModel(model, 'downloads://my-net');
    } finally {
      vi.unstubAllGlobals();
    }
    expect(clicked).toEqual(['my-net.json', 'my-net.weights.bin']);
    await expect(saveModel(model, 'ftp://x')).rejects.toBeInstanceOf(ConfigError);
    await expect(loadModel('downloads://my-net')).rejects.toBeInstanceOf(ConfigError);
    await expect(saveModel(model, 'indexeddb://x')).rejects.toThrow(/IndexedDB/);
  });
});

describe('validation', () => {
  it('rejects corrupt JSON, a missing or wrong format and an unknown version', async () => {
    const base = await cnnArtifacts();
    const dir = freshDir();
    await saveModel(cnn(), dir);
    await writeFile(join(dir, 'model.json'), '{"format": "convkit-model", "version": 1, ');
    await expectLoadFails(() => loadModel(dir), /model\.json is not valid JSON/);

    const noFormat = cloneArtifacts(base);
    delete (noFormat.modelJson as Partial<typeof noFormat.modelJson>).format;
    await expectLoadFails(() => fromArtifacts(noFormat), /no 'format' field/);
    const wrong = cloneArtifacts(base);
    (wrong.modelJson as { format: string }).format = 'keras';
    await expectLoadFails(() => fromArtifacts(wrong), /unknown format "keras"/);
    const v2 = cloneArtifacts(base);
    (v2.modelJson as { version: number }).version = 2;
    await expectLoadFails(() => fromArtifacts(v2), /Unsupported convkit-model version 2/);
  });

  it('rejects an unknown layer class before building anything', async () => {
    const a = cloneArtifacts(await cnnArtifacts());
    const layers = a.modelJson.topology.config.layers as { className: string }[];
    layers[layers.length - 1].className = 'FancyDense';
    await expectLoadFails(() => fromArtifacts(a), /unknown layer class 'FancyDense'/);
  });

  it('rejects truncated and over-long weights.bin files', async () => {
    setSeed(4);
    const model = cnn();
    const dir = freshDir();
    await saveModel(model, dir);
    const bytes = await readFile(join(dir, 'weights.bin'));
    await writeFile(join(dir, 'weights.bin'), bytes.subarray(0, bytes.byteLength - 10));
    await expectLoadFails(() => loadModel(dir), /truncated/);
    await writeFile(join(dir, 'weights.bin'), Buffer.concat([bytes, Buffer.alloc(8)]));
    await expectLoadFails(() => loadModel(dir), /8 trailing bytes/);
    await writeFile(join(dir, 'weights.bin'), bytes);
    const ok = await loadModel(dir);
    disposables.push(ok);
    await expectSameModel(model, ok);
    await expectLoadFails(() => loadModel(dir, { maxBytes: 100 }), /maxBytes = 100/);
    await expectLoadFails(() => loadModel(join(root, 'does-not-exist')), /does not exist/);
  });

  it('rejects absurd sizes fast, before allocating anything', async () => {
    const base = await cnnArtifacts();
    const huge = cloneArtifacts(base);
    const e0 = huge.modelJson.weightsManifest[0];
    e0.shape = [2 ** 20, 2 ** 20];
    e0.byteLength = 2 ** 42;
    const t0 = performance.now();
    await expectLoadFails(() => fromArtifacts(huge), /more than 2\^28 elements/);
    expect(performance.now() - t0).toBeLessThan(200);

    const negative = cloneArtifacts(base);
    negative.modelJson.weightsManifest[1].shape = [-4];
    await expectLoadFails(() => fromArtifacts(negative), /invalid dimension -4/);
    const fractional = cloneArtifacts(base);
    fractional.modelJson.weightsManifest[1].shape = [1.5];
    await expectLoadFails(() => fromArtifacts(fractional), /invalid dimension 1\.5/);
    const badLength = cloneArtifacts(base);
    badLength.modelJson.weightsManifest[1].byteLength += 4;
    await expectLoadFails(() => fromArtifacts(badLength), /byteLength 20 but shape \[4\] needs 16 bytes/);
    await expectLoadFails(() => fromArtifacts(base, { maxBytes: 64 }), /more than maxBytes = 64/);
    const overlap = cloneArtifacts(base);
    overlap.modelJson.weightsManifest[1].offset -= 4;
    await expectLoadFails(() => fromArtifacts(overlap), /overlaps/);
  });

  it('rejects manifests that disagree with the rebuilt model', async () => {
    const base = await cnnArtifacts();
    const swapped = cloneArtifacts(base);
    const kernel = swapped.modelJson.weightsManifest[2]; // dense kernel [36, 3]
    expect(kernel.shape).toEqual([36, 3]);
    kernel.shape = [3, 36];
    await expectLoadFails(
      () => fromArtifacts(swapped),
      /has shape \[3, 36\] in the manifest but \[36, 3\] in the topology/,
    );

    const renamed = cloneArtifacts(base);
    renamed.modelJson.weightsManifest[0].name = 'other/kernel';
    await expectLoadFails(() => fromArtifacts(renamed), /weightsManifest\[0\] is 'other\/kernel'/);

    const fewer = cloneArtifacts(base);
    const last = fewer.modelJson.weightsManifest.pop()!;
    fewer.weights = fewer.weights.slice(0, last.offset);
    await expectLoadFails(() => fromArtifacts(fewer), /lists 3 weights but its topology builds 4/);
  });

  it('rejects NaN weights by name unless allowNonFinite', async () => {
    const a = cloneArtifacts(await cnnArtifacts());
    const entry = a.modelJson.weightsManifest[2];
    new Float32Array(a.weights, entry.offset, 4)[3] = Number.NaN;
    await expectLoadFails(
      () => fromArtifacts(a),
      new RegExp(`Weight '${entry.name}' holds a non-finite value \\(NaN at flat index 3\\)`),
    );
    const loaded = fromArtifacts(a, { allowNonFinite: true });
    disposables.push(loaded);
    expect(Number.isNaN((await loaded.weights[2].variable.data())[3])).toBe(true);
  });

  it('validates what a custom load handler returns', async () => {
    const a = cloneArtifacts(await cnnArtifacts());
    const entry = a.modelJson.weightsManifest[3];
    new Float32Array(a.weights, entry.offset, 1)[0] = Number.POSITIVE_INFINITY;
    await expectLoadFails(() => loadModel({ load: async () => a }), /non-finite value \(Infinity/);
    await expectLoadFails(
      () => loadModel({ load: async () => ({ modelJson: 'nope', weights: new ArrayBuffer(0) }) }),
      /not valid JSON/,
    );
  });
});

describe('atomic save', () => {
  it('a failure midway keeps the old checkpoint; a successful overwrite replaces it', async () => {
    setSeed(11);
    const oldModel = cnn();
    setSeed(12);
    const newModel = cnn();
    const dir = freshDir();
    await saveModel(oldModel, dir);
    const oldJson = await readFile(join(dir, 'model.json'));
    const oldWeights = await readFile(join(dir, 'weights.bin'));

    for (const stage of ['afterWeights', 'afterModelJson', 'afterRenameAside'] as const) {
      fileHandlerTestHooks.onStage = (s) => {
        if (s === stage) throw new Error(`injected failure at ${s}`);
      };
      await expect(saveModel(newModel, dir)).rejects.toThrow(`injected failure at ${stage}`);
      expect(await readFile(join(dir, 'model.json'))).toEqual(oldJson);
      expect(await readFile(join(dir, 'weights.bin'))).toEqual(oldWeights);
      expect((await readdir(root)).filter((n) => n.startsWith('.'))).toEqual([]);
      const loaded = await loadModel(dir);
      await expectSameModel(oldModel, loaded);
      loaded.dispose();
    }
    fileHandlerTestHooks.onStage = undefined;

    await saveModel(newModel, dir);
    expect(await readFile(join(dir, 'weights.bin'))).not.toEqual(oldWeights);
    const loaded = await loadModel(dir);
    disposables.push(loaded);
    await expectSameModel(newModel, loaded);
    expect((await readdir(root)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('after a crash between the two renames, loadModel finds the old checkpoint aside', async () => {
    setSeed(13);
    const model = cnn();
    const dir = freshDir();
    await saveModel(model, dir);
    const aside = join(root, `.${dir.split(/[\\/]/).pop()}.old-crash`);
    await rename(dir, aside);
    const loaded = await loadModel(dir);
    disposables.push(loaded);
    await expectSameModel(model, loaded);
    await rm(aside, { recursive: true, force: true });
  });
});

describe('toJSON', () => {
  it('is the model.json of the artifacts, reads no weights and round-trips with the weight buffer', async () => {
    setSeed(14);
    const model = residual();
    disposables.push(model);
    const start = numTensors();
    const json = JSON.parse(JSON.stringify(model));
    expect(numTensors()).toBe(start);
    const artifacts = await toArtifacts(model);
    expect(json).toEqual(artifacts.modelJson);
    expect(json).toMatchObject({ format: 'convkit-model', version: 1, topology: { className: 'Model' } });
    const loaded = await fromArtifacts({ modelJson: JSON.stringify(json), weights: artifacts.weights });
    disposables.push(loaded);
    await expectSameModel(model, loaded);
  });
});
