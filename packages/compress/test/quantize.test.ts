import { ConfigError, grad, numTensors, ops, setSeed, tensor, tidy, variableGrads, zeros } from '@convkit/core';
import { Conv2D, Dense, Sequential } from '@convkit/layers';
import { Adam } from '@convkit/optim';
import { afterEach, describe, expect, it } from 'vitest';
import { accuracyOf, logitsDifference } from '../src/evaluate';
import {
  activationParams,
  calibrateActivations,
  dequantizePerChannel,
  fakeQuantActivation,
  fakeQuantWeight,
  perChannelScales,
  prepareQat,
  quantizedOutputLayers,
  quantizeModel,
  quantizePerChannel,
} from '../src/quantize';
import { toyCnn, toyData } from './helpers';

const disposables: Array<{ dispose(): void }> = [];
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
});

describe('int8 arithmetic', () => {
  it('per-channel symmetric quantization matches hand-computed values', () => {
    // shape [2, 2]: channel axis 1 → channel 0 = {1, -0.5}, channel 1 = {0.2, 0.254}
    const v = new Float32Array([1, 0.2, -0.5, 0.254]);
    const scales = perChannelScales(v, [2, 2], 1);
    expect(scales[0]).toBeCloseTo(1 / 127, 9);
    expect(scales[1]).toBeCloseTo(0.254 / 127, 9);
    const { q } = quantizePerChannel(v, [2, 2], 1, scales);
    // −0.5·127 = −63.5 rounds away from zero to −64; 0.2/(0.254/127) = 100.0
    expect([...q]).toEqual([127, 100, -64, 127]);
    const d = dequantizePerChannel(q, [2, 2], 1, scales);
    for (let i = 0; i < 4; i++) expect(Math.abs(d[i] - v[i])).toBeLessThanOrEqual(scales[i % 2] / 2 + 1e-7);
    // axis 0 of a [2, 3] tensor, all-zero channel gets scale 1
    const s0 = perChannelScales(new Float32Array([0, 0, 0, 2, -4, 1]), [2, 3], 0);
    expect([...s0]).toEqual([1, Math.fround(4 / 127)]);
  });

  it('error bound: |w − dequantize(quantize(w))| ≤ scale/2 on random kernels', () => {
    setSeed(1);
    const w = tidy(() =>
      ops.mul(
        tensor(
          Float32Array.from({ length: 3 * 3 * 4 * 5 }, () => Math.random() - 0.5),
          [3, 3, 4, 5],
        ),
        3,
      ),
    );
    const v = w.dataSync() as Float32Array;
    const { q, scales } = quantizePerChannel(v, w.shape, 3);
    const d = dequantizePerChannel(q, w.shape, 3, scales);
    for (let i = 0; i < v.length; i++) expect(Math.abs(d[i] - v[i])).toBeLessThanOrEqual(scales[i % 5] / 2 + 1e-6);
    // fakeQuantWeight computes the same values as the integer path
    const fq = fakeQuantWeight(w, 3);
    const f = fq.dataSync();
    for (let i = 0; i < v.length; i++) expect(f[i]).toBeCloseTo(d[i], 6);
    // straight-through gradient
    const g = grad((x) => ops.sum(ops.mul(fakeQuantWeight(x, 3), 2)))(w);
    expect(Array.from(g.dataSync()).every((x) => x === 2)).toBe(true);
    [w, fq, g].forEach((t) => t.dispose());
  });

  it('activation parameters make zero exact and cover the range in 256 levels', () => {
    const p = activationParams(0, 6);
    expect(p.scale).toBeCloseTo(6 / 255, 12);
    expect(p.zeroPoint).toBe(-128);
    const q = activationParams(-1, 3);
    expect(q.zeroPoint).toBe(Math.round(-128 + 1 / q.scale));
    const x = tensor([-2, -1, 0, 0.013, 1.5, 3, 4]);
    const y = fakeQuantActivation(x, q);
    const out = y.dataSync();
    expect(out[2]).toBe(0);
    expect(Math.abs(out[4] - 1.5)).toBeLessThanOrEqual(q.scale / 2 + 1e-7);
    // clipped outside [min, max] (within one step of the bounds)
    expect(out[0]).toBeCloseTo(-1, 1);
    expect(out[6]).toBeCloseTo(3, 1);
    // gradient: 1 inside the range, 0 where clipped
    const g = grad((t) => ops.sum(fakeQuantActivation(t, q)))(x);
    expect(Array.from(g.dataSync())).toEqual([0, 1, 1, 1, 1, 1, 0]);
    [x, y, g].forEach((t) => t.dispose());
  });
});

describe('post-training quantization', () => {
  it('calibrates every hidden kernel layer, keeps predictions close and leaks nothing', async () => {
    setSeed(2);
    const { x, y } = toyData(256);
    const model = toyCnn();
    disposables.push(x, y, model);
    model.compile({ optimizer: new Adam({ learningRate: 0.02 }), loss: 'sparseCategoricalCrossentropy' });
    await model.fit(x, y, { epochs: 4, batchSize: 32 });
    const before = numTensors();
    const ranges = await calibrateActivations(model, [x, y], { maxBatches: 2 });
    expect(Object.keys(ranges)).toEqual(quantizedOutputLayers(model).map((l) => l.name));
    expect(Object.keys(ranges).length).toBe(3); // conv, conv, dense hidden; not the output layer
    for (const p of Object.values(ranges)) expect(p.min).toBe(0); // relu outputs
    const pct = await calibrateActivations(model, x, { method: 'percentile', percentile: 99 });
    for (const [k, p] of Object.entries(pct)) expect(p.max).toBeLessThanOrEqual(ranges[k].max);
    expect(numTensors()).toBe(before);

    const quantized = await quantizeModel(model, { calibrationData: x });
    disposables.push(quantized.model);
    // Kernels hold exactly q × scale.
    for (const w of quantized.model.weights.filter((w) => w.name.endsWith('kernel'))) {
      const { axis, scales } = quantized.spec.weights[w.name];
      const v = w.variable.dataSync();
      const inner = w.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
      for (let i = 0; i < v.length; i++) {
        const s = scales[Math.floor(i / inner) % w.shape[axis]];
        const q = v[i] / s;
        expect(Math.abs(q - Math.round(q))).toBeLessThan(1e-3);
        expect(Math.abs(q)).toBeLessThanOrEqual(127.001);
      }
    }
    const diff = await logitsDifference(model, quantized.model, x);
    expect(diff.max).toBeGreaterThan(0);
    expect(diff.mean).toBeLessThan(0.1);
    const accF = await accuracyOf(model, [x, y]);
    const accQ = await accuracyOf(quantized.model, [x, y]);
    expect(Math.abs(accF - accQ)).toBeLessThanOrEqual(0.03);
    expect(numTensors()).toBe(before + quantized.model.weights.length);
    // the original is untouched
    expect(model.layers.every((l) => l.outputTransform === undefined)).toBe(true);
  });

  it('rejects bad calibration options with a ConfigError', async () => {
    const model = toyCnn();
    disposables.push(model);
    model.build([8, 8, 1]);
    const x = zeros([0, 8, 8, 1]);
    disposables.push(x);
    await expect(calibrateActivations(model, x)).rejects.toThrow(/no batches/);
    await expect(calibrateActivations(model, x, { percentile: 10 })).rejects.toThrow(ConfigError);
  });
});

describe('quantization-aware training', () => {
  it('trains through fake quantization with straight-through gradients and finalizes to int8', async () => {
    setSeed(3);
    const { x, y } = toyData(256);
    const model = toyCnn();
    disposables.push(x, y, model);
    model.compile({
      optimizer: new Adam({ learningRate: 0.02 }),
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
    });
    await model.fit(x, y, { epochs: 2, batchSize: 32 });
    const qat = await prepareQat(model, { calibrationData: x, maxBatches: 2 });
    // The forward pass now differs from the float one only by quantization noise.
    const kernel = model.layers[0].weights[0];
    const { grads, value } = variableGrads(
      () => ops.sum(model.call(ops.slice(x, [0, 0, 0, 0], [8, 8, 8, 1]), { training: true })) as never,
      [kernel.variable],
    );
    expect(grads[kernel.variable.name]).toBeDefined();
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    value.dispose();
    Object.values(grads).forEach((g) => g.dispose());
    await model.fit(x, y, { epochs: 1, batchSize: 32 }); // creates nothing new after the first epoch
    const before = numTensors();
    const history = await model.fit(x, y, { epochs: 2, batchSize: 32 });
    expect(numTensors()).toBe(before);
    expect(Number.isFinite(history.history.loss[1])).toBe(true);
    const params = qat.activationParams();
    expect(Object.keys(params).length).toBe(3);
    const result = await qat.finalize();
    disposables.push(result.model);
    expect(model.layers.every((l) => l.weightTransform === undefined && l.outputTransform === undefined)).toBe(true);
    const acc = await accuracyOf(result.model, [x, y]);
    expect(acc).toBeGreaterThan(0.85);
    await expect(qat.finalize()).rejects.toThrow(/already/);
  });

  it('a Conv2D + Dense model gets per-channel scales on the output axis', async () => {
    const model = new Sequential({
      layers: [new Conv2D({ filters: 3, kernelSize: 2, inputShape: [3, 3, 1] }), new Dense({ units: 2 })],
    });
    disposables.push(model);
    const q = await quantizeModel(model);
    disposables.push(q.model);
    const names = Object.keys(q.spec.weights);
    expect(names.length).toBe(2);
    expect(q.spec.weights[names[0]].scales.length).toBe(3);
    expect(q.spec.weights[names[1]].scales.length).toBe(2);
    expect(q.spec.activations).toEqual({});
  });
});
