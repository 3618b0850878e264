import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, rngFrom, type Tensor } from '@convkit/core';
import { Conv2D, Dense, Flatten, Sequential } from '@convkit/layers';
import { writeOnnx } from '@convkit/onnx/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportOnnx, UnsupportedLayerError } from '../src/index';
import { maxAbsDiff, numTensors, randomImages, randomizeWeights, runOnnx } from './helpers';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'convkit-onnx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function net(): Sequential {
  const model = new Sequential({
    layers: [
      new Conv2D({ filters: 3, kernelSize: 3, activation: 'relu', inputShape: [6, 6, 1] }),
      new Flatten(),
      new Dense({ units: 2 }),
    ],
  });
  randomizeWeights(model, 7);
  return model;
}

describe('writeOnnx', () => {
  it('writes a file ONNX Runtime loads from its path, replaces its own file, creates parent folders', async () => {
    const model = net();
    const path = join(dir, 'sub', 'net.onnx');
    const before = numTensors();
    const written = await writeOnnx(path, model);
    expect(written).toBe(path);
    expect(numTensors()).toBe(before);
    expect(new Uint8Array(await readFile(path))).toEqual(await exportOnnx(model));
    const { t, data } = randomImages(rngFrom(3), [2, 6, 6, 1]);
    const y = model.predict(t) as Tensor;
    const got = await runOnnx(path, data, [2, 6, 6, 1]);
    expect(maxAbsDiff(got.data, (await y.data()) as Float32Array)).toBeLessThan(1e-4);
    t.dispose();
    y.dispose();
    // Its own earlier output may be replaced.
    await writeOnnx(path, model, { docString: 'second' });
    expect((await readFile(path)).includes(Buffer.from('second'))).toBe(true);
    model.dispose();
  });

  it('refuses to replace a file it did not write, or a folder, and keeps it intact', async () => {
    const model = net();
    const other = join(dir, 'notes.onnx');
    await writeFile(other, 'my notes');
    await expect(writeOnnx(other, model)).rejects.toThrow(ConfigError);
    expect(await readFile(other, 'utf8')).toBe('my notes');
    await expect(writeOnnx(dir, model)).rejects.toThrow(ConfigError);
    expect((await stat(dir)).isDirectory()).toBe(true);
    model.dispose();
  });

  it('writes nothing when the export fails', async () => {
    const model = new Sequential({ layers: [new Dense({ units: 2, activation: 'gelu', inputShape: [3] })] });
    const path = join(dir, 'gelu.onnx');
    await expect(writeOnnx(path, model)).rejects.toThrow(UnsupportedLayerError);
    await expect(stat(path)).rejects.toThrow(/ENOENT/);
    model.dispose();
  });
});
