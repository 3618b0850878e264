/** The two CNNs the visitor picks from, and the optimizers, built with the public layers and optim APIs. */
import type { Optimizer } from '@convkit/core';
import { Conv2D, Dense, Dropout, Flatten, MaxPool2D, Sequential } from '@convkit/layers';
import { Adadelta, Adagrad, Adam, AdamW, RMSprop, SGD } from '@convkit/optim';
import type { ModelKind, OptimizerKind, TunedArchitecture } from './protocol';

/**
 * `reference`: Conv2D(32) → MaxPool → Conv2D(64) → MaxPool → Dense(128) → Dense(10), the classic
 * MNIST CNN (225k parameters). `small`: the same shape at a quarter of the width (≈ 15k parameters), 10× faster.
 */
export function buildModel(kind: ModelKind): Sequential {
  const [c1, c2, d] = kind === 'reference' ? [32, 64, 128] : [8, 16, 32];
  return new Sequential({
    name: kind === 'reference' ? 'reference_cnn' : 'small_cnn',
    layers: [
      new Conv2D({ filters: c1, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
      new MaxPool2D({ poolSize: 2 }),
      new Conv2D({ filters: c2, kernelSize: 3, activation: 'relu' }),
      new MaxPool2D({ poolSize: 2 }),
      new Flatten(),
      new Dense({ units: d, activation: 'relu' }),
      new Dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

/**
 * The tune panel's CNN: Conv2D(filters) → MaxPool → Conv2D(2·filters) → MaxPool → Dropout(dropout) →
 * Dense(32) → Dense(10) — the small CNN with the width and the dropout as hyper-parameters.
 */
export function buildTunedModel({ filters, dropout }: TunedArchitecture): Sequential {
  return new Sequential({
    name: `tuned_cnn_f${filters}`,
    layers: [
      new Conv2D({ filters, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
      new MaxPool2D({ poolSize: 2 }),
      new Conv2D({ filters: 2 * filters, kernelSize: 3, activation: 'relu' }),
      new MaxPool2D({ poolSize: 2 }),
      new Flatten(),
      new Dropout({ rate: dropout }),
      new Dense({ units: 32, activation: 'relu' }),
      new Dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

/** A fresh optimizer of `kind` with learning rate `learningRate`. */
export function buildOptimizer(kind: OptimizerKind, learningRate: number): Optimizer {
  switch (kind) {
    case 'adam':
      return new Adam({ learningRate });
    case 'adamw':
      return new AdamW({ learningRate });
    case 'sgd':
      return new SGD({ learningRate });
    case 'momentum':
      return new SGD({ learningRate, momentum: 0.9 });
    case 'rmsprop':
      return new RMSprop({ learningRate });
    case 'adagrad':
      return new Adagrad({ learningRate });
    case 'adadelta':
      return new Adadelta({ learningRate });
  }
}
