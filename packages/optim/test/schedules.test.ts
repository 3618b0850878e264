/** Learning-rate schedules against their formulas at known steps, and their configs. */
import { ConfigError, type LearningRateSchedule } from '@convkit/core';
import {
  cosineDecay,
  exponentialDecay,
  makeSchedule,
  oneCycle,
  piecewiseConstant,
  polynomialDecay,
  SGD,
  scheduleFromConfig,
  stepDecay,
} from '@convkit/optim';
import { describe, expect, it } from 'vitest';
import { runOptimizer } from './helpers';

function expectValues(schedule: LearningRateSchedule, expected: Record<number, number>, digits = 12): void {
  for (const [step, lr] of Object.entries(expected)) {
    expect(schedule(Number(step)), `step ${step}`).toBeCloseTo(lr, digits);
  }
}

/** A literal port of PyTorch's `OneCycleLR.get_lr` (two phases) for comparison. */
function torchOneCycle(max: number, total: number, pct = 0.3, div = 25, finalDiv = 1e4, strategy = 'cos') {
  const initial = max / div;
  const min = initial / finalDiv;
  const phases = [
    { end: pct * total - 1, start: initial, stop: max },
    { end: total - 1, start: max, stop: min },
  ];
  const anneal =
    strategy === 'cos'
      ? (a: number, b: number, p: number) => b + ((a - b) / 2) * (Math.cos(Math.PI * p) + 1)
      : (a: number, b: number, p: number) => (b - a) * p + a;
  return (step: number) => {
    let startStep = 0;
    for (let i = 0; i < phases.length; i++) {
      const { end, start, stop } = phases[i];
      if (step <= end || i === phases.length - 1) return anneal(start, stop, (step - startStep) / (end - startStep));
      startStep = end;
    }
    throw new Error('unreachable');
  };
}

describe('stepDecay', () => {
  it('multiplies by gamma every stepSize steps', () => {
    const s = stepDecay({ initialLearningRate: 1, stepSize: 10, gamma: 0.5 });
    expectValues(s, { 0: 1, 9: 1, 10: 0.5, 19: 0.5, 20: 0.25, 25: 0.25 });
    expectValues(stepDecay({ initialLearningRate: 0.2, stepSize: 3 }), { 2: 0.2, 3: 0.02, 6: 0.002 });
  });
});

describe('piecewiseConstant', () => {
  it('switches after each boundary, as Keras', () => {
    const p = piecewiseConstant({ boundaries: [5, 10], values: [1, 0.5, 0.1] });
    expectValues(p, { 0: 1, 5: 1, 6: 0.5, 10: 0.5, 11: 0.1, 1000: 0.1 });
  });

  it('validates its arguments', () => {
    expect(() => piecewiseConstant({ boundaries: [5], values: [1] })).toThrow(/boundaries.length \+ 1 values/);
    expect(() => piecewiseConstant({ boundaries: [5, 5], values: [1, 2, 3] })).toThrow(/increase/);
    expect(() => piecewiseConstant({ boundaries: [5], values: [1, -2] })).toThrow(ConfigError);
  });
});

describe('exponentialDecay', () => {
  it('smooth', () => {
    const s = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
    expectValues(s, { 0: 0.1, 5: 0.1 * 0.5 ** 0.5, 10: 0.05, 37: 0.1 * 0.5 ** 3.7 });
  });

  it('staircase', () => {
    const s = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true });
    expectValues(s, { 0: 0.1, 9: 0.1, 10: 0.05, 19: 0.05, 20: 0.025, 37: 0.0125 });
  });
});

describe('cosineDecay', () => {
  it('without warm-up, with the alpha floor', () => {
    const s = cosineDecay({ initialLearningRate: 2, decaySteps: 100, alpha: 0.1 });
    const at = (t: number) => 2 * (0.9 * 0.5 * (1 + Math.cos(Math.PI * t)) + 0.1);
    expectValues(s, { 0: 2, 25: at(0.25), 50: at(0.5), 100: 0.2, 500: 0.2 });
  });

  it('linear warm-up boundaries, then cosine', () => {
    const s = cosineDecay({
      initialLearningRate: 1,
      decaySteps: 100,
      alpha: 0.1,
      warmupSteps: 10,
      warmupStartLearningRate: 0.2,
    });
    const cos = (t: number) => 0.9 * 0.5 * (1 + Math.cos(Math.PI * t)) + 0.1;
    expectValues(s, { 0: 0.2, 1: 0.28, 5: 0.6, 9: 0.92, 10: 1, 11: cos(0.01), 60: cos(0.5), 110: 0.1, 1000: 0.1 });
    expectValues(cosineDecay({ initialLearningRate: 1, decaySteps: 10, warmupSteps: 4 }), { 0: 0, 2: 0.5, 4: 1 });
  });
});

describe('polynomialDecay', () => {
  it('power 2, held at the end rate', () => {
    const s = polynomialDecay({ initialLearningRate: 1, decaySteps: 10, endLearningRate: 0.1, power: 2 });
    expectValues(s, { 0: 1, 3: 0.9 * 0.7 ** 2 + 0.1, 5: 0.9 * 0.25 + 0.1, 10: 0.1, 50: 0.1 });
  });

  it('linear by default, ending at 1e-4', () => {
    const s = polynomialDecay({ initialLearningRate: 0.5, decaySteps: 4 });
    expectValues(s, { 0: 0.5, 1: 0.4999 * 0.75 + 1e-4, 4: 1e-4 });
  });

  it('cycle restarts with a longer horizon, as Keras', () => {
    const s = polynomialDecay({ initialLearningRate: 1, decaySteps: 10, endLearningRate: 0, cycle: true });
    // step 15: horizon 20 → 1 − 15/20; step 20: horizon 20 → 0; step 21: horizon 30.
    expectValues(s, { 0: 1, 5: 0.5, 10: 0, 15: 0.25, 20: 0, 21: 1 - 21 / 30 });
  });
});

describe('oneCycle', () => {
  it('matches PyTorch OneCycleLR at every step (cos and linear)', () => {
    for (const strategy of ['cos', 'linear'] as const) {
      for (const [total, pct] of [
        [100, 0.3],
        [101, 0.25],
        [7, 0.5],
        [3, 0.3],
      ]) {
        const s = oneCycle({ maxLearningRate: 0.5, totalSteps: total, pctStart: pct, annealStrategy: strategy });
        const ref = torchOneCycle(0.5, total, pct, 25, 1e4, strategy);
        for (let step = 0; step < total; step++)
          expect(s(step), `${strategy} ${total} ${step}`).toBeCloseTo(ref(step), 12);
      }
    }
  });

  it('starts at max/divFactor, peaks at max, ends at max/(divFactor·finalDivFactor)', () => {
    const s = oneCycle({ maxLearningRate: 1, totalSteps: 11, pctStart: 0.5, divFactor: 10, finalDivFactor: 100 });
    // Peak step = 0.5·11 − 1 = 4.5: no integer step hits it, both neighbours are close.
    expectValues(s, { 0: 0.1, 10: 0.001, 11: 0.001, 1000: 0.001 });
    expect(s(4)).toBeLessThan(1);
    expect(s(5)).toBeLessThan(1);
    expect(s(4)).toBeGreaterThan(0.9);
    // Peak step = 0.5·10 − 1 = 4, the cosine half-way point is step 2.
    const peakAt4 = oneCycle({ maxLearningRate: 2, totalSteps: 10, pctStart: 0.5 });
    expectValues(peakAt4, { 0: 0.08, 2: 0.08 + (2 - 0.08) * 0.5, 4: 2, 9: 0.08 / 1e4 });
  });
});

describe('configs', () => {
  const all: LearningRateSchedule[] = [
    stepDecay({ initialLearningRate: 0.1, stepSize: 3, gamma: 0.7 }),
    piecewiseConstant({ boundaries: [2, 5], values: [0.3, 0.2, 0.1] }),
    exponentialDecay({ initialLearningRate: 0.1, decaySteps: 4, decayRate: 0.9, staircase: true }),
    cosineDecay({ initialLearningRate: 0.1, decaySteps: 8, warmupSteps: 2, alpha: 0.05 }),
    polynomialDecay({ initialLearningRate: 0.1, decaySteps: 6, power: 0.5, cycle: true }),
    oneCycle({ maxLearningRate: 0.1, totalSteps: 12, annealStrategy: 'linear' }),
  ];

  it.each(all.map((s) => [s.config!.className, s]))('%s rebuilds from its JSON config', (_name, s) => {
    const json = JSON.parse(JSON.stringify(s.config));
    const rebuilt = scheduleFromConfig(json);
    expect(rebuilt.config).toEqual(s.config);
    for (let step = 0; step < 20; step++) expect(rebuilt(step)).toBe(s(step));
  });

  it('rejects unknown names, unknown options and bad values', () => {
    expect(() => scheduleFromConfig({ className: 'Triangular', config: {} })).toThrow(/Unknown learning-rate schedule/);
    expect(() => stepDecay({ initialLearningRate: 0.1, stepSize: 1, factor: 0.5 } as never)).toThrow(
      /stepDecay: unknown option 'factor'/,
    );
    expect(() => stepDecay({ initialLearningRate: 0.1, stepSize: 0 })).toThrow(/stepSize must be a positive/);
    expect(() => exponentialDecay({ initialLearningRate: -1, decaySteps: 1, decayRate: 0.5 })).toThrow(ConfigError);
    expect(() => cosineDecay({ initialLearningRate: 1, decaySteps: 10, alpha: 2 })).toThrow(/alpha/);
    expect(() => cosineDecay({ initialLearningRate: 1, decaySteps: 0 })).toThrow(/decaySteps/);
    expect(() => polynomialDecay({ initialLearningRate: 1, decaySteps: 10, power: 0 })).toThrow(/power/);
    expect(() => oneCycle({ maxLearningRate: 1, totalSteps: 1 })).toThrow(/totalSteps/);
    expect(() => oneCycle({ maxLearningRate: 1, totalSteps: 10.5 })).toThrow(/totalSteps/);
    expect(() => oneCycle({ maxLearningRate: 1, totalSteps: 10, pctStart: 1 })).toThrow(/pctStart/);
    expect(() => oneCycle({ maxLearningRate: 1, totalSteps: 10, annealStrategy: 'exp' as never })).toThrow(
      /annealStrategy/,
    );
    expect(() => scheduleFromConfig({ className: 'OneCycle', config: {} })).toThrow(ConfigError);
  });

  it('makeSchedule wraps a custom function and clamps negative steps to 0', () => {
    const s = makeSchedule('Halving', { start: 1 }, (step) => 0.5 ** step);
    expect(s.config).toEqual({ className: 'Halving', config: { start: 1 } });
    expect(s(-3)).toBe(1);
    expect(s(2)).toBe(0.25);
  });
});

describe('schedules drive optimizers', () => {
  it('SGD uses schedule(iterations) on each step', () => {
    const s = stepDecay({ initialLearningRate: 0.1, stepSize: 1, gamma: 0.5 });
    const opt = new SGD({ learningRate: s });
    const grads = [[[1]], [[1]], [[1]]];
    const [[p]] = runOptimizer(opt, grads, [[0]]);
    expect(p).toBeCloseTo(-(0.1 + 0.05 + 0.025), 6);
    expect(opt.iterations).toBe(3);
    expect(opt.learningRate).toBeCloseTo(0.0125, 12);
  });
});
