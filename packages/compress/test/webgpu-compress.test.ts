/**
 * The compression steps on 'cpu' and on 'webgpu' (SwiftShader in CI): a
 * one-shot magnitude prune, int8 post-training quantization with calibration,
 * and the report rows, on a tiny CNN — with no synchronous read on either
 * backend, no tensor left behind, and the same masks, scales and accuracies on
 * both.
 *
 * `@convkit/backend-webgpu` comes through the test alias (vitest.config.ts),
 * not a dependency (it depends on @convkit/layers, which this package uses).
 */
import '../../backend-webgpu/test/setup';
import { refuseSyncReads, seeded } from '../../backend-webgpu/test/sync-reads';
import '@convkit/backend-webgpu';
import { dispose, numTensors, setBackend, type Tensor, tensor } from '@convkit/core';
import { Conv2D, Dense, Flatten, MaxPool2D, Sequential } from '@convkit/layers';
import { describe, expect, it } from 'vitest';
import { pruneOneShot } from '../src/pruning';
import { quantizeModel } from '../src/ptq';
import { formatReport, measureModel } from '../src/report';

const N = 16;

function tinyCnn(): Sequential {
  const model = new Sequential({
    layers: [
      new Conv2D({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [6, 6, 1] }),
      new MaxPool2D({ poolSize: 2 }),
      new Flatten(),
      new Dense({ units: 2, activation: 'softmax' }),
    ],
  });
  const weights = model.getWeights();
  const seededWeights = weights.map((w, i) =>
    tensor(
      seeded(70 + i, w.size).map((v) => v - 0.5),
      w.shape,
    ),
  );
  model.setWeights(seededWeights);
  dispose([...weights, ...seededWeights]);
  return model;
}

interface Run {
  sparsity: number;
  kernels: Float32Array[];
  scales: Record<string, Float32Array>;
  accuracies: number[];
  quantizedPredictions: Float32Array;
}

const runs = new Map<string, Run>();

describe.each(['cpu', 'webgpu'] as const)('compression on %s', (backend) => {
  it('prunes, quantizes to int8 and reports without a synchronous read or a leak', async () => {
    await setBackend(backend);
    const before = numTensors();
    const model = tinyCnn();
    const x = tensor(seeded(3, N * 36), [N, 6, 6, 1]);
    const y = tensor(
      Int32Array.from({ length: N }, (_, i) => i % 2),
      [N],
      'int32',
    );
    const guard = refuseSyncReads(backend);
    let run: Run;
    let table: string;
    try {
      const pruner = await pruneOneShot(model, { sparsity: 0.5 });
      const { overall } = await pruner.sparsity();
      pruner.strip();
      const q = await quantizeModel(model, { calibrationData: x });
      const p = q.model.predict(x);
      const quantizedPredictions = (await p.data()) as Float32Array;
      p.dispose();
      const rows = [
        await measureModel('pruned 50%', model, { testData: [x, y], latencyRuns: 1 }),
        await measureModel('int8 PTQ', q.model, {
          testData: [x, y],
          size: { weights: 'int8', int8Scales: q.int8Scales },
          latencyRuns: 1,
        }),
      ];
      table = formatReport(rows);
      const weights = model.getWeights();
      const kernels = await Promise.all(
        weights.filter((w) => w.rank > 1).map(async (w) => (await w.data()) as Float32Array),
      );
      dispose(weights);
      q.model.dispose();
      run = {
        sparsity: overall,
        kernels,
        scales: q.int8Scales,
        accuracies: rows.map((r) => r.accuracy),
        quantizedPredictions,
      };
      expect(rows[1].sizeBytes).toBeLessThan(rows[0].sizeBytes);
      expect(rows[0].nonzeroParams).toBeLessThan(rows[0].params);
    } finally {
      guard.restore();
    }
    expect(guard.count(), `synchronous reads on ${backend}`).toBe(0);
    expect(table).toContain('int8 PTQ');
    expect(run.sparsity).toBeCloseTo(0.5, 1);
    dispose([x, y]);
    model.dispose();
    expect(numTensors(), `live tensors on ${backend}`).toBe(before);
    runs.set(backend, run);
  });
});

describe('the sync-read guard', () => {
  it('catches a synchronous read on a tensor and a variable (so the counts above can fail)', async () => {
    for (const backend of ['cpu', 'webgpu']) {
      await setBackend(backend);
      const model = tinyCnn();
      const t: Tensor = tensor([1, 2, 3]);
      const guard = refuseSyncReads(backend);
      try {
        expect(() => t.dataSync()).toThrow(/synchronous read/);
        expect(() => model.layers[0].weights[0].variable.arraySync()).toThrow(/synchronous read/);
        expect(guard.count()).toBe(2);
      } finally {
        guard.restore();
        t.dispose();
        model.dispose();
      }
    }
  });
});

describe('webgpu against cpu', () => {
  it('prunes the same weights, finds the same scales and accuracies, and predicts the same after int8', () => {
    const cpu = runs.get('cpu');
    const gpu = runs.get('webgpu');
    expect(cpu && gpu, 'both backend runs completed').toBeTruthy();
    if (!cpu || !gpu) return;
    const close = (a: ArrayLike<number>, b: ArrayLike<number>, what: string, tol = 1e-5) => {
      expect(a.length, what).toBe(b.length);
      for (let i = 0; i < b.length; i++) {
        expect(Math.abs(a[i] - b[i]), `${what}[${i}]: ${a[i]} vs ${b[i]}`).toBeLessThanOrEqual(
          tol * (1 + Math.abs(b[i])),
        );
      }
    };
    expect(gpu.sparsity).toBe(cpu.sparsity);
    cpu.kernels.forEach((k, i) => {
      // the same weights are zero on both
      expect(Array.from(gpu.kernels[i], (v) => v === 0)).toEqual(Array.from(k, (v) => v === 0));
      close(gpu.kernels[i], k, `kernel ${i}`);
    });
    // layer names carry a per-process counter (conv2d_1 on cpu, conv2d_2 on webgpu): compare in order
    const gpuScales = Object.values(gpu.scales);
    const cpuScales = Object.entries(cpu.scales);
    expect(gpuScales.length).toBe(cpuScales.length);
    cpuScales.forEach(([name, s], i) => close(gpuScales[i], s, `scales of ${name}`));
    expect(gpu.accuracies).toEqual(cpu.accuracies);
    close(gpu.quantizedPredictions, cpu.quantizedPredictions, 'int8 predictions', 1e-4);
  });
});
