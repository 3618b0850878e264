/**
 * Saved checkpoints record the CRC-32 of every weight and the loader checks
 * it; the stored training config (loss, metrics, optimizer) is validated when
 * the file is loaded, not when someone compiles from it.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, numTensors, SerializationError, setSeed } from '@convkit/core';
import {
  Dense,
  fromArtifacts,
  type LayersModel,
  loadModel,
  type ModelArtifacts,
  type ModelJson,
  parseTrainingConfig,
  registerLoss,
  Sequential,
  saveModel,
  toArtifacts,
  withWeightChecksums,
} from '@convkit/layers';
import { Adam } from '@convkit/optim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let root: string;
let seq = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'convkit-integrity-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function model(): Sequential {
  setSeed(7);
  return new Sequential({
    layers: [new Dense({ units: 3, inputShape: [4], activation: 'relu' }), new Dense({ units: 2 })],
  });
}

/** Saves a compiled model to a fresh directory; returns the directory and the saved model.json. */
async function saved(): Promise<{ dir: string; json: ModelJson; model: LayersModel }> {
  const m = model();
  m.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'mse', metrics: ['accuracy'] });
  seq += 1;
  const dir = join(root, `ckpt-${seq}`);
  await saveModel(m, dir);
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as ModelJson;
  return { dir, json, model: m };
}

async function expectLoadFails(fn: () => Promise<unknown> | unknown, message: RegExp): Promise<void> {
  const before = numTensors();
  let error: unknown;
  try {
    ((await fn()) as LayersModel | undefined)?.dispose?.();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SerializationError);
  expect((error as Error).message).toMatch(message);
  expect(numTensors()).toBe(before);
}

async function expectSameWeights(a: LayersModel, b: LayersModel): Promise<void> {
  for (let i = 0; i < a.weights.length; i++) {
    expect(Array.from(await b.weights[i].variable.data())).toEqual(Array.from(await a.weights[i].variable.data()));
  }
}

describe('weights.bin checksums', () => {
  it('saveModel records the CRC-32 of each weight; a changed weight is refused naming the file and weight', async () => {
    const { dir, json, model: m } = await saved();
    const bin = await readFile(join(dir, 'weights.bin'));
    for (const e of json.weightsManifest) {
      expect(e.crc32).toBe(crc32(bin.subarray(e.offset, e.offset + e.byteLength)));
    }
    const loaded = await loadModel(dir);
    await expectSameWeights(m, loaded);
    loaded.dispose();

    // A weight becomes 1e30: finite, so only the checksum can tell.
    const entry = json.weightsManifest[2]; // dense_*/kernel of the second layer
    const corrupt = Buffer.from(bin);
    corrupt.writeFloatLE(1e30, entry.offset + 4);
    await writeFile(join(dir, 'weights.bin'), corrupt);
    await expectLoadFails(
      () => loadModel(dir),
      new RegExp(
        `${join(dir, 'weights.bin').replace(/[\\/.]/g, '\\$&')} is corrupt: the bytes of weight '${entry.name}' \\(${entry.offset}\\.\\.${entry.offset + entry.byteLength}\\) have CRC-32 0x[0-9a-f]{8} but model\\.json records 0x${entry.crc32!.toString(16).padStart(8, '0')}`,
      ),
    );
    // A single flipped bit anywhere is caught too.
    for (const byte of [0, bin.length - 1, entry.offset]) {
      const flipped = Buffer.from(bin);
      flipped[byte] ^= 0x01;
      await writeFile(join(dir, 'weights.bin'), flipped);
      await expectLoadFails(() => loadModel(dir), /weights\.bin is corrupt/);
    }
    m.dispose();
  });

  it('files without checksums (older files) still load; invalid crc32 fields are refused', async () => {
    const { dir, json, model: m } = await saved();
    const bin = await readFile(join(dir, 'weights.bin'));
    const old = { ...json, weightsManifest: json.weightsManifest.map(({ crc32: _c, ...e }) => e) };
    await writeFile(join(dir, 'model.json'), JSON.stringify(old));
    const loaded = await loadModel(dir);
    await expectSameWeights(m, loaded);
    loaded.dispose();
    for (const bad of [-1, 2 ** 32, 1.5, '0x12']) {
      const j = structuredClone(json);
      (j.weightsManifest[0] as { crc32: unknown }).crc32 = bad;
      await expectLoadFails(
        () => fromArtifacts({ modelJson: JSON.stringify(j), weights: bin }),
        /has invalid crc32 .* \(expected an unsigned 32-bit integer\)/,
      );
    }
    m.dispose();
  });

  it('custom handlers and browserFiles get checksummed artifacts; withWeightChecksums adds them in memory', async () => {
    const m = model();
    let stored: ModelArtifacts | undefined;
    await saveModel(m, {
      save: async (a) => {
        stored = a;
      },
    });
    expect(stored!.modelJson.weightsManifest.every((e) => typeof e.crc32 === 'number')).toBe(true);
    const plain = await toArtifacts(m);
    expect(plain.modelJson.weightsManifest.some((e) => e.crc32 !== undefined)).toBe(false);
    const summed = withWeightChecksums(plain);
    expect(summed.modelJson.weightsManifest).toEqual(stored!.modelJson.weightsManifest);
    new Float32Array(summed.weights)[0] += 1;
    await expectLoadFails(
      () => fromArtifacts(summed),
      /weights\.bin is corrupt: the bytes of weight '.*kernel' \(0\.\.48\)/,
    );
    m.dispose();
  });

  it('non-finite weights are still refused by name (a checksum cannot tell NaN saved on purpose)', async () => {
    const a = withWeightChecksums(await toArtifacts(model()));
    new Float32Array(a.weights)[1] = Number.NaN;
    const fixed = withWeightChecksums(a); // the checksum matches the NaN
    await expectLoadFails(
      () => fromArtifacts(fixed),
      /holds a non-finite value \(NaN at flat index 1\) in weights\.bin/,
    );
  });
});

describe('the saved training config is validated on load', () => {
  const bad: [string, (t: Record<string, unknown>) => void, RegExp][] = [
    [
      "loss 'constructor'",
      (t) => {
        t.loss = 'constructor';
      },
      /'training\.loss' is invalid: Unknown loss 'constructor'. Known: .*mse/,
    ],
    [
      "loss 'toString'",
      (t) => {
        t.loss = 'toString';
      },
      /Unknown loss 'toString'/,
    ],
    [
      "loss '__proto__'",
      (t) => {
        t.loss = '__proto__';
      },
      /Unknown loss '__proto__'/,
    ],
    [
      'an unknown loss',
      (t) => {
        t.loss = 'myLoss';
      },
      /Unknown loss 'myLoss'.*registerLoss/,
    ],
    [
      'a non-string loss',
      (t) => {
        t.loss = 5;
      },
      /'training' must have a string 'loss'/,
    ],
    [
      "metric 'hasOwnProperty'",
      (t) => {
        t.metrics = ['accuracy', 'hasOwnProperty'];
      },
      /'training\.metrics' is invalid: Unknown metric 'hasOwnProperty'/,
    ],
    [
      'an unknown optimizer',
      (t) => {
        t.optimizer = { className: 'Nope', config: {} };
      },
      /'training\.optimizer' is invalid: Unknown optimizer 'Nope'. Registered: .*adam/,
    ],
    [
      "optimizer 'constructor'",
      (t) => {
        t.optimizer = { className: 'constructor', config: {} };
      },
      /Unknown optimizer 'constructor'/,
    ],
    [
      'a negative learning rate',
      (t) => (optimizerConfig(t).learningRate = -0.5),
      /Adam: learningRate must be a non-negative number, got -0\.5/,
    ],
    [
      'a negative epsilon',
      (t) => (optimizerConfig(t).epsilon = -1e-7),
      /Adam: epsilon must be a non-negative number, got -1e-7/,
    ],
    ['beta1 of 1.5', (t) => (optimizerConfig(t).beta1 = 1.5), /Adam: beta1 must be in \[0, 1\), got 1\.5/],
    ['a misspelt option', (t) => (optimizerConfig(t).lr = 0.1), /Adam: unknown option 'lr'/],
    [
      'a bad schedule',
      (t) => (optimizerConfig(t).learningRate = { className: 'toString', config: {} }),
      /Unknown learning-rate schedule 'toString'/,
    ],
    [
      'an optimizer config that is not an object',
      (t) => {
        t.optimizer = { className: 'Adam', config: [1] };
      },
      /'training\.optimizer\.config' must be an object/,
    ],
  ];
  for (const [label, mutate, message] of bad) {
    it(`refuses ${label} in loadModel`, async () => {
      const { dir, json, model: m } = await saved();
      const j = structuredClone(json) as unknown as { training: Record<string, unknown> };
      mutate(j.training);
      await writeFile(join(dir, 'model.json'), JSON.stringify(j));
      await expectLoadFails(() => loadModel(dir), message);
      m.dispose();
    });
  }

  it('refuses a learning rate of -Infinity written as -1e999', async () => {
    const { dir, json, model: m } = await saved();
    const text = JSON.stringify(json).replace(/"learningRate":[-0-9.e]+/, '"learningRate":-1e999');
    expect(text).toContain('-1e999');
    await writeFile(join(dir, 'model.json'), text);
    await expectLoadFails(
      () => loadModel(dir),
      /holds the non-finite number -Infinity at \$\.training\.optimizer\.config\.learningRate/,
    );
    await expectLoadFails(
      () => parseTrainingConfig({ loss: 'mse', optimizer: { className: 'Adam', config: { learningRate: -Infinity } } }),
      /non-finite number -Infinity/,
    );
    m.dispose();
  });

  it('a valid config loads as saved, and a registered custom loss is accepted', async () => {
    const { dir, model: m } = await saved();
    const loaded = await loadModel(dir);
    expect(loaded.savedTrainingConfig).toEqual({
      loss: 'meanSquaredError',
      metrics: ['accuracy'],
      optimizer: { className: 'Adam', config: expect.objectContaining({ learningRate: 0.01 }) },
    });
    loaded.dispose();
    const custom = registerLoss('integrityTestLoss', (_y, p) => p);
    m.compile({ optimizer: new Adam(), loss: custom });
    await saveModel(m, dir);
    const again = await loadModel(dir);
    expect(again.savedTrainingConfig?.loss).toBe('integrityTestLoss');
    again.dispose();
    m.dispose();
  });
});

function optimizerConfig(t: Record<string, unknown>): Record<string, unknown> {
  return (t.optimizer as { config: Record<string, unknown> }).config;
}
