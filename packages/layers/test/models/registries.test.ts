/**
 * Every registry looks names up as own keys only: `'constructor'`,
 * `'toString'`, `'__proto__'`, `'hasOwnProperty'`, ... are unknown names,
 * a ConfigError listing the known ones, never an inherited Object member that
 * fails later with a TypeError.
 */
import { ConfigError, type ConvkitError, createOptimizer, SerializationError } from '@convkit/core';
import {
  Accuracy,
  Conv2D,
  Dense,
  deserializeLayer,
  getActivation,
  getInitializer,
  getLoss,
  getMetric,
  getRegularizer,
  initializerRegistry,
  layerRegistry,
  lossNames,
  registerLoss,
  registerMetric,
  regularizerRegistry,
  Sequential,
} from '@convkit/layers';
import { optimizerFromConfig, SGD, scheduleFromConfig } from '@convkit/optim';
import { describe, expect, it } from 'vitest';

const HOSTILE = [
  'constructor',
  'toString',
  '__proto__',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
];

function expectUnknown(fn: () => unknown, type: typeof ConvkitError, known: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(type);
  expect((error as Error).message).toMatch(/Unknown/);
  expect((error as Error).message).toMatch(known);
}

describe.each(HOSTILE)("the name '%s'", (name) => {
  it('is an unknown loss, metric, activation, initializer and regularizer', () => {
    expectUnknown(() => getLoss(name), ConfigError, /Known: .*sparseCategoricalCrossentropy/);
    expectUnknown(() => getMetric(name), ConfigError, /Known: accuracy/);
    expectUnknown(() => getActivation(name), ConfigError, /Known: .*relu/);
    expectUnknown(() => getInitializer(name), ConfigError, /Known: .*GlorotUniform/);
    expectUnknown(() => getInitializer({ className: name, config: {} }), ConfigError, /Known: .*HeNormal/);
    expectUnknown(() => getRegularizer(name), ConfigError, /Known: l1, l2/);
    expectUnknown(() => getRegularizer({ className: name, config: {} }), ConfigError, /Known: .*L1L2/);
  });

  it('is an unknown optimizer, schedule and layer class', () => {
    expectUnknown(() => createOptimizer(name), ConfigError, /Registered: .*adam/);
    expectUnknown(() => optimizerFromConfig({ className: name }), ConfigError, /Known: SGD, Adam/);
    expectUnknown(() => scheduleFromConfig({ className: name, config: {} }), ConfigError, /Known: StepDecay/);
    expectUnknown(() => layerRegistry.get(name), ConfigError, /Known: .*Conv2D/);
    expectUnknown(() => deserializeLayer({ className: name, config: {} }), SerializationError, /Known: .*Dense/);
    expectUnknown(() => initializerRegistry.get(name), ConfigError, /Known: .*Zeros/);
    expectUnknown(() => regularizerRegistry.get(name), ConfigError, /Known: .*L2/);
  });

  it('fails compile() and layer options with a ConfigError, before any training', () => {
    const model = new Sequential({ layers: [new Dense({ units: 2, inputShape: [3] })] });
    try {
      expectUnknown(() => model.compile({ optimizer: new SGD(), loss: name }), ConfigError, /Known:/);
      expectUnknown(() => model.compile({ optimizer: name, loss: 'mse' }), ConfigError, /Registered:/);
      expectUnknown(() => model.compile({ optimizer: new SGD(), loss: 'mse', metrics: [name] }), ConfigError, /Known:/);
      expect(model.optimizer).toBeUndefined();
      expectUnknown(() => new Conv2D({ filters: 1, kernelSize: 1, activation: name }), ConfigError, /Known:/);
      expectUnknown(() => new Dense({ units: 1, kernelInitializer: name }), ConfigError, /Known:/);
      expectUnknown(() => new Dense({ units: 1, biasRegularizer: name }), ConfigError, /Known:/);
    } finally {
      model.dispose();
    }
  });
});

describe('registries', () => {
  it('reject names of the wrong type with a ConfigError', () => {
    expect(() => getLoss(42 as never)).toThrow(ConfigError);
    expect(() => getMetric(42 as never)).toThrow(ConfigError);
    expect(() => getInitializer('')).toThrow(ConfigError);
    expect(() => layerRegistry.get(undefined as never)).toThrow(ConfigError);
  });

  it('registerLoss and registerMetric add names that getLoss, getMetric and compile resolve', () => {
    const halfMse = registerLoss('halfMseForRegistryTest', (_t, p) => p);
    expect(halfMse.lossName).toBe('halfMseForRegistryTest');
    expect(getLoss('halfMseForRegistryTest')).toBe(halfMse);
    expect(lossNames()).toContain('halfMseForRegistryTest');
    registerMetric('acc2ForRegistryTest', () => new Accuracy({ name: 'acc2ForRegistryTest' }));
    expect(getMetric('acc2ForRegistryTest').name).toBe('acc2ForRegistryTest');
    expect(() => registerLoss('', (_t, p) => p)).toThrow(ConfigError);
    expect(() => registerMetric('x', 5 as never)).toThrow(ConfigError);
  });
});
