// Loading the TensorFlow.js Layers format without TensorFlow.js: fixtures written by
// tfjs-layers 4.22 (test/fixtures/make-tfjs-fixtures.mjs) must predict what tfjs
// predicted, and corrupt or unsupported files must give a SerializationError.
import { cp, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, numTensors, SerializationError, type Tensor, tensor } from '@convkit/core';
import {
  Dense,
  fromTfjsArtifacts,
  type LayersModel,
  loadModel,
  loadTfjsModel,
  Model,
  Sequential,
  saveModel,
  toTfjsArtifacts,
} from '@convkit/layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const fixtures = fileURLToPath(new URL('../fixtures/tfjs/', import.meta.url));
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'convkit-tfjs-load-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

// biome-ignore lint/suspicious/noExplicitAny: the tests edit fixture JSON freely
type TfjsJson = any;

interface Expected {
  input: { shape: number[]; values: number[] };
  output: { shape: number[]; values: number[] };
}

async function expected(name: string): Promise<Expected> {
  return JSON.parse(await readFile(join(fixtures, name, 'expected.json'), 'utf8')) as Expected;
}

async function predictValues(
  model: LayersModel,
  input: Expected['input'],
): Promise<{ shape: number[]; values: Float32Array }> {
  const x = tensor(input.values, input.shape);
  const y = model.predict(x) as Tensor;
  const out = { shape: [...y.shape], values: (await y.data()) as Float32Array };
  x.dispose();
  y.dispose();
  return out;
}

function expectClose(actual: ArrayLike<number>, wanted: ArrayLike<number>, tol = 1e-5): void {
  expect(actual.length).toBe(wanted.length);
  let worst = 0;
  for (let i = 0; i < wanted.length; i++) worst = Math.max(worst, Math.abs(actual[i] - wanted[i]));
  expect(worst).toBeLessThan(tol);
}

/** A copy of a fixture folder that a test may damage. */
async function copyFixture(name: string): Promise<string> {
  const dir = await mkdtemp(join(root, `${name}-`));
  await cp(join(fixtures, name), dir, { recursive: true });
  return dir;
}

async function editJson(dir: string, edit: (json: TfjsJson) => void): Promise<void> {
  const file = join(dir, 'model.json');
  const json = JSON.parse(await readFile(file, 'utf8'));
  edit(json);
  await writeFile(file, JSON.stringify(json));
}

/** Loading `source` fails with a SerializationError whose message matches `message`, leaking no tensor. */
async function expectRefused(source: string, message: RegExp): Promise<void> {
  const before = numTensors();
  const err = await loadModel(source).then(
    (m) => {
      m.dispose();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SerializationError);
  expect((err as Error).message).toMatch(message);
  expect(numTensors()).toBe(before);
}

describe('TensorFlow.js fixtures load and predict as tfjs did', () => {
  it('a Sequential CNN in two shards (conv, BN, pooling, depthwise, separable, dense)', async () => {
    const want = await expected('sequential-cnn');
    const before = numTensors();
    const model = await loadModel(join(fixtures, 'sequential-cnn', 'model.json'));
    expect(model).toBeInstanceOf(Sequential);
    expect(model.layers.map((l) => l.className)).toEqual([
      'Conv2D',
      'BatchNormalization',
      'MaxPool2D',
      'DepthwiseConv2D',
      'SeparableConv2D',
      'Flatten',
      'Dropout',
      'Dense',
    ]);
    const got = await predictValues(model, want.input);
    expect(got.shape).toEqual(want.output.shape);
    expectClose(got.values, want.output.values);
    model.dispose();
    expect(numTensors()).toBe(before);
  });

  it('a functional model with Add, Concatenate and activation layers, by file:// URL and by folder', async () => {
    const want = await expected('functional-residual');
    const before = numTensors();
    for (const source of [
      pathToFileURL(join(fixtures, 'functional-residual', 'model.json')).href,
      join(fixtures, 'functional-residual'),
    ]) {
      const model = await loadModel(source);
      expect(model).toBeInstanceOf(Model);
      expect(model.layers.map((l) => l.className)).toContain('Concatenate');
      const got = await predictValues(model, want.input);
      expect(got.shape).toEqual(want.output.shape);
      expectClose(got.values, want.output.values);
      model.dispose();
    }
    expect(numTensors()).toBe(before);
  });

  it('over http:// from a local server, shards fetched next to model.json', async () => {
    const { createServer } = await import('node:http');
    const server = createServer(async (req, res) => {
      try {
        const body = await readFile(join(fixtures, 'sequential-cnn', (req.url ?? '').replace(/^\/m\//, '')));
        res.writeHead(200, { 'content-length': body.byteLength });
        res.end(body);
      } catch {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as { port: number }).port;
      const want = await expected('sequential-cnn');
      const model = await loadModel(`http://127.0.0.1:${port}/m/model.json`);
      expectClose((await predictValues(model, want.input)).values, want.output.values);
      model.dispose();
      await expect(loadTfjsModel(`http://127.0.0.1:${port}/m/missing.json`)).rejects.toThrow(/HTTP 404/);
    } finally {
      server.close();
    }
  });

  it('toTfjsArtifacts → fromTfjsArtifacts in memory keeps the predictions', async () => {
    const want = await expected('sequential-cnn');
    const before = numTensors();
    const model = await loadModel(join(fixtures, 'sequential-cnn'));
    const artifacts = await toTfjsArtifacts(model);
    expect(artifacts.modelJson.weightsManifest[0].paths).toEqual(['group1-shard1of1.bin']);
    const copy = fromTfjsArtifacts(artifacts);
    expectClose((await predictValues(copy, want.input)).values, want.output.values);
    copy.dispose();
    model.dispose();
    expect(numTensors()).toBe(before);
    await expect(saveModel(copy, join(root, 'x'), { format: 'onnx' as 'tfjs' })).rejects.toThrow(ConfigError);
  });

  it('a damaged convkit checkpoint (no weights.bin) keeps convkit’s error', async () => {
    const dir = join(root, 'convkit-ckpt');
    const model = new Sequential({ layers: [new Dense({ units: 2, inputShape: [3] })] });
    await saveModel(model, dir);
    model.dispose();
    await rm(join(dir, 'weights.bin'));
    await expectRefused(dir, /weights\.bin/);
  });

  it('int32 weights are read as their float32 values', async () => {
    const dir = await copyFixture('functional-residual');
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    const specs = json.weightsManifest[0].weights as { name: string; shape: number[]; dtype: string }[];
    const bin = await readFile(join(dir, 'group1-shard1of1.bin'));
    const floats = new Float32Array(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength));
    // Store the first weight (the conv kernel) as int32 values −2..2 and expect exactly those.
    const n = specs[0].shape.reduce((a, b) => a * b, 1);
    const ints = Int32Array.from({ length: n }, (_, i) => (i % 5) - 2);
    const bytes = new Uint8Array(bin.byteLength);
    new Int32Array(bytes.buffer, 0, n).set(ints);
    new Float32Array(bytes.buffer, 4 * n).set(floats.subarray(n));
    specs[0].dtype = 'int32';
    const model = fromTfjsArtifacts({ modelTopology: json.modelTopology, weightSpecs: specs, weightData: bytes });
    const kernel = model.weights.find((w) => w.name.endsWith('/kernel'));
    expect(Array.from(await (kernel?.variable.data() as Promise<Float32Array>))).toEqual(Array.from(ints));
    model.dispose();
  });
});

describe('topology variants that converted Keras files use', () => {
  it("a 'model_config' wrapper, class 'Functional', Keras 3 'batch_shape', BN axis [3], LeakyReLU 'negative_slope'", async () => {
    const want = await expected('functional-residual');
    const dir = await copyFixture('functional-residual');
    await editJson(dir, (j) => {
      const layers = j.modelTopology.config.layers as { class_name: string; config: TfjsJson }[];
      const input = layers[0].config;
      input.batch_shape = input.batch_input_shape;
      delete input.batch_input_shape;
      const leaky = layers.find((l) => l.class_name === 'LeakyReLU')?.config;
      leaky.negative_slope = leaky.alpha;
      delete leaky.alpha;
      j.modelTopology = {
        keras_version: '2.15.0',
        backend: 'tensorflow',
        model_config: { ...j.modelTopology, class_name: 'Functional' },
      };
    });
    const model = await loadModel(join(dir, 'model.json'));
    expectClose((await predictValues(model, want.input)).values, want.output.values);
    model.dispose();

    const seq = await copyFixture('sequential-cnn');
    await editJson(seq, (j) => {
      j.modelTopology.config.layers[1].config.axis = [3];
    });
    const wantSeq = await expected('sequential-cnn');
    const m2 = await loadModel(join(seq, 'model.json'));
    expectClose((await predictValues(m2, wantSeq.input)).values, wantSeq.output.values);
    m2.dispose();
  });
});

describe('corrupt, oversized and unsupported tfjs files give a SerializationError', () => {
  it('an unsupported layer class, named in the message', async () => {
    const dir = await copyFixture('sequential-cnn');
    await editJson(dir, (j) => {
      j.modelTopology.config.layers[6].class_name = 'LSTM';
    });
    await expectRefused(join(dir, 'model.json'), /layer class 'LSTM' has no convkit equivalent/);
  });

  it('channels_first', async () => {
    const dir = await copyFixture('sequential-cnn');
    await editJson(dir, (j) => {
      j.modelTopology.config.layers[0].config.data_format = 'channels_first';
    });
    await expectRefused(
      join(dir, 'model.json'),
      /conv2d_Conv2D1.*data_format "channels_first" is not supported.*channels_last/,
    );
  });

  it('a truncated shard and a padded shard', async () => {
    const dir = await copyFixture('sequential-cnn');
    await truncate(join(dir, 'group1-shard2of2.bin'), 400);
    await expectRefused(join(dir, 'model.json'), /needs 840 bytes but its shard files hold 820/);
    const dir2 = await copyFixture('sequential-cnn');
    await writeFile(join(dir2, 'group1-shard2of2.bin'), new Uint8Array(424));
    await expectRefused(join(dir2, 'model.json'), /group1-shard2of2\.bin is 424 bytes, more than the 420/);
  });

  it('a missing shard', async () => {
    const dir = await copyFixture('sequential-cnn');
    await rm(join(dir, 'group1-shard1of2.bin'));
    await expectRefused(join(dir, 'model.json'), /Cannot read .*group1-shard1of2\.bin/);
  });

  it('absurd shapes are refused before anything is allocated', async () => {
    const dir = await copyFixture('sequential-cnn');
    await editJson(dir, (j) => {
      j.weightsManifest[0].weights[0].shape = [65536, 65536, 64, 4];
    });
    await expectRefused(join(dir, 'model.json'), /more than 2\^28, refusing to allocate/);
    const dir2 = await copyFixture('sequential-cnn');
    await editJson(dir2, (j) => {
      j.modelTopology.config.layers[7].config.units = 2 ** 30;
    });
    await expectRefused(join(dir2, 'model.json'), /more than maxParams = 100000000 parameters.*Nothing was allocated/);
  });

  it('__proto__ and constructor keys are not honoured', async () => {
    const dir = await copyFixture('sequential-cnn');
    const file = join(dir, 'model.json');
    const text = await readFile(file, 'utf8');
    // A layer whose class comes only from __proto__ must not be resolved through it.
    await writeFile(
      file,
      text.replace('"class_name": "Dropout"', '"__proto__": { "class_name": "Dropout" }, "class_name": "constructor"'),
    );
    await expectRefused(file, /layer class 'constructor' has no convkit equivalent/);
    expect(({} as Record<string, unknown>).class_name).toBeUndefined();
    const dir2 = await copyFixture('sequential-cnn');
    await editJson(dir2, (j) => {
      j.modelTopology.config.layers[0].class_name = '__proto__';
    });
    await expectRefused(join(dir2, 'model.json'), /layer class '__proto__' has no convkit equivalent/);
  });

  it('shard paths that leave the folder, quantized weights, unknown dtypes, weight name mismatches', async () => {
    const cases: [(j: TfjsJson) => void, RegExp][] = [
      [(j) => (j.weightsManifest[0].paths[0] = '../secret.bin'), /relative file name inside the model's folder/],
      [(j) => (j.weightsManifest[0].paths[0] = '/etc/passwd'), /relative file name inside the model's folder/],
      [
        (j) => (j.weightsManifest[0].weights[0].quantization = { dtype: 'uint8', scale: 1, min: 0 }),
        /quantized tfjs weights are not supported/,
      ],
      [(j) => (j.weightsManifest[0].weights[0].dtype = 'float16'), /dtype "float16"; only 'float32' and 'int32'/],
      [
        (j) => (j.weightsManifest[0].weights[1].name = 'nowhere/bias'),
        /no stored value for weight 'conv2d_Conv2D1\/bias'/,
      ],
      [
        (j) => (j.modelTopology.config.layers[0].config.activation = 'mish'),
        /activation "mish" has no convkit equivalent/,
      ],
      [(j) => (j.modelTopology.class_name = 'Bidirectional'), /model class "Bidirectional"/],
      [(j) => (j.format = 'graph-model'), /graph models are not supported/],
    ];
    for (const [edit, message] of cases) {
      const dir = await copyFixture('sequential-cnn');
      await editJson(dir, edit);
      await expectRefused(join(dir, 'model.json'), message);
    }
  });

  it('non-finite weight values and invalid JSON', async () => {
    const dir = await copyFixture('functional-residual');
    const bin = await readFile(join(dir, 'group1-shard1of1.bin'));
    new DataView(bin.buffer, bin.byteOffset).setFloat32(0, Number.NaN, true);
    await writeFile(join(dir, 'group1-shard1of1.bin'), bin);
    await expectRefused(join(dir, 'model.json'), /non-finite value/);
    await writeFile(join(dir, 'model.json'), '{"modelTopology": ');
    await expectRefused(join(dir, 'model.json'), /not valid JSON/);
  });
});
