/**
 * `layers.*` factories: each builds an instance of its class with the same
 * config as the constructor, every built-in class has one, and the
 * TensorFlow.js spellings are the ones tfjs-layers 4.22 itself exports.
 */
import { numTensors, type Tensor, tensor } from '@convkit/core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import {
  AvgPool2D,
  BUILTIN_LAYERS,
  Conv2D,
  Dense,
  Flatten,
  GlobalAvgPool2D,
  layers,
  MaxPool2D,
  ReLU,
  Rescaling,
  Sequential,
  serializeLayer,
} from '../../src/index';

describe('layers.* factories', () => {
  it('build the class with the constructor’s config', () => {
    const pairs = [
      [
        layers.conv2d({ name: 'c', filters: 4, kernelSize: 3, strides: 2, activation: 'relu' }),
        new Conv2D({ name: 'c', filters: 4, kernelSize: 3, strides: 2, activation: 'relu' }),
      ],
      [layers.dense({ name: 'd', units: 3, useBias: false }), new Dense({ name: 'd', units: 3, useBias: false })],
      [layers.maxPooling2d({ name: 'm', poolSize: 3 }), new MaxPool2D({ name: 'm', poolSize: 3 })],
      [layers.averagePooling2d({ name: 'a', poolSize: 2 }), new AvgPool2D({ name: 'a', poolSize: 2 })],
      [layers.globalAveragePooling2d({ name: 'g' }), new GlobalAvgPool2D({ name: 'g' })],
      [layers.flatten({ name: 'f' }), new Flatten({ name: 'f' })],
      [layers.reLU({ name: 'r', maxValue: 6 }), new ReLU({ name: 'r', maxValue: 6 })],
      [layers.rescaling({ name: 's', scale: 0.5 }), new Rescaling({ name: 's', scale: 0.5 })],
    ] as const;
    for (const [made, expected] of pairs) {
      expect(made.constructor).toBe(expected.constructor);
      expect(serializeLayer(made)).toEqual(serializeLayer(expected));
    }
    expect(layers.flatten()).toBeInstanceOf(Flatten); // options stay optional where the class's are
  });

  it('cover every built-in layer class', () => {
    const covered = new Set<unknown>();
    const minimal: Record<string, unknown> = {
      inputLayer: { inputShape: [2] },
      conv2d: { filters: 1, kernelSize: 1 },
      depthwiseConv2d: { kernelSize: 1 },
      separableConv2d: { filters: 1, kernelSize: 1 },
      dense: { units: 1 },
      reshape: { targetShape: [1] },
      rescaling: { scale: 1 },
      dropout: { rate: 0.5 },
      activation: { activation: 'relu' },
      randomRotation: { factor: 0.1 },
      randomZoom: { heightFactor: 0.1 },
      randomTranslation: { heightFactor: 0.1, widthFactor: 0.1 },
      randomContrast: { factor: 0.1 },
    };
    for (const [name, make] of Object.entries(layers)) {
      const layer = (make as (a?: unknown) => { constructor: unknown; dispose(): void })(minimal[name] ?? {});
      covered.add(layer.constructor);
      layer.dispose();
    }
    for (const cls of BUILTIN_LAYERS) expect(covered.has(cls), cls.className).toBe(true);
  });

  it('use the spellings TensorFlow.js exports', () => {
    const tfjsNames = Object.keys(tfl.layers);
    const ours = Object.keys(layers);
    for (const name of [
      'conv2d',
      'depthwiseConv2d',
      'separableConv2d',
      'dense',
      'maxPooling2d',
      'maxPool2d',
      'averagePooling2d',
      'avgPool2d',
      'globalAveragePooling2d',
      'globalMaxPooling2d',
      'globalMaxPool2d',
      'batchNormalization',
      'dropout',
      'flatten',
      'reshape',
      'rescaling',
      'activation',
      'reLU',
      'leakyReLU',
      'elu',
      'softmax',
      'add',
      'concatenate',
      'inputLayer',
    ]) {
      expect(tfjsNames, name).toContain(name);
      expect(ours, name).toContain(name);
    }
  });

  it('make a model that predicts (softmax rows sum to 1) and leaks nothing', async () => {
    const before = numTensors();
    const model = new Sequential({
      layers: [
        layers.rescaling({ scale: 1 / 255, inputShape: [4, 4, 1] }),
        layers.conv2d({ filters: 2, kernelSize: 3, activation: 'relu' }),
        layers.flatten(),
        layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    const x = tensor(
      Array.from({ length: 16 }, (_, i) => i * 16),
      [1, 4, 4, 1],
    );
    const y = model.predict(x) as Tensor;
    expect(y.shape).toEqual([1, 3]);
    const sum = Array.from(await y.data()).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 5);
    x.dispose();
    y.dispose();
    model.dispose();
    expect(numTensors()).toBe(before);
  });
});
