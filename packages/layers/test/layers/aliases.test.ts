/**
 * Keras / TensorFlow.js class names as exported aliases: each alias is the
 * convkit class itself (same constructor, `instanceof` both ways), layers
 * built with it compute the same values (checked against hand-computed
 * pooling results), serialise under the convkit name in convkit's format and
 * under the Keras name in the tfjs format, and the registry and the tfjs
 * config mapping read every spelling from the one alias table.
 */
import { numTensors, tensor4d } from '@convkit/core';
import {
  AveragePooling2D,
  AvgPool2D,
  AvgPooling2D,
  Conv2D,
  Convolution2D,
  deserializeLayer,
  Flatten,
  fromTfjsArtifacts,
  GlobalAveragePooling2D,
  GlobalAvgPool2D,
  GlobalMaxPool2D,
  GlobalMaxPooling2D,
  KERAS_CLASS_NAMES,
  kerasClassName,
  LAYER_ALIASES,
  layerRegistry,
  MaxPool2D,
  MaxPooling2D,
  SeparableConv2D,
  SeparableConvolution2D,
  Sequential,
  serializeLayer,
  toArtifacts,
  toTfjsArtifacts,
} from '@convkit/layers';
import { describe, expect, it } from 'vitest';
import { CONVKIT_TO_KERAS, KERAS_TO_CONVKIT } from '../../src/models/io/keras-config';

/** 0..15 as a [1, 4, 4, 1] image: rows [0 1 2 3], [4 5 6 7], [8 9 10 11], [12 13 14 15]. */
const ramp = () =>
  tensor4d(
    Array.from({ length: 16 }, (_, i) => i),
    [1, 4, 4, 1],
  );

describe('Keras / TensorFlow.js layer names', () => {
  it('are the convkit classes themselves', () => {
    const pairs: [unknown, unknown][] = [
      [MaxPooling2D, MaxPool2D],
      [AveragePooling2D, AvgPool2D],
      [AvgPooling2D, AvgPool2D],
      [GlobalAveragePooling2D, GlobalAvgPool2D],
      [GlobalMaxPooling2D, GlobalMaxPool2D],
      [Convolution2D, Conv2D],
      [SeparableConvolution2D, SeparableConv2D],
    ];
    for (const [alias, cls] of pairs) expect(alias).toBe(cls);
    const pool = new MaxPooling2D({ poolSize: 2 });
    expect(pool).toBeInstanceOf(MaxPool2D);
    expect(new MaxPool2D()).toBeInstanceOf(MaxPooling2D);
    expect(new GlobalAvgPool2D()).toBeInstanceOf(GlobalAveragePooling2D);
    // typed as the same instance type: a MaxPooling2D is usable where a MaxPool2D is expected
    const asCanonical: MaxPool2D = pool;
    const asAlias: MaxPooling2D = new MaxPool2D();
    expect(asCanonical.poolSize).toEqual([2, 2]);
    expect(asAlias.className).toBe('MaxPool2D');
  });

  it('build layers that compute the pooling values (hand-computed) and free their tensors', async () => {
    const before = numTensors();
    const x = ramp();
    const cases: [{ apply(x: unknown): unknown; dispose?(): void }, number[][]][] = [
      // 2×2 windows of the ramp: max = bottom-right, mean = centre of the window
      [new MaxPooling2D({ poolSize: 2 }), [[5, 7, 13, 15]]],
      [new AveragePooling2D({ poolSize: 2 }), [[2.5, 4.5, 10.5, 12.5]]],
      [new AvgPooling2D({ poolSize: 2, strides: 2 }), [[2.5, 4.5, 10.5, 12.5]]],
      [new GlobalAveragePooling2D(), [[7.5]]],
      [new GlobalMaxPooling2D(), [[15]]],
    ];
    for (const [layer, want] of cases) {
      const y = layer.apply(x) as { data(): Promise<Float32Array>; dispose(): void };
      expect([Array.from(await y.data())]).toEqual(want);
      y.dispose();
    }
    x.dispose();
    expect(numTensors()).toBe(before);
  });

  it('serialise under the convkit name, and deserialise from every spelling', () => {
    const layers = [
      new MaxPooling2D({ poolSize: 3, strides: 1, padding: 'same' }),
      new AveragePooling2D({ poolSize: 2 }),
      new GlobalAveragePooling2D({ keepDims: true }),
      new GlobalMaxPooling2D(),
      new Convolution2D({ filters: 2, kernelSize: 3 }),
      new SeparableConvolution2D({ filters: 2, kernelSize: 3 }),
    ];
    const names = layers.map((l) => serializeLayer(l).className);
    expect(names).toEqual([
      'MaxPool2D',
      'AvgPool2D',
      'GlobalAvgPool2D',
      'GlobalMaxPool2D',
      'Conv2D',
      'SeparableConv2D',
    ]);
    for (const layer of layers) {
      const s = serializeLayer(layer);
      const alias = Object.entries(LAYER_ALIASES).find(([, cls]) => cls.className === s.className)?.[0];
      expect(alias).toBeDefined();
      const copy = deserializeLayer({ className: alias as string, config: s.config });
      expect(copy.constructor).toBe(layer.constructor);
      expect(serializeLayer(copy)).toEqual(s);
    }
  });

  it('keep one table: registry, Keras names and the tfjs mapping agree', () => {
    for (const [alias, cls] of Object.entries(LAYER_ALIASES)) {
      expect(layerRegistry.has(alias)).toBe(true);
      if (Object.hasOwn(KERAS_TO_CONVKIT, alias)) expect(KERAS_TO_CONVKIT[alias]).toBe(cls.className);
    }
    for (const [convkit, keras] of Object.entries(KERAS_CLASS_NAMES)) {
      expect(LAYER_ALIASES[keras].className).toBe(convkit);
      expect(kerasClassName(convkit)).toBe(keras);
    }
    expect(kerasClassName('Dense')).toBe('Dense');
    expect(kerasClassName('constructor')).toBe('constructor');
    // What TensorFlow.js Layers 4.x names these classes (tf.layers.*().getClassName()).
    expect(CONVKIT_TO_KERAS).toMatchObject({
      MaxPool2D: 'MaxPooling2D',
      AvgPool2D: 'AveragePooling2D',
      GlobalAvgPool2D: 'GlobalAveragePooling2D',
      GlobalMaxPool2D: 'GlobalMaxPooling2D',
      Conv2D: 'Conv2D',
      SeparableConv2D: 'SeparableConv2D',
      BatchNormalization: 'BatchNormalization',
    });
    for (const [convkit, keras] of Object.entries(CONVKIT_TO_KERAS)) {
      expect(KERAS_TO_CONVKIT[keras]).toBe(convkit);
      expect(KERAS_TO_CONVKIT[convkit]).toBe(convkit);
      expect(layerRegistry.has(convkit)).toBe(true);
    }
    for (const spelling of ['MaxPooling2D', 'MaxPool2D', 'AveragePooling2D', 'AvgPooling2D', 'Convolution2D']) {
      expect(Object.hasOwn(KERAS_TO_CONVKIT, spelling)).toBe(true);
    }
    expect(Object.hasOwn(KERAS_TO_CONVKIT, 'RandomFlip')).toBe(false);
  });

  it('a model built with the Keras names saves convkit names in convkit format, Keras names in tfjs format', async () => {
    const before = numTensors();
    const model = new Sequential({
      layers: [
        new Convolution2D({ filters: 2, kernelSize: 1, inputShape: [4, 4, 1] }),
        new MaxPooling2D({ poolSize: 2 }),
        new AveragePooling2D({ poolSize: 2 }),
        new Flatten(),
      ],
    });
    const own = JSON.stringify((await toArtifacts(model)).modelJson);
    expect(own).toContain('"MaxPool2D"');
    expect(own).toContain('"AvgPool2D"');
    expect(own).not.toMatch(/Pooling2D|Convolution2D/);
    const tfjs = await toTfjsArtifacts(model);
    const written = JSON.stringify(tfjs.modelJson.modelTopology);
    expect(written).toContain('"class_name":"MaxPooling2D"');
    expect(written).toContain('"class_name":"AveragePooling2D"');
    expect(written).toContain('"class_name":"Conv2D"');
    const copy = fromTfjsArtifacts(tfjs);
    expect(copy.layers.map((l) => l.constructor)).toEqual([Conv2D, MaxPool2D, AvgPool2D, Flatten]);
    const x = ramp();
    const a = model.predict(x) as { data(): Promise<Float32Array>; dispose(): void };
    const b = copy.predict(x) as { data(): Promise<Float32Array>; dispose(): void };
    expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
    for (const t of [x, a, b, model, copy]) t.dispose();
    expect(numTensors()).toBe(before);
  });
});
