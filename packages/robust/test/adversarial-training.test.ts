import { numTensors, setSeed, type Tensor } from '@convkit/core';
import { adversarialTraining, robustAccuracy } from '@convkit/robust';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { robustTask, smallModel } from './helpers';

let train: { x: Tensor; y: Tensor };
let test: { x: Tensor; y: Tensor };

beforeAll(() => {
  train = robustTask(512, 21);
  test = robustTask(256, 22);
});

afterAll(() => {
  for (const t of [train.x, train.y, test.x, test.y]) t.dispose();
});

/** Trains a fresh model for 8 epochs (adversarially with `method`); clean and PGD-10 accuracy at ε = 0.15. */
async function trainAndAttack(method?: 'pgd' | 'fgsm') {
  setSeed(7);
  const model = smallModel();
  await model.fit(train.x, train.y, {
    epochs: 8,
    batchSize: 32,
    batchTransform: method
      ? adversarialTraining(model, { method, eps: 0.15, steps: method === 'pgd' ? 3 : undefined, seed: 1 })
      : undefined,
  });
  const [row] = await robustAccuracy(model, test.x, test.y, { eps: [0.15], steps: 10, seed: 2 });
  model.dispose();
  return row;
}

describe('adversarialTraining', () => {
  it('PGD training gives a much higher robust accuracy than standard training at the same budget', async () => {
    const standard = await trainAndAttack();
    const robust = await trainAndAttack('pgd');
    // The standard model leans on the 63 weak pixels: near-perfect clean, broken by ε = 0.15.
    expect(standard.cleanAccuracy).toBeGreaterThan(0.85);
    expect(standard.robustAccuracy).toBeLessThan(0.3);
    // The robust one relies on the strong pixel, right for about 90 % of the images.
    expect(robust.robustAccuracy).toBeGreaterThan(0.75);
    expect(robust.robustAccuracy).toBeGreaterThan(standard.robustAccuracy + 0.4);
  });

  it('fast adversarial training (FGSM with a random start) also makes the model robust', async () => {
    const fast = await trainAndAttack('fgsm');
    expect(fast.robustAccuracy).toBeGreaterThan(0.7);
  });

  it('leaves no tensor behind, with an ε ramp and an L2 ball too', async () => {
    const model = smallModel();
    await model.fit(train.x, train.y, { epochs: 1, batchSize: 128 }); // creates the optimizer's slots
    const before = numTensors();
    for (const norm of ['linf', 'l2'] as const) {
      const batchTransform = adversarialTraining(model, { method: 'pgd', eps: 0.3, norm, steps: 2, epsRampEpochs: 2 });
      await model.fit(train.x, train.y, { epochs: 2, batchSize: 128, batchTransform });
      expect(numTensors()).toBe(before);
    }
    model.dispose();
  });

  it('refuses bad options before training', () => {
    const model = smallModel();
    expect(() => adversarialTraining(model, { method: 'cw' as never, eps: 0.1 })).toThrow(
      /method must be 'pgd' or 'fgsm', got cw/,
    );
    expect(() => adversarialTraining(model, { method: 'pgd', eps: 0 })).toThrow(/eps must be a finite number > 0/);
    expect(() => adversarialTraining(model, { method: 'pgd', eps: 0.1, steps: 0 })).toThrow(/steps must be a positive/);
    expect(() => adversarialTraining(model, { method: 'fgsm', eps: 0.1, steps: 3 })).toThrow(/takes one step/);
    expect(() => adversarialTraining(model, { method: 'pgd', eps: 0.1, epsRampEpochs: -1 })).toThrow(/epsRampEpochs/);
    model.dispose();
  });
});
