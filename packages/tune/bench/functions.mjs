// The test functions of the sampler benchmark, defined once for JavaScript; optuna_tpe.py defines the
// same functions for Python (keep the two in step). Each takes a `suggest` object with
// float(name, low, high, log) / int(name, low, high, log) / categorical(name, choices) and returns
// { value, truth }: the observed value and the noise-free one (equal except for the noisy function).

/** Branin-Hoo on [-5, 10] × [0, 15]; global minimum 0.397887. */
export function branin(s) {
  const x1 = s.float('x1', -5, 10);
  const x2 = s.float('x2', 0, 15);
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  const t = 1 / (8 * Math.PI);
  const v = (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
  return { value: v, truth: v };
}
branin.optimum = 0.397887;

const H_A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const H_P = [
  [0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
  [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
  [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.665],
  [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381],
];
const H_ALPHA = [1.0, 1.2, 3.0, 3.2];

/** Hartmann-6 on [0, 1]^6; global minimum -3.32237. */
export function hartmann6(s) {
  const x = [0, 1, 2, 3, 4, 5].map((i) => s.float(`x${i}`, 0, 1));
  let v = 0;
  for (let i = 0; i < 4; i++) {
    let inner = 0;
    for (let j = 0; j < 6; j++) inner += H_A[i][j] * (x[j] - H_P[i][j]) ** 2;
    v -= H_ALPHA[i] * Math.exp(-inner);
  }
  return { value: v, truth: v };
}
hartmann6.optimum = -3.32237;

const ACT_PENALTY = { relu: 0, tanh: 0.3, sigmoid: 0.6 };

/**
 * A noisy "hyper-parameter" surface: a log-scale learning rate, a log-scale int width, a dropout and a
 * categorical activation; minimum 0 at lr = 10^-2.5, units = 64, dropout = 0.2, relu; observed with
 * Gaussian noise of σ = 0.2 (regret is measured on the noise-free value of the trial that looked best).
 */
export function noisyHparams(s, noise) {
  const lr = s.float('lr', 1e-5, 1, true);
  const units = s.int('units', 8, 256, true);
  const dropout = s.float('dropout', 0, 0.6);
  const act = s.categorical('act', ['relu', 'tanh', 'sigmoid']);
  const truth =
    (Math.log10(lr) + 2.5) ** 2 / 4 + (Math.log2(units) - 6) ** 2 / 9 + 4 * (dropout - 0.2) ** 2 + ACT_PENALTY[act];
  return { value: truth + 0.2 * noise(), truth };
}
noisyHparams.optimum = 0;

export const FUNCTIONS = { branin, hartmann6, 'noisy-hparams': noisyHparams };
