import {
  type Batch,
  type BatchSource,
  ConfigError,
  numTensors,
  ops,
  randomUniform,
  type Scalar,
  setSeed,
  type Tensor,
  tensor,
  tidy,
  variableGrads,
} from '@convkit/core';
import {
  Activation,
  Add,
  BatchNormalization,
  Conv2D,
  Dense,
  DepthwiseConv2D,
  Dropout,
  Flatten,
  fromArtifacts,
  GlobalAvgPool2D,
  Input,
  type LayersModel,
  type LayerWeight,
  MaxPool2D,
  Model,
  ReLU,
  Reshape,
  SeparableConv2D,
  Sequential,
  sparseCategoricalCrossentropy,
  toArtifacts,
} from '@convkit/layers';
import { Adam } from '@convkit/optim';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countFlops } from '../src/stats';
import { filterImportance, pruneFilters } from '../src/structured';
import { toyCnn, toyData } from './helpers';

const disposables: Array<{ dispose(): void }> = [];
const track = <T extends { dispose(): void }>(x: T): T => {
  disposables.push(x);
  return x;
};
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
});
beforeEach(() => setSeed(7));

/** A re-iterable batch source over `x, y` in slices of `size` (the consumer disposes each batch). */
function source(x: Tensor, y: Tensor, size: number): BatchSource {
  const n = x.shape[0];
  return {
    *[Symbol.iterator](): Generator<Batch> {
      for (let s = 0; s < n; s += size) {
        const k = Math.min(size, n - s);
        yield {
          xs: ops.slice(x, [s, 0, 0, 0], [k, -1, -1, -1]),
          ys: ops.slice(y, [s], [k]),
        };
      }
    },
  };
}

/** Sets `weight` to `f(current values)`. */
function edit(weight: LayerWeight, f: (v: Float32Array) => void): void {
  const v = Float32Array.from(weight.variable.dataSync());
  f(v);
  const t = tensor(v, weight.shape);
  weight.write(t);
  t.dispose();
}

/** Zeroes filters (last-axis slices) of a layer's kernel (the pointwise one of a separable layer) and bias. */
function zeroFilters(model: LayersModel, layer: string, filters: number[]): void {
  for (const w of model.getLayer(layer).weights) {
    if (w.name.endsWith('depthwise_kernel')) continue;
    const n = w.shape[w.shape.length - 1];
    edit(w, (v) => {
      for (let i = 0; i < v.length; i++) if (filters.includes(i % n)) v[i] = 0;
    });
  }
}

function shapes(model: LayersModel): Record<string, number[]> {
  return Object.fromEntries(model.weights.map((w) => [w.name, w.shape]));
}

function maxAbsDiff(a: LayersModel, b: LayersModel, x: Tensor): number {
  const d = tidy(() => ops.max(ops.abs(ops.sub(a.predict(x), b.predict(x)))));
  const v = d.dataSync()[0];
  d.dispose();
  return v;
}

/** Conv(c1, 8) → pool → Conv(c2, 8) → Flatten → Dense(d1, 16) → Dense(out, 2, softmax), named. */
function namedCnn(): Sequential {
  return new Sequential({
    layers: [
      new Conv2D({ name: 'c1', filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [8, 8, 1] }),
      new MaxPool2D({ name: 'p1', poolSize: 2 }),
      new Conv2D({ name: 'c2', filters: 8, kernelSize: 3, activation: 'relu' }),
      new Flatten({ name: 'flat' }),
      new Dense({ name: 'd1', units: 16, activation: 'relu' }),
      new Dense({ name: 'out', units: 2, activation: 'softmax' }),
    ],
  });
}

describe('filterImportance: norms', () => {
  it('l1 and l2 are the norms of each filter kernel slice (bias excluded), hand-computed', async () => {
    // 1×1 conv, 2 input channels, 3 filters: kernel[0][0][ci][f].
    const model = track(
      new Sequential({
        layers: [
          new Conv2D({ name: 'conv', filters: 3, kernelSize: 1, inputShape: [2, 2, 2] }),
          new Flatten(),
          new Dense({ name: 'head', units: 2 }),
        ],
      }),
    );
    const conv = model.getLayer('conv') as Conv2D;
    const k = tensor([1, -2, 0.5, 3, 4, -0.5], [1, 1, 2, 3]);
    const b = tensor([100, 100, 100], [3]);
    conv.kernel!.write(k);
    conv.bias!.write(b);
    k.dispose();
    b.dispose();
    // filter 0: (1, 3); filter 1: (−2, 4); filter 2: (0.5, −0.5)
    const l1 = await filterImportance(model, 'conv', { criterion: 'l1' });
    const l2 = await filterImportance(model, 'conv');
    expect([...l1]).toEqual([4, 6, 1]);
    const l2Default = await filterImportance(model, 'conv', { criterion: 'l2' });
    expect([...l2]).toEqual([...l1]); // default criterion is l1
    expect(l2Default[0]).toBeCloseTo(Math.sqrt(10), 6);
    expect(l2Default[1]).toBeCloseTo(Math.sqrt(20), 6);
    expect(l2Default[2]).toBeCloseTo(Math.sqrt(0.5), 6);

    const r = await pruneFilters(model, { fraction: 0.34, layers: ['conv'] });
    track(r.model);
    expect(r.kept).toEqual({ conv: [0, 1] });
    expect(r.removed).toEqual({ conv: [2] });
    expect(shapes(r.model)['head/kernel']).toEqual([2 * 2 * 2, 2]);
  });
});

describe('pruneFilters: surgery', () => {
  it('removing all-zero filters gives the same predictions (Conv→Pool→Conv→Flatten→Dense→Dense)', async () => {
    const model = track(namedCnn());
    zeroFilters(model, 'c1', [1, 4, 6]);
    zeroFilters(model, 'c2', [0, 5]);
    zeroFilters(model, 'd1', [2, 3, 9, 15]);
    const before = model.getWeights();
    const r = await pruneFilters(model, { fraction: { c1: 0.375, c2: 0.25, d1: 0.25 } });
    track(r.model);
    expect(r.removed).toEqual({ c1: [1, 4, 6], c2: [0, 5], d1: [2, 3, 9, 15] });
    expect(r.kept.c1).toEqual([0, 2, 3, 5, 7]);
    expect(r.model.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    expect(shapes(r.model)).toEqual({
      'c1/kernel': [3, 3, 1, 5],
      'c1/bias': [5],
      'c2/kernel': [3, 3, 5, 6],
      'c2/bias': [6],
      'd1/kernel': [2 * 2 * 6, 12],
      'd1/bias': [12],
      'out/kernel': [12, 2],
      'out/bias': [2],
    });
    expect(r.paramsBefore).toBe(model.countParams());
    expect(r.paramsAfter).toBe(r.model.countParams());
    expect(r.paramsAfter).toBeLessThan(r.paramsBefore);
    expect(r.flopsAfter).toBeLessThan(r.flopsBefore);
    const { x, y } = toyData(6);
    y.dispose();
    expect(maxAbsDiff(model, r.model, x)).toBeLessThan(1e-5);
    // The input model is untouched.
    model.getWeights().forEach((w, i) => {
      expect(w.shape).toEqual(before[i].shape);
      expect([...w.dataSync()]).toEqual([...before[i].dataSync()]);
      w.dispose();
      before[i].dispose();
    });
    x.dispose();
  });

  it('Conv→BN→ReLU→Conv: batch-norm vectors are sliced with the filters', async () => {
    const model = track(
      new Sequential({
        layers: [
          new Conv2D({ name: 'c1', filters: 6, kernelSize: 3, inputShape: [6, 6, 2] }),
          new BatchNormalization({ name: 'bn' }),
          new ReLU({ name: 'relu' }),
          new Conv2D({ name: 'c2', filters: 4, kernelSize: 3 }),
          new Flatten(),
          new Dense({ name: 'out', units: 2 }),
        ],
      }),
    );
    const bn = model.getLayer('bn');
    for (const [k, w] of bn.weights.entries()) edit(w, (v) => v.forEach((_, i) => (v[i] = 10 * k + i + 1)));
    zeroFilters(model, 'c1', [1, 4]);
    const r = await pruneFilters(model, { fraction: 1 / 3, layers: ['c1'] });
    track(r.model);
    expect(r.kept).toEqual({ c1: [0, 2, 3, 5] });
    const s = shapes(r.model);
    expect(s['c1/kernel']).toEqual([3, 3, 2, 4]);
    for (const name of ['gamma', 'beta', 'moving_mean', 'moving_variance']) expect(s[`bn/${name}`]).toEqual([4]);
    expect(s['c2/kernel']).toEqual([3, 3, 4, 4]);
    const newBn = r.model.getLayer('bn');
    newBn.weights.forEach((w, k) => {
      expect([...w.variable.dataSync()]).toEqual([0, 2, 3, 5].map((i) => 10 * k + i + 1));
    });
  });

  it('Conv→GlobalAvgPool→Dense, and a functional Model along a single chain', async () => {
    const seq = track(
      new Sequential({
        layers: [
          new Conv2D({ name: 'c', filters: 6, kernelSize: 3, activation: 'relu', inputShape: [6, 6, 1] }),
          new GlobalAvgPool2D({ name: 'gap' }),
          new Dropout({ name: 'drop', rate: 0.3 }),
          new Dense({ name: 'out', units: 3 }),
        ],
      }),
    );
    zeroFilters(seq, 'c', [0, 3, 5]);
    const r = await pruneFilters(seq, { fraction: 0.5 });
    track(r.model);
    expect(r.kept).toEqual({ c: [1, 2, 4] });
    expect(shapes(r.model)).toEqual({ 'c/kernel': [3, 3, 1, 3], 'c/bias': [3], 'out/kernel': [3, 3], 'out/bias': [3] });
    const x = track(randomUniform([4, 6, 6, 1]));
    expect(maxAbsDiff(seq, r.model, x)).toBeLessThan(1e-5);

    const input = Input({ shape: [6, 6, 1] });
    const h = new Conv2D({ name: 'fc1', filters: 6, kernelSize: 3 }).apply(input);
    const a = new Activation({ name: 'act', activation: 'relu' }).apply(h);
    const h2 = new Conv2D({ name: 'fc2', filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(a);
    const out = new Dense({ name: 'fout', units: 2 }).apply(new GlobalAvgPool2D().apply(h2));
    const fn = track(new Model({ inputs: input, outputs: out }));
    zeroFilters(fn, 'fc1', [2, 5]);
    zeroFilters(fn, 'fc2', [1]);
    const rf = await pruneFilters(fn, { fraction: { fc1: 1 / 3, fc2: 0.25 } });
    track(rf.model);
    expect(rf.model).toBeInstanceOf(Model);
    expect(rf.removed).toEqual({ fc1: [2, 5], fc2: [1] });
    expect(shapes(rf.model)['fc2/kernel']).toEqual([3, 3, 4, 3]);
    expect(shapes(rf.model)['fout/kernel']).toEqual([3, 2]);
    expect(maxAbsDiff(fn, rf.model, x)).toBeLessThan(1e-5);
  });

  it('depthwise and separable chains: channel c maps to depthwise outputs c·m + j', async () => {
    const model = track(
      new Sequential({
        layers: [
          new Conv2D({ name: 'c', filters: 4, kernelSize: 3, activation: 'relu', inputShape: [7, 7, 1] }),
          new DepthwiseConv2D({ name: 'dw', kernelSize: 3, depthMultiplier: 2, activation: 'relu' }),
          new SeparableConv2D({ name: 'sep', filters: 4, kernelSize: 1, depthMultiplier: 3, activation: 'relu' }),
          new GlobalAvgPool2D(),
          new Dense({ name: 'out', units: 2 }),
        ],
      }),
    );
    zeroFilters(model, 'c', [1]);
    zeroFilters(model, 'sep', [0, 2]);
    // Nonzero depthwise biases except on the outputs 2, 3 of the removed channel 1 (multiplier 2):
    // a wrong channel mapping would change the predictions.
    edit(model.getLayer('dw').weights[1], (v) => v.forEach((_, i) => (v[i] = i === 2 || i === 3 ? 0 : 0.1 * (i + 1))));
    const r = await pruneFilters(model, { fraction: { c: 0.25, sep: 0.5 } });
    track(r.model);
    expect(r.removed).toEqual({ c: [1], sep: [0, 2] });
    expect(shapes(r.model)).toEqual({
      'c/kernel': [3, 3, 1, 3],
      'c/bias': [3],
      'dw/depthwise_kernel': [3, 3, 3, 2],
      'dw/bias': [6],
      'sep/depthwise_kernel': [1, 1, 6, 3],
      'sep/pointwise_kernel': [1, 1, 18, 2],
      'sep/bias': [2],
      'out/kernel': [2, 2],
      'out/bias': [2],
    });
    const x = track(randomUniform([3, 7, 7, 1]));
    expect(maxAbsDiff(model, r.model, x)).toBeLessThan(1e-5);
  });

  it('minFilters and roundTo bound the kept count', async () => {
    const model = track(toyCnn(8, 16));
    const names = model.layers.map((l) => l.name);
    const [c1, , c2, , d1] = names;
    const r1 = await pruneFilters(model, { fraction: 0.75, roundTo: 4 });
    track(r1.model);
    expect([r1.kept[c1].length, r1.kept[c2].length, r1.kept[d1].length]).toEqual([4, 4, 4]);
    const r2 = await pruneFilters(model, { fraction: 0.9, minFilters: 3 });
    track(r2.model);
    expect([r2.kept[c1].length, r2.kept[c2].length, r2.kept[d1].length]).toEqual([3, 3, 3]);
    const r3 = await pruneFilters(model, { fraction: 0.5, roundTo: 5 });
    track(r3.model);
    expect(r3.kept[c1].length).toBe(5);
    expect(r3.kept[d1].length).toBe(10);
    expect(Object.keys(r3.kept)).toEqual([c1, c2, d1]);
  });
});

describe('filterImportance: data-driven', () => {
  it('meanActivation is the mean |output| per channel over every sample and position', async () => {
    const model = track(namedCnn());
    const { x, y } = toyData(5);
    track(x);
    track(y);
    const direct = (upTo: number): number[] =>
      tidy(() => {
        let t: Tensor = x;
        for (const l of model.layers.slice(0, upTo + 1)) t = l.apply(t);
        const axes = [...Array(t.rank - 1).keys()];
        return [...ops.mean(ops.abs(t), axes).dataSync()];
      });
    const s1 = await filterImportance(model, 'c1', { criterion: 'meanActivation', data: { x }, batchSize: 2 });
    direct(0).forEach((v, i) => expect(s1[i]).toBeCloseTo(v, 5));
    const s2 = await filterImportance(model, 'c2', { criterion: 'meanActivation', data: source(x, y, 3) });
    direct(2).forEach((v, i) => expect(s2[i]).toBeCloseTo(v, 5));
    const s3 = await filterImportance(model, 'd1', { criterion: 'meanActivation', data: { x, y } });
    expect(s3.length).toBe(16);
    direct(4).forEach((v, i) => expect(s3[i]).toBeCloseTo(v, 5));
    // maxBatches: only the first batch of 2 samples.
    const first = tidy(() => ops.slice(x, [0, 0, 0, 0], [2, -1, -1, -1]));
    const sFirst = await filterImportance(model, 'c1', { criterion: 'meanActivation', data: { x: first } });
    const s4 = await filterImportance(model, 'c1', {
      criterion: 'meanActivation',
      data: { x },
      batchSize: 2,
      maxBatches: 1,
    });
    first.dispose();
    expect([...s4]).toEqual([...sFirst]);
    expect(model.getLayer('c1').outputTransform).toBeUndefined();
  });

  it('taylor is the mean over batches of (Σ w·∂L/∂w)² per filter, matching explicit gradients and finite differences', async () => {
    const model = track(namedCnn());
    const { x, y } = toyData(6);
    track(x);
    track(y);
    const loss = sparseCategoricalCrossentropy();
    const lossOn = (xs: Tensor, ys: Tensor): number => tidy(() => loss(ys, model.call(xs)).dataSync()[0]);

    // Explicit: two batches of 3, gradient per batch.
    const layer = model.getLayer('c2') as Conv2D;
    const [kernel, bias] = [layer.kernel!, layer.bias!];
    const expected = new Float64Array(8);
    for (const start of [0, 3]) {
      const xs = ops.slice(x, [start, 0, 0, 0], [3, -1, -1, -1]);
      const ys = ops.slice(y, [start], [3]);
      const { value, grads } = variableGrads(
        () => loss(ys, model.call(xs)) as Scalar,
        [kernel.variable, bias.variable],
      );
      const gk = grads[kernel.variable.name].dataSync();
      const gb = grads[bias.variable.name].dataSync();
      const wk = kernel.variable.dataSync();
      const wb = bias.variable.dataSync();
      const dot = new Float64Array(8);
      for (let i = 0; i < wk.length; i++) dot[i % 8] += wk[i] * gk[i];
      for (let i = 0; i < 8; i++) dot[i] += wb[i] * gb[i];
      for (let i = 0; i < 8; i++) expected[i] += (dot[i] * dot[i]) / 2;
      value.dispose();
      Object.values(grads).forEach((g) => g.dispose());
      xs.dispose();
      ys.dispose();
    }
    const scores = await filterImportance(model, 'c2', { criterion: 'taylor', data: source(x, y, 3), loss });
    const scale = Math.max(...expected);
    expect(scale).toBeGreaterThan(0);
    expected.forEach((v, i) => expect(Math.abs(scores[i] - v)).toBeLessThan(1e-4 * scale));

    // Finite differences on one batch: d/dε L(w + ε·w_f) = Σ_f w·∂L/∂w, scaling unit f of d1 (kernel
    // column and bias): ReLU is positively homogeneous and d1 feeds the output layer, so no kink is crossed.
    model.compile({ optimizer: new Adam(), loss: 'sparseCategoricalCrossentropy' });
    const whole = await filterImportance(model, 'd1', { criterion: 'taylor', data: { x, y }, batchSize: 6 });
    const d1 = model.getLayer('d1') as Dense;
    const eps = 0.05;
    const original = [d1.kernel!, d1.bias!].map((w) => Float32Array.from(w.variable.dataSync()));
    const scaleFilter = (f: number, factor: number) => {
      [d1.kernel!, d1.bias!].forEach((w, k) => {
        const n = w.shape[w.shape.length - 1];
        edit(w, (v) => {
          v.set(original[k]);
          for (let i = f; i < v.length; i += n) v[i] *= factor;
        });
      });
    };
    const top = [...whole.keys()].sort((a, b) => whole[b] - whole[a]).slice(0, 3);
    expect(whole[top[2]]).toBeGreaterThan(0);
    for (const f of top) {
      scaleFilter(f, 1 + eps);
      const plus = lossOn(x, y);
      scaleFilter(f, 1 - eps);
      const minus = lossOn(x, y);
      scaleFilter(f, 1);
      const fd = (plus - minus) / (2 * eps);
      expect(Math.abs(Math.sqrt(whole[f]) - Math.abs(fd))).toBeLessThan(1e-3 * Math.abs(fd) + 1e-6);
    }
  });

  it('pruneFilters with a data-driven criterion removes the lowest-scoring filters', async () => {
    const model = track(namedCnn());
    const { x, y } = toyData(6);
    track(x);
    track(y);
    model.compile({ optimizer: new Adam(), loss: 'sparseCategoricalCrossentropy' });
    for (const criterion of ['meanActivation', 'taylor'] as const) {
      const scores = await filterImportance(model, 'c2', { criterion, data: { x, y } });
      const r = await pruneFilters(model, { fraction: 0.5, layers: ['c2'], criterion, data: { x, y } });
      track(r.model);
      const order = [...scores.keys()].sort((a, b) => scores[b] - scores[a] || a - b);
      expect(r.kept.c2).toEqual(order.slice(0, 4).sort((a, b) => a - b));
    }
  });
});

describe('the pruned model', () => {
  it('trains, and saves and loads with equal predictions', async () => {
    const model = track(namedCnn());
    const { x, y } = toyData(16);
    track(x);
    track(y);
    const r = await pruneFilters(model, { fraction: 0.5 });
    const pruned = track(r.model);
    expect(pruned.optimizer).toBeUndefined();
    pruned.compile({ optimizer: new Adam({ learningRate: 1e-2 }), loss: 'sparseCategoricalCrossentropy' });
    const h = await pruned.fit(x, y, { epochs: 2, batchSize: 8 });
    for (const l of h.history.loss) expect(Number.isFinite(l)).toBe(true);

    const loaded = track(fromArtifacts(await toArtifacts(pruned)));
    expect(shapes(loaded)).toEqual(shapes(pruned));
    expect(maxAbsDiff(pruned, loaded, x)).toBe(0);
  });

  it('removing 50% of both conv layers of the reference CNN cuts FLOPs at least 2×', async () => {
    const model = track(
      new Sequential({
        layers: [
          new Conv2D({ name: 'conv1', filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
          new MaxPool2D({ poolSize: 2 }),
          new Conv2D({ name: 'conv2', filters: 64, kernelSize: 3, activation: 'relu' }),
          new MaxPool2D({ poolSize: 2 }),
          new Flatten(),
          new Dense({ name: 'fc', units: 128, activation: 'relu' }),
          new Dense({ name: 'logits', units: 10, activation: 'softmax' }),
        ],
      }),
    );
    const r = await pruneFilters(model, { fraction: 0.5, layers: ['conv1', 'conv2'] });
    track(r.model);
    expect(r.kept.conv1.length).toBe(16);
    expect(r.kept.conv2.length).toBe(32);
    expect(r.flopsBefore).toBe(countFlops(model));
    expect(r.flopsAfter).toBe(countFlops(r.model));
    expect(r.flopsBefore / r.flopsAfter).toBeGreaterThanOrEqual(2);
    expect(shapes(r.model)['fc/kernel']).toEqual([5 * 5 * 32, 128]);
  });
});

describe('errors', () => {
  it('rejects bad fractions, unknown and unprunable layers, and missing data or loss, naming the layer', async () => {
    const model = track(namedCnn());
    await expect(pruneFilters(model, { fraction: 1, layers: ['c1'] })).rejects.toThrow(ConfigError);
    await expect(pruneFilters(model, { fraction: 1 })).rejects.toThrow(/fraction for .*"c1".*\[0, 1\)/);
    await expect(pruneFilters(model, { fraction: { c2: -0.1 } })).rejects.toThrow(/fraction for .*"c2"/);
    await expect(pruneFilters(model, { fraction: 0.5, layers: ['nope'] })).rejects.toThrow(/no layer "nope"/);
    await expect(pruneFilters(model, { fraction: 0.5, layers: ['nope'] })).rejects.toThrow(ConfigError);
    await expect(pruneFilters(model, { fraction: 0.5, layers: ['p1'] })).rejects.toThrow(/"p1".*no filters/);
    await expect(pruneFilters(model, { fraction: 0.5, layers: ['out'] })).rejects.toThrow(
      /cannot prune .*"out".*output layer/,
    );
    await expect(pruneFilters(model, { fraction: 0.5, layers: ['out'] })).rejects.toThrow(ConfigError);
    await expect(pruneFilters(model, { fraction: 0.5, criterion: 'taylor', layers: ['c1'] })).rejects.toThrow(
      /'taylor' for .*"c1".*needs data/,
    );
    await expect(filterImportance(model, 'c2', { criterion: 'meanActivation' })).rejects.toThrow(
      /'meanActivation' for .*"c2".*needs data/,
    );
    const { x, y } = toyData(2);
    track(x);
    track(y);
    await expect(filterImportance(model, 'c2', { criterion: 'taylor', data: { x, y } })).rejects.toThrow(
      /'taylor' for .*"c2".*needs a loss/,
    );
    await expect(filterImportance(model, 'c2', { criterion: 'taylor', data: { x }, loss: 'mse' })).rejects.toThrow(
      /needs targets/,
    );
    await expect(filterImportance(model, 'zzz')).rejects.toThrow(/no layer "zzz"/);
    // biome-ignore lint/suspicious/noExplicitAny: an invalid criterion on purpose
    await expect(filterImportance(model, 'c1', { criterion: 'l3' as any })).rejects.toThrow(/criterion/);
    await expect(pruneFilters(model, { fraction: 0.5, roundTo: 0 })).rejects.toThrow(/roundTo/);
    await expect(pruneFilters(model, { fraction: { c1: 0.5 }, layers: ['c2'] })).rejects.toThrow(/"c1".*not in layers/);
  });

  it('refuses Reshape and softmax in the way, and branches in a functional Model (skipped by default)', async () => {
    const withReshape = track(
      new Sequential({
        layers: [
          new Conv2D({ name: 'c', filters: 4, kernelSize: 3, inputShape: [5, 5, 1] }),
          new Reshape({ name: 'r', targetShape: [36] }),
          new Dense({ name: 'h', units: 4 }),
          new Dense({ name: 'o', units: 2 }),
        ],
      }),
    );
    await expect(pruneFilters(withReshape, { fraction: 0.5, layers: ['c'] })).rejects.toThrow(
      /cannot prune .*"c".*Reshape/,
    );
    const byDefault = await pruneFilters(withReshape, { fraction: 0.5 });
    track(byDefault.model);
    expect(Object.keys(byDefault.kept)).toEqual(['h']);

    const withSoftmax = track(
      new Sequential({
        layers: [
          new Dense({ name: 'h', units: 4, inputShape: [3] }),
          new Activation({ name: 's', activation: 'softmax' }),
          new Dense({ name: 'o', units: 2 }),
        ],
      }),
    );
    await expect(pruneFilters(withSoftmax, { fraction: 0.5, layers: ['h'] })).rejects.toThrow(/"h".*softmax/);

    const input = Input({ shape: [6, 6, 2] });
    const pre = new Conv2D({ name: 'pre', filters: 4, kernelSize: 1, activation: 'relu' }).apply(input);
    const a = new Conv2D({ name: 'a', filters: 4, kernelSize: 3, padding: 'same' }).apply(pre);
    const b = new Conv2D({ name: 'b', filters: 4, kernelSize: 3, padding: 'same' }).apply(a);
    const sum = new Add({ name: 'add' }).apply([a, b]);
    const out = new Dense({ name: 'head', units: 2 }).apply(new GlobalAvgPool2D().apply(sum));
    const residual = track(new Model({ inputs: input, outputs: out }));
    await expect(pruneFilters(residual, { fraction: 0.5, layers: ['a'] })).rejects.toThrow(
      /cannot prune .*"a".*feeds 2 layers/,
    );
    await expect(pruneFilters(residual, { fraction: 0.5, layers: ['b'] })).rejects.toThrow(/cannot prune .*"b".*Add/);
    const r = await pruneFilters(residual, { fraction: 0.5 });
    track(r.model);
    expect(Object.keys(r.kept)).toEqual(['pre']);
    expect(shapes(r.model)['a/kernel']).toEqual([3, 3, 2, 4]);
    const x = track(randomUniform([2, 6, 6, 2]));
    const p = track(r.model.predict(x));
    expect(p.shape).toEqual([2, 2]);
  });
});

describe('memory', () => {
  it('pruneFilters and filterImportance leave the live tensor count unchanged', async () => {
    const model = track(namedCnn());
    const { x, y } = toyData(4);
    track(x);
    track(y);
    model.compile({ optimizer: new Adam(), loss: 'sparseCategoricalCrossentropy' });
    // Warm up once (kernels, lazily created backend state).
    track((await pruneFilters(model, { fraction: 0.5, criterion: 'taylor', data: { x, y } })).model);
    const before = numTensors();
    for (const criterion of ['l1', 'l2', 'meanActivation', 'taylor'] as const) {
      await filterImportance(model, 'c2', { criterion, data: source(x, y, 3) });
      const r = await pruneFilters(model, { fraction: 0.5, criterion, data: source(x, y, 2) });
      r.model.dispose();
      expect(numTensors()).toBe(before);
    }
    await expect(pruneFilters(model, { fraction: 0.5, layers: ['out'] })).rejects.toThrow(ConfigError);
    expect(numTensors()).toBe(before);
  });
});
