/**
 * The preprocessing layers (RandomFlip, RandomRotation, RandomZoom,
 * RandomTranslation, RandomContrast): identity outside training, values
 * against hand-computed images and a plain-JS bilinear reference while
 * training, input gradients by finite differences (cpu and wasm), save/load,
 * typed errors, and no leaked tensors across fit / evaluate / predict.
 */
import '@convkit/backend-wasm';
import {
  ConfigError,
  numTensors,
  ops,
  randomUniform,
  ShapeError,
  setBackend,
  setSeed,
  type Tensor,
  tidy,
} from '@convkit/core';
import { Adam } from '@convkit/optim';
import { afterAll, describe, expect, it } from 'vitest';
import type { Layer } from '../../src/engine/index';
import {
  Conv2D,
  Dense,
  Flatten,
  RandomContrast,
  RandomFlip,
  RandomRotation,
  RandomTranslation,
  RandomZoom,
} from '../../src/layers/index';
import { fromArtifacts, Sequential, toArtifacts } from '../../src/models/index';
import { checkGradients, expectClose, inputVar, randomArray, t } from './helpers';

afterAll(async () => {
  await setBackend('cpu');
});

type Fill = 'constant' | 'nearest' | 'reflect' | 'wrap';

/**
 * Reference bilinear sampling of one HWC image at (sy, sx): the four taps
 * read through an explicitly mirrored / clamped / wrapped index (written as
 * cases, independently of the layer's modular arithmetic).
 */
function sampleRef(img: ArrayLike<number>, [h, w, c]: number[], sy: number, sx: number, mode: Fill, fill: number) {
  const index = (i: number, n: number): number | null => {
    if (i >= 0 && i < n) return i;
    if (mode === 'constant') return null;
    if (mode === 'nearest') return i < 0 ? 0 : n - 1;
    if (mode === 'wrap') return ((i % n) + n) % n;
    let k = i;
    while (k < 0 || k >= n) k = k < 0 ? -k - 1 : 2 * n - 1 - k;
    return k;
  };
  const px = (y: number, x: number, ch: number) => {
    const iy = index(y, h);
    const ix = index(x, w);
    return iy === null || ix === null ? fill : img[(iy * w + ix) * c + ch];
  };
  const y0 = Math.floor(sy);
  const x0 = Math.floor(sx);
  const ay = sy - y0;
  const ax = sx - x0;
  return Array.from(
    { length: c },
    (_, ch) =>
      (1 - ay) * ((1 - ax) * px(y0, x0, ch) + ax * px(y0, x0 + 1, ch)) +
      ay * ((1 - ax) * px(y0 + 1, x0, ch) + ax * px(y0 + 1, x0 + 1, ch)),
  );
}

/** Rotation by `turns` (counter-clockwise on screen) of every image of an NHWC batch, via `sampleRef`. */
function rotateRef(data: ArrayLike<number>, shape: number[], turns: number, mode: Fill, fill: number): number[] {
  const [b, h, w, c] = shape;
  const out: number[] = [];
  const th = turns * 2 * Math.PI;
  for (let i = 0; i < b; i++) {
    const img = Array.from(data).slice(i * h * w * c, (i + 1) * h * w * c);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const vx = x - (w - 1) / 2;
        const vy = y - (h - 1) / 2;
        const sx = Math.cos(th) * vx - Math.sin(th) * vy + (w - 1) / 2;
        const sy = Math.sin(th) * vx + Math.cos(th) * vy + (h - 1) / 2;
        out.push(...sampleRef(img, [h, w, c], sy, sx, mode, fill));
      }
  }
  return out;
}

/** NHWC value at (n, y, x, c). */
const at = (d: ArrayLike<number>, [, h, w, c]: number[], n: number, y: number, x: number, ch = 0) =>
  d[((n * h + y) * w + x) * c + ch];

const allLayers = (): Layer[] => [
  new RandomFlip(),
  new RandomRotation({ factor: 0.2 }),
  new RandomZoom({ heightFactor: 0.3 }),
  new RandomTranslation({ heightFactor: 0.2, widthFactor: 0.2 }),
  new RandomContrast({ factor: 0.5 }),
];

describe('preprocessing layers: inference and training', () => {
  const shape = [3, 5, 6, 2];
  const values = randomArray(3 * 5 * 6 * 2, 4);

  it('are the identity at inference, change the batch in training, and keep the shape', () => {
    const x = t(values, shape);
    for (const layer of allLayers()) {
      const y = layer.apply(x);
      expect(y).not.toBe(x);
      expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
      const z = layer.apply(x, { training: true });
      expect(z.shape).toEqual(shape);
      expect(layer.computeOutputShape([null, 5, 6, 2])).toEqual([null, 5, 6, 2]);
      const diff = Array.from(z.dataSync()).reduce((a, v, i) => a + Math.abs(v - values[i]), 0);
      expect(diff, layer.className).toBeGreaterThan(1e-3);
      y.dispose();
      z.dispose();
    }
    x.dispose();
  });

  it('RandomRotation: a quarter turn with nearest is transpose + flip; any angle matches the bilinear reference', () => {
    const sq = [2, 4, 4, 2];
    const data = randomArray(64, 5);
    const x = t(data, sq);
    const quarter = new RandomRotation({ factor: [0.25, 0.25], interpolation: 'nearest' }).apply(x, { training: true });
    const q = quarter.dataSync();
    for (let n = 0; n < 2; n++)
      for (let y = 0; y < 4; y++)
        for (let xx = 0; xx < 4; xx++)
          for (let c = 0; c < 2; c++) expect(at(q, sq, n, y, xx, c)).toBe(Math.fround(at(data, sq, n, xx, 3 - y, c)));
    quarter.dispose();
    x.dispose();

    const x2 = t(values, shape);
    for (const fillMode of ['constant', 'nearest', 'reflect', 'wrap'] as const) {
      for (const turns of [0.07, -0.31]) {
        const layer = new RandomRotation({ factor: [turns, turns], fillMode, fillValue: 0.25 });
        const y = layer.apply(x2, { training: true });
        expectClose(y.dataSync(), rotateRef(values, shape, turns, fillMode, 0.25), 1e-5);
        y.dispose();
      }
    }
    x2.dispose();
  });

  it('RandomZoom and RandomTranslation move pixels as computed by hand', () => {
    // 1×4×4×1 image 10y + x: bilinear sampling of a linear image is exact.
    const s = [1, 4, 4, 1];
    const x = t(
      Array.from({ length: 16 }, (_, i) => 10 * Math.floor(i / 4) + (i % 4)),
      s,
    );
    const zin = new RandomZoom({ heightFactor: [-0.5, -0.5] }).apply(x, { training: true });
    const coord = (i: number) => 1.5 + (i - 1.5) * 0.5;
    const z = zin.dataSync();
    for (let y = 0; y < 4; y++)
      for (let xx = 0; xx < 4; xx++) expect(at(z, s, 0, y, xx)).toBeCloseTo(10 * coord(y) + coord(xx), 4);
    const wide = new RandomZoom({ heightFactor: [0, 0], widthFactor: [1, 1], fillMode: 'constant', fillValue: -1 });
    const zw = wide.apply(x, { training: true });
    const w = zw.dataSync();
    // columns sample −1.5, 0.5, 2.5, 4.5: the outer ones straddle the border, half fill
    expect(at(w, s, 0, 1, 1)).toBeCloseTo(10 + 0.5, 4);
    expect(at(w, s, 0, 1, 0)).toBeCloseTo(-1, 4);
    expect(at(w, s, 0, 2, 3)).toBeCloseTo(-1, 4);
    // a quarter of the height down, a quarter of the width left: one pixel each
    const shift = new RandomTranslation({
      heightFactor: [0.25, 0.25],
      widthFactor: [-0.25, -0.25],
      fillMode: 'constant',
      interpolation: 'nearest',
    }).apply(x, { training: true });
    const m = shift.dataSync();
    for (let y = 0; y < 4; y++)
      for (let xx = 0; xx < 4; xx++) {
        const sy = y - 1;
        const sx = xx + 1;
        expect(at(m, s, 0, y, xx)).toBe(sy >= 0 && sx < 4 ? 10 * sy + sx : 0);
      }
    for (const v of [x, zin, zw, shift]) v.dispose();
  });

  it('RandomFlip mirrors whole images along its axes, each with probability 1/2', () => {
    const n = 64;
    const s = [n, 3, 4, 2];
    const data = randomArray(n * 24, 6);
    const x = t(data, s);
    const variants = (img: number, mode: string) => {
      const get = (y: number, xx: number, c: number, fy: boolean, fx: boolean) =>
        at(data, s, img, fy ? 2 - y : y, fx ? 3 - xx : xx, c);
      const combos =
        mode === 'horizontal'
          ? [
              [false, false],
              [false, true],
            ]
          : mode === 'vertical'
            ? [
                [false, false],
                [true, false],
              ]
            : [
                [false, false],
                [false, true],
                [true, false],
                [true, true],
              ];
      return combos.map(([fy, fx]) => {
        const out: number[] = [];
        for (let y = 0; y < 3; y++)
          for (let xx = 0; xx < 4; xx++) for (let c = 0; c < 2; c++) out.push(get(y, xx, c, fy, fx));
        return out;
      });
    };
    for (const mode of ['horizontal', 'vertical', 'horizontal_and_vertical'] as const) {
      const y = new RandomFlip({ mode, seed: 3 }).apply(x, { training: true });
      const d = Array.from(y.dataSync());
      const seen = new Set<number>();
      for (let i = 0; i < n; i++) {
        const img = d.slice(i * 24, (i + 1) * 24);
        const k = variants(i, mode).findIndex((v) => v.every((u, j) => Math.abs(u - img[j]) < 1e-6));
        expect(k, `${mode} image ${i}`).toBeGreaterThanOrEqual(0);
        seen.add(k);
      }
      expect(seen.size).toBe(mode === 'horizontal_and_vertical' ? 4 : 2);
      y.dispose();
    }
    x.dispose();
  });

  it('RandomContrast scales each image about its channel means by one factor in [1 − lower, 1 + upper]', () => {
    const s = [4, 3, 3, 2];
    const data = randomArray(72, 8);
    const x = t(data, s);
    const y = new RandomContrast({ factor: [0.3, 0.6], seed: 2 }).apply(x, { training: true });
    const d = y.dataSync();
    for (let n = 0; n < 4; n++) {
      const ks: number[] = [];
      for (let c = 0; c < 2; c++) {
        let mean = 0;
        for (let p = 0; p < 9; p++) mean += data[(n * 9 + p) * 2 + c] / 9;
        const p0 = n * 9 * 2 + c;
        ks.push((d[p0] - mean) / (data[p0] - mean));
        for (let p = 0; p < 9; p++) {
          const i = (n * 9 + p) * 2 + c;
          expect(d[i]).toBeCloseTo(mean + ks[c] * (data[i] - mean), 4);
        }
      }
      expect(ks[1]).toBeCloseTo(ks[0], 3);
      expect(ks[0]).toBeGreaterThanOrEqual(0.7 - 1e-4);
      expect(ks[0]).toBeLessThanOrEqual(1.6 + 1e-4);
    }
    const clipped = new RandomContrast({ factor: [0, 1], valueRange: [-0.2, 0.2] }).apply(x, { training: true });
    expect(Math.max(...Array.from(clipped.dataSync(), Math.abs))).toBeLessThanOrEqual(0.2 + 1e-6);
    for (const v of [x, y, clipped]) v.dispose();
  });

  it('draws are reproducible: same seed, same batch; setSeed resets the unseeded ones', () => {
    const x = t(values, shape);
    const run = (make: () => Layer) => {
      const y = make().apply(x, { training: true });
      const d = Array.from(y.dataSync());
      y.dispose();
      return d;
    };
    expect(run(() => new RandomRotation({ factor: 0.3, seed: 9 }))).toEqual(
      run(() => new RandomRotation({ factor: 0.3, seed: 9 })),
    );
    setSeed(21);
    const a = run(() => new RandomZoom({ heightFactor: 0.3 }));
    setSeed(21);
    expect(run(() => new RandomZoom({ heightFactor: 0.3 }))).toEqual(a);
    expect(run(() => new RandomZoom({ heightFactor: 0.3 }))).not.toEqual(a);
    x.dispose();
  });

  it('rejects bad arguments and inputs with typed errors naming the layer', () => {
    expect(() => new RandomRotation({ factor: 1.5 })).toThrow(ConfigError);
    expect(() => new RandomRotation({ factor: 1.5 })).toThrow(/RandomRotation layer .*factor must be/);
    expect(() => new RandomRotation({} as never)).toThrow(/factor is required/);
    expect(() => new RandomRotation({ factor: [0.2, 0.1] })).toThrow(/min ≤ max/);
    expect(() => new RandomZoom({ heightFactor: [-1, 0] })).toThrow(/heightFactor/);
    expect(() => new RandomZoom({ heightFactor: 0.1, widthFactor: 'x' as never })).toThrow(/widthFactor/);
    expect(() => new RandomTranslation({ heightFactor: 0.1 } as never)).toThrow(/widthFactor are required/);
    expect(() => new RandomTranslation({ heightFactor: 2, widthFactor: 0 })).toThrow(ConfigError);
    expect(() => new RandomContrast({ factor: -0.1 })).toThrow(/RandomContrast layer .*factor/);
    expect(() => new RandomContrast({ factor: 0.1, valueRange: [1, 0] })).toThrow(/valueRange/);
    expect(() => new RandomFlip({ mode: 'diagonal' as never })).toThrow(/mode must be one of/);
    expect(() => new RandomRotation({ factor: 0.1, fillMode: 'mirror' as never })).toThrow(/fillMode/);
    expect(() => new RandomRotation({ factor: 0.1, interpolation: 'cubic' as never })).toThrow(/interpolation/);
    expect(() => new RandomRotation({ factor: 0.1, fillValue: Number.NaN })).toThrow(/fillValue/);
    expect(() => new RandomFlip({ seed: 1.5 })).toThrow(/seed must be an integer/);
    const rank3 = t([1, 2, 3, 4], [2, 2, 1]);
    for (const layer of allLayers()) {
      expect(() => layer.apply(rank3, { training: true })).toThrow(ShapeError);
      expect(() => layer.apply(rank3)).toThrow(
        /expects a 4-D input \[batch, height, width, channels\], received \[2, 2, 1\]/,
      );
    }
    rank3.dispose();
  });
});

describe.each(['cpu', 'wasm'])('preprocessing layers on %s', (backend) => {
  it('pass input gradients through (finite differences), training and inference', async () => {
    await setBackend(backend);
    const x = inputVar(randomArray(2 * 5 * 6 * 2, 11), [2, 5, 6, 2]);
    const cases: [string, () => Tensor][] = [
      [
        'rotation constant',
        () =>
          new RandomRotation({ factor: [0.07, 0.07], fillMode: 'constant', fillValue: 0.3 }).apply(x, {
            training: true,
          }),
      ],
      ['rotation reflect', () => new RandomRotation({ factor: [-0.19, -0.19] }).apply(x, { training: true })],
      [
        'zoom nearest',
        () => new RandomZoom({ heightFactor: [-0.3, -0.3], interpolation: 'nearest' }).apply(x, { training: true }),
      ],
      [
        'translation wrap',
        () =>
          new RandomTranslation({ heightFactor: [0.13, 0.13], widthFactor: [-0.4, -0.4], fillMode: 'wrap' }).apply(x, {
            training: true,
          }),
      ],
      ['flip', () => new RandomFlip({ seed: 4 }).apply(x, { training: true })],
      ['contrast', () => new RandomContrast({ factor: 0.5, seed: 4 }).apply(x, { training: true })],
      ['inference', () => new RandomRotation({ factor: 0.2 }).apply(x)],
    ];
    const before = numTensors();
    for (const [name, forward] of cases) {
      try {
        checkGradients(forward, [x], { maxPerVar: 16 });
      } catch (e) {
        throw new Error(`${name} on ${backend}: ${(e as Error).message}`);
      }
    }
    expect(numTensors()).toBe(before);
    x.dispose();
  });

  it('train through fit (gradients reach the layers before them), are the identity in predict and evaluate, and leak nothing', async () => {
    await setBackend(backend);
    setSeed(2);
    const n = 24;
    const { xs, ys } = tidy(() => ({
      xs: randomUniform([n, 6, 6, 1]),
      ys: ops.cast(ops.greater(randomUniform([n]), 0.5), 'int32'),
    }));
    const conv = new Conv2D({ filters: 2, kernelSize: 3, padding: 'same', inputShape: [6, 6, 1] });
    const random = [
      new RandomFlip({ seed: 1 }),
      new RandomRotation({ factor: 0.1, seed: 2 }),
      new RandomZoom({ heightFactor: 0.2, seed: 3 }),
      new RandomTranslation({ heightFactor: 0.1, widthFactor: 0.1, seed: 4 }),
      new RandomContrast({ factor: 0.3, seed: 5 }),
    ];
    const model = new Sequential({
      layers: [conv, ...random, new Flatten(), new Dense({ units: 2, activation: 'softmax' })],
    });
    const modes: boolean[] = [];
    random[1].outputTransform = (out, ctx) => {
      modes.push(ctx.training);
      return out;
    };
    model.compile({ optimizer: new Adam({ learningRate: 0.05 }), loss: 'sparseCategoricalCrossentropy' });
    await model.fit(xs, ys, { epochs: 1, batchSize: 8 });
    expect(modes.length).toBeGreaterThan(0);
    expect(modes.every((m) => m)).toBe(true);
    const kernel = Array.from(await conv.weights[0].variable.data());
    const start = numTensors();
    await model.fit(xs, ys, { epochs: 1, batchSize: 8 });
    const after = Array.from(await conv.weights[0].variable.data());
    expect(after).not.toEqual(kernel); // the gradient went through the five layers to the convolution
    modes.length = 0;
    await model.evaluate(xs, ys, { batchSize: 8 });
    const p = model.predict(xs, { batchSize: 8 });
    expect(modes.length).toBeGreaterThan(0);
    expect(modes.some((m) => m)).toBe(false);
    // predict equals the model without the random layers
    const plain = tidy(() => model.layers[7].apply(model.layers[6].apply(conv.apply(xs))));
    expectClose(p.dataSync(), plain.dataSync(), 1e-5);
    p.dispose();
    plain.dispose();
    expect(numTensors()).toBe(start);
    xs.dispose();
    ys.dispose();
    model.dispose();
  });
});

describe('preprocessing layers: save and load', () => {
  it('a model round-trips with every option of every layer', async () => {
    const model = new Sequential({
      layers: [
        new RandomFlip({ mode: 'horizontal', seed: 1, inputShape: [6, 6, 3] }),
        new RandomRotation({ factor: [-0.1, 0.2], fillMode: 'constant', fillValue: 0.5, interpolation: 'nearest' }),
        new RandomZoom({ heightFactor: 0.2, widthFactor: [-0.1, 0.3], fillMode: 'wrap', seed: 7 }),
        new RandomTranslation({ heightFactor: [0, 0.1], widthFactor: 0.2, fillMode: 'nearest' }),
        new RandomContrast({ factor: [0.1, 0.4], valueRange: [0, 1] }),
        new Flatten(),
        new Dense({ units: 2 }),
      ],
    });
    const artifacts = await toArtifacts(model);
    const loaded = fromArtifacts(artifacts);
    expect(loaded.layers.map((l) => l.className)).toEqual(model.layers.map((l) => l.className));
    for (let i = 0; i < 5; i++) expect(loaded.layers[i].getConfig()).toEqual(model.layers[i].getConfig());
    expect(loaded.layers[1].getConfig()).toMatchObject({
      factor: [-0.1, 0.2],
      fillMode: 'constant',
      fillValue: 0.5,
      interpolation: 'nearest',
    });
    expect(loaded.layers[4].getConfig()).toMatchObject({ factor: [0.1, 0.4], valueRange: [0, 1] });
    const x = randomUniform([2, 6, 6, 3]);
    const a = model.predict(x);
    const b = loaded.predict(x);
    expectClose(b.dataSync(), a.dataSync(), 1e-6);
    for (const v of [x, a, b]) v.dispose();
    model.dispose();
    loaded.dispose();
  });
});
