/**
 * Structured pruning of a model loaded from disk, then `predict` on wasm at
 * batch 1 (tfjs-backend-wasm's XNNPACK FusedConv2D) and 64 (convkit's GEMM):
 * the issue-9 §8 path (`bench/compress-fashion-mnist.mjs --only structured`),
 * which threw "FusedConv2D only supports rank-1 bias but got rank 4" at batch 1.
 * References: the unpruned model whose removed filters were zeroed beforehand
 * (removing them must not change a prediction), and the same pruned model on cpu.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '@convkit/backend-wasm';
import { numTensors, ops, randomUniform, setBackend, setSeed, type Tensor, tensor, tidy } from '@convkit/core';
import { Conv2D, Dense, Flatten, type LayersModel, loadModel, MaxPool2D, Sequential, saveModel } from '@convkit/layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneFilters } from '../src/structured';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'convkit-structured-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await setBackend('cpu');
});

/** Conv(c1, 8, relu) → pool → Conv(c2, 8, relu) → Flatten → Dense(16, relu) → Dense(3, softmax) on 10×10×1. */
function cnn(): Sequential {
  return new Sequential({
    layers: [
      new Conv2D({
        name: 'c1',
        filters: 8,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        inputShape: [10, 10, 1],
      }),
      new MaxPool2D({ name: 'p1', poolSize: 2 }),
      new Conv2D({ name: 'c2', filters: 8, kernelSize: 3, activation: 'relu' }),
      new Flatten({ name: 'flat' }),
      new Dense({ name: 'd1', units: 16, activation: 'relu' }),
      new Dense({ name: 'out', units: 3, activation: 'softmax' }),
    ],
  });
}

/** Zeroes output filters `filters` (kernel slices and bias entries) of a Conv2D layer. */
function zeroFilters(model: LayersModel, layer: string, filters: number[]): void {
  for (const w of model.getLayer(layer).weights) {
    const n = w.shape[w.shape.length - 1];
    const v = Float32Array.from(w.variable.dataSync());
    for (let i = 0; i < v.length; i++) if (filters.includes(i % n)) v[i] = 0;
    const t = tensor(v, w.shape);
    w.write(t);
    t.dispose();
  }
}

async function saveAndLoad(model: LayersModel, name: string): Promise<LayersModel> {
  await saveModel(model, join(dir, name));
  return loadModel(join(dir, name));
}

async function predict(model: LayersModel, x: Tensor): Promise<Float32Array> {
  const before = numTensors();
  const y = model.predict(x) as Tensor;
  const v = (await y.data()) as Float32Array;
  y.dispose();
  expect(numTensors(), 'predict leaks no tensor').toBe(before);
  return v;
}

function expectClose(got: Float32Array, ref: Float32Array, what: string): void {
  expect(got.length, what).toBe(ref.length);
  let worst = 0;
  for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(got[i] - ref[i]));
  expect(worst, what).toBeLessThan(1e-5);
}

describe('structured pruning of a loaded model, predicted on wasm', () => {
  it('pruneFilters (both Conv2D, 50%, l1) equals the unpruned model with those filters zeroed, at batch 1 and 64', async () => {
    await setBackend('wasm');
    setSeed(11);
    const original = cnn();
    zeroFilters(original, 'c1', [0, 3, 5, 6]);
    zeroFilters(original, 'c2', [1, 2, 4, 7]);
    const loaded = await saveAndLoad(original, 'zeroed');
    original.dispose();
    const before = numTensors();
    const r = await pruneFilters(loaded, { fraction: 0.5, criterion: 'l1', layers: ['c1', 'c2'] });
    expect(r.removed).toEqual({ c1: [0, 3, 5, 6], c2: [1, 2, 4, 7] });
    for (const batch of [1, 64]) {
      const x = randomUniform([batch, 10, 10, 1]);
      expectClose(await predict(r.model, x), await predict(loaded, x), `batch ${batch}`);
      x.dispose();
    }
    r.model.dispose();
    expect(numTensors()).toBe(before);
    loaded.dispose();
  });

  it('a pruned trained-like model predicts the same on wasm (batch 1 and 64) as on cpu, also after a save/load round trip', async () => {
    await setBackend('wasm');
    setSeed(12);
    const original = cnn();
    const loaded = await saveAndLoad(original, 'random');
    original.dispose();
    const r = await pruneFilters(loaded, { fraction: 0.5, criterion: 'l1', layers: ['c1', 'c2'] });
    const reloaded = await saveAndLoad(r.model, 'pruned');
    const xs = [1, 64].map((batch) => {
      const t = randomUniform([batch, 10, 10, 1]);
      const values = Float32Array.from(t.dataSync());
      t.dispose();
      return { batch, values };
    });
    const run = async (model: LayersModel) => {
      const out: Float32Array[] = [];
      for (const { batch, values } of xs) {
        const x = tidy(() => ops.reshape(tensor(values), [batch, 10, 10, 1]));
        out.push(await predict(model, x));
        x.dispose();
      }
      return out;
    };
    const wasm = await run(r.model);
    const wasmReloaded = await run(reloaded);
    await setBackend('cpu');
    const cpu = await run(r.model);
    xs.forEach(({ batch }, i) => {
      expectClose(wasm[i], cpu[i], `wasm vs cpu, batch ${batch}`);
      expectClose(wasmReloaded[i], cpu[i], `reloaded on wasm vs cpu, batch ${batch}`);
    });
    r.model.dispose();
    reloaded.dispose();
    loaded.dispose();
  });
});
