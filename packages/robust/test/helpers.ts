import { ones, ops, randomNormal, randomUniform, rngFrom, type Tensor, tidy } from '@convkit/core';
import { Dense, Flatten, Sequential } from '@convkit/layers';
import { Adam } from '@convkit/optim';

/**
 * A synthetic task with one robust and many non-robust features (after
 * Tsipras et al., 2019), as 8×8 one-channel images in [0, 1]. Pixel (0, 0)
 * is 0.5 ± 0.4 (the sign is the class, flipped for 10 % of the images); the
 * other 63 pixels are 0.5 ± 0.1 plus noise. A standard model leans on the 63
 * weak pixels (near 100 % clean accuracy) and an L∞ attack of ε = 0.15 flips
 * them all; a robust model must rely on pixel (0, 0) (about 90 %).
 */
export function robustTask(n: number, seed: number): { x: Tensor; y: Tensor } {
  const rng = rngFrom(seed);
  return tidy(() => {
    const y = ops.cast(ops.greater(randomUniform([n], 0, 1, rng), 0.5), 'int32');
    const s = ops.reshape(ops.sub(ops.mul(ops.cast(y, 'float32'), 2), 1), [n, 1, 1, 1]); // ±1
    const flip = ops.sub(1, ops.mul(ops.cast(ops.less(randomUniform([n, 1, 1, 1], 0, 1, rng), 0.1), 'float32'), 2));
    const weak = ops.add(ops.add(0.5, ops.mul(s, 0.1)), randomNormal([n, 8, 8, 1], 0, 0.15, rng));
    const strong = ops.add(0.5, ops.mul(ops.mul(s, flip), 0.4));
    const mask = ops.pad(ones([1, 1, 1, 1]), [
      [0, 0],
      [0, 7],
      [0, 7],
      [0, 0],
    ]);
    const img = ops.add(ops.mul(weak, ops.sub(1, mask)), ops.mul(strong, mask));
    return { x: ops.clipByValue(img, 0, 1), y };
  });
}

/** Flatten → Dense(16, relu) → Dense(2, softmax) on 8×8×1, compiled with Adam and sparse cross-entropy. */
export function smallModel(): Sequential {
  const model = new Sequential({
    layers: [
      new Flatten({ inputShape: [8, 8, 1] }),
      new Dense({ units: 16, activation: 'relu' }),
      new Dense({ units: 2, activation: 'softmax' }),
    ],
  });
  model.compile({
    optimizer: new Adam({ learningRate: 0.01 }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

/** Mean of the model's per-image cross-entropy on `x, y`, read asynchronously. */
export async function meanLoss(model: Sequential, x: Tensor, y: Tensor): Promise<number> {
  const t = tidy(() => {
    const p = model.predict(x);
    const k = p.shape[1];
    const oneHot = ops.oneHot(ops.cast(y, 'int32'), k);
    return ops.neg(ops.mean(ops.log(ops.maximum(ops.sum(ops.mul(p, oneHot), -1), 1e-30))));
  });
  const [v] = await t.data();
  t.dispose();
  return v;
}
