/**
 * Integrated Gradients: completeness (the map sums to f(x) − f(baseline)),
 * an integration error that falls as the step count rises, baselines of
 * every accepted form, and batching that does not change the result.
 */
import { dispose, fill, setSeed, type Tensor } from '@convkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { integratedGradients } from '../src/index';
import { smoothNet, uniformImages } from './helpers';

async function classScore(model: ReturnType<typeof smoothNet>, x: Tensor, targets: number[]): Promise<number[]> {
  const out = model.predict(x);
  const v = await out.data();
  const k = out.shape[1] as number;
  out.dispose();
  return targets.map((t, i) => v[i * k + t]);
}

async function rowSums(maps: Tensor): Promise<number[]> {
  const [n, h, w] = maps.shape;
  const v = await maps.data();
  return Array.from({ length: n }, (_, i) => v.slice(i * h * w, (i + 1) * h * w).reduce((a, b) => a + b, 0));
}

describe('integratedGradients', () => {
  beforeAll(() => setSeed(5));

  it('satisfies completeness, with an error that falls as steps rise', async () => {
    const model = smoothNet([6, 6, 2], 4);
    const images = uniformImages([3, 6, 6, 2], 21);
    const targets = [0, 2, 3];
    const baseline = fill([6, 6, 2], 0.1);
    const fx = await classScore(model, images, targets);
    const zeros = fill([3, 6, 6, 2], 0.1);
    const fb = await classScore(model, zeros, targets);
    const errors: number[] = [];
    for (const steps of [2, 8, 64]) {
      const maps = await integratedGradients(model, images, {
        target: targets,
        baseline,
        steps,
        batchSize: 16,
        score: 'output',
      });
      const sums = await rowSums(maps);
      errors.push(Math.max(...sums.map((s, i) => Math.abs(s - (fx[i] - fb[i])))));
      maps.dispose();
    }
    const gap = Math.max(...fx.map((v, i) => Math.abs(v - fb[i])));
    expect(gap).toBeGreaterThan(0.01);
    expect(errors[1]).toBeLessThan(errors[0]);
    expect(errors[2]).toBeLessThan(errors[1]);
    expect(errors[2]).toBeLessThan(2e-3 * gap + 1e-5);
    dispose([images, baseline, zeros]);
    model.dispose();
  });

  it('takes a number, one image or one baseline per image, and gives the same map in any batch size', async () => {
    const model = smoothNet();
    const images = uniformImages([2, 5, 5, 2], 3);
    const asNumber = await integratedGradients(model, images, { baseline: 0.2, steps: 10, target: 1 });
    const one = fill([5, 5, 2], 0.2);
    const perImage = fill([2, 5, 5, 2], 0.2);
    const asImage = await integratedGradients(model, images, { baseline: one, steps: 10, target: 1, batchSize: 3 });
    const asBatch = await integratedGradients(model, images, {
      baseline: perImage,
      steps: 10,
      target: 1,
      batchSize: 64,
    });
    const [a, b, c] = await Promise.all([asNumber.data(), asImage.data(), asBatch.data()]);
    for (let i = 0; i < a.length; i++) {
      expect(b[i]).toBeCloseTo(a[i], 6);
      expect(c[i]).toBeCloseTo(a[i], 6);
    }
    // A baseline equal to the image attributes nothing.
    const none = await integratedGradients(model, images, { baseline: images, steps: 4 });
    expect(Array.from(await none.data()).every((v) => v === 0)).toBe(true);
    dispose([images, one, perImage, asNumber, asImage, asBatch, none]);
    model.dispose();
  });

  it('rejects a baseline of another shape, naming both shapes', async () => {
    const model = smoothNet();
    const images = uniformImages([2, 5, 5, 2], 3);
    const wrong = fill([5, 5, 1], 0);
    await expect(integratedGradients(model, images, { baseline: wrong })).rejects.toThrow(
      /baseline must be a number, one image \[5, 5, 2\] or one per image \[2, 5, 5, 2\]; received \[5, 5, 1\]/,
    );
    dispose([images, wrong]);
    model.dispose();
  });
});
