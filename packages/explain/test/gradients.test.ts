/**
 * Gradient saliency, gradient × input and SmoothGrad against central finite
 * differences of the model's class score (cpu backend, float32).
 */
import { dispose, ops, setSeed, tensor4d } from '@convkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradientTimesInput, saliency, smoothGrad } from '../src/index';
import { smoothNet, uniformImages } from './helpers';

/** d score_target / d pixel (all channels of the pixel moved together by h), by central differences. */
async function finiteDifferences(
  model: ReturnType<typeof smoothNet>,
  image: Float32Array,
  shape: number[],
  target: number,
) {
  const [h, w, c] = shape;
  const step = 1e-2;
  const batch = new Float32Array(2 * h * w * h * w * c);
  for (let p = 0; p < h * w; p++) {
    for (const [k, sign] of [
      [0, 1],
      [1, -1],
    ]) {
      const off = (2 * p + k) * h * w * c;
      batch.set(image, off);
      for (let ch = 0; ch < c; ch++) batch[off + p * c + ch] += sign * step;
    }
  }
  const x = tensor4d(batch, [2 * h * w, h, w, c]);
  const out = model.predict(x);
  const v = await out.data();
  const classes = out.shape[1] as number;
  dispose([x, out]);
  return Array.from(
    { length: h * w },
    (_, p) => (v[2 * p * classes + target] - v[(2 * p + 1) * classes + target]) / (2 * step),
  );
}

describe('gradient saliency', () => {
  beforeAll(() => setSeed(3));

  it('equals finite differences of the class score (signed, channels summed) and their magnitude (C = 1)', async () => {
    for (const shape of [
      [5, 5, 2],
      [4, 6, 1],
    ] as [number, number, number][]) {
      const model = smoothNet(shape);
      const images = uniformImages([2, ...shape], 11);
      const values = await images.data();
      const size = shape[0] * shape[1] * shape[2];
      const signed = await saliency(model, images, { target: [2, 0], channels: 'sum', score: 'output' });
      const s = await signed.data();
      for (const [i, target] of [2, 0].entries()) {
        const fd = await finiteDifferences(
          model,
          values.slice(i * size, (i + 1) * size) as Float32Array,
          shape,
          target,
        );
        const got = Array.from(s.slice(i * fd.length, (i + 1) * fd.length));
        const scale = Math.max(...fd.map(Math.abs));
        expect(scale).toBeGreaterThan(1e-3);
        for (let p = 0; p < fd.length; p++) expect(Math.abs(got[p] - fd[p])).toBeLessThan(2e-3 * scale + 1e-5);
      }
      if (shape[2] === 1) {
        const abs = await saliency(model, images, { target: [2, 0], score: 'output' });
        const a = await abs.data();
        for (let p = 0; p < a.length; p++) expect(a[p]).toBeCloseTo(Math.abs(s[p]), 6);
        abs.dispose();
      }
      dispose([signed, images]);
      model.dispose();
    }
  });

  it('defaults to the predicted class and is the same in any batch size', async () => {
    const model = smoothNet();
    const images = uniformImages([5, 5, 5, 2], 4);
    const out = model.predict(images);
    const predicted = Array.from(await ops.argMax(out, 1).data());
    const byDefault = await saliency(model, images, { batchSize: 2 });
    const explicit = await saliency(model, images, { target: predicted });
    const a = await byDefault.data();
    const b = await explicit.data();
    expect(byDefault.shape).toEqual([5, 5, 5]);
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 6);
    dispose([images, out, byDefault, explicit]);
    model.dispose();
  });

  it('gradient × input is the signed gradient times the pixel (one channel)', async () => {
    const model = smoothNet([5, 5, 1]);
    const images = uniformImages([2, 5, 5, 1], 8);
    const gx = await gradientTimesInput(model, images, { target: 1 });
    const g = await saliency(model, images, { target: 1, channels: 'sum' });
    expect(gx.shape).toEqual([2, 5, 5]);
    const [product, gradient, x] = await Promise.all([gx.data(), g.data(), images.data()]);
    for (let i = 0; i < product.length; i++) expect(product[i]).toBeCloseTo(gradient[i] * x[i], 6);
    dispose([images, gx, g]);
    model.dispose();
  });
});

describe('SmoothGrad', () => {
  it('with zero noise equals the gradient, and is reproducible with a seed', async () => {
    const model = smoothNet();
    const images = uniformImages([2, 5, 5, 2], 5);
    const plain = await saliency(model, images, { target: [0, 1] });
    const still = await smoothGrad(model, images, { target: [0, 1], noiseLevel: 0, samples: 3, batchSize: 2 });
    const a = await plain.data();
    const b = await still.data();
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 5);
    const s1 = await smoothGrad(model, images, { seed: 9, samples: 6 });
    const s2 = await smoothGrad(model, images, { seed: 9, samples: 6, batchSize: 4 });
    const s3 = await smoothGrad(model, images, { seed: 10, samples: 6 });
    const [v1, v2, v3] = await Promise.all([s1.data(), s2.data(), s3.data()]);
    for (let i = 0; i < v1.length; i++) expect(v2[i]).toBeCloseTo(v1[i], 5);
    expect(Array.from(v1).some((v, i) => Math.abs(v - v3[i]) > 1e-5)).toBe(true);
    expect(Array.from(v1).some((v, i) => Math.abs(v - a[i]) > 1e-5)).toBe(true);
    dispose([images, plain, still, s1, s2, s3]);
    model.dispose();
  });
});
