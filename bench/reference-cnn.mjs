// The reference CNN of the benchmarks (Conv 32 → pool → Conv 64 → pool → Dense 128 → Dense 10, 28×28×1
// inputs, 225,034 parameters), built from whichever copy of @convkit/layers the calling script imports
// (the package benches of backend-wasm import the sibling dist, which the package does not depend on).

/**
 * A fresh, uncompiled reference CNN.
 * @param layers - The @convkit/layers module (its Sequential, Conv2D, MaxPool2D, Flatten and Dense).
 */
export function referenceCnn({ Sequential, Conv2D, MaxPool2D, Flatten, Dense }) {
  return new Sequential({
    layers: [
      new Conv2D({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
      new MaxPool2D({ poolSize: 2 }),
      new Conv2D({ filters: 64, kernelSize: 3, activation: 'relu' }),
      new MaxPool2D({ poolSize: 2 }),
      new Flatten(),
      new Dense({ units: 128, activation: 'relu' }),
      new Dense({ units: 10, activation: 'softmax' }),
    ],
  });
}
