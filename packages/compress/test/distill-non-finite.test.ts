/**
 * distill runs the guarded step of `fit`: a NaN pixel, or an update that
 * overflows, raises NonFiniteError on every backend and leaves the student
 * and its optimizer exactly as they were; nothing leaks.
 */
import '@convkit/backend-wasm';
import { NonFiniteError, numTensors, ops, setBackend, setSeed, type Tensor, tensor1d, tidy } from '@convkit/core';
import { Adam, SGD } from '@convkit/optim';
import { afterAll, describe, expect, it } from 'vitest';
import { distill } from '../src/distill';
import { toyCnn, toyData } from './helpers';

afterAll(async () => {
  await setBackend('cpu');
});

async function weightsOf(model: ReturnType<typeof toyCnn>): Promise<Float32Array[]> {
  return Promise.all(model.weights.map(async (w) => Float32Array.from(await w.variable.data())));
}

describe.each(['cpu', 'wasm'])('distill on %s: no silent NaN', (backend) => {
  it('a NaN pixel raises NonFiniteError and leaves the student and its optimizer as they were', async () => {
    await setBackend(backend);
    setSeed(3);
    const { x, y } = toyData(64);
    const teacher = toyCnn();
    const student = toyCnn(4, 8);
    student.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy' });
    // one clean step so the optimizer has state to protect
    await distill({ teacher, student, data: [x, y], epochs: 1, batchSize: 64 });
    const before = await weightsOf(student);
    const iterations = student.optimizer!.iterations;
    const poisoned: Tensor = tidy(() => {
      const mask = ops.reshape(ops.oneHot(tensor1d([5], 'int32'), 64 * 64), [64, 8, 8, 1]);
      return ops.add(x, ops.mul(mask, Number.NaN));
    });
    const live = numTensors();
    await expect(distill({ teacher, student, data: [poisoned, y], epochs: 1, batchSize: 64 })).rejects.toThrow(
      NonFiniteError,
    );
    expect(numTensors()).toBe(live);
    expect(student.optimizer!.iterations).toBe(iterations);
    const after = await weightsOf(student);
    after.forEach((w, i) => expect(w).toEqual(before[i]));
    for (const t of [x, y, poisoned, teacher, student]) t.dispose();
  });

  it('an update that overflows the weights is refused, not trained through', async () => {
    await setBackend(backend);
    setSeed(4);
    const data = toyData(32);
    const x = tidy(() => ops.mul(data.x, 1e6)); // large inputs: large gradients, an update past float32's range
    const y = data.y;
    data.x.dispose();
    const teacher = toyCnn();
    const student = toyCnn(4, 8);
    student.compile({ optimizer: new SGD({ learningRate: 1e38 }), loss: 'sparseCategoricalCrossentropy' });
    const before = await weightsOf(student);
    await expect(distill({ teacher, student, data: [x, y], epochs: 1, batchSize: 32 })).rejects.toThrow(NonFiniteError);
    const after = await weightsOf(student);
    after.forEach((w, i) => expect(w).toEqual(before[i]));
    for (const t of [x, y, teacher, student]) t.dispose();
  });
});
