/**
 * `@convkit/layers` — the Keras-style layers ({@link Conv2D}, {@link Dense},
 * {@link MaxPool2D}, {@link BatchNormalization}, {@link Dropout}, ...), the
 * {@link Sequential} and functional {@link Model} APIs with `compile`, `fit`,
 * `evaluate`, `predict` and `summary`, losses, metrics, callbacks, and
 * {@link saveModel} / {@link loadModel}. Every public call frees what it creates.
 *
 * @example
 * ```ts
 * import { Conv2D, Dense, Flatten, MaxPool2D, Sequential } from '@convkit/layers';
 * import { Adam } from '@convkit/optim';
 *
 * const model = new Sequential({
 *   layers: [
 *     new Conv2D({ filters: 16, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
 *     new MaxPool2D({ poolSize: 2 }),
 *     new Flatten(),
 *     new Dense({ units: 10, activation: 'softmax' }),
 *   ],
 * });
 * model.compile({ optimizer: new Adam(), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
 * ```
 *
 * @packageDocumentation
 */
export * from './engine/index';
export * from './layers/index';
export * from './models/index';
