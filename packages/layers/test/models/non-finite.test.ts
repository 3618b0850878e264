/**
 * A NaN never passes silently, on every backend: the training step that sees
 * or produces a non-finite value (input pixel, label, loss, gradient, weight,
 * optimizer state) rejects with NonFiniteError and leaves the weights and the
 * optimizer state bit-for-bit as they were, with no tensor leaked; evaluate
 * and predict do not turn NaN inputs into plausible numbers. Each case runs
 * on 'cpu' and on 'wasm' (where clipByValue maps NaN to its lower bound).
 */
import '@convkit/backend-wasm';
import {
  NonFiniteError,
  numTensors,
  type Optimizer,
  ops,
  randomUniform,
  setBackend,
  setSeed,
  type Tensor,
  tensor,
  tensor1d,
  tensor2d,
  tidy,
} from '@convkit/core';
import { Conv2D, categoricalCrossentropy, Dense, Flatten, MaxPool2D, Sequential } from '@convkit/layers';
import { Adam, SGD } from '@convkit/optim';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const disposables: { dispose(): void }[] = [];
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
});

function track<T extends { dispose(): void }>(t: T): T {
  disposables.push(t);
  return t;
}

/** 6×6×1 images → 3 classes: conv, max-pool, dense softmax. */
function cnn(optimizer: Optimizer = new Adam({ learningRate: 0.01 })): Sequential {
  setSeed(3);
  const model = new Sequential({
    layers: [
      new Conv2D({ filters: 2, kernelSize: 3, activation: 'relu', inputShape: [6, 6, 1] }),
      new MaxPool2D({ poolSize: 2 }),
      new Flatten(),
      new Dense({ units: 3, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return track(model);
}

/**
 * Max-pooling first: a 2×2 max-pool drops a NaN next to finite values on both
 * backends, so a NaN pixel vanishes from the forward pass and the loss.
 */
function poolFirst(): Sequential {
  setSeed(3);
  const model = new Sequential({
    layers: [
      new MaxPool2D({ poolSize: 2, inputShape: [6, 6, 1] }),
      new Flatten(),
      new Dense({ units: 3, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy' });
  return track(model);
}

/** 8 images, with `value` at pixel (2, 3) of sample `sample` when given. */
function images(value?: number, sample = 5): Tensor {
  setSeed(4);
  return track(
    tidy(() => {
      const b = randomUniform([8, 6, 6, 1]).bufferSync();
      if (value !== undefined) b.set(value, sample, 2, 3, 0);
      return b.toTensor();
    }),
  );
}

const labels = (values = [0, 1, 2, 0, 1, 2, 0, 1], dtype: 'int32' | 'float32' = 'int32') =>
  track(tensor1d(values, dtype));

/** Host copy of every weight and of the optimizer state (values and iteration count). */
async function state(model: Sequential): Promise<{ weights: number[][]; slots: Record<string, number[]>; it: number }> {
  const weights: number[][] = [];
  for (const w of model.weights) weights.push(Array.from(await w.variable.data()));
  const slots: Record<string, number[]> = {};
  for (const s of model.optimizer!.getState()) {
    slots[s.name] = Array.from(await s.tensor.data());
    s.tensor.dispose();
  }
  return { weights, slots, it: model.optimizer!.iterations };
}

/** Runs `step`, expects it to reject with `kind` matching `message`, and the model's state and tensor count unchanged. */
async function expectRefused(
  model: Sequential,
  step: () => Promise<unknown>,
  kind: new (...args: never[]) => Error,
  message: RegExp,
): Promise<void> {
  const before = await state(model);
  const count = numTensors();
  const error = await step().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(kind);
  expect((error as Error).message).toMatch(message);
  expect(numTensors()).toBe(count);
  expect(await state(model)).toEqual(before);
}

for (const backend of ['cpu', 'wasm']) {
  describe(`non-finite values on ${backend}`, () => {
    beforeAll(async () => {
      await setBackend(backend);
    });

    it('a NaN or an infinite pixel is refused; weights and Adam state stay as they were', async () => {
      const model = cnn();
      await model.trainOnBatch(images(), labels()); // creates Adam's slots, so there is state to protect
      const y = labels();
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
        const x = images(bad);
        await expectRefused(
          model,
          () => model.trainOnBatch(x, y),
          NonFiniteError,
          /trainOnBatch: the inputs \(x\) contain NaN or ±Infinity in 1 of 8 samples \(sample 5\).*restored/,
        );
      }
      // the model still trains afterwards
      expect(Number.isFinite(await model.trainOnBatch(images(), labels()))).toBe(true);
    });

    it('a NaN pixel that max-pooling drops from the loss and the gradients is refused all the same', async () => {
      const model = poolFirst();
      const x = images(Number.NaN);
      const y = labels();
      // the forward pass really hides it: the predictions of the other samples are finite
      await model.trainOnBatch(images(), y);
      await expectRefused(model, () => model.trainOnBatch(x, y), NonFiniteError, /sample 5\).*restored/);
      await expect(model.fit(x, y, { batchSize: 8 })).rejects.toThrow(/epoch 1, batch 1: the inputs \(x\) contain NaN/);
    });

    it('finite inputs whose sum overflows float32 are not mistaken for NaN (the fast probe is confirmed)', async () => {
      // 8 samples with 1e38 in their first feature: the sum of x is 8e38 = Infinity in float32, yet
      // every value is finite, and with a zero kernel the loss and the gradients stay finite.
      const model = track(
        new Sequential({
          layers: [new Dense({ units: 3, activation: 'softmax', kernelInitializer: 'zeros', inputShape: [4] })],
        }),
      );
      model.compile({ optimizer: new SGD({ learningRate: 1e-40 }), loss: 'sparseCategoricalCrossentropy' });
      const x = track(tensor2d(Array.from({ length: 8 }, () => [1e38, 0, 0, 0])));
      const y = labels([0, 1, 2, 0, 1, 2, 1, 0]);
      const loss = await model.trainOnBatch(x, y);
      expect(loss).toBeCloseTo(Math.log(3), 5);
      expect(model.optimizer!.iterations).toBe(1);
    });

    it('a NaN label is refused (sparse and one-hot targets)', async () => {
      const model = cnn();
      const x = images();
      const y = labels([0, 1, Number.NaN, 0, 1, 2, 0, 1], 'float32');
      await expectRefused(
        model,
        () => model.trainOnBatch(x, y),
        NonFiniteError,
        /targets \(y\) contain NaN or ±Infinity in 1 of 8 samples \(sample 2\)/,
      );
      const oneHot = cnn();
      oneHot.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'categoricalCrossentropy' });
      const yNaN = track(
        tidy(() => ops.mul(ops.oneHot(labels(), 3), tensor([1, 1, 1, Number.NaN, 1, 1, 1, 1], [8, 1]))),
      );
      await expectRefused(oneHot, () => oneHot.trainOnBatch(x, yNaN), NonFiniteError, /sample 3/);
    });

    it('a huge learning rate that overflows the update is refused', async () => {
      // Regression: targets 1e3 give gradients ~1e3, and lr 1e37 makes the step overflow
      // float32 although the loss and the gradients are finite.
      setSeed(5);
      const model = track(new Sequential({ layers: [new Dense({ units: 1, inputShape: [4] })] }));
      model.compile({ optimizer: new SGD({ learningRate: 1e37 }), loss: 'mse' });
      const x = track(randomUniform([8, 4], 0.5, 1));
      const y = track(tidy(() => ops.mul(randomUniform([8, 1], 0.5, 1), 1e3)));
      await expectRefused(
        model,
        () => model.trainOnBatch(x, y),
        NonFiniteError,
        /the update made 'dense_\d+\/kernel'.* NaN or infinite.*restored.*learning rate/,
      );
    });

    it('an optimizer state that overflows (Adam second moment) is refused although the weights stay finite', async () => {
      // loss = 1e21 · sum(pred): finite loss and gradients (1e21), but g² overflows Adam's v to
      // Infinity, and m / sqrt(v) = 0 then leaves the weights finite: only the state shows it.
      setSeed(6);
      const model = track(new Sequential({ layers: [new Dense({ units: 2, inputShape: [3] })] }));
      model.compile({
        optimizer: new Adam({ learningRate: 0.1 }),
        loss: (_y: Tensor, p: Tensor) => ops.mul(ops.sum(p), 1e21),
      });
      const x = track(randomUniform([4, 3], 0.5, 1));
      const y = track(randomUniform([4, 2]));
      await expectRefused(model, () => model.trainOnBatch(x, y), NonFiniteError, /optimizer's state/);
    });

    it('a NaN gradient behind a finite loss is refused even when gradient clipping would hide it', async () => {
      // d/dp sqrt(0·p) = Inf · 0 = NaN while the loss is 0. clipValue clips the NaN gradient; on
      // wasm clipByValue returns a finite bound for NaN, so only a check of the gradients sees it.
      const model = cnn(new SGD({ learningRate: 0.1, clipValue: 1 }));
      model.compile({
        optimizer: new SGD({ learningRate: 0.1, clipValue: 1 }),
        loss: (_y: Tensor, p: Tensor) => ops.mean(ops.sqrt(ops.mul(p, 0))),
      });
      const x = images();
      const y = labels();
      await expectRefused(
        model,
        () => model.trainOnBatch(x, y),
        NonFiniteError,
        /the gradient of 'conv2d_\d+\/kernel', .*'dense_\d+\/bias' became NaN or infinite \(loss 0\)/,
      );
    });

    it('fit rejects at the batch holding the NaN pixel, naming it, and resolves no history', async () => {
      const model = cnn();
      const x = images(Number.NaN, 6); // second batch of 4
      const y = labels();
      const count = numTensors() + 8; // + Adam's slots (m and v of 4 weights), created by the first (good) batch
      await expect(model.fit(x, y, { batchSize: 4, shuffle: false, epochs: 2 })).rejects.toThrow(
        /fit, epoch 1, batch 2: the inputs \(x\) contain NaN .*sample 2\b/,
      );
      expect(numTensors()).toBe(count);
      const { weights } = await state(model);
      expect(weights.flat().every(Number.isFinite)).toBe(true);
    });

    it('a cross-entropy of NaN predictions is NaN on every backend (no clip turns it finite)', async () => {
      const p = track(tensor2d([[Number.NaN, 0.5, 0.5]]));
      const loss = categoricalCrossentropy()(track(tensor2d([[1, 0, 0]])), p);
      expect(Number.isNaN((await loss.data())[0])).toBe(true);
      loss.dispose();
    });

    it('evaluate rejects NaN inputs and a model with NaN weights instead of reporting plausible numbers', async () => {
      const model = poolFirst();
      const bad = images(Number.NaN, 1);
      const x = images();
      const y = labels();
      const count = numTensors();
      await expect(model.evaluate(bad, y, { batchSize: 4 })).rejects.toThrow(
        /evaluate, batch 1: the inputs \(x\) contain NaN or ±Infinity in 1 of 4 samples \(sample 1\)/,
      );
      await expect(model.evaluate(bad, y)).rejects.toThrow(NonFiniteError);
      expect(numTensors()).toBe(count);
      const good = await model.evaluate(x, y);
      expect(Number.isFinite(good.loss)).toBe(true);
      const poisoned = model.weights.map((w) => tidy(() => ops.mul(w.variable, Number.NaN)));
      model.setWeights(poisoned);
      for (const w of poisoned) w.dispose();
      await expect(model.evaluate(x, y)).rejects.toThrow(/the model's output is NaN or infinite/);
      expect(numTensors()).toBe(count);
    });

    it('predict gives an all-NaN row for a sample with a NaN or infinite input, and leaves the others alone', async () => {
      const model = poolFirst(); // its max-pool would turn the NaN sample into plausible scores
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
        const clean = model.predict(images());
        const count = numTensors();
        const out = model.predict(images(bad, 2), { batchSize: 3 });
        expect(numTensors()).toBe(count + 2); // the output and the images
        const got = Array.from(await out.data());
        const want = Array.from(await clean.data());
        for (let i = 0; i < 8; i++) {
          const row = got.slice(i * 3, i * 3 + 3);
          if (i === 2) expect(row.every(Number.isNaN)).toBe(true);
          else expect(row).toEqual(want.slice(i * 3, i * 3 + 3));
        }
        out.dispose();
        clean.dispose();
      }
    });
  });
}
