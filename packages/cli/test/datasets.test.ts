/**
 * `convkit train` refuses train and held-out sets it could not use to the
 * end before training starts: images of different sizes, an empty set, or
 * held-out classes the model has no output for (exit code 2, one clear line).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTrainTest, runCli } from '@convkit/cli';
import { DataFormatError, numTensors } from '@convkit/core';
import { ImageDataset } from '@convkit/data';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** An IDX3 image file of `n` `h`×`w` images (pixel value = image index) and its IDX1 label file. */
function idx(dir: string, prefix: 'train' | 't10k', n: number, h: number, w: number, labels?: number[]): void {
  const head = (magic: number, dims: number[]) => {
    const b = Buffer.alloc(4 + 4 * dims.length);
    b.writeUInt32BE(magic, 0);
    dims.forEach((d, i) => b.writeUInt32BE(d, 4 + 4 * i));
    return b;
  };
  const pixels = Buffer.alloc(n * h * w, 0).map((_, i) => Math.floor(i / (h * w)) % 256);
  writeFileSync(join(dir, `${prefix}-images-idx3-ubyte`), Buffer.concat([head(0x803, [n, h, w]), pixels]));
  const ls = Buffer.from(labels ?? Array.from({ length: n }, (_, i) => i % 3));
  writeFileSync(join(dir, `${prefix}-labels-idx1-ubyte`), Buffer.concat([head(0x801, [n]), ls]));
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  vi.restoreAllMocks();
});

async function trainOn(setup: (dir: string) => void): Promise<{ code: number; error: string; lines: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'convkit-sets-'));
  dirs.push(dir);
  setup(dir);
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  const lines: string[] = [];
  const code = await runCli(
    ['train', '--data', 'fashion-mnist', '--data-dir', dir, '--backend', 'cpu', '--model', 'small', '--epochs', '1'],
    (l) => lines.push(l),
  );
  return { code, error: errors.join('\n'), lines };
}

describe('train and held-out sets', () => {
  it('images of different sizes are refused before training, naming both sizes', async () => {
    const count = numTensors();
    const { code, error, lines } = await trainOn((dir) => {
      idx(dir, 'train', 6, 28, 28);
      idx(dir, 't10k', 3, 32, 32);
    });
    expect(code).toBe(2);
    expect(error).toMatch(/training and held-out images .* differ in size: training 28×28×1, held-out 32×32×1/);
    expect(lines.join('\n')).not.toMatch(/epoch/i); // nothing was trained
    expect(numTensors()).toBe(count);
  });

  it('an empty training or held-out set is refused before training', async () => {
    const emptyTrain = await trainOn((dir) => {
      idx(dir, 'train', 0, 28, 28);
      idx(dir, 't10k', 3, 28, 28);
    });
    expect(emptyTrain.code).toBe(2);
    expect(emptyTrain.error).toMatch(/training set of .* is empty/);
    expect(emptyTrain.error).not.toMatch(/decaySteps/);
    const emptyTest = await trainOn((dir) => {
      idx(dir, 'train', 6, 28, 28);
      idx(dir, 't10k', 0, 28, 28);
    });
    expect(emptyTest.code).toBe(2);
    expect(emptyTest.error).toMatch(/held-out set of .* is empty/);
  });

  it('checkTrainTest refuses held-out classes the training set lacks', () => {
    const set = (n: number, numClasses: number) =>
      new ImageDataset({ images: new Float32Array(n * 4), labels: new Array(n).fill(0), shape: [2, 2, 1], numClasses });
    expect(() => checkTrainTest({ train: set(4, 3), test: set(2, 3) })).not.toThrow();
    expect(() => checkTrainTest({ train: set(4, 3), test: set(2, 5) })).toThrow(DataFormatError);
    expect(() => checkTrainTest({ train: set(4, 3), test: set(2, 5) })).toThrow(/5 classes but the training set 3/);
  });
});
