/**
 * The model locations of `saveModel` / `loadModel` / `model.save` in Node:
 * `model.save(url)` as in TensorFlow.js, relative and absolute paths and
 * `file://` URLs, the TensorFlow.js `./name.weights.bin` manifest path its
 * `downloads://` writes, and typed errors for what is not supported
 * (`localstorage://`, unknown schemes, saving over http). The browser schemes
 * (`indexeddb://`, `downloads://`) run in Chromium: apps/browser-smoke/test/io.test.ts.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, numTensors, type Tensor, tensor } from '@convkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Conv2D, Dense, Flatten, loadModel, Sequential, saveModel } from '../../src/index';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'convkit-url-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function small(): Sequential {
  return new Sequential({
    layers: [
      new Conv2D({ filters: 2, kernelSize: 3, activation: 'relu', inputShape: [5, 5, 1] }),
      new Flatten(),
      new Dense({ units: 3, activation: 'softmax' }),
    ],
  });
}

const input = () =>
  tensor(
    Array.from({ length: 50 }, (_, i) => Math.sin(i)),
    [2, 5, 5, 1],
  );

async function predictValues(model: { predict(x: Tensor): Tensor }): Promise<number[]> {
  const x = input();
  const y = model.predict(x);
  const v = Array.from(await y.data());
  x.dispose();
  y.dispose();
  return v;
}

describe('model locations in Node', () => {
  it('model.save(url) saves like saveModel: relative path, absolute path, file:// URL, both formats', async () => {
    const before = numTensors();
    const model = small();
    const want = await predictValues(model);
    const targets = [
      relative(process.cwd(), join(root, 'rel')),
      join(root, 'abs'),
      pathToFileURL(join(root, 'url')).href,
    ];
    for (const target of targets) {
      await model.save(target);
      const back = await loadModel(target);
      expect(await predictValues(back)).toEqual(want);
      back.dispose();
    }
    const tfjs = await model.save(pathToFileURL(join(root, 'tfjs')).href, { format: 'tfjs' });
    expect(tfjs.modelJson.format).toBe('layers-model');
    const fromTfjs = await loadModel(join(root, 'tfjs', 'model.json'));
    expect(await predictValues(fromTfjs)).toEqual(want);
    fromTfjs.dispose();
    model.dispose();
    expect(numTensors()).toBe(before);
  });

  it("reads a tfjs manifest naming './name.weights.bin', as TensorFlow.js's downloads:// writes it", async () => {
    const model = small();
    const want = await predictValues(model);
    const dir = join(root, 'downloaded');
    await model.save(dir, { format: 'tfjs' });
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    await writeFile(join(dir, 'net.weights.bin'), await readFile(join(dir, json.weightsManifest[0].paths[0])));
    json.weightsManifest[0].paths = ['./net.weights.bin'];
    await writeFile(join(dir, 'net.json'), JSON.stringify(json));
    const back = await loadModel(join(dir, 'net.json'));
    expect(await predictValues(back)).toEqual(want);
    back.dispose();
    json.weightsManifest[0].paths = ['./../net.weights.bin'];
    await writeFile(join(dir, 'bad.json'), JSON.stringify(json));
    await expect(loadModel(join(dir, 'bad.json'))).rejects.toThrow(/relative file name inside the model's folder/);
    model.dispose();
  });

  it('refuses localstorage://, unknown schemes and saving over http with a ConfigError listing what is supported', async () => {
    const model = small();
    for (const call of [() => model.save('localstorage://net'), () => loadModel('localstorage://net')]) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(
        /localstorage:\/\/ is not supported: .*5 MB.*use indexeddb:\/\/net instead/,
      );
    }
    const err = await saveModel(model, 'ftp://host/net').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(
      /Unsupported model location scheme 'ftp:\/\/' \(supported: .*file:\/\/.*http\(s\):\/\/.*indexeddb:\/\/.*downloads:\/\//,
    );
    await expect(model.save('https://example.com/net')).rejects.toThrow(ConfigError);
    await expect(model.save('https://example.com/net', { format: 'tfjs' })).rejects.toThrow(ConfigError);
    // Browser storage in Node: a ConfigError saying what is missing, for both formats.
    await expect(model.save('indexeddb://net', { format: 'tfjs' })).rejects.toThrow(/needs IndexedDB/);
    await expect(model.save('downloads://net', { format: 'tfjs' })).rejects.toThrow(/needs a browser document/);
    model.dispose();
  });
});
