import { ConfigError, tensor, variable } from '@convkit/core';
import {
  cosineDecay,
  exponentialDecay,
  oneCycle,
  piecewiseConstant,
  polynomialDecay,
  SGD,
  scheduleFromConfig,
  stepDecay,
} from '@convkit/optim';
import { describe, expect, it } from 'vitest';

describe('learning-rate schedules', () => {
  it('stepDecay and piecewiseConstant', () => {
    const s = stepDecay({ initialLearningRate: 1, stepSize: 10, gamma: 0.5 });
    expect([s(0), s(9), s(10), s(25)]).toEqual([1, 1, 0.5, 0.25]);
    const p = piecewiseConstant({ boundaries: [5, 10], values: [1, 0.5, 0.1] });
    expect([p(0), p(4), p(5), p(9), p(10), p(100)]).toEqual([1, 1, 0.5, 0.5, 0.1, 0.1]);
    expect(() => piecewiseConstant({ boundaries: [5], values: [1] })).toThrow(ConfigError);
  });

  it('exponentialDecay, smooth and staircase', () => {
    const s = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
    expect(s(5)).toBeCloseTo(0.1 * 0.5 ** 0.5, 10);
    const st = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true });
    expect(st(19)).toBeCloseTo(0.05, 12);
    expect(st(20)).toBeCloseTo(0.025, 12);
  });

  it('cosineDecay with warm-up', () => {
    const s = cosineDecay({ initialLearningRate: 1, decaySteps: 100, alpha: 0.1, warmupSteps: 10 });
    expect(s(0)).toBe(0);
    expect(s(5)).toBeCloseTo(0.5, 12);
    expect(s(10)).toBeCloseTo(1, 12);
    expect(s(60)).toBeCloseTo(0.9 * 0.5 * (1 + Math.cos(Math.PI * 0.5)) + 0.1, 12);
    expect(s(110)).toBeCloseTo(0.1, 12);
    expect(s(1000)).toBeCloseTo(0.1, 12);
  });

  it('polynomialDecay', () => {
    const s = polynomialDecay({ initialLearningRate: 1, decaySteps: 10, endLearningRate: 0.1, power: 2 });
    expect(s(0)).toBeCloseTo(1, 12);
    expect(s(5)).toBeCloseTo(0.9 * 0.25 + 0.1, 12);
    expect(s(10)).toBeCloseTo(0.1, 12);
    expect(s(50)).toBeCloseTo(0.1, 12);
  });

  it('oneCycle follows PyTorch OneCycleLR', () => {
    const s = oneCycle({ maxLearningRate: 1, totalSteps: 101, pctStart: 0.3 });
    expect(s(0)).toBeCloseTo(1 / 25, 12);
    const peak = 0.3 * 101 - 1;
    expect(s(peak)).toBeCloseTo(1, 12);
    expect(s(100)).toBeCloseTo(1 / 25 / 1e4, 12);
    // Monotone up then down.
    expect(s(10)).toBeGreaterThan(s(5));
    expect(s(80)).toBeLessThan(s(50));
  });

  it('drives an optimizer and survives a config round trip', () => {
    const s = stepDecay({ initialLearningRate: 0.1, stepSize: 1, gamma: 0.5 });
    const opt = new SGD({ learningRate: s });
    const v = variable(tensor([0]), true, 'sched_var');
    const g = tensor([1]);
    opt.applyGradients([{ variable: v, gradient: g }]); // lr 0.1
    opt.applyGradients([{ variable: v, gradient: g }]); // lr 0.05
    expect(v.dataSync()[0]).toBeCloseTo(-0.15, 6);
    expect(opt.learningRate).toBeCloseTo(0.025, 12);
    const rebuilt = scheduleFromConfig(s.config!);
    expect(rebuilt(3)).toBe(s(3));
    g.dispose();
    v.dispose();
    opt.dispose();
  });
});
