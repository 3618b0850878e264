/**
 * Labels and shapes are checked before they do harm: targets invalid for the
 * loss (class ids out of range or not integers, binary targets outside
 * [0, 1]), targets shaped for another loss, batch-size, rank and dtype
 * mismatches and empty sets are refused with a typed error naming the model,
 * the loss, the shapes and the fix, the weights untouched and no tensor
 * leaked, by fit, evaluate, trainOnBatch and predict alike.
 */
import '@convkit/backend-wasm';
import {
  type Batch,
  DataFormatError,
  numTensors,
  ops,
  randomUniform,
  ShapeError,
  setBackend,
  setSeed,
  type Tensor,
  tensor,
  tensor1d,
  tensor2d,
  tidy,
} from '@convkit/core';
import { Dense, type LayersModel, meanSquaredError, Sequential } from '@convkit/layers';
import { SGD } from '@convkit/optim';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const disposables: { dispose(): void }[] = [];
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
});
function track<T extends { dispose(): void }>(t: T): T {
  disposables.push(t);
  return t;
}

/** 4 features → `units` outputs with `activation`, compiled with `loss`. */
function model(loss: string, units = 3, activation = 'softmax'): Sequential {
  setSeed(2);
  const m = track(new Sequential({ name: 'clf', layers: [new Dense({ units, activation, inputShape: [4] })] }));
  m.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss });
  return m;
}

const x8 = () => track(tidy(() => randomUniform([8, 4])));
const labels8 = () => track(tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'));

async function weightsOf(m: LayersModel): Promise<number[][]> {
  return Promise.all(m.weights.map(async (w) => Array.from(await w.variable.data())));
}

/** Every way of feeding `x, y` to the model: each must reject with `kind` and `message`, unchanged and leak-free. */
async function expectEveryCallRefuses(
  m: LayersModel,
  x: Tensor,
  y: Tensor,
  kind: new (...args: never[]) => Error,
  message: RegExp,
): Promise<void> {
  const before = await weightsOf(m);
  const count = numTensors();
  const source = () => {
    const batches: Batch[] = [{ xs: x.clone(), ys: y.clone() }];
    return Object.assign(batches, { batchCount: 1 });
  };
  const calls: [string, () => Promise<unknown>][] = [
    ['fit', () => m.fit(x, y, { batchSize: 4, epochs: 1 })],
    ['fit(source)', () => m.fit(source(), { epochs: 1 })],
    ['fit validationData', () => m.fit(x8(), y.shape[0] === 8 ? y : labels8(), { validationData: [x, y] })],
    ['evaluate', () => m.evaluate(x, y)],
    ['evaluate(source)', () => m.evaluate(source())],
    ['trainOnBatch', () => m.trainOnBatch(x, y)],
  ];
  for (const [name, call] of calls) {
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, name).toBeInstanceOf(kind);
    expect((error as Error).message, name).toMatch(message);
  }
  // + the training tensors of 'fit validationData' (tracked, freed after the test)
  expect(numTensors() - count).toBe(y.shape[0] === 8 ? 1 : 2);
  expect(await weightsOf(m)).toEqual(before);
}

for (const backend of ['cpu', 'wasm']) {
  describe(`target values on ${backend}`, () => {
    beforeAll(async () => {
      await setBackend(backend);
    });

    it('sparse labels outside [0, numClasses) or not integers are refused, naming the label and the fix', async () => {
      const m = model('sparseCategoricalCrossentropy');
      for (const [bad, shown] of [
        [99, '99'],
        [-1, '-1'],
        [3, '3'],
        [1.5, '1.5'],
      ] as const) {
        const y = track(tensor1d([0, 1, 2, bad, 0, 1, 2, 0], Number.isInteger(bad) ? 'int32' : 'float32'));
        await expectEveryCallRefuses(
          m,
          x8(),
          y,
          DataFormatError,
          new RegExp(
            `Model "clf".*loss 'sparseCategoricalCrossentropy' needs integer class ids in \\[0, 3\\).*1 invalid target value.*${shown.replace('.', '\\.')} \\(sample 3\\)`,
          ),
        );
      }
    });

    it('binary targets outside [0, 1] and one-hot targets with negative entries are refused', async () => {
      const bin = model('binaryCrossentropy', 1, 'sigmoid');
      const y = track(tensor2d([[0], [1], [2], [1], [0], [1], [0], [1]]));
      await expectEveryCallRefuses(
        bin,
        x8(),
        y,
        DataFormatError,
        /'binaryCrossentropy' needs targets in \[0, 1\].*2 \(sample 2\)/,
      );
      const cat = model('categoricalCrossentropy');
      const oneHot = track(tidy(() => ops.mul(ops.oneHot(tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'), 3), -1)));
      await expectEveryCallRefuses(
        cat,
        x8(),
        oneHot,
        DataFormatError,
        /one-hot or soft targets with every value in \[0, 1\]/,
      );
    });
  });
}

describe('target shapes and batches (checked before any tensor is created)', () => {
  beforeAll(async () => {
    await setBackend('cpu');
  });

  it('one-hot labels with a sparse loss, and class ids with a categorical loss, name the loss to use', async () => {
    const sparse = model('sparseCategoricalCrossentropy');
    const oneHot = track(tidy(() => ops.oneHot(tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'), 3)));
    await expectEveryCallRefuses(
      sparse,
      x8(),
      oneHot,
      ShapeError,
      /Model "clf".*loss 'sparseCategoricalCrossentropy' received targets of shape \[8, 3\] for predictions of shape \[8, 3\]\. The targets look one-hot: use loss 'categoricalCrossentropy'/,
    );
    const cat = model('categoricalCrossentropy');
    const ids = track(tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'));
    await expectEveryCallRefuses(
      cat,
      x8(),
      ids,
      ShapeError,
      /loss 'categoricalCrossentropy' received targets of shape \[8\] for predictions of shape \[8, 3\]\. The targets look like class ids: use loss 'sparseCategoricalCrossentropy'/,
    );
  });

  it('mse with mismatched shapes is refused; [n] targets for [n, 1] predictions match the float64 reference', async () => {
    const m = model('mse', 2, 'linear');
    await expectEveryCallRefuses(
      m,
      x8(),
      track(randomUniform([8, 3])),
      ShapeError,
      /'meanSquaredError'.*\[8, 3\].*\[8, 2\]/,
    );
    // [n] against [n, 1]: one squared difference per sample, never an [n, n] broadcast
    const t = [1, 2, 3];
    const p = [1.5, 2, 0];
    const loss = meanSquaredError(track(tensor1d(t)), track(tensor2d(p, [3, 1])));
    const ref = t.reduce((s, v, i) => s + (v - p[i]) ** 2, 0) / 3;
    expect((await loss.data())[0]).toBeCloseTo(ref, 6);
    loss.dispose();
    expect(() => meanSquaredError(track(tensor1d([1, 2])), track(tensor2d([1, 2, 3], [3, 1])))).toThrow(ShapeError);
  });

  it('x/y batch mismatch, wrong rank, wrong dtype and empty sets are refused without leaking', async () => {
    const m = model('sparseCategoricalCrossentropy');
    const y = track(tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'));
    await expectEveryCallRefuses(m, track(randomUniform([7, 4])), y, ShapeError, /x has 7 samples but y has 8/);
    await expectEveryCallRefuses(
      m,
      track(randomUniform([8, 4, 1])),
      y,
      ShapeError,
      /expected input of shape \[null, 4\], received \[8, 4, 1\]/,
    );
    const ints = track(tensor(new Int32Array(32), [8, 4], 'int32'));
    await expectEveryCallRefuses(
      m,
      ints,
      y,
      DataFormatError,
      /expected a float32 input, received a int32 tensor.*ops\.cast/,
    );
    const names = track(tensor(['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b']));
    await expectEveryCallRefuses(m, x8(), names, DataFormatError, /targets \(y\) have dtype 'string'/);
    const wrong = [track(randomUniform([8, 5])), track(randomUniform([8])), ints];
    const count = numTensors();
    for (const bad of wrong) {
      expect(() => m.predict(bad)).toThrow(bad.dtype === 'int32' ? DataFormatError : ShapeError);
    }
    expect(numTensors()).toBe(count);
    // empty sets
    const x0 = track(randomUniform([0, 4]));
    const y0 = track(tensor1d([], 'int32'));
    await expect(m.fit(x0, y0)).rejects.toThrow(/fit: the training set is empty/);
    await expect(m.fit(x0, y0)).rejects.toBeInstanceOf(DataFormatError);
    await expect(m.fit(Object.assign([], { batchCount: 0 }))).rejects.toThrow(/the training set is empty/);
    await expect(m.fit([] as Batch[])).rejects.toThrow(/the training set is empty/);
    await expect(m.evaluate(x0, y0)).rejects.toThrow(/evaluation set is empty/);
    expect(numTensors()).toBe(count + 2);
  });

  it('validation images of another size are refused before training starts (tensors and batch sources)', async () => {
    const m = model('sparseCategoricalCrossentropy');
    const y = track(tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'));
    const xVal = track(randomUniform([8, 5]));
    const started: string[] = [];
    const spy = { onTrainBegin: () => void started.push('train') };
    const before = await weightsOf(m);
    const count = numTensors();
    await expect(m.fit(x8(), y, { validationData: [xVal, y], callbacks: [spy] })).rejects.toThrow(
      /validationData: expected input of shape \[null, 4\], received \[8, 5\]/,
    );
    const valSource = () => Object.assign([{ xs: xVal.clone(), ys: y.clone() }], { batchCount: 1 });
    await expect(m.fit(x8(), y, { validationData: valSource(), callbacks: [spy] })).rejects.toThrow(
      /validationData: expected input of shape \[null, 4\], received \[8, 5\]/,
    );
    expect(started).toEqual([]);
    expect(numTensors()).toBe(count + 2); // the two x8()
    expect(await weightsOf(m)).toEqual(before);
  });
});

describe('a loss that throws inside the training step', () => {
  it('leaks none of the tensors the gradient tape saved, and leaves the weights', async () => {
    await setBackend('cpu');
    const m = model('sparseCategoricalCrossentropy');
    m.compile({
      optimizer: new SGD({ learningRate: 0.1 }),
      loss: (_y: Tensor, p: Tensor) => ops.sum(ops.add(ops.sigmoid(p), tensor1d([1, 2]))),
    });
    const x = x8();
    const y = labels8();
    const before = await weightsOf(m);
    const count = numTensors();
    await expect(m.trainOnBatch(x, y)).rejects.toThrow();
    await expect(m.fit(x, y)).rejects.toThrow();
    expect(numTensors()).toBe(count);
    expect(await weightsOf(m)).toEqual(before);
  });
});
