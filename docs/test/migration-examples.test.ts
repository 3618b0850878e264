/**
 * The migration guide's program pair (docs/examples/mnist-tfjs.mjs and
 * mnist-convkit.mjs, shown side by side in guide/from-tfjs-keras.md and timed
 * by bench/tfjs-vs-convkit.mjs) runs as written: both train on the same few
 * real MNIST digits, report a time and a held-out accuracy, and build the same
 * network (same parameter count, checked by each library itself); convkit's
 * leaves no tensor behind. Tiny sizes: tfjs's cpu backend trains at a few
 * dozen images a second.
 */
import { numTensors } from '@convkit/core';
import { describe, expect, it } from 'vitest';
import { trainConvkit } from '../examples/mnist-convkit.mjs';
import { mnistSplit } from '../examples/mnist-data.mjs';
import { trainTfjs } from '../examples/mnist-tfjs.mjs';

describe('migration guide: the tfjs and convkit training scripts', () => {
  it('train the same CNN on the same digits and report time and held-out accuracy', async () => {
    const data = await mnistSplit({ train: 32, test: 32, seed: 3 });
    expect(data.xTrain).toHaveLength(32 * 784);
    expect(Array.from(data.yTrain).every((y) => y >= 0 && y < 10)).toBe(true);
    const lines: string[] = [];
    const tfjs = await trainTfjs(data, { epochs: 1, batchSize: 32, log: (l: string) => lines.push(`tfjs ${l}`) });
    const before = numTensors();
    const convkit = await trainConvkit(data, {
      epochs: 1,
      batchSize: 32,
      log: (l: string) => lines.push(`convkit ${l}`),
    });
    expect(numTensors()).toBe(before);
    // 3·3·1·8 + 8, 3·3·8·16 + 16, 5·5·16·10 + 10: counted by each library.
    expect(tfjs.params).toBe(5258);
    expect(convkit.params).toBe(tfjs.params);
    for (const r of [tfjs, convkit]) {
      expect(r.images).toBe(32);
      expect(r.seconds).toBeGreaterThan(0);
      expect(r.accuracy).toBeGreaterThanOrEqual(0);
      expect(r.accuracy).toBeLessThanOrEqual(1);
    }
    expect(lines).toEqual([
      expect.stringMatching(/^tfjs epoch 1: loss \d/),
      expect.stringMatching(/^convkit epoch 1: loss \d/),
    ]);
  });
});
