/** Random pruning, the baseline beside magnitude pruning: exact sparsity, reproducible by seed, held while fine-tuning. */
import { numTensors, Rng, setSeed } from '@convkit/core';
import { Adam } from '@convkit/optim';
import { afterEach, describe, expect, it } from 'vitest';
import { randomMasks } from '../src/pruning-masks';
import { pruneRandom } from '../src/random-pruning';
import { countNonzeroParams } from '../src/stats';
import { toyCnn, toyData } from './helpers';

const disposables: { dispose(): void }[] = [];
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
});

async function kernelValues(model: ReturnType<typeof toyCnn>): Promise<Float32Array[]> {
  const kernels = model.weights.filter((w) => w.name.endsWith('kernel'));
  return Promise.all(kernels.map(async (w) => (await w.variable.data()) as Float32Array));
}

describe('random masks', () => {
  it('zero exactly round(s·n) entries, globally or per kernel, the same for the same seed', () => {
    const sizes = [72, 576, 1, 13, 32];
    const total = sizes.reduce((a, b) => a + b, 0);
    for (const s of [0, 0.1, 0.5, 0.75, 0.9, 0.999]) {
      const zerosOf = (m: Uint8Array) => m.reduce((a, v) => a + (v === 0 ? 1 : 0), 0);
      const g = randomMasks(sizes, s, new Rng(4), 'global');
      expect(g.map((m) => m.length)).toEqual(sizes);
      expect(g.reduce((a, m) => a + zerosOf(m), 0)).toBe(Math.round(s * total));
      const l = randomMasks(sizes, s, new Rng(4), 'layer');
      l.forEach((m, i) => expect(zerosOf(m)).toBe(Math.round(s * sizes[i])));
      expect(randomMasks(sizes, s, new Rng(4), 'global')).toEqual(g);
    }
    const a = randomMasks([1000], 0.5, new Rng(1))[0];
    const b = randomMasks([1000], 0.5, new Rng(2))[0];
    expect([...a]).not.toEqual([...b]);
  });

  it('choose uniformly: every position is zeroed about s of the time', () => {
    const n = 40;
    const counts = new Array<number>(n).fill(0);
    const rng = new Rng(9);
    const trials = 4000;
    for (let t = 0; t < trials; t++) {
      randomMasks([n], 0.25, rng)[0].forEach((v, i) => {
        counts[i] += v === 0 ? 1 : 0;
      });
    }
    // Binomial(4000, 0.25): sd ≈ 27; 6 sd either side.
    for (const c of counts) expect(Math.abs(c - 0.25 * trials)).toBeLessThan(165);
  });
});

describe('pruneRandom', () => {
  it('hits the sparsity exactly, is reproducible with a seed, ignores magnitude, and holds through fine-tuning', async () => {
    setSeed(12);
    const { x, y } = toyData(96);
    const a = toyCnn();
    const b = toyCnn();
    disposables.push(x, y, a, b);
    b.setWeights(a.getWeights()); // same values in both models
    const before = await kernelValues(a);
    const total = before.reduce((s, v) => s + v.length, 0);
    const pa = pruneRandom(a, { sparsity: 0.75, seed: 3 });
    const pb = pruneRandom(b, { sparsity: 0.75, seed: 3 });
    const va = await kernelValues(a);
    const vb = await kernelValues(b);
    va.forEach((v, i) => expect([...v]).toEqual([...vb[i]]));
    const zeros = va.reduce((s, v) => s + v.filter((e) => e === 0).length, 0);
    expect(zeros).toBe(Math.round(0.75 * total));
    expect((await pa.sparsity()).overall).toBe(Math.round(0.75 * total) / total);
    // Kept weights are unchanged; the zeroed ones were not the smallest (some large ones went).
    let largestZeroed = 0;
    va.forEach((v, i) =>
      v.forEach((e, j) => {
        if (e !== 0) expect(e).toBe(before[i][j]);
        else largestZeroed = Math.max(largestZeroed, Math.abs(before[i][j]));
      }),
    );
    const all = before.flatMap((v) => [...v].map(Math.abs)).sort((p, q) => p - q);
    expect(largestZeroed).toBeGreaterThan(all[Math.round(0.75 * total)]);
    // Fine-tuning keeps the random zeros (the schedule never recomputes the masks).
    a.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy' });
    await a.fit(x, y, { epochs: 1, batchSize: 32, callbacks: [pa.callback()] });
    const count = numTensors();
    await a.fit(x, y, { epochs: 1, batchSize: 32, callbacks: [pa.callback()] });
    expect(numTensors()).toBe(count);
    const after = await kernelValues(a);
    after.forEach((v, i) => v.forEach((e, j) => va[i][j] === 0 && expect(e === 0).toBe(true))); // +0 or −0
    pa.strip();
    pb.strip();
    const { nonzero, params } = await countNonzeroParams(a);
    expect(params - nonzero).toBeGreaterThanOrEqual(Math.round(0.75 * total));
  });

  it('validates its options with a ConfigError naming pruneRandom', () => {
    const model = toyCnn();
    disposables.push(model);
    expect(() => pruneRandom(model, { sparsity: 1 })).toThrow(/pruneRandom: sparsity must be in \[0, 1\), got 1/);
    expect(() => pruneRandom(model, { sparsity: 0.5, scope: 'all' as 'layer' })).toThrow(/pruneRandom: scope/);
    expect(() => pruneRandom(model, { sparsity: 0.5, layers: ['nope'] })).toThrow(/has no layer 'nope'/);
    expect(() => pruneRandom(model, { sparsity: 0.5, layers: [model.layers[1].name] })).toThrow(
      /pruneRandom: .*has no kernel/,
    );
  });
});
