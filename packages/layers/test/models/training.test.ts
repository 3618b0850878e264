import {
  type Batch,
  ConfigError,
  NonFiniteError,
  numTensors,
  ones,
  ops,
  randomNormal,
  randomUniform,
  ShapeError,
  setSeed,
  type Tensor,
  tensor1d,
  tidy,
  zeros,
} from '@convkit/core';
import {
  Add,
  BatchNormalization,
  Conv2D,
  Dense,
  Dropout,
  Flatten,
  Input,
  MaxPool2D,
  Model,
  ReLU,
  Sequential,
} from '@convkit/layers';
import { Adam, SGD } from '@convkit/optim';
import { afterEach, describe, expect, it } from 'vitest';

/** 8×8 one-channel noisy images; class 1 has a bright left half, class 0 a bright right half. */
function toyData(n: number): { x: Tensor; y: Tensor } {
  return tidy(() => {
    const y = ops.cast(ops.greater(randomUniform([n]), 0.5), 'int32');
    const noise = randomUniform([n, 8, 8, 1], 0, 0.6);
    const leftMask = ops.concat([ones([1, 8, 4, 1]), zeros([1, 8, 4, 1])], 2);
    const label = ops.reshape(ops.cast(y, 'float32'), [n, 1, 1, 1]);
    // bright half: left for class 1, right for class 0
    const mask = ops.add(ops.mul(label, leftMask), ops.mul(ops.sub(1, label), ops.sub(1, leftMask)));
    return { x: ops.add(noise, ops.mul(mask, 0.4)), y };
  });
}

function smallCnn(): Sequential {
  return new Sequential({
    layers: [
      new Conv2D({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [8, 8, 1] }),
      new MaxPool2D({ poolSize: 2 }),
      new Flatten(),
      new Dense({ units: 2, activation: 'softmax' }),
    ],
  });
}

const disposables: Array<{ dispose(): void }> = [];
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
});

describe('Sequential training', () => {
  it('learns a separable problem and reports held-out accuracy', async () => {
    setSeed(3);
    const train = toyData(256);
    const test = toyData(128);
    const model = smallCnn();
    disposables.push(train.x, train.y, test.x, test.y, model);
    model.compile({
      optimizer: new Adam({ learningRate: 0.02 }),
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
    });
    const before = await model.evaluate(test.x, test.y);
    const history = await model.fit(train.x, train.y, { epochs: 8, batchSize: 32, validationSplit: 0.2 });
    const after = await model.evaluate(test.x, test.y);
    expect(history.history.loss.length).toBe(8);
    expect(history.history.val_accuracy.length).toBe(8);
    expect(history.history.loss[7]).toBeLessThan(history.history.loss[0]);
    expect(after.loss).toBeLessThan(before.loss);
    expect(after.accuracy).toBeGreaterThan(0.85);
  });

  it('fit, evaluate and predict leave the live tensor count unchanged', async () => {
    setSeed(4);
    const data = toyData(64);
    const model = new Sequential({
      layers: [
        new Conv2D({ filters: 3, kernelSize: 3, inputShape: [8, 8, 1] }),
        new BatchNormalization(),
        new ReLU(),
        new Dropout({ rate: 0.3 }),
        new Flatten(),
        new Dense({ units: 2, activation: 'softmax' }),
      ],
    });
    disposables.push(data.x, data.y, model);
    model.compile({ optimizer: new Adam(), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy', 'f1'] });
    await model.fit(data.x, data.y, { epochs: 1, batchSize: 16 }); // creates the optimizer state
    const start = numTensors();
    await model.fit(data.x, data.y, { epochs: 2, batchSize: 16, validationSplit: 0.25 });
    expect(numTensors()).toBe(start);
    await model.evaluate(data.x, data.y, { batchSize: 10 });
    expect(numTensors()).toBe(start);
    const p = model.predict(data.x, { batchSize: 10 });
    expect(p.shape).toEqual([64, 2]);
    p.dispose();
    expect(numTensors()).toBe(start);
  });

  it('the same seed gives identical weights on the cpu backend', async () => {
    const run = async () => {
      setSeed(11);
      const data = toyData(64);
      const model = smallCnn();
      model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy' });
      await model.fit(data.x, data.y, { epochs: 2, batchSize: 16, shuffle: true });
      const weights = model.getWeights();
      const values = weights.map((w) => Array.from(w.dataSync()));
      weights.forEach((w) => w.dispose());
      model.dispose();
      data.x.dispose();
      data.y.dispose();
      return values;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
  });

  it('trains from a re-iterable batch source and disposes its batches', async () => {
    setSeed(5);
    const data = toyData(64);
    const model = smallCnn();
    disposables.push(data.x, data.y, model);
    model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'sparseCategoricalCrossentropy' });
    const source = {
      batchCount: 4,
      *[Symbol.iterator](): Generator<Batch> {
        for (let i = 0; i < 4; i++) {
          yield {
            xs: ops.slice(data.x, [i * 16, 0, 0, 0], [16, -1, -1, -1]),
            ys: ops.slice(data.y, [i * 16], [16]),
          };
        }
      },
    };
    await model.fit(source, { epochs: 1 });
    const start = numTensors();
    const h = await model.fit(source, { epochs: 2 });
    expect(h.epoch).toEqual([0, 1]);
    expect(numTensors()).toBe(start);
  });

  it('rejects a non-finite loss without touching the weights', async () => {
    setSeed(6);
    const data = toyData(16);
    const model = smallCnn();
    disposables.push(data.x, data.y, model);
    model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'sparseCategoricalCrossentropy' });
    const bad = tidy(() => ops.mul(data.x, Number.NaN));
    disposables.push(bad);
    const before = model.getWeights().map((w) => {
      const v = Array.from(w.dataSync());
      w.dispose();
      return v;
    });
    const count = numTensors();
    await expect(model.fit(bad, data.y, { epochs: 1, batchSize: 8 })).rejects.toThrow(NonFiniteError);
    await expect(model.fit(bad, data.y, { epochs: 1, batchSize: 8 })).rejects.toThrow(/epoch 1, batch 1/);
    expect(numTensors()).toBe(count);
    const after = model.getWeights().map((w) => {
      const v = Array.from(w.dataSync());
      w.dispose();
      return v;
    });
    expect(after).toEqual(before);
  });

  it('explains shape and configuration errors', async () => {
    const model = smallCnn();
    disposables.push(model);
    const x = randomNormal([4, 8, 8, 3]);
    const y = tensor1d([0, 1, 0, 1], 'int32');
    disposables.push(x, y);
    expect(() => model.predict(x)).toThrow(ShapeError);
    expect(() => model.predict(x)).toThrow(/expected input of shape \[null, 8, 8, 1\], received \[4, 8, 8, 3\]/);
    await expect(model.evaluate(x, y)).rejects.toThrow(/compile/);
    model.compile({ optimizer: new SGD(), loss: 'mse' });
    const good = randomNormal([3, 8, 8, 1]);
    disposables.push(good);
    await expect(model.fit(good, y)).rejects.toThrow(/3 samples but y has 4/);
    await expect(model.fit(good, good, { epochs: 0 })).rejects.toThrow(ConfigError);
    expect(
      () =>
        new Sequential({
          layers: [new Dense({ units: 4, inputShape: [3] }), new Conv2D({ filters: 2, kernelSize: 3 })],
        }),
    ).toThrow(/conv2d.*cannot take input of shape \[null, 4\]/i);
  });
});

describe('functional Model', () => {
  it('a residual block trains and summarises', async () => {
    setSeed(7);
    const input = Input({ shape: [8, 8, 1] });
    const stem = new Conv2D({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(input);
    const branch = new Conv2D({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(stem);
    const branch2 = new Conv2D({ filters: 4, kernelSize: 3, padding: 'same' }).apply(branch);
    const merged = new ReLU().apply(new Add().apply([stem, branch2]));
    const pooled = new MaxPool2D({ poolSize: 2 }).apply(merged);
    const out = new Dense({ units: 2, activation: 'softmax' }).apply(new Flatten().apply(pooled));
    const model = new Model({ inputs: input, outputs: out, name: 'resblock' });
    const data = toyData(128);
    disposables.push(model, data.x, data.y);
    expect(model.outputShape).toEqual([null, 2]);
    model.compile({
      optimizer: new Adam({ learningRate: 0.01 }),
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['acc'],
    });
    const h = await model.fit(data.x, data.y, { epochs: 4, batchSize: 32 });
    expect(h.history.loss[3]).toBeLessThan(h.history.loss[0]);
    const text = model.summary(null);
    expect(text).toContain('add');
    // 3 convs: (9·1·4+4) + 2·(9·4·4+4) = 40 + 296 = 336; dense 64·2+2 = 130
    expect(model.countParams()).toBe(336 + 130);
    expect(text).toContain('Total params: 466');
  });
});

describe('summary', () => {
  it('prints a Keras-style table with parameter counts', () => {
    const model = new Sequential({
      name: 'lenet',
      layers: [
        new Conv2D({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
        new MaxPool2D({ poolSize: 2 }),
        new Conv2D({ filters: 64, kernelSize: 3, activation: 'relu' }),
        new MaxPool2D({ poolSize: 2 }),
        new Flatten(),
        new Dense({ units: 128, activation: 'relu' }),
        new Dense({ units: 10, activation: 'softmax' }),
      ],
    });
    disposables.push(model);
    const lines: string[] = [];
    const text = model.summary((l) => lines.push(l));
    expect(lines.join('\n')).toBe(text);
    expect(text).toMatch(/conv2d_\d+ \(Conv2D\)\s+\[null, 26, 26, 32\]\s+320/);
    expect(text).toMatch(/\[null, 11, 11, 64\]\s+18496/);
    expect(text).toMatch(/\[null, 1600\]/);
    expect(text).toMatch(/\[null, 128\]\s+204928/);
    expect(text).toContain('Total params: 225,034');
    expect(text).toContain('Non-trainable params: 0');
  });

  it("summaryData returns the same rows as data, with BatchNormalization's non-trainable statistics", () => {
    const model = new Sequential({
      name: 'small',
      layers: [
        new Conv2D({ filters: 4, kernelSize: 3, inputShape: [8, 8, 1] }),
        new BatchNormalization(),
        new Flatten(),
        new Dense({ units: 3 }),
      ],
    });
    disposables.push(model);
    const data = model.summaryData();
    expect(data.name).toBe('small');
    expect(data.inputShape).toEqual([null, 8, 8, 1]);
    expect(data.layers.map((l) => l.className)).toEqual(['Conv2D', 'BatchNormalization', 'Flatten', 'Dense']);
    expect(data.layers.map((l) => l.outputShape)).toEqual([
      [null, 6, 6, 4],
      [null, 6, 6, 4],
      [null, 144],
      [null, 3],
    ]);
    // conv 9·4+4 = 40; batch norm gamma, beta (trainable) + moving mean, variance = 4·4; dense 144·3+3 = 435
    expect(data.layers.map((l) => l.params)).toEqual([40, 16, 0, 435]);
    expect(data.layers.map((l) => l.trainableParams)).toEqual([40, 8, 0, 435]);
    expect(data.totalParams).toBe(491);
    expect(data.trainableParams).toBe(483);
    expect(data.nonTrainableParams).toBe(8);
    const text = model.summary(null);
    expect(text).toContain('Total params: 491');
    expect(text).toContain('Non-trainable params: 8');
    for (const l of data.layers) expect(text).toContain(`${l.name} (${l.className})`);
  });
});
