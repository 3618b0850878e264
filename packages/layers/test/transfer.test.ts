/**
 * Transfer learning end to end on tiny models: pretrain, save, load, freeze
 * the convolutional base, put a new head on it, fine-tune, unfreeze the last
 * conv block at a lower rate. Checked against plain-JS references (the head's
 * SGD step, batch norm in inference mode) and finite differences (the
 * unfrozen block's gradient), with the live tensor count.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keep, numTensors, ops, randomUniform, setSeed, type Tensor, tensor1d, tidy } from '@convkit/core';
import {
  BatchNormalization,
  Conv2D,
  Dense,
  Flatten,
  Input,
  type Layer,
  type LayersModel,
  loadModel,
  MaxPool2D,
  Model,
  Sequential,
  saveModel,
} from '@convkit/layers';
import { Adam, SGD } from '@convkit/optim';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

let root: string;
let saves = 0;
const disposables: { dispose(): void }[] = [];
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'convkit-transfer-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
});

/** The "pretrained" source task: 8×8×1 images, 2 classes. Conv → BN → pool → conv → flatten → head. */
function sourceModel(): Sequential {
  return new Sequential({
    name: 'source',
    layers: [
      new Conv2D({ name: 'block1_conv', filters: 4, kernelSize: 3, activation: 'relu', inputShape: [8, 8, 1] }),
      new BatchNormalization({ name: 'block1_bn' }),
      new MaxPool2D({ name: 'block1_pool', poolSize: 2 }),
      new Conv2D({ name: 'block2_conv', filters: 4, kernelSize: 3, activation: 'relu' }),
      new Flatten({ name: 'flatten' }),
      new Dense({ name: 'source_head', units: 2, activation: 'softmax' }),
    ],
  });
}

/** `n` images in [0, 1) and labels in [0, classes). */
function data(n: number, classes: number): { x: Tensor; y: Tensor } {
  return tidy(() => ({
    x: randomUniform([n, 8, 8, 1]),
    y: ops.cast(ops.floor(randomUniform([n], 0, classes)), 'int32'),
  }));
}

async function saveAndLoad(model: LayersModel): Promise<LayersModel> {
  const dir = join(root, `model-${saves++}`);
  await saveModel(model, dir);
  return loadModel(dir);
}

/**
 * The pretrained source model (1 epoch, so batch norm's moving statistics are
 * away from 0 and 1), saved and loaded back; the source is freed.
 */
async function pretrainedBase(): Promise<LayersModel> {
  setSeed(7);
  const source = sourceModel();
  const { x, y } = data(32, 2);
  try {
    source.compile({ optimizer: new Adam({ learningRate: 0.05 }), loss: 'sparseCategoricalCrossentropy' });
    await source.fit(x, y, { epochs: 2, batchSize: 8 });
    return await saveAndLoad(source);
  } finally {
    source.dispose();
    x.dispose();
    y.dispose();
  }
}

/** The loaded base with its old head freed and a new 3-class head; the base layers frozen. */
function transferModel(loaded: LayersModel): { model: Sequential; base: Layer[]; head: Dense } {
  const base = loaded.layers.slice(0, -1);
  loaded.layers[loaded.layers.length - 1].dispose();
  for (const layer of base) layer.trainable = false;
  const head = new Dense({ name: 'new_head', units: 3, activation: 'softmax' });
  const model = new Sequential({ name: 'transfer', layers: [...base, head] });
  return { model, base, head };
}

/** Every weight's values, read at once, by full weight name. */
async function values(model: LayersModel): Promise<Map<string, Float32Array>> {
  const ws = model.weights;
  const read = await Promise.all(ws.map((w) => w.variable.data() as Promise<Float32Array>));
  return new Map(ws.map((w, i) => [w.name, read[i]]));
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
}

/** Names (`layer/weight`) of the weights of `layers`. */
function weightNames(layers: readonly Layer[]): string[] {
  return layers.flatMap((l) => l.weights.map((w) => w.name));
}

/** The variable names the optimizer holds state for (`slot:variable` → `variable`). */
function stateVariables(model: LayersModel): Set<string> {
  const state = model.optimizer!.getState();
  const names = new Set(state.map((s) => s.name.slice(s.name.indexOf(':') + 1)));
  for (const s of state) s.tensor.dispose();
  return names;
}

describe('transfer learning: freeze, new head, fine-tune', () => {
  it('fit leaves a frozen base bit-identical (moving statistics included) and trains the new head', async () => {
    const loaded = await pretrainedBase();
    const { model, base, head } = transferModel(loaded);
    disposables.push(model);
    const { x, y } = data(24, 3);
    disposables.push(x, y);
    model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy' });
    const before = await values(model);
    await model.fit(x, y, { epochs: 2, batchSize: 8 });
    const after = await values(model);
    for (const name of weightNames(base)) expect(after.get(name), name).toEqual(before.get(name));
    for (const name of weightNames([head])) {
      expect(maxAbsDiff(after.get(name)!, before.get(name)!), name).toBeGreaterThan(1e-3);
    }
    // The optimizer holds state for the head's variables only.
    expect(stateVariables(model)).toEqual(new Set(head.weights.map((w) => w.variable.name)));
  });

  it("a frozen BatchNormalization normalises with its moving statistics while training, and the head's SGD step matches a plain-JS reference", async () => {
    const loaded = await pretrainedBase();
    const { model, base, head } = transferModel(loaded);
    disposables.push(model);
    const { x, y } = data(6, 3);
    disposables.push(x, y);
    const lr = 0.5;
    model.compile({ optimizer: new SGD({ learningRate: lr }), loss: 'sparseCategoricalCrossentropy' });
    const [conv1, bn, , , flatten] = base;
    // The batch norm's input and output, and the features, in training mode.
    const seen = new Map<Layer, Tensor>();
    const tap = (layer: Layer, out: Tensor) => {
      if (layer === conv1 || layer === bn || layer === flatten) seen.set(layer, keep(out));
      return out;
    };
    tidy(() => {
      model.call(x, { training: true, tap });
    });
    const [bnIn, bnOut, features] = await Promise.all([conv1, bn, flatten].map((l) => seen.get(l)!.data()));
    const bnWeights = await Promise.all(bn.weights.map((w) => w.variable.data()));
    for (const t of seen.values()) t.dispose();
    const [gamma, beta, mean, variance] = bnWeights;
    // Moving statistics moved during pretraining: a batch-statistics forward would not match them.
    expect(maxAbsDiff(mean as Float32Array, new Float32Array(4))).toBeGreaterThan(1e-3);
    const eps = (bn as BatchNormalization).epsilon;
    const expectedBn = Float32Array.from(
      bnIn,
      (v, i) => ((v - mean[i % 4]) / Math.sqrt(variance[i % 4] + eps)) * gamma[i % 4] + beta[i % 4],
    );
    expect(maxAbsDiff(bnOut as Float32Array, expectedBn)).toBeLessThan(1e-5);

    // One SGD step on the head: W' = W − lr · fᵀ(p − onehot)/n, b' = b − lr · mean(p − onehot).
    const [w0, b0] = await Promise.all(head.weights.map((w) => w.variable.data()));
    const labels = await y.data();
    const n = 6;
    const f = 4;
    const k = 3;
    const gradW = new Float64Array(f * k);
    const gradB = new Float64Array(k);
    for (let s = 0; s < n; s++) {
      const logits = Array.from({ length: k }, (_, c) => {
        let z = b0[c];
        for (let j = 0; j < f; j++) z += features[s * f + j] * w0[j * k + c];
        return z;
      });
      const top = Math.max(...logits);
      const e = logits.map((z) => Math.exp(z - top));
      const sum = e.reduce((a, v) => a + v, 0);
      for (let c = 0; c < k; c++) {
        const d = (e[c] / sum - (labels[s] === c ? 1 : 0)) / n;
        gradB[c] += d;
        for (let j = 0; j < f; j++) gradW[j * k + c] += features[s * f + j] * d;
      }
    }
    const before = await values(model);
    await model.trainOnBatch(x, y);
    const [w1, b1] = await Promise.all(head.weights.map((w) => w.variable.data()));
    expect(
      maxAbsDiff(
        w1 as Float32Array,
        Float32Array.from(w0, (v, i) => v - lr * gradW[i]),
      ),
    ).toBeLessThan(1e-5);
    expect(
      maxAbsDiff(
        b1 as Float32Array,
        Float32Array.from(b0, (v, i) => v - lr * gradB[i]),
      ),
    ).toBeLessThan(1e-5);
    const after = await values(model);
    for (const name of weightNames(base)) expect(after.get(name), name).toEqual(before.get(name));
  });

  it('unfreezing the last conv block and compiling again trains it at the new rate (finite differences)', async () => {
    const loaded = await pretrainedBase();
    const { model, base, head } = transferModel(loaded);
    disposables.push(model);
    const { x, y } = data(16, 3);
    disposables.push(x, y);
    model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy' });
    await model.fit(x, y, { epochs: 1, batchSize: 8 });

    const conv2 = base[3] as Conv2D;
    expect(conv2.name).toBe('block2_conv');
    conv2.trainable = true;
    const lr = 0.05;
    model.compile({ optimizer: new SGD({ learningRate: lr }), loss: 'sparseCategoricalCrossentropy' });
    // Central differences of the batch loss with respect to the block's bias.
    const bias = conv2.weights[1];
    const b0 = Float32Array.from(await bias.variable.data());
    const lossAt = async (b: Float32Array): Promise<number> => {
      const t = tensor1d(b);
      bias.write(t);
      t.dispose();
      const loss = tidy(() => model.lossFn!(y, model.call(x, { training: true })));
      const v = (await loss.data())[0];
      loss.dispose();
      return v;
    };
    const h = 1e-2;
    const fd: number[] = [];
    for (let i = 0; i < b0.length; i++) {
      const plus = Float32Array.from(b0);
      const minus = Float32Array.from(b0);
      plus[i] += h;
      minus[i] -= h;
      fd.push(((await lossAt(plus)) - (await lossAt(minus))) / (2 * h));
    }
    await lossAt(b0);
    const before = await values(model);
    await model.trainOnBatch(x, y);
    const after = await values(model);
    const step = Array.from(after.get(bias.name)!, (v, i) => (b0[i] - v) / lr);
    for (let i = 0; i < b0.length; i++) expect(step[i]).toBeCloseTo(fd[i], 3);
    expect(maxAbsDiff(after.get(conv2.weights[0].name)!, before.get(conv2.weights[0].name)!)).toBeGreaterThan(1e-6);
    expect(maxAbsDiff(after.get(head.weights[0].name)!, before.get(head.weights[0].name)!)).toBeGreaterThan(1e-6);
    // block 1 (conv and batch norm) is still frozen.
    for (const name of weightNames(base.slice(0, 3))) expect(after.get(name), name).toEqual(before.get(name));
  });

  it('trainableWeights, nonTrainableWeights and the summary count frozen parameters', async () => {
    const loaded = await pretrainedBase();
    const { model, base } = transferModel(loaded);
    disposables.push(model);
    // block1_conv 3·3·1·4+4 = 40; block1_bn 4·4 = 16 (gamma, beta trainable; moving mean, variance not);
    // block2_conv 3·3·4·4+4 = 148; new_head 4·3+3 = 15.
    expect(model.trainableWeights.map((w) => w.name)).toEqual(['new_head/kernel', 'new_head/bias']);
    expect(model.nonTrainableWeights.length).toBe(8);
    let data = model.summaryData();
    expect([data.totalParams, data.trainableParams, data.nonTrainableParams]).toEqual([219, 15, 204]);
    expect(data.layers.map((l) => l.trainable)).toEqual([false, false, false, false, false, true]);
    let text = model.summary(null);
    expect(text).toContain('Total params: 219');
    expect(text).toContain('Trainable params: 15');
    expect(text).toContain('Non-trainable params: 204');
    const lines = text.split('\n');
    expect(lines[2]).toMatch(/^Layer \(type\)\s+Output Shape\s+Param #\s+Trainable$/);
    expect(lines.find((l) => l.startsWith('block1_conv'))).toMatch(/\[null, 6, 6, 4\]\s+40\s+N$/);
    expect(lines.find((l) => l.startsWith('new_head'))).toMatch(/\[null, 3\]\s+15\s+Y$/);

    base[3].trainable = true;
    expect(model.trainableWeights.map((w) => w.name)).toEqual([
      'block2_conv/kernel',
      'block2_conv/bias',
      'new_head/kernel',
      'new_head/bias',
    ]);
    expect(model.nonTrainableWeights.length).toBe(6);
    data = model.summaryData();
    expect([data.totalParams, data.trainableParams, data.nonTrainableParams]).toEqual([219, 163, 56]);

    // Everything trainable again: the batch norm's moving statistics stay non-trainable, no Trainable column.
    for (const layer of base) layer.trainable = true;
    expect(model.trainableWeights.length).toBe(8);
    expect(model.nonTrainableWeights.map((w) => w.name)).toEqual([
      'block1_bn/moving_mean',
      'block1_bn/moving_variance',
    ]);
    text = model.summary(null);
    expect(text).toContain('Non-trainable params: 8');
    expect(text.split('\n')[2]).toMatch(/Param #$/);
  });

  it('a save/load round trip keeps trainable, and the loaded copy trains only what was trainable', async () => {
    const loaded = await pretrainedBase();
    const { model, base } = transferModel(loaded);
    disposables.push(model);
    base[3].trainable = true;
    const dir = join(root, `model-${saves++}`);
    await saveModel(model, dir);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    const saved = json.topology.config.layers.map((l: { config: { name: string; trainable: boolean } }) => [
      l.config.name,
      l.config.trainable,
    ]);
    expect(saved).toEqual([
      ['block1_conv', false],
      ['block1_bn', false],
      ['block1_pool', false],
      ['block2_conv', true],
      ['flatten', false],
      ['new_head', true],
    ]);
    const copy = await loadModel(dir);
    disposables.push(copy);
    expect(copy.layers.map((l) => l.trainable)).toEqual(model.layers.map((l) => l.trainable));
    expect(copy.trainableWeights.map((w) => w.name)).toEqual(model.trainableWeights.map((w) => w.name));
    expect(copy.nonTrainableWeights.map((w) => w.name)).toEqual(model.nonTrainableWeights.map((w) => w.name));
    const original = await values(model);
    const before = await values(copy);
    expect(before).toEqual(original);

    const { x, y } = data(8, 3);
    disposables.push(x, y);
    copy.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'sparseCategoricalCrossentropy' });
    await copy.trainOnBatch(x, y);
    const after = await values(copy);
    for (const name of weightNames(copy.layers.slice(0, 3))) expect(after.get(name), name).toEqual(before.get(name));
    for (const w of copy.trainableWeights) {
      expect(maxAbsDiff(after.get(w.name)!, before.get(w.name)!), w.name).toBeGreaterThan(0);
    }
  });

  it('a functional Model over the loaded base layers trains only its head, and round-trips trainable', async () => {
    const loaded = await pretrainedBase();
    const base = loaded.layers.slice(0, -1);
    loaded.layers[loaded.layers.length - 1].dispose();
    for (const layer of base) layer.trainable = false;
    const input = Input({ shape: [8, 8, 1] });
    const features = base.reduce((t, layer) => layer.apply(t), input);
    const head = new Dense({ name: 'functional_head', units: 3, activation: 'softmax' });
    const model = new Model({ name: 'functional_transfer', inputs: input, outputs: head.apply(features) });
    disposables.push(model);
    expect(model.trainableWeights.map((w) => w.name)).toEqual(['functional_head/kernel', 'functional_head/bias']);
    const { x, y } = data(16, 3);
    disposables.push(x, y);
    model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy' });
    const before = await values(model);
    await model.fit(x, y, { epochs: 1, batchSize: 8 });
    const after = await values(model);
    for (const name of weightNames(base)) expect(after.get(name), name).toEqual(before.get(name));
    expect(maxAbsDiff(after.get('functional_head/kernel')!, before.get('functional_head/kernel')!)).toBeGreaterThan(0);

    const copy = await saveAndLoad(model);
    disposables.push(copy);
    expect(copy.layers.map((l) => [l.name, l.trainable])).toEqual(model.layers.map((l) => [l.name, l.trainable]));
    expect(copy.trainableWeights.map((w) => w.name)).toEqual(['functional_head/kernel', 'functional_head/bias']);
  });

  it('a Sequential over already-built layers takes its input shape from the first one (no inputShape given)', async () => {
    setSeed(3);
    const source = new Sequential({
      layers: [new Conv2D({ name: 'shape_conv', filters: 2, kernelSize: 3 }), new Flatten(), new Dense({ units: 2 })],
    });
    source.build([8, 8, 1]);
    const loaded = await saveAndLoad(source);
    source.dispose();
    expect(loaded.layers[0].batchInputShape).toBeUndefined();
    expect(loaded.layers[0].inputShapeBuilt).toEqual([null, 8, 8, 1]);
    const base = loaded.layers.slice(0, -1);
    loaded.layers[2].dispose();
    const head = new Dense({ units: 3, activation: 'softmax' });
    const model = new Sequential({ layers: [...base, head] });
    disposables.push(model);
    expect(model.inputShape).toEqual([null, 8, 8, 1]);
    expect(model.outputShape).toEqual([null, 3]);
    const x = randomUniform([2, 8, 8, 1]);
    disposables.push(x);
    const byHand = tidy(() => head.apply(base.reduce((t: Tensor, l) => l.apply(t), x)));
    const predicted = model.predict(x);
    expect(await predicted.data()).toEqual(await byHand.data());
    predicted.dispose();
    byHand.dispose();
    // A layer built eagerly on a batch of 2 gives the model a null batch dimension.
    const eagerBuilt = new Dense({ units: 2 });
    tidy(() => {
      eagerBuilt.apply(randomUniform([2, 5]));
    });
    const m2 = new Sequential({ layers: [eagerBuilt] });
    disposables.push(m2);
    expect(m2.inputShape).toEqual([null, 5]);
  });

  it('leaks no tensor across the whole sequence, re-compiling without freeing the first optimizer by hand', async () => {
    const start = numTensors();
    const loaded = await pretrainedBase();
    const { model, base } = transferModel(loaded);
    const { x, y } = data(16, 3);
    model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy' });
    await model.fit(x, y, { epochs: 1, batchSize: 8 });
    const first = model.optimizer!;
    expect(first.getState().map((s) => s.tensor.dispose()).length).toBe(4); // m and v of the head's kernel and bias
    base[3].trainable = true;
    model.compile({ optimizer: new Adam({ learningRate: 0.001 }), loss: 'sparseCategoricalCrossentropy' });
    // The replaced optimizer's state was freed; it starts afresh if used again.
    expect(first.getState().length).toBe(0);
    await model.fit(x, y, { epochs: 1, batchSize: 8 });
    // Compiling again with the same instance keeps its state (m and v of block2_conv and the head).
    const second = model.optimizer!;
    model.compile({ optimizer: second, loss: 'sparseCategoricalCrossentropy' });
    expect(model.optimizer).toBe(second);
    expect(second.iterations).toBe(2);
    expect(stateVariables(model)).toEqual(
      new Set([...base[3].weights, ...model.layers[5].weights].map((w) => w.variable.name)),
    );
    await model.evaluate(x, y);
    model.predict(x).dispose();
    const copy = await saveAndLoad(model);
    copy.dispose();
    model.dispose();
    x.dispose();
    y.dispose();
    expect(numTensors()).toBe(start);
  });
});
