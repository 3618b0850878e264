/**
 * Optimizer plumbing: memory, state checkpoints, configs, the registry,
 * learning-rate control, argument validation and gradient clipping.
 */
import {
  ConfigError,
  createOptimizer,
  numTensors,
  type Optimizer,
  ShapeError,
  type Tensor,
  tensor,
} from '@convkit/core';
import {
  Adadelta,
  Adagrad,
  Adam,
  AdamW,
  clipByGlobalNorm,
  clipByNorm,
  clipByValue,
  cosineDecay,
  globalNorm,
  OPTIMIZERS,
  optimizerFromConfig,
  RMSprop,
  SGD,
  stepDecay,
} from '@convkit/optim';
import { describe, expect, it } from 'vitest';
import { expectClose, GRADS, makeVariable, P0, runOptimizer, SHAPES } from './helpers';

/** Every optimizer with every stateful feature switched on. */
const FULL: Array<[string, () => Optimizer]> = [
  ['SGD', () => new SGD({ learningRate: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01, clipValue: 0.7 })],
  ['Adam', () => new Adam({ learningRate: 0.05, amsgrad: true, clipNorm: 1 })],
  ['AdamW', () => new AdamW({ learningRate: 0.05, weightDecay: 0.1, globalClipNorm: 1 })],
  ['RMSprop', () => new RMSprop({ learningRate: 0.05, momentum: 0.5, centered: true })],
  ['Adadelta', () => new Adadelta({ learningRate: 0.5 })],
  ['Adagrad', () => new Adagrad({ learningRate: 0.1, initialAccumulatorValue: 0.2 })],
];

describe.each(FULL)('%s', (name, make) => {
  it('keeps the live tensor count flat after the first step, frees all on dispose, never frees the gradients', () => {
    const before = numTensors();
    const vars = P0.map((p, i) => makeVariable(p, SHAPES[i]));
    const gs = GRADS[0].map((g, i) => tensor(g, SHAPES[i]));
    const pairs = vars.map((v, i) => ({ variable: v, gradient: gs[i] }));
    const opt = make();
    opt.applyGradients(pairs);
    const afterFirst = numTensors();
    for (let i = 0; i < 25; i++) opt.applyGradients(pairs);
    expect(numTensors()).toBe(afterFirst);
    expect(opt.iterations).toBe(26);
    expect(gs.every((g) => !g.isDisposed)).toBe(true);
    opt.dispose();
    expect(numTensors()).toBe(before + vars.length + gs.length);
    [...vars, ...gs].forEach((t) => t.dispose());
    expect(numTensors()).toBe(before);
  });

  it('getState/setState: resuming gives the same result as never stopping, without leaks', () => {
    const uninterrupted = runOptimizer(make());
    const vars = P0.map((p, i) => makeVariable(p, SHAPES[i]));
    const step = (opt: Optimizer, grads: number[][]) => {
      const gs = grads.map((g, i) => tensor(g, SHAPES[i]));
      opt.applyGradients(vars.map((v, i) => ({ variable: v, gradient: gs[i] })));
      gs.forEach((g) => g.dispose());
    };
    const first = make();
    step(first, GRADS[0]);
    const state = first.getState();
    expect(state.length).toBeGreaterThan(0);
    first.dispose();

    const baseline = numTensors();
    const resumed = make();
    resumed.setState(state, 1);
    state.forEach((s) => s.tensor.dispose()); // the caller's copies; the optimizer keeps its own
    expect(resumed.iterations).toBe(1);
    expect(resumed.getConfig()).toEqual(first.getConfig());
    step(resumed, GRADS[1]);
    step(resumed, GRADS[2]);
    expectClose(
      vars.map((v) => Array.from(v.dataSync())),
      uninterrupted,
      1e-6,
    );
    expect(resumed.iterations).toBe(3);
    const again = resumed.getState();
    expect(again.map((s) => s.name).sort()).toEqual(state.map((s) => s.name).sort());
    again.forEach((s) => s.tensor.dispose());
    resumed.dispose();
    expect(numTensors()).toBe(baseline - state.length);
    vars.forEach((v) => v.dispose());
  });

  it('survives a JSON round trip of getConfig through optimizerFromConfig and createOptimizer', () => {
    const opt = make();
    const json = JSON.parse(JSON.stringify({ className: opt.className, config: opt.getConfig() }));
    expect(json.className).toBe(name);
    const copy = optimizerFromConfig(json);
    const viaRegistry = createOptimizer(name.toLowerCase(), json.config);
    expect(copy.getConfig()).toEqual(opt.getConfig());
    expect(viaRegistry.getConfig()).toEqual(opt.getConfig());
    expect(runOptimizer(copy)).toEqual(runOptimizer(opt));
    [opt, copy, viaRegistry].forEach((o) => o.dispose());
  });
});

describe('state', () => {
  it('names state by slot and variable, and restores it by variable name', () => {
    const opt = new Adam();
    const v = makeVariable([1, 2], [2], 'dense_7/kernel');
    const g = tensor([0.5, -0.5]);
    opt.applyGradients([{ variable: v, gradient: g }]);
    const state = opt.getState();
    expect(state.map((s) => s.name).sort()).toEqual([`m:${v.name}`, `v:${v.name}`]);
    // m after one step = (1 − β1)·g
    expectClose([Array.from(state.find((s) => s.name.startsWith('m:'))!.tensor.dataSync())], [[0.05, -0.05]], 1e-6);
    state.forEach((s) => s.tensor.dispose());
    opt.dispose();
    g.dispose();
    v.dispose();
  });

  it('rejects malformed state, bad iterations and state of the wrong shape', () => {
    const opt = new SGD({ momentum: 0.9 });
    const t = tensor([1, 2, 3]);
    expect(() => opt.setState([{ name: 'no-colon', tensor: t }], 0)).toThrow(ConfigError);
    expect(() => opt.setState([], -1)).toThrow(/iterations/);
    expect(() => opt.setState([], 1.5)).toThrow(ConfigError);
    const v = makeVariable([1, 2]);
    opt.setState([{ name: `momentum:${v.name}`, tensor: t }], 4);
    const g = tensor([1, 1]);
    expect(() => opt.applyGradients([{ variable: v, gradient: g }])).toThrow(ShapeError);
    opt.dispose();
    [t, g, v].forEach((x) => x.dispose());
  });

  it('dispose leaves a usable optimizer that starts from fresh state', () => {
    const opt = new Adam({ learningRate: 0.01 });
    const fresh = runOptimizer(new Adam({ learningRate: 0.01 }));
    runOptimizer(opt);
    opt.dispose();
    expect(opt.getState()).toEqual([]);
    opt.setState([], 0);
    expect(runOptimizer(opt)).toEqual(fresh);
    opt.dispose();
  });
});

describe('applyGradients', () => {
  it('rejects a gradient whose shape differs from its variable, before touching anything', () => {
    const opt = new SGD();
    const v = makeVariable([1, 2, 3]);
    const g = tensor([1, 2]);
    expect(() => opt.applyGradients([{ variable: v, gradient: g }])).toThrow(
      /gradient of 'w_\d+' has shape \[2\], expected \[3\]/,
    );
    expect(opt.iterations).toBe(0);
    expect(Array.from(v.dataSync())).toEqual([1, 2, 3]);
    [g, v].forEach((x) => x.dispose());
  });

  it('treats an empty list as a no-op', () => {
    const opt = new Adam();
    opt.applyGradients([]);
    expect(opt.iterations).toBe(0);
  });
});

describe('learning rate', () => {
  it('reports schedule(iterations) and setting it replaces the schedule by a constant', () => {
    const schedule = cosineDecay({ initialLearningRate: 0.1, decaySteps: 10 });
    const opt = new SGD({ learningRate: schedule });
    expect(opt.learningRate).toBeCloseTo(0.1, 12);
    expect(opt.getConfig().learningRate).toEqual(schedule.config);
    runOptimizer(opt, GRADS.slice(0, 2));
    expect(opt.learningRate).toBeCloseTo(schedule(2), 12);
    opt.learningRate = 0.02;
    expect(opt.learningRate).toBe(0.02);
    expect(opt.getConfig().learningRate).toBe(0.02);
    runOptimizer(opt, GRADS.slice(0, 1));
    expect(opt.learningRate).toBe(0.02);
  });

  it('accepts 0 (freezes the weights) and rejects negative or non-finite values', () => {
    const opt = new SGD({ learningRate: 0.5 });
    opt.learningRate = 0;
    expect(runOptimizer(opt, GRADS.slice(0, 1))).toEqual(P0.map((row) => row.map((x) => Math.fround(x))));
    expect(() => {
      opt.learningRate = -0.1;
    }).toThrow(ConfigError);
    expect(() => {
      opt.learningRate = Number.NaN;
    }).toThrow(ConfigError);
  });

  it('rejects a schedule that returns a bad value, naming the step', () => {
    const opt = new SGD({ learningRate: (step: number) => (step < 1 ? 0.1 : -1) });
    runOptimizer(opt, GRADS.slice(0, 1));
    expect(() => runOptimizer(opt, GRADS.slice(0, 1))).toThrow(/returned -1 at step 1/);
    expect(opt.iterations).toBe(1);
  });

  it('accepts a serialised schedule as learningRate', () => {
    const schedule = stepDecay({ initialLearningRate: 0.1, stepSize: 2, gamma: 0.5 });
    const opt = new Adam({ learningRate: schedule.config as never });
    expect(runOptimizer(opt)).toEqual(runOptimizer(new Adam({ learningRate: schedule })));
    expect(opt.getConfig().learningRate).toEqual(schedule.config);
  });
});

describe('registry and configs', () => {
  it('registers every optimizer by case-insensitive name', () => {
    expect(Object.keys(OPTIMIZERS).sort()).toEqual(['Adadelta', 'Adagrad', 'Adam', 'AdamW', 'RMSprop', 'SGD']);
    for (const name of Object.keys(OPTIMIZERS)) {
      expect(createOptimizer(name.toLowerCase()).className).toBe(name);
      expect(createOptimizer(name.toUpperCase()).className).toBe(name);
    }
    const opt = createOptimizer('sgd', { learningRate: 0.3, momentum: 0.8 });
    expect(opt.getConfig()).toMatchObject({ learningRate: 0.3, momentum: 0.8, nesterov: false });
  });

  it('reports documented defaults', () => {
    expect(new SGD().getConfig()).toEqual({ learningRate: 0.01, momentum: 0, nesterov: false, weightDecay: 0 });
    expect(new Adam().getConfig()).toEqual({
      learningRate: 1e-3,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-7,
      amsgrad: false,
    });
    expect(new AdamW().getConfig()).toMatchObject({ learningRate: 1e-3, weightDecay: 0.01 });
    expect(new RMSprop().getConfig()).toEqual({
      learningRate: 1e-3,
      rho: 0.9,
      momentum: 0,
      centered: false,
      epsilon: 1e-7,
    });
    expect(new Adadelta().getConfig()).toEqual({ learningRate: 1, rho: 0.9, epsilon: 1e-6 });
    expect(new Adagrad().getConfig()).toEqual({ learningRate: 0.01, initialAccumulatorValue: 0.1, epsilon: 1e-10 });
  });

  it('rejects unknown class names', () => {
    expect(() => optimizerFromConfig({ className: 'Lion', config: {} })).toThrow(/Unknown optimizer 'Lion'.*Adam/);
    expect(() => optimizerFromConfig({ className: 'toString', config: {} })).toThrow(ConfigError);
    expect(() => new Adam({ learningRate: { className: 'Nope', config: {} } })).toThrow(
      /Unknown learning-rate schedule/,
    );
  });
});

describe('validation', () => {
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['negative learning rate', () => new SGD({ learningRate: -0.1 }), /SGD: learningRate must be a non-negative/],
    ['NaN learning rate', () => new Adam({ learningRate: Number.NaN }), /learningRate/],
    ['string learning rate', () => new Adam({ learningRate: '0.1' as never }), /learningRate/],
    ['momentum 1', () => new SGD({ momentum: 1 }), /SGD: momentum must be in \[0, 1\), got 1/],
    ['negative momentum', () => new RMSprop({ momentum: -0.5 }), /momentum/],
    ['nesterov without momentum', () => new SGD({ nesterov: true }), /nesterov needs momentum > 0/],
    ['nesterov not boolean', () => new SGD({ momentum: 0.9, nesterov: 'yes' as never }), /nesterov must be a boolean/],
    ['beta1 = 1', () => new Adam({ beta1: 1 }), /Adam: beta1 must be in \[0, 1\), got 1/],
    ['beta2 < 0', () => new AdamW({ beta2: -0.1 }), /AdamW: beta2/],
    ['negative epsilon', () => new Adam({ epsilon: -1e-8 }), /epsilon/],
    ['negative weight decay', () => new AdamW({ weightDecay: -1 }), /weightDecay/],
    ['SGD negative weight decay', () => new SGD({ weightDecay: -1 }), /weightDecay/],
    ['rho = 1', () => new RMSprop({ rho: 1 }), /rho/],
    ['Adadelta rho', () => new Adadelta({ rho: 1.5 }), /Adadelta: rho/],
    [
      'negative accumulator',
      () => new Adagrad({ initialAccumulatorValue: -1 }),
      /Adagrad: initialAccumulatorValue must be a non-negative/,
    ],
    ['clipNorm 0', () => new Adam({ clipNorm: 0 }), /clipNorm must be a positive/],
    ['negative clipValue', () => new SGD({ clipValue: -1 }), /clipValue/],
    ['clipNorm and globalClipNorm', () => new SGD({ clipNorm: 1, globalClipNorm: 1 }), /either clipNorm/],
    ['misspelt option', () => new Adam({ lr: 0.1 } as never), /Adam: unknown option 'lr'/],
    ['AdamW option on Adam', () => new Adam({ weightDecay: 0.1 } as never), /unknown option 'weightDecay'/],
    ['options not an object', () => createOptimizer('adam', 5 as never), /options must be an object/],
  ];
  it.each(cases)('%s', (_label, build, message) => {
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(message);
  });
});

const values = (t: Tensor) => Array.from(t.dataSync());
const norm = (xs: number[]) => Math.sqrt(xs.reduce((a, x) => a + x * x, 0));

describe('clipping functions', () => {
  it('clipByValue clips each element', () => {
    const g = tensor([-3, -0.5, 0, 0.5, 3]);
    const c = clipByValue(g, 1);
    expect(values(c)).toEqual([-1, -0.5, 0, 0.5, 1]);
    [g, c].forEach((t) => t.dispose());
  });

  it('clipByNorm rescales only tensors whose norm exceeds maxNorm', () => {
    const g = tensor([3, 4]); // norm 5
    const c = clipByNorm(g, 2.5);
    expectClose([values(c)], [[1.5, 2]], 1e-6);
    const same = clipByNorm(g, 10);
    expectClose([values(same)], [[3, 4]], 1e-7);
    const zero = tensor([0, 0]);
    const z = clipByNorm(zero, 1);
    expect(values(z)).toEqual([0, 0]);
    [g, c, same, zero, z].forEach((t) => t.dispose());
  });

  it('globalNorm and clipByGlobalNorm scale all tensors by one factor', () => {
    const a = [0.1, -0.3, 0.8, 0];
    const b = [1.5, -0.05, 0.2];
    const total = norm([...a, ...b]);
    const ta = tensor(a, [2, 2]);
    const tb = tensor(b);
    const n = globalNorm([ta, tb]);
    expect(n.dataSync()[0]).toBeCloseTo(total, 6);
    const before = numTensors();
    const clipped = clipByGlobalNorm([ta, tb], 1);
    expect(numTensors()).toBe(before + 2); // only the results survive
    expect(clipped[0].shape).toEqual([2, 2]);
    expectClose(clipped.map(values), [a.map((x) => x / total), b.map((x) => x / total)], 1e-6);
    // Below the threshold: unchanged; inputs are never disposed.
    const kept = clipByGlobalNorm([ta, tb], 10);
    expectClose(kept.map(values), [a, b], 1e-7);
    expect(ta.isDisposed || tb.isDisposed).toBe(false);
    [ta, tb, n, ...clipped, ...kept].forEach((t) => t.dispose());
  });

  it('handles empty lists', () => {
    expect(clipByGlobalNorm([], 1)).toEqual([]);
    const n = globalNorm([]);
    expect(values(n)).toEqual([0]);
    n.dispose();
  });

  it('rejects non-positive limits', () => {
    const g = tensor([1]);
    expect(() => clipByValue(g, 0)).toThrow(ConfigError);
    expect(() => clipByNorm(g, -1)).toThrow(/clipByNorm: maxNorm must be a positive number, got -1/);
    expect(() => clipByGlobalNorm([g], Number.NaN)).toThrow(ConfigError);
    g.dispose();
  });
});

describe('clipping options of optimizers', () => {
  // With SGD at learningRate 1 from zero, the result is −(clipped gradient).
  const zeros = P0.map((row) => row.map(() => 0));
  const one = [GRADS[0]];
  const negate = (rows: number[][]) => rows.map((row) => row.map((x) => -x));

  it('clipNorm clips each tensor separately', () => {
    const got = runOptimizer(new SGD({ learningRate: 1, clipNorm: 0.5 }), one, zeros);
    const expected = GRADS[0].map((g) => g.map((x) => (x * 0.5) / Math.max(norm(g), 0.5)));
    expectClose(got, negate(expected), 1e-6);
  });

  it('globalClipNorm clips all tensors together', () => {
    const got = runOptimizer(new SGD({ learningRate: 1, globalClipNorm: 0.5 }), one, zeros);
    const total = norm(GRADS[0].flat());
    expectClose(got, negate(GRADS[0].map((g) => g.map((x) => (x * 0.5) / total))), 1e-6);
  });

  it('clipValue applies before the norm', () => {
    const got = runOptimizer(new SGD({ learningRate: 1, clipValue: 0.25, globalClipNorm: 0.5 }), one, zeros);
    const byValue = GRADS[0].map((g) => g.map((x) => Math.max(-0.25, Math.min(0.25, x))));
    const total = norm(byValue.flat());
    const scale = 0.5 / Math.max(total, 0.5);
    expectClose(got, negate(byValue.map((g) => g.map((x) => x * scale))), 1e-6);
  });

  it('clips before a stateful update at every step', () => {
    const clipped = GRADS.map((step) => {
      const total = norm(step.flat());
      return step.map((g) => g.map((x) => (x * 0.3) / Math.max(total, 0.3)));
    });
    const a = runOptimizer(new Adam({ learningRate: 0.1, globalClipNorm: 0.3 }));
    const b = runOptimizer(new Adam({ learningRate: 0.1 }), clipped);
    expectClose(a, b, 1e-5);
  });
});
