// Round trips with TensorFlow.js itself (tfjs-layers 4.22, a devDependency used only
// by tests): models built and saved by tfjs load in convkit and predict the same, and
// what saveModel(…, { format: 'tfjs' }) writes loads in tf.loadLayersModel and predicts
// the same. Both libraries share one tfjs-core engine, so one tensor count covers both.
// tfjs-layers names its variables without asking the engine which names are taken, so
// it throws when a convkit variable holds the name it picks (`conv2d_1/kernel`): each
// test disposes the model of one library before the other loads the same layers.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConfigError,
  numTensors,
  randomUniform,
  SerializationError,
  setSeed,
  type Tensor,
  tensor,
} from '@convkit/core';
import {
  Activation,
  Add,
  AvgPool2D,
  BatchNormalization,
  Concatenate,
  Conv2D,
  Dense,
  DepthwiseConv2D,
  Dropout,
  ELU,
  Flatten,
  GlobalAvgPool2D,
  GlobalMaxPool2D,
  Input,
  type LayersModel,
  LeakyReLU,
  loadModel,
  MaxPool2D,
  Model,
  RandomFlip,
  ReLU,
  Reshape,
  SeparableConv2D,
  Sequential,
  Softmax,
  saveModel,
} from '@convkit/layers';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'convkit-tfjs-rt-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const TOL = 1e-5;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/** Seeded input values for a batch of `shape`. */
function inputValues(shape: number[], seed: number): number[] {
  let s = seed;
  return Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  });
}

async function convkitPredict(model: LayersModel, shape: number[], values: number[]): Promise<Float32Array> {
  const x = tensor(values, shape);
  const y = model.predict(x) as Tensor;
  const out = (await y.data()) as Float32Array;
  x.dispose();
  y.dispose();
  return out;
}

async function tfjsPredict(model: tfl.LayersModel, shape: number[], values: number[]): Promise<Float32Array> {
  const x = tf.tensor(values, shape);
  const y = model.predict(x) as tf.Tensor;
  const out = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  return out;
}

/**
 * Disposes a tfjs model and its weights. tfjs-layers counts a reference per call
 * of a layer and `model.dispose()` drops one, so a layer called twice keeps its
 * weights; drop the remaining references (a layer already freed throws, ignored).
 */
function disposeTfjs(model: tfl.LayersModel): void {
  model.dispose();
  for (const layer of model.layers) {
    try {
      for (let r = layer.dispose(); r.refCountAfterDispose > 0; ) r = layer.dispose();
    } catch {
      // already disposed with the model
    }
  }
}

/** Seeded non-trivial weights for a tfjs model (positive moving variances). */
function randomizeTfjs(model: tfl.LayersModel, seed: number): void {
  const values = model.weights.map((w, i) =>
    w.name.includes('moving_variance')
      ? tf.randomUniform(w.shape, 0.5, 1.5, 'float32', seed + i)
      : tf.randomUniform(w.shape, -0.5, 0.5, 'float32', seed + i),
  );
  model.setWeights(values);
  tf.dispose(values);
}

/** Seeded non-trivial weights for a convkit model (positive moving variances). */
function randomizeConvkit(model: LayersModel, seed: number): void {
  setSeed(seed);
  const values = model.weights.map((w) =>
    w.name.endsWith('moving_variance') ? randomUniform(w.shape, 0.5, 1.5) : randomUniform(w.shape, -0.5, 0.5),
  );
  model.setWeights(values);
  for (const v of values) v.dispose();
}

/** Saves a tfjs model the way tf.LayersModel.save lays out files, through a custom tf.io handler. */
async function saveWithTfjs(model: tfl.LayersModel, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      await writeFile(join(dir, 'group1-shard1of1.bin'), new Uint8Array(a.weightData as ArrayBuffer));
      const json = {
        format: a.format,
        generatedBy: a.generatedBy,
        convertedBy: null,
        modelTopology: a.modelTopology,
        weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: a.weightSpecs }],
      };
      await writeFile(join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}

/** Loads a folder written by saveModel(…, { format: 'tfjs' }) into tfjs through tf.io.fromMemory. */
async function loadWithTfjs(dir: string): Promise<tfl.LayersModel> {
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  const group = json.weightsManifest[0];
  expect(group.paths).toEqual(['group1-shard1of1.bin']);
  const bin = await readFile(join(dir, group.paths[0]));
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  return tfl.loadLayersModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: group.weights, weightData }),
  );
}

describe('TensorFlow.js → convkit', () => {
  const cases: [string, () => tfl.LayersModel, number[]][] = [
    [
      'Sequential CNN: Conv2D + BatchNormalization + pooling + Dense',
      () =>
        tfl.sequential({
          layers: [
            tfl.layers.conv2d({ inputShape: [10, 10, 2], filters: 4, kernelSize: 3, activation: 'relu' }),
            tfl.layers.batchNormalization({ epsilon: 1e-3 }),
            tfl.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
            tfl.layers.conv2d({ filters: 3, kernelSize: 2, strides: 2, padding: 'same', activation: 'sigmoid' }),
            tfl.layers.averagePooling2d({ poolSize: 1 }),
            tfl.layers.flatten(),
            tfl.layers.dense({ units: 5, activation: 'relu6' }),
            tfl.layers.dense({ units: 3, activation: 'softmax' }),
          ],
        }),
      [3, 10, 10, 2],
    ],
    [
      'functional: Add and Concatenate',
      () => {
        const x = tfl.input({ shape: [7, 7, 3] });
        const a = tfl.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same' }).apply(x) as tfl.SymbolicTensor;
        const sum = tfl.layers.add().apply([a, x]) as tfl.SymbolicTensor;
        const b = tfl.layers.activation({ activation: 'tanh' }).apply(sum) as tfl.SymbolicTensor;
        const cat = tfl.layers.concatenate({ axis: -1 }).apply([b, x, a]) as tfl.SymbolicTensor;
        const p = tfl.layers.globalMaxPooling2d({}).apply(cat) as tfl.SymbolicTensor;
        const d = tfl.layers.dense({ units: 4, useBias: false }).apply(p) as tfl.SymbolicTensor;
        const e = tfl.layers.elu().apply(d) as tfl.SymbolicTensor;
        return tfl.model({ inputs: x, outputs: e });
      },
      [2, 7, 7, 3],
    ],
    [
      'functional with a shared layer (one Conv2D called twice)',
      () => {
        const x = tfl.input({ shape: [5, 5, 3] });
        const shared = tfl.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'tanh' });
        const once = shared.apply(x) as tfl.SymbolicTensor;
        const twice = shared.apply(once) as tfl.SymbolicTensor;
        const sum = tfl.layers.add().apply([once, twice, x]) as tfl.SymbolicTensor;
        const flat = tfl.layers.flatten().apply(sum) as tfl.SymbolicTensor;
        return tfl.model({ inputs: x, outputs: tfl.layers.dense({ units: 2 }).apply(flat) as tfl.SymbolicTensor });
      },
      [2, 5, 5, 3],
    ],
    [
      'Depthwise and Separable convolutions',
      () =>
        tfl.sequential({
          layers: [
            tfl.layers.depthwiseConv2d({ inputShape: [9, 9, 3], kernelSize: 3, depthMultiplier: 2, padding: 'same' }),
            tfl.layers.reLU({ maxValue: 0.4 }),
            tfl.layers.separableConv2d({
              filters: 4,
              kernelSize: 3,
              strides: 2,
              depthMultiplier: 1,
              activation: 'selu',
            }),
            tfl.layers.leakyReLU({ alpha: 0.2 }),
            tfl.layers.globalAveragePooling2d({}),
            tfl.layers.reshape({ targetShape: [2, 2] }),
            tfl.layers.flatten(),
            tfl.layers.softmax(),
          ],
        }),
      [2, 9, 9, 3],
    ],
  ];

  for (const [name, build, shape] of cases) {
    it(`${name}: same predictions, and back to tfjs unchanged`, async () => {
      const before = numTensors();
      const tfModel = build();
      randomizeTfjs(tfModel, 31);
      const dir = join(root, `from-tfjs-${name.replace(/\W+/g, '-')}`);
      await saveWithTfjs(tfModel, dir);
      const x = inputValues(shape, 3);
      const want = await tfjsPredict(tfModel, shape, x);

      const model = await loadModel(join(dir, 'model.json'));
      expect(maxAbsDiff(await convkitPredict(model, shape, x), want)).toBeLessThan(TOL);

      // tfjs → convkit → tfjs
      const back = join(root, `back-${name.replace(/\W+/g, '-')}`);
      await saveModel(model, back, { format: 'tfjs' });
      model.dispose();
      disposeTfjs(tfModel);
      const again = await loadWithTfjs(back);
      expect(maxAbsDiff(await tfjsPredict(again, shape, x), want)).toBeLessThan(TOL);
      disposeTfjs(again);
      expect(numTensors()).toBe(before);
    });
  }
});

describe('convkit → TensorFlow.js', () => {
  it('a Sequential CNN with every kind of convolution, BN, pooling, dropout and dense', async () => {
    const before = numTensors();
    const model = new Sequential({
      layers: [
        new Conv2D({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [8, 8, 2] }),
        new BatchNormalization({ epsilon: 1e-2 }),
        new MaxPool2D({ poolSize: 2 }),
        new DepthwiseConv2D({ kernelSize: 2, depthMultiplier: 2, activation: 'elu' }),
        new SeparableConv2D({ filters: 3, kernelSize: 2, activation: 'hardSigmoid' }),
        new Flatten(),
        new Dropout({ rate: 0.5 }),
        new Dense({ units: 3, activation: 'softmax' }),
      ],
    });
    randomizeConvkit(model, 7);
    const shape = [3, 8, 8, 2];
    const x = inputValues(shape, 9);
    const want = await convkitPredict(model, shape, x);
    const dir = join(root, 'to-tfjs-seq');
    const artifacts = await saveModel(model, dir, { format: 'tfjs' });
    expect(artifacts.modelJson.format).toBe('layers-model');
    expect((await readdir(dir)).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
    // A second save replaces the first one (convkit wrote it).
    await saveModel(model, dir, { format: 'tfjs' });
    model.dispose();
    const tfModel = await loadWithTfjs(dir);
    expect(tfModel.layers.map((l) => l.getClassName())).toEqual([
      'Conv2D',
      'BatchNormalization',
      'MaxPooling2D',
      'DepthwiseConv2D',
      'SeparableConv2D',
      'Flatten',
      'Dropout',
      'Dense',
    ]);
    expect(maxAbsDiff(await tfjsPredict(tfModel, shape, x), want)).toBeLessThan(TOL);
    disposeTfjs(tfModel);
    expect(numTensors()).toBe(before);
  });

  it('a functional model with Add, Concatenate, pooling and activation layers', async () => {
    const before = numTensors();
    const x = Input({ shape: [6, 6, 2] });
    const a = new Conv2D({ filters: 2, kernelSize: 3, padding: 'same' }).apply(x);
    const sum = new Add().apply([a, x]);
    const r = new ReLU({ maxValue: 0.6 }).apply(sum);
    const cat = new Concatenate().apply([r, x]);
    const p = new AvgPool2D({ poolSize: 2 }).apply(cat);
    const l = new LeakyReLU({ alpha: 0.1 }).apply(p);
    const g1 = new GlobalAvgPool2D().apply(l);
    const d = new Dense({ units: 6, activation: 'swish' }).apply(g1);
    const rs = new Reshape({ targetShape: [2, 3] }).apply(d);
    const act = new Activation({ activation: 'softplus' }).apply(rs);
    const e = new ELU().apply(act);
    const out = new Softmax().apply(e);
    const model = new Model({ inputs: x, outputs: out });
    randomizeConvkit(model, 8);
    const shape = [2, 6, 6, 2];
    const xs = inputValues(shape, 4);
    const want = await convkitPredict(model, shape, xs);
    const dir = join(root, 'to-tfjs-functional');
    await saveModel(model, `file://${dir}`, { format: 'tfjs' });
    model.dispose();
    const tfModel = await loadWithTfjs(dir);
    expect(maxAbsDiff(await tfjsPredict(tfModel, shape, xs), want)).toBeLessThan(TOL);
    disposeTfjs(tfModel);
    // And back into convkit from the same files.
    const again = await loadModel(dir);
    expect(maxAbsDiff(await convkitPredict(again, shape, xs), want)).toBeLessThan(TOL);
    again.dispose();
    expect(numTensors()).toBe(before);
  });

  it('GlobalMaxPool2D, and refusals: a layer tfjs lacks, a folder convkit did not write, a non-file target', async () => {
    const before = numTensors();
    const ok = new Sequential({
      layers: [new Conv2D({ filters: 2, kernelSize: 1, inputShape: [4, 4, 1] }), new GlobalMaxPool2D()],
    });
    const dir = join(root, 'gmp');
    await saveModel(ok, dir, { format: 'tfjs' });
    const xs = inputValues([1, 4, 4, 1], 2);
    const want = await convkitPredict(ok, [1, 4, 4, 1], xs);
    ok.dispose();
    const tfModel = await loadWithTfjs(dir);
    expect(maxAbsDiff(await tfjsPredict(tfModel, [1, 4, 4, 1], xs), want)).toBeLessThan(TOL);
    disposeTfjs(tfModel);
    const small = new Sequential({ layers: [new Flatten({ inputShape: [4, 4, 1] }), new Dense({ units: 2 })] });

    const bad = new Sequential({ layers: [new RandomFlip({ inputShape: [4, 4, 1] }), new Flatten()] });
    const badDir = join(root, 'bad');
    await expect(saveModel(bad, badDir, { format: 'tfjs' })).rejects.toThrow(SerializationError);
    await expect(saveModel(bad, badDir, { format: 'tfjs' })).rejects.toThrow(
      /'random_flip.*' \(RandomFlip\) has no TensorFlow\.js/,
    );
    await expect(readdir(badDir)).rejects.toThrow(/ENOENT/);
    const elu = new Sequential({ layers: [new ELU({ alpha: 0.5, inputShape: [3] })] });
    await expect(saveModel(elu, badDir, { format: 'tfjs' })).rejects.toThrow(
      /alpha 0\.5 is not supported by TensorFlow\.js/,
    );
    elu.dispose();

    const user = join(root, 'user-files');
    await mkdir(user);
    await writeFile(join(user, 'notes.txt'), 'mine');
    await expect(saveModel(small, user, { format: 'tfjs' })).rejects.toThrow(ConfigError);
    expect(await readdir(user)).toEqual(['notes.txt']);
    // A tfjs model.json that convkit did not write is not replaced either.
    const foreign = join(root, 'foreign');
    await mkdir(foreign);
    await writeFile(
      join(foreign, 'model.json'),
      JSON.stringify({ format: 'layers-model', generatedBy: 'TensorFlow.js' }),
    );
    await expect(saveModel(small, foreign, { format: 'tfjs' })).rejects.toThrow(/convkit did not write/);
    await expect(saveModel(small, 'indexeddb://x', { format: 'tfjs' })).rejects.toThrow(ConfigError);
    bad.dispose();
    small.dispose();
    expect(numTensors()).toBe(before);
  });
});
