import { numTensors, ops, setSeed, type Tensor, tensor4d, tidy } from '@convkit/core';
import type { Sequential } from '@convkit/layers';
import { fgsm, pgd, project } from '@convkit/robust';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meanLoss, robustTask, smallModel } from './helpers';

let model: Sequential;
let x: Tensor;
let y: Tensor;

beforeAll(async () => {
  setSeed(11);
  const train = robustTask(512, 1);
  model = smallModel();
  await model.fit(train.x, train.y, { epochs: 8, batchSize: 32 });
  train.x.dispose();
  train.y.dispose();
  ({ x, y } = robustTask(64, 2));
});

afterAll(() => {
  model.dispose();
  x.dispose();
  y.dispose();
});

/** Largest |adv − x| per image (L∞) and ‖adv − x‖₂ per image, and the range of adv. */
async function distances(adv: Tensor) {
  const [linf, l2, lo, hi] = await Promise.all(
    tidy(() => {
      const d = ops.sub(adv, x);
      return [ops.max(ops.abs(d), [1, 2, 3]), ops.sqrt(ops.sum(ops.square(d), [1, 2, 3])), ops.min(adv), ops.max(adv)];
    }).map(async (t) => {
      const v = Array.from(await t.data());
      t.dispose();
      return v;
    }),
  );
  return { linf, l2, lo: lo[0], hi: hi[0] };
}

describe('pgd', () => {
  it('L∞: stays within the ε-ball and the pixel range, and reaches its surface', async () => {
    const before = numTensors();
    const adv = pgd(model, x, y, { eps: 0.15, steps: 10, seed: 1 });
    expect(numTensors()).toBe(before + 1);
    const d = await distances(adv);
    for (const v of d.linf) expect(v).toBeLessThanOrEqual(0.15 + 1e-6);
    expect(Math.max(...d.linf)).toBeGreaterThan(0.149);
    expect(d.lo).toBeGreaterThanOrEqual(0);
    expect(d.hi).toBeLessThanOrEqual(1);
    adv.dispose();
    expect(numTensors()).toBe(before);
  });

  it('L2: stays within the ε-ball (per image) and the pixel range', async () => {
    const adv = pgd(model, x, y, { eps: 0.5, norm: 'l2', steps: 10, seed: 2 });
    const d = await distances(adv);
    for (const v of d.l2) expect(v).toBeLessThanOrEqual(0.5 + 1e-5);
    expect(Math.max(...d.l2)).toBeGreaterThan(0.45);
    expect(d.lo).toBeGreaterThanOrEqual(0);
    expect(d.hi).toBeLessThanOrEqual(1);
    adv.dispose();
  });

  it('PGD loss ≥ FGSM loss ≥ clean loss on a trained model', async () => {
    const clean = await meanLoss(model, x, y);
    const f = fgsm(model, x, y, { eps: 0.1 });
    const p = pgd(model, x, y, { eps: 0.1, steps: 10, seed: 3 });
    const lf = await meanLoss(model, f, y);
    const lp = await meanLoss(model, p, y);
    f.dispose();
    p.dispose();
    expect(lf).toBeGreaterThan(clean);
    expect(lp).toBeGreaterThanOrEqual(lf);
  });

  it('targeted: raises the probability of the target class of every image', async () => {
    const target = tidy(() => ops.sub(1, y));
    const adv = pgd(model, x, target, { eps: 0.1, steps: 5, targeted: true, seed: 4 });
    const [p0, p1, t] = await Promise.all([
      tidy(() => model.predict(x)).array() as Promise<number[][]>,
      tidy(() => model.predict(adv)).array() as Promise<number[][]>,
      target.array() as Promise<number[]>,
    ]);
    t.forEach((c, i) => expect(p1[i][c]).toBeGreaterThan(p0[i][c]));
    adv.dispose();
    target.dispose();
  });

  it('projection onto the L2 and L∞ balls, by hand', async () => {
    const origin = tensor4d([0, 0, 0, 0], [2, 1, 1, 2]);
    const adv = tensor4d([3, 4, 0.3, 0.4], [2, 1, 1, 2]);
    const l2 = project(adv, origin, 1, 'l2', null);
    // [3, 4] has length 5: scaled to length 1; [0.3, 0.4] (length 0.5) is inside and stays.
    expect(Array.from(await l2.data()).map((v) => Number(v.toFixed(6)))).toEqual([0.6, 0.8, 0.3, 0.4]);
    const linf = project(adv, origin, 0.35, 'linf', null);
    expect(Array.from(await linf.data()).map((v) => Number(v.toFixed(6)))).toEqual([0.35, 0.35, 0.3, 0.35]);
    const clipped = project(adv, origin, 1, 'l2', [0, 0.7]);
    expect(Array.from(await clipped.data()).map((v) => Number(v.toFixed(6)))).toEqual([0.6, 0.7, 0.3, 0.4]);
    for (const t of [origin, adv, l2, linf, clipped]) t.dispose();
  });

  it('refuses bad steps and step sizes with typed errors, creating nothing', () => {
    const before = numTensors();
    expect(() => pgd(model, x, y, { eps: 0.1, steps: 0 })).toThrow(/pgd: steps must be a positive integer, got 0/);
    expect(() => pgd(model, x, y, { eps: 0.1, steps: 2.5 })).toThrow(/steps must be a positive integer/);
    expect(() => pgd(model, x, y, { eps: 0.1, stepSize: -1 })).toThrow(/stepSize must be a finite number > 0/);
    expect(() => pgd(model, x, y, { eps: Number.POSITIVE_INFINITY })).toThrow(/eps must be a finite number/);
    expect(() => pgd(model, x, y, { eps: 0.1, seed: 0.5 })).toThrow(/seed must be an integer/);
    expect(() => pgd(model, x, y, undefined as never)).toThrow(/options \{ eps, … \} are required/);
    expect(numTensors()).toBe(before);
  });
});
