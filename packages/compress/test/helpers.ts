import { ones, ops, randomUniform, type Tensor, tidy, zeros } from '@convkit/core';
import { Conv2D, Dense, Flatten, MaxPool2D, Sequential } from '@convkit/layers';

/** 8×8 one-channel noisy images; class 1 has a bright left half, class 0 a bright right half. */
export function toyData(n: number): { x: Tensor; y: Tensor } {
  return tidy(() => {
    const y = ops.cast(ops.greater(randomUniform([n]), 0.5), 'int32');
    const noise = randomUniform([n, 8, 8, 1], 0, 0.6);
    const leftMask = ops.concat([ones([1, 8, 4, 1]), zeros([1, 8, 4, 1])], 2);
    const label = ops.reshape(ops.cast(y, 'float32'), [n, 1, 1, 1]);
    const mask = ops.add(ops.mul(label, leftMask), ops.mul(ops.sub(1, label), ops.sub(1, leftMask)));
    return { x: ops.add(noise, ops.mul(mask, 0.4)), y };
  });
}

/** Conv(8) → pool → Conv(8) → Flatten → Dense(16) → Dense(2, softmax) on 8×8×1. */
export function toyCnn(filters = 8, hidden = 16): Sequential {
  return new Sequential({
    layers: [
      new Conv2D({ filters, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [8, 8, 1] }),
      new MaxPool2D({ poolSize: 2 }),
      new Conv2D({ filters, kernelSize: 3, activation: 'relu' }),
      new Flatten(),
      new Dense({ units: hidden, activation: 'relu' }),
      new Dense({ units: 2, activation: 'softmax' }),
    ],
  });
}

export async function values(t: Tensor): Promise<Float32Array> {
  return (await t.data()) as Float32Array;
}
