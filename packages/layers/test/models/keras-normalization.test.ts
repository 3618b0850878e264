/**
 * Keras `Normalization` from real Keras 3 files (normalized.keras / .h5, made
 * by make-keras-fixtures.py): one layer adapted on data (weights mean,
 * variance and Keras's integer `count`, which convkit skips) and one with
 * fixed statistics in its config; predictions must match Keras's. The
 * TensorFlow.js format has no Normalization: saving one is refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numTensors, SerializationError, type Tensor, tensor } from '@convkit/core';
import { Normalization, toTfjsArtifacts } from '@convkit/layers';
import { loadKerasModel } from '@convkit/layers/keras';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../fixtures/keras/', import.meta.url));
const expected = (
  JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
    models: Record<string, { inputShape: number[]; input: number[]; outputShape: number[]; output: number[] }>;
  }
).models.normalized;

describe('Keras Normalization', () => {
  for (const ext of ['keras', 'h5'] as const) {
    it(`normalized.${ext}: adapted and fixed Normalization predict Keras's outputs within 1e-5`, async () => {
      const before = numTensors();
      const model = await loadKerasModel(join(dir, `normalized.${ext}`));
      const [norm, , fixed] = model.layers as Normalization[];
      expect(norm).toBeInstanceOf(Normalization);
      expect(norm.weights.map((w) => w.name)).toEqual(['norm/mean', 'norm/variance']);
      expect(fixed.weights).toHaveLength(0);
      expect([fixed.mean, fixed.variance]).toEqual([
        [0.5, -0.25, 1, 0],
        [2, 0.5, 1, 4],
      ]);
      const x = tensor(expected.input, expected.inputShape);
      const y = model.predict(x) as Tensor;
      expect(y.shape).toEqual(expected.outputShape);
      const got = await y.data();
      let worst = 0;
      for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - expected.output[i]));
      expect(worst).toBeLessThan(1e-5);
      x.dispose();
      y.dispose();
      model.dispose();
      expect(numTensors()).toBe(before);
    });
  }

  it('cannot be saved in the TensorFlow.js format, which has no Normalization', async () => {
    const model = await loadKerasModel(join(dir, 'normalized.keras'));
    const err = await toTfjsArtifacts(model).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SerializationError);
    expect((err as Error).message).toMatch(/layer 'norm' \(Normalization\) has no TensorFlow.js Layers equivalent/);
    expect((err as Error).message).not.toMatch(/supported: [^)]*\bNormalization\b/);
    model.dispose();
  });
});
