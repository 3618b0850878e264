import { ConfigError, numTensors, ops, ShapeError, tidy, variableGrads } from '@convkit/core';
import { describe, expect, it } from 'vitest';
import { BatchNormalization } from '../../src/layers/index';
import { checkGradients, expectClose, inputVar, randomArray, t } from './helpers';

/** Per-channel batch statistics of an NHWC (or [n, c]) array, biased variance. */
function stats(x: Float64Array | number[], c: number): { mean: number[]; variance: number[]; n: number } {
  const n = x.length / c;
  const mean = new Array(c).fill(0);
  const variance = new Array(c).fill(0);
  for (let i = 0; i < x.length; i++) mean[i % c] += x[i] / n;
  for (let i = 0; i < x.length; i++) variance[i % c] += (x[i] - mean[i % c]) ** 2 / n;
  return { mean, variance, n };
}

describe('BatchNormalization', () => {
  it('training: normalises with batch statistics and updates the moving ones by the momentum formula', () => {
    const c = 3;
    const xv = randomArray(2 * 2 * 2 * c, 17, 2);
    const x = t(xv, [2, 2, 2, c]);
    const bn = new BatchNormalization({
      momentum: 0.9,
      gammaInitializer: { className: 'Constant', config: { value: 2 } },
      betaInitializer: 'ones',
    });
    const y = bn.apply(x, { training: true });
    const { mean, variance, n } = stats(xv, c);
    const ref = Array.from(xv, (v, i) => ((v - mean[i % c]) / Math.sqrt(variance[i % c] + 1e-3)) * 2 + 1);
    expectClose(y.dataSync(), ref, 1e-4);
    const mm = bn.movingMean!.variable.dataSync();
    const mv = bn.movingVariance!.variable.dataSync();
    expectClose(
      mm,
      mean.map((m) => 0.9 * 0 + 0.1 * m),
      1e-5,
    );
    // Moving variance uses the unbiased (n/(n−1)) batch variance.
    expectClose(
      mv,
      variance.map((v) => 0.9 * 1 + 0.1 * v * (n / (n - 1))),
      1e-5,
    );
    // A second step compounds.
    bn.apply(x, { training: true }).dispose();
    expectClose(
      bn.movingMean!.variable.dataSync(),
      mean.map((m) => 0.9 * (0.1 * m) + 0.1 * m),
      1e-5,
    );
    y.dispose();
    x.dispose();
    bn.dispose();
  });

  it('inference uses the moving statistics and does not update them', () => {
    const bn = new BatchNormalization({ epsilon: 0.01 });
    const x = t([1, 2, 3, 4], [2, 2]);
    bn.apply(x).dispose();
    const m = t([1, -1], [2]);
    const v = t([4, 0.25], [2]);
    bn.movingMean!.write(m);
    bn.movingVariance!.write(v);
    const y = bn.apply(x);
    expectClose(
      y.dataSync(),
      [(1 - 1) / Math.sqrt(4.01), (2 + 1) / Math.sqrt(0.26), (3 - 1) / Math.sqrt(4.01), (4 + 1) / Math.sqrt(0.26)],
      1e-5,
    );
    expect(Array.from(bn.movingMean!.variable.dataSync())).toEqual([1, -1]);
    // A frozen layer behaves as in inference even when training.
    bn.trainable = false;
    const z = bn.apply(x, { training: true });
    expectClose(z.dataSync(), y.dataSync(), 0);
    expect(Array.from(bn.movingMean!.variable.dataSync())).toEqual([1, -1]);
    for (const a of [x, m, v, y, z]) a.dispose();
    bn.dispose();
  });

  it('weights: gamma, beta trainable; moving stats non-trainable; center/scale off', () => {
    const bn = new BatchNormalization();
    const x = t(new Float32Array(8), [2, 4]);
    bn.apply(x).dispose();
    expect(bn.weights.map((w) => w.name.split('/')[1])).toEqual(['gamma', 'beta', 'moving_mean', 'moving_variance']);
    expect(bn.trainableWeights.length).toBe(2);
    expect(bn.nonTrainableWeights.length).toBe(2);
    const plain = new BatchNormalization({ center: false, scale: false });
    plain.apply(x).dispose();
    expect(plain.trainableWeights.length).toBe(0);
    expect(plain.countParams()).toBe(8);
    x.dispose();
  });

  it('works on another axis', () => {
    const bn = new BatchNormalization({ axis: 1 });
    const xv = randomArray(2 * 3 * 4, 2);
    const x = t(xv, [2, 3, 4]);
    const y = bn.apply(x, { training: true });
    // Reference: channel = axis 1.
    const ref = new Float64Array(24);
    for (let ch = 0; ch < 3; ch++) {
      const vals: number[] = [];
      for (let b = 0; b < 2; b++) for (let k = 0; k < 4; k++) vals.push(xv[b * 12 + ch * 4 + k]);
      const { mean, variance } = stats(vals, 1);
      for (let b = 0; b < 2; b++)
        for (let k = 0; k < 4; k++)
          ref[b * 12 + ch * 4 + k] = (xv[b * 12 + ch * 4 + k] - mean[0]) / Math.sqrt(variance[0] + 1e-3);
    }
    expectClose(y.dataSync(), ref, 1e-4);
    expect(bn.movingMean!.shape).toEqual([3]);
    x.dispose();
    y.dispose();
  });

  it('training-mode gradients w.r.t. input, gamma and beta', () => {
    const bn = new BatchNormalization({ betaInitializer: 'randomNormal', gammaInitializer: 'randomUniform' });
    const x = inputVar(randomArray(3 * 2 * 2 * 2, 6), [3, 2, 2, 2]);
    bn.apply(x, { training: true }).dispose();
    checkGradients(() => bn.apply(x, { training: true }), [x, ...bn.trainableWeights.map((w) => w.variable)], {
      eps: 5e-3,
    });
    x.dispose();
    bn.dispose();
  });

  it('updates moving statistics inside a gradient tape without leaking', () => {
    const bn = new BatchNormalization({ momentum: 0.5 });
    const x = t(randomArray(12, 3), [4, 3]);
    bn.apply(x).dispose();
    const before = numTensors();
    for (let i = 0; i < 3; i++) {
      const { value, grads } = variableGrads(
        () => tidy(() => ops.sum(ops.square(bn.apply(x, { training: true })))) as never,
        bn.trainableWeights.map((w) => w.variable),
      );
      value.dispose();
      for (const g of Object.values(grads)) g.dispose();
    }
    expect(numTensors()).toBe(before);
    const { mean } = stats(Array.from(x.dataSync()), 3);
    // After 3 updates from 0 with momentum 0.5: m = (1 − 0.5³)·mean.
    expectClose(
      bn.movingMean!.variable.dataSync(),
      mean.map((m) => 0.875 * m),
      1e-5,
    );
    x.dispose();
    bn.dispose();
  });

  it('errors and leak check', () => {
    expect(() => new BatchNormalization({ momentum: 1.5 })).toThrow(ConfigError);
    expect(() => new BatchNormalization({ epsilon: 0 })).toThrow(ConfigError);
    expect(() => new BatchNormalization({ axis: 0.5 })).toThrow(ConfigError);
    const bn = new BatchNormalization({ name: 'bn_e', axis: 3 });
    expect(() => bn.computeOutputShape([null, 4])).toThrow(ShapeError);
    const x = t(randomArray(2 * 2 * 2 * 2, 1), [2, 2, 2, 2]);
    bn.apply(x).dispose();
    const bad = t(new Float32Array(6), [1, 1, 2, 3]);
    expect(() => bn.apply(bad)).toThrow(/bn_e/);
    const before = numTensors();
    for (let i = 0; i < 3; i++) {
      bn.apply(x, { training: true }).dispose();
      bn.apply(x).dispose();
    }
    expect(numTensors()).toBe(before);
    for (const a of [x, bad]) a.dispose();
  });
});
