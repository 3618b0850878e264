/**
 * Each optimizer against a float64 reference of its documented formula (three
 * steps on two variables), and a convergence sanity check driven by autograd.
 */
import { numTensors, type Optimizer, ops, type Scalar, tensor, tidy, variableGrads } from '@convkit/core';
import { Adadelta, Adagrad, Adam, AdamW, cosineDecay, RMSprop, SGD, stepDecay } from '@convkit/optim';
import { describe, expect, it } from 'vitest';
import { type ElementRule, expectClose, GRADS, makeVariable, maxDiff, P0, runOptimizer, runReference } from './helpers';

function sgdRule(momentum = 0, nesterov = false, weightDecay = 0): ElementRule {
  return (p, g, _t, lr, s) => {
    let d = g;
    if (momentum > 0) {
      s.buf = momentum * (s.buf ?? 0) + g;
      d = nesterov ? g + momentum * s.buf : s.buf;
    }
    return p * (1 - lr * weightDecay) - lr * d;
  };
}

function adamRule(o: { b1?: number; b2?: number; eps?: number; amsgrad?: boolean; wd?: number } = {}): ElementRule {
  const { b1 = 0.9, b2 = 0.999, eps = 1e-7, amsgrad = false, wd = 0 } = o;
  return (p, g, t, lr, s) => {
    const decayed = p * (1 - lr * wd);
    s.m = b1 * (s.m ?? 0) + (1 - b1) * g;
    s.v = b2 * (s.v ?? 0) + (1 - b2) * g * g;
    s.vmax = Math.max(s.vmax ?? 0, s.v);
    const mHat = s.m / (1 - b1 ** t);
    const vHat = (amsgrad ? s.vmax : s.v) / (1 - b2 ** t);
    return decayed - (lr * mHat) / (Math.sqrt(vHat) + eps);
  };
}

function rmspropRule(rho = 0.9, momentum = 0, centered = false, eps = 1e-7): ElementRule {
  return (p, g, _t, lr, s) => {
    s.sq = rho * (s.sq ?? 0) + (1 - rho) * g * g;
    let avg = s.sq;
    if (centered) {
      s.mg = rho * (s.mg ?? 0) + (1 - rho) * g;
      avg = s.sq - s.mg * s.mg;
    }
    let d = g / (Math.sqrt(avg) + eps);
    if (momentum > 0) {
      s.buf = momentum * (s.buf ?? 0) + d;
      d = s.buf;
    }
    return p - lr * d;
  };
}

function adadeltaRule(rho = 0.9, eps = 1e-6): ElementRule {
  return (p, g, _t, lr, s) => {
    s.sq = rho * (s.sq ?? 0) + (1 - rho) * g * g;
    const delta = (Math.sqrt((s.acc ?? 0) + eps) / Math.sqrt(s.sq + eps)) * g;
    s.acc = rho * (s.acc ?? 0) + (1 - rho) * delta * delta;
    return p - lr * delta;
  };
}

function adagradRule(init = 0.1, eps = 1e-10): ElementRule {
  return (p, g, _t, lr, s) => {
    s.sum = (s.sum ?? init) + g * g;
    return p - (lr * g) / (Math.sqrt(s.sum) + eps);
  };
}

describe('SGD', () => {
  it('plain', () => {
    expectClose(runOptimizer(new SGD({ learningRate: 0.1 })), runReference(sgdRule(), 0.1));
  });

  it('momentum and Nesterov follow their formulas and differ', () => {
    const mom = runOptimizer(new SGD({ learningRate: 0.1, momentum: 0.9 }));
    const nes = runOptimizer(new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true }));
    expectClose(mom, runReference(sgdRule(0.9), 0.1));
    expectClose(nes, runReference(sgdRule(0.9, true), 0.1));
    expect(maxDiff(mom, nes)).toBeGreaterThan(0.05);
    // After one step both equal plain SGD for momentum (buf = g), Nesterov uses (1 + μ)·g.
    const one = [GRADS[0]];
    expectClose(runOptimizer(new SGD({ learningRate: 0.1, momentum: 0.9 }), one), runReference(sgdRule(), 0.1, one));
    expectClose(
      runOptimizer(new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true }), one),
      runReference(sgdRule(), 0.19, one),
    );
  });

  it('decoupled weight decay', () => {
    expectClose(
      runOptimizer(new SGD({ learningRate: 0.1, momentum: 0.5, weightDecay: 0.2 })),
      runReference(sgdRule(0.5, false, 0.2), 0.1),
    );
  });
});

describe('Adam', () => {
  it('defaults (β1 0.9, β2 0.999, ε 1e-7)', () => {
    expectClose(runOptimizer(new Adam({ learningRate: 0.01 })), runReference(adamRule(), 0.01));
  });

  it('custom betas and epsilon', () => {
    const opt = new Adam({ learningRate: 0.05, beta1: 0.5, beta2: 0.9, epsilon: 1e-3 });
    expectClose(runOptimizer(opt), runReference(adamRule({ b1: 0.5, b2: 0.9, eps: 1e-3 }), 0.05));
  });

  it('AMSGrad uses the running maximum of v', () => {
    // Large gradients first, then small: vMax > v from step 2 on, so the two variants differ.
    const grads = [
      [
        [2, -3, 1, 0.5],
        [1, 1, 1],
      ],
      ...GRADS.slice(1),
    ];
    // A short second-moment memory (β2 0.5) lets v fall quickly after the large gradients.
    const ams = runOptimizer(new Adam({ learningRate: 0.01, beta2: 0.5, amsgrad: true }), grads);
    expectClose(ams, runReference(adamRule({ b2: 0.5, amsgrad: true }), 0.01, grads));
    const plain = runOptimizer(new Adam({ learningRate: 0.01, beta2: 0.5 }), grads);
    expect(maxDiff(ams, plain)).toBeGreaterThan(1e-4);
  });

  it('uses schedule(iterations) at each step', () => {
    const schedule = stepDecay({ initialLearningRate: 0.1, stepSize: 1, gamma: 0.5 });
    expectClose(
      runOptimizer(new Adam({ learningRate: schedule })),
      runReference(adamRule(), (t) => 0.1 * 0.5 ** t),
    );
  });
});

describe('AdamW', () => {
  it('matches PyTorch AdamW: p ← p·(1 − lr·λ), then the Adam step', () => {
    expectClose(
      runOptimizer(new AdamW({ learningRate: 0.01, weightDecay: 0.1 })),
      runReference(adamRule({ wd: 0.1 }), 0.01),
    );
  });

  it('decays with the scheduled learning rate', () => {
    const schedule = stepDecay({ initialLearningRate: 0.1, stepSize: 1, gamma: 0.5 });
    expectClose(
      runOptimizer(new AdamW({ learningRate: schedule, weightDecay: 0.5 })),
      runReference(adamRule({ wd: 0.5 }), (t) => 0.1 * 0.5 ** t),
    );
  });

  it('is decoupled: differs from Adam with an L2 term in the gradient', () => {
    const wd = 0.5;
    const adamw = runOptimizer(new AdamW({ learningRate: 0.01, weightDecay: wd }));
    const l2 = runReference((p, g, t, lr, s) => adamRule()(p, g + wd * p, t, lr, s), 0.01);
    expect(maxDiff(adamw, l2)).toBeGreaterThan(1e-3);
    // With zero gradients Adam's step is 0, so only the decay acts: p0·(1 − lr·λ)^3.
    const zeros = GRADS.map((step) => step.map((g) => g.map(() => 0)));
    expectClose(
      runOptimizer(new AdamW({ learningRate: 0.01, weightDecay: wd }), zeros),
      P0.map((row) => row.map((p) => p * (1 - 0.01 * wd) ** 3)),
      1e-6,
    );
  });

  it('equals Adam when weightDecay is 0', () => {
    const a = runOptimizer(new Adam({ learningRate: 0.02 }));
    const w = runOptimizer(new AdamW({ learningRate: 0.02, weightDecay: 0 }));
    expect(maxDiff(a, w)).toBe(0);
  });
});

describe('RMSprop', () => {
  it('plain', () => {
    expectClose(runOptimizer(new RMSprop({ learningRate: 0.01 })), runReference(rmspropRule(), 0.01));
  });

  it('centered', () => {
    expectClose(
      runOptimizer(new RMSprop({ learningRate: 0.01, rho: 0.8, centered: true })),
      runReference(rmspropRule(0.8, 0, true), 0.01),
      2e-5,
    );
  });

  it('with momentum, centered and custom epsilon', () => {
    expectClose(
      runOptimizer(new RMSprop({ learningRate: 0.01, momentum: 0.5, centered: true, epsilon: 1e-3 })),
      runReference(rmspropRule(0.9, 0.5, true, 1e-3), 0.01),
      2e-5,
    );
  });
});

describe('Adadelta', () => {
  it('defaults (ρ 0.9, ε 1e-6, lr 1)', () => {
    expectClose(runOptimizer(new Adadelta()), runReference(adadeltaRule(), 1));
  });

  it('custom ρ, ε and learning rate', () => {
    expectClose(
      runOptimizer(new Adadelta({ learningRate: 0.5, rho: 0.95, epsilon: 1e-4 })),
      runReference(adadeltaRule(0.95, 1e-4), 0.5),
    );
  });
});

describe('Adagrad', () => {
  it('default accumulator 0.1', () => {
    expectClose(runOptimizer(new Adagrad({ learningRate: 0.1 })), runReference(adagradRule(), 0.1));
  });

  it('initialAccumulatorValue and epsilon', () => {
    expectClose(
      runOptimizer(new Adagrad({ learningRate: 0.1, initialAccumulatorValue: 0.5, epsilon: 1e-3 })),
      runReference(adagradRule(0.5, 1e-3), 0.1),
    );
  });
});

const TARGET = [1, -2, 3, 0.5];
const CURVATURE = [1, 4, 0.5, 2];

const makers: Array<[string, () => Optimizer, number]> = [
  ['SGD', () => new SGD({ learningRate: 0.1 }), 200],
  ['SGD momentum', () => new SGD({ learningRate: 0.05, momentum: 0.9 }), 200],
  ['SGD Nesterov', () => new SGD({ learningRate: 0.05, momentum: 0.9, nesterov: true }), 200],
  ['Adam', () => new Adam({ learningRate: 0.1 }), 300],
  [
    'Adam AMSGrad + cosine',
    () => new Adam({ learningRate: cosineDecay({ initialLearningRate: 0.2, decaySteps: 300 }), amsgrad: true }),
    300,
  ],
  ['AdamW', () => new AdamW({ learningRate: 0.1, weightDecay: 1e-4 }), 300],
  ['RMSprop', () => new RMSprop({ learningRate: 0.01 }), 600],
  ['RMSprop centered momentum', () => new RMSprop({ learningRate: 0.01, momentum: 0.5, centered: true }), 400],
  ['Adadelta', () => new Adadelta({ learningRate: 20 }), 300],
  ['Adagrad', () => new Adagrad({ learningRate: 0.8 }), 300],
];

describe('convergence on f(p) = Σ cᵢ (pᵢ − tᵢ)²', () => {
  it.each(makers)('%s', (_name, make, steps) => {
    const before = numTensors();
    const p = makeVariable([0, 0, 0, 0]);
    const target = tensor(TARGET);
    const curvature = tensor(CURVATURE);
    const opt = make();
    const loss = () => ops.sum(ops.mul(curvature, ops.square(ops.sub(p, target)))) as Scalar;
    const initial = tidy(() => loss().dataSync()[0]);
    for (let i = 0; i < steps; i++) {
      const { value, grads } = variableGrads(loss, [p]);
      opt.applyGradients([{ variable: p, gradient: grads[p.name] }]);
      value.dispose();
      grads[p.name].dispose();
    }
    const final = tidy(() => loss().dataSync()[0]);
    expect(final).toBeLessThan(initial * 1e-4);
    Array.from(p.dataSync()).forEach((x, j) => expect(Math.abs(x - TARGET[j])).toBeLessThan(0.05));
    opt.dispose();
    [p, target, curvature].forEach((t) => t.dispose());
    expect(numTensors()).toBe(before);
  });
});
