import { SerializationError } from '@convkit/core';
import { describe, expect, it } from 'vitest';
import type { Layer } from '../../src/engine/index';
import {
  Activation,
  Add,
  AvgPool2D,
  BatchNormalization,
  BUILTIN_LAYERS,
  Concatenate,
  Conv2D,
  Dense,
  DepthwiseConv2D,
  Dropout,
  deserializeLayer,
  ELU,
  Flatten,
  GlobalAvgPool2D,
  GlobalMaxPool2D,
  InputLayer,
  LeakyReLU,
  layerRegistry,
  MaxPool2D,
  Normalization,
  RandomContrast,
  RandomFlip,
  RandomRotation,
  RandomTranslation,
  RandomZoom,
  ReLU,
  ReLU6,
  Rescaling,
  Reshape,
  SeparableConv2D,
  Softmax,
  serializeLayer,
} from '../../src/layers/index';
import { expectClose, randomArray, t } from './helpers';

/** One configured instance of every built-in layer, with the input shape to run it on. */
const cases: [Layer, number[] | number[][]][] = [
  [new InputLayer({ shape: [4, 4, 2] }), [2, 4, 4, 2]],
  [
    new Conv2D({
      filters: 3,
      kernelSize: [2, 3],
      strides: 2,
      padding: 'same',
      dilationRate: 1,
      activation: 'gelu',
      kernelInitializer: { className: 'HeNormal', config: { seed: 1 } },
      biasInitializer: { className: 'Constant', config: { value: 0.1 } },
      kernelRegularizer: 'l2',
      inputShape: [5, 5, 2],
    }),
    [2, 5, 5, 2],
  ],
  [
    new DepthwiseConv2D({ kernelSize: 3, depthMultiplier: 2, dilationRate: 2, padding: 'same', useBias: false }),
    [1, 5, 5, 2],
  ],
  [
    new SeparableConv2D({
      filters: 4,
      kernelSize: 3,
      depthMultiplier: 2,
      activation: 'relu6',
      pointwiseRegularizer: { className: 'L1', config: { l1: 0.1 } },
    }),
    [1, 5, 5, 2],
  ],
  [new MaxPool2D({ poolSize: 3, strides: 2, padding: 'same' }), [1, 5, 5, 2]],
  [new AvgPool2D({ poolSize: [2, 1] }), [1, 4, 4, 2]],
  [new GlobalAvgPool2D({ keepDims: true }), [1, 3, 3, 2]],
  [new GlobalMaxPool2D(), [1, 3, 3, 2]],
  [new Dense({ units: 3, activation: 'softmax', useBias: false, trainable: false }), [2, 4]],
  [new Flatten(), [2, 3, 2]],
  [new Reshape({ targetShape: [3, -1] }), [2, 6]],
  [new Dropout({ rate: 0.25, seed: 3 }), [2, 4]],
  [new RandomFlip({ mode: 'vertical', seed: 2 }), [2, 3, 3, 2]],
  [
    new RandomRotation({ factor: [-0.1, 0.3], fillMode: 'constant', fillValue: 1, interpolation: 'nearest' }),
    [2, 4, 4, 1],
  ],
  [new RandomZoom({ heightFactor: 0.2, widthFactor: [0, 0.5], fillMode: 'wrap', seed: 4 }), [1, 4, 5, 2]],
  [new RandomTranslation({ heightFactor: [-0.2, 0], widthFactor: 0.1, fillMode: 'nearest' }), [1, 4, 4, 1]],
  [new RandomContrast({ factor: [0.1, 0.9], valueRange: [0, 255], seed: 5 }), [2, 3, 3, 3]],
  [new BatchNormalization({ momentum: 0.9, epsilon: 0.01, center: false, gammaRegularizer: 'l1' }), [2, 3]],
  [new Activation({ activation: 'leaky_relu' }), [2, 3]],
  [new ReLU({ maxValue: 2, negativeSlope: 0.1, threshold: 0.5 }), [2, 3]],
  [new ReLU6(), [2, 3]],
  [new Rescaling({ scale: 1 / 255, offset: -0.5 }), [2, 3]],
  [new Normalization({ mean: [1, 2, 3], variance: [1, 4, 9], invert: true }), [2, 3]],
  [new LeakyReLU({ alpha: 0.1 }), [2, 3]],
  [new ELU({ alpha: 0.5 }), [2, 3]],
  [new Softmax({ axis: 1 }), [2, 3, 2]],
  [
    new Add(),
    [
      [2, 3],
      [2, 3],
    ],
  ],
  [
    new Concatenate({ axis: 1 }),
    [
      [2, 3],
      [2, 1],
    ],
  ],
];

describe('getConfig → deserializeLayer round trip', () => {
  it('covers every built-in layer class', () => {
    const covered = new Set(cases.map(([l]) => l.className));
    expect(BUILTIN_LAYERS.map((c) => c.className).filter((n) => !covered.has(n))).toEqual([]);
  });

  it.each(cases.map(([l, s]) => [l.className, l, s] as const))(
    '%s rebuilds an equivalent layer',
    (_name, layer, shape) => {
      const json = JSON.parse(JSON.stringify(serializeLayer(layer)));
      const copy = deserializeLayer(json);
      expect(copy).toBeInstanceOf(layer.constructor);
      expect(copy.name).toBe(layer.name);
      expect(copy.trainable).toBe(layer.trainable);
      expect(copy.getConfig()).toEqual(layer.getConfig());
      const multi = Array.isArray(shape[0]);
      const inputs = (multi ? (shape as number[][]) : [shape as number[]]).map((s, i) =>
        t(
          randomArray(
            s.reduce((a, b) => a * b, 1),
            10 + i,
          ),
          s,
        ),
      );
      const arg = multi ? inputs : inputs[0];
      const y1 = layer.apply(arg);
      const y2 = copy.apply(arg);
      if (layer.weights.length > 0) {
        const w = layer.getWeights();
        copy.setWeights(w);
        for (const v of w) v.dispose();
        y2.dispose();
      }
      const y3 = layer.weights.length > 0 ? copy.apply(arg) : y2;
      expect(y3.shape).toEqual(y1.shape);
      expect(layer.computeOutputShape(multi ? (shape as number[][]) : (shape as number[]))).toEqual(y1.shape);
      expectClose(y3.dataSync(), y1.dataSync(), 1e-6);
      for (const v of [y1, y3, ...inputs]) v.dispose();
      layer.dispose();
      copy.dispose();
    },
  );

  it('accepts Keras class-name aliases and rejects unknown classes', () => {
    const pool = deserializeLayer({ className: 'MaxPooling2D', config: { poolSize: [2, 2] } });
    expect(pool).toBeInstanceOf(MaxPool2D);
    expect(deserializeLayer({ className: 'GlobalAveragePooling2D', config: {} })).toBeInstanceOf(GlobalAvgPool2D);
    expect(layerRegistry.has('Conv2D')).toBe(true);
    expect(() => deserializeLayer({ className: 'Conv3D', config: {} })).toThrow(SerializationError);
  });
});
