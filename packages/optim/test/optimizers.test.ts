import { ConfigError, createOptimizer, numTensors, type Optimizer, tensor, variable } from '@convkit/core';
import { Adadelta, Adagrad, Adam, AdamW, optimizerFromConfig, RMSprop, SGD } from '@convkit/optim';
import { describe, expect, it } from 'vitest';

const P0 = [0.5, -1.2, 2.0];
const GRADS = [
  [0.1, -0.3, 0.8],
  [-0.2, 0.4, 0.5],
  [0.3, 0.1, -0.6],
];

/** Runs `steps` updates of `opt` from P0 with the fixed gradients; returns the final parameters. */
function run(opt: Optimizer, steps = GRADS.length): number[] {
  const v = variable(tensor(P0), true, `p_${Math.random()}`);
  for (let i = 0; i < steps; i++) {
    const g = tensor(GRADS[i]);
    opt.applyGradients([{ variable: v, gradient: g }]);
    g.dispose();
  }
  const out = Array.from(v.dataSync());
  v.dispose();
  opt.dispose();
  return out;
}

/** Plain float64 reference: applies `update(p, g, t, state)` element-wise for each step. */
function reference(update: (p: number, g: number, t: number, s: Record<string, number>) => number): number[] {
  return P0.map((p0, j) => {
    const s: Record<string, number> = {};
    let p = p0;
    GRADS.forEach((g, i) => {
      p = update(p, g[j], i + 1, s);
    });
    return p;
  });
}

function close(actual: number[], expected: number[], tol = 1e-5) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i])).toBeLessThan(tol * (1 + Math.abs(expected[i]))));
}

describe('optimizer update rules match hand-computed references', () => {
  it('SGD', () => {
    close(
      run(new SGD({ learningRate: 0.1 })),
      reference((p, g) => p - 0.1 * g),
    );
  });

  it('SGD with momentum and Nesterov', () => {
    const mom = reference((p, g, _t, s) => {
      s.b = 0.9 * (s.b ?? 0) + g;
      return p - 0.1 * s.b;
    });
    const nes = reference((p, g, _t, s) => {
      s.b = 0.9 * (s.b ?? 0) + g;
      return p - 0.1 * (g + 0.9 * s.b);
    });
    close(run(new SGD({ learningRate: 0.1, momentum: 0.9 })), mom);
    close(run(new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true })), nes);
    expect(mom[0]).not.toBeCloseTo(nes[0], 4);
  });

  it('Adam (and AMSGrad)', () => {
    const adam = (ams: boolean) =>
      reference((p, g, t, s) => {
        s.m = 0.9 * (s.m ?? 0) + 0.1 * g;
        s.v = 0.999 * (s.v ?? 0) + 0.001 * g * g;
        s.vmax = Math.max(s.vmax ?? 0, s.v);
        const vv = ams ? s.vmax : s.v;
        return p - (0.01 * (s.m / (1 - 0.9 ** t))) / (Math.sqrt(vv / (1 - 0.999 ** t)) + 1e-7);
      });
    close(run(new Adam({ learningRate: 0.01 })), adam(false));
    close(run(new Adam({ learningRate: 0.01, amsgrad: true })), adam(true));
  });

  it('AdamW decays decoupled from the gradient scaling', () => {
    const expected = reference((p, g, t, s) => {
      const decayed = p * (1 - 0.01 * 0.1);
      s.m = 0.9 * (s.m ?? 0) + 0.1 * g;
      s.v = 0.999 * (s.v ?? 0) + 0.001 * g * g;
      return decayed - (0.01 * (s.m / (1 - 0.9 ** t))) / (Math.sqrt(s.v / (1 - 0.999 ** t)) + 1e-7);
    });
    close(run(new AdamW({ learningRate: 0.01, weightDecay: 0.1 })), expected);
    // Differs from Adam with an L2 term folded into the gradient.
    const l2 = reference((p, g0, t, s) => {
      const g = g0 + 0.1 * p;
      s.m = 0.9 * (s.m ?? 0) + 0.1 * g;
      s.v = 0.999 * (s.v ?? 0) + 0.001 * g * g;
      return p - (0.01 * (s.m / (1 - 0.9 ** t))) / (Math.sqrt(s.v / (1 - 0.999 ** t)) + 1e-7);
    });
    expect(Math.abs(expected[0] - l2[0])).toBeGreaterThan(1e-5);
  });

  it('RMSprop plain, centered, with momentum', () => {
    const rms = (centered: boolean, mom: number) =>
      reference((p, g, _t, s) => {
        s.v = 0.9 * (s.v ?? 0) + 0.1 * g * g;
        let avg = s.v;
        if (centered) {
          s.mg = 0.9 * (s.mg ?? 0) + 0.1 * g;
          avg = s.v - s.mg * s.mg;
        }
        let d = g / (Math.sqrt(avg) + 1e-7);
        if (mom > 0) {
          s.b = mom * (s.b ?? 0) + d;
          d = s.b;
        }
        return p - 0.01 * d;
      });
    close(run(new RMSprop({ learningRate: 0.01 })), rms(false, 0));
    close(run(new RMSprop({ learningRate: 0.01, centered: true })), rms(true, 0), 1e-4);
    close(run(new RMSprop({ learningRate: 0.01, momentum: 0.5 })), rms(false, 0.5));
  });

  it('Adadelta', () => {
    close(
      run(new Adadelta({ learningRate: 1, rho: 0.9, epsilon: 1e-6 })),
      reference((p, g, _t, s) => {
        s.v = 0.9 * (s.v ?? 0) + 0.1 * g * g;
        const d = (Math.sqrt((s.u ?? 0) + 1e-6) / Math.sqrt(s.v + 1e-6)) * g;
        s.u = 0.9 * (s.u ?? 0) + 0.1 * d * d;
        return p - d;
      }),
    );
  });

  it('Adagrad with an initial accumulator', () => {
    close(
      run(new Adagrad({ learningRate: 0.1, initialAccumulatorValue: 0.1 })),
      reference((p, g, _t, s) => {
        s.a = (s.a ?? 0.1) + g * g;
        return p - (0.1 * g) / (Math.sqrt(s.a) + 1e-10);
      }),
    );
  });
});

describe('optimizer plumbing', () => {
  it('clips per tensor, globally and by value', () => {
    // g = [0.1, -0.3, 0.8], norm ≈ 0.8602
    const norm = Math.hypot(...GRADS[0]);
    close(
      run(new SGD({ learningRate: 1, clipNorm: 0.5 }), 1),
      P0.map((p, j) => p - (GRADS[0][j] * 0.5) / norm),
    );
    close(
      run(new SGD({ learningRate: 1, globalClipNorm: 0.5 }), 1),
      P0.map((p, j) => p - (GRADS[0][j] * 0.5) / norm),
    );
    close(
      run(new SGD({ learningRate: 1, clipValue: 0.2 }), 1),
      P0.map((p, j) => p - Math.max(-0.2, Math.min(0.2, GRADS[0][j]))),
    );
  });

  it('does not leak tensors across steps once state exists', () => {
    const v = variable(tensor(P0), true, 'leak_check');
    const opt = new Adam();
    const g = tensor(GRADS[0]);
    opt.applyGradients([{ variable: v, gradient: g }]);
    const after1 = numTensors();
    for (let i = 0; i < 20; i++) opt.applyGradients([{ variable: v, gradient: g }]);
    expect(numTensors()).toBe(after1);
    expect(opt.iterations).toBe(21);
    opt.dispose();
    g.dispose();
    v.dispose();
  });

  it('getState/setState continues exactly where it stopped', () => {
    const full = run(new Adam({ learningRate: 0.05 }));
    const v = variable(tensor(P0), true, 'resume');
    const a = new Adam({ learningRate: 0.05 });
    const g0 = tensor(GRADS[0]);
    a.applyGradients([{ variable: v, gradient: g0 }]);
    const state = a.getState();
    const b = new Adam({ learningRate: 0.05 });
    b.setState(state, a.iterations);
    state.forEach((s) => s.tensor.dispose());
    a.dispose();
    for (const grad of GRADS.slice(1)) {
      const g = tensor(grad);
      b.applyGradients([{ variable: v, gradient: g }]);
      g.dispose();
    }
    close(Array.from(v.dataSync()), full, 1e-6);
    b.dispose();
    g0.dispose();
    v.dispose();
  });

  it('rejects bad hyper-parameters with ConfigError', () => {
    expect(() => new SGD({ learningRate: -1 })).toThrow(ConfigError);
    expect(() => new SGD({ nesterov: true })).toThrow(/momentum/);
    expect(() => new Adam({ beta1: 1 })).toThrow(/beta1/);
    expect(() => new RMSprop({ rho: -0.1 })).toThrow(ConfigError);
    expect(() => new AdamW({ weightDecay: -1 })).toThrow(ConfigError);
    expect(() => new Adam({ clipNorm: 0 })).toThrow(ConfigError);
  });

  it('registers by name and round-trips through getConfig', () => {
    const opt = createOptimizer('adamw', { learningRate: 0.002, weightDecay: 0.05 });
    expect(opt.className).toBe('AdamW');
    const copy = optimizerFromConfig({ className: opt.className, config: opt.getConfig() });
    expect(copy.getConfig()).toEqual(opt.getConfig());
    opt.learningRate = 0.5;
    expect(opt.learningRate).toBe(0.5);
  });

  it('each optimizer minimises a quadratic', () => {
    const target = [1, -2, 3];
    const makers: Array<() => Optimizer> = [
      () => new SGD({ learningRate: 0.1, momentum: 0.9 }),
      () => new Adam({ learningRate: 0.1 }),
      () => new AdamW({ learningRate: 0.1, weightDecay: 0 }),
      () => new RMSprop({ learningRate: 0.05 }),
      () => new Adadelta({ learningRate: 10 }),
      () => new Adagrad({ learningRate: 0.5 }),
    ];
    for (const make of makers) {
      const opt = make();
      const v = variable(tensor([0, 0, 0]), true, `quad_${opt.className}_${Math.random()}`);
      for (let i = 0; i < 300; i++) {
        const p = v.dataSync();
        const g = tensor(Array.from(p, (x, j) => 2 * (x - target[j])));
        opt.applyGradients([{ variable: v, gradient: g }]);
        g.dispose();
      }
      const p = Array.from(v.dataSync());
      p.forEach((x, j) => expect(Math.abs(x - target[j]), opt.className).toBeLessThan(0.1));
      v.dispose();
      opt.dispose();
    }
  });
});
