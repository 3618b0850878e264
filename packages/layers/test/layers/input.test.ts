import { ConfigError, ShapeError } from '@convkit/core';
import { describe, expect, it } from 'vitest';
import { SymbolicTensor } from '../../src/engine/index';
import { Add, Concatenate, Conv2D, Dense, Flatten, Input, InputLayer, MaxPool2D } from '../../src/layers/index';
import { t } from './helpers';

describe('InputLayer and Input', () => {
  it('Input returns a symbolic tensor with the InputLayer as source and no inputs', () => {
    const x = Input({ shape: [8, 8, 1], name: 'image' });
    expect(x.shape).toEqual([null, 8, 8, 1]);
    expect(x.sourceLayer).toBeInstanceOf(InputLayer);
    expect(x.sourceLayer.name).toBe('image');
    expect(x.inputs).toEqual([]);
    expect(Input({ shape: [3], batchSize: 4 }).shape).toEqual([4, 3]);
  });

  it('wires a functional graph with the right shapes', () => {
    const x = Input({ shape: [8, 8, 1] });
    const a = new Conv2D({ filters: 4, kernelSize: 3, padding: 'same' }).apply(x);
    const b = new Conv2D({ filters: 2, kernelSize: 1 }).apply(x);
    const merged = new Concatenate().apply([a, b]);
    const pooled = new MaxPool2D().apply(merged);
    const y = new Dense({ units: 10 }).apply(new Flatten().apply(pooled));
    expect(merged.shape).toEqual([null, 8, 8, 6]);
    expect(pooled.shape).toEqual([null, 4, 4, 6]);
    expect(y.shape).toEqual([null, 10]);
    expect(merged.inputs).toEqual([a, b]);
    expect(() => new Add().apply([a, b])).toThrow(ShapeError);
  });

  it('call is the identity and checks the shape', () => {
    const layer = new InputLayer({ shape: [2] });
    const x = t([1, 2, 3, 4], [2, 2]);
    const y = layer.apply(x);
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 4]);
    y.dispose();
    const bad = t([1, 2, 3], [1, 3]);
    expect(() => layer.apply(bad)).toThrow(ShapeError);
    for (const z of [x, bad]) z.dispose();
    expect(layer.getConfig()).toEqual({ name: layer.name, batchInputShape: [null, 2], dtype: 'float32' });
  });

  it('validates its options', () => {
    expect(() => new InputLayer({})).toThrow(ConfigError);
    expect(() => Input({ shape: [0, 2] })).toThrow(ConfigError);
    expect(() => Input({ shape: [2], batchSize: -1 })).toThrow(ConfigError);
    expect(new InputLayer({ batchInputShape: [null, 5, 5, 3] }).outputShape).toEqual([null, 5, 5, 3]);
    expect(Input({ inputShape: [4] })).toBeInstanceOf(SymbolicTensor);
  });
});
