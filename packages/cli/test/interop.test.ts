/**
 * `convkit export` and `convkit import` on temp folders: a convkit model out
 * as TensorFlow.js and back predicts the same; out as ONNX it runs in ONNX
 * Runtime with the same outputs; the committed Keras fixtures (made by real
 * Keras) come in and predict Keras's outputs; bad command lines and foreign
 * targets exit 2 with one line and leave the files as they were.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '@convkit/cli';
import { numTensors, rngFrom, type Tensor, tensor, tensor4d } from '@convkit/core';
import {
  BatchNormalization,
  Conv2D,
  Dense,
  Flatten,
  type LayersModel,
  loadModel,
  MaxPool2D,
  Sequential,
  saveModel,
} from '@convkit/layers';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const KERAS = join(here, '..', '..', 'layers', 'test', 'fixtures', 'keras');
const root = mkdtempSync(join(tmpdir(), 'convkit-cli-interop-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs the CLI in-process, capturing stdout and stderr lines. */
async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    (l) => out.push(...l.split('\n')),
    (l) => err.push(...l.split('\n')),
  );
  return { code, out, err };
}

/** A tiny CNN with random weights everywhere (batch-norm statistics too, variances positive). */
function tinyCnn(seed: number): Sequential {
  const model = new Sequential({
    layers: [
      new Conv2D({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [8, 8, 1] }),
      new BatchNormalization(),
      new MaxPool2D({ poolSize: 2 }),
      new Flatten(),
      new Dense({ units: 3, activation: 'softmax' }),
    ],
  });
  const rng = rngFrom(seed);
  for (const layer of model.layers) {
    const values = layer.weights.map((w) => {
      const v = new Float32Array(w.shape.reduce((a, b) => a * b, 1));
      const variance = w.name.endsWith('moving_variance');
      for (let i = 0; i < v.length; i++) v[i] = variance ? rng.uniform(0.5, 2) : rng.uniform(-0.5, 0.5);
      return tensor(v, w.shape as number[]);
    });
    layer.setWeights(values);
    for (const t of values) t.dispose();
  }
  return model;
}

function images(seed: number, n: number): Float32Array {
  const rng = rngFrom(seed);
  return Float32Array.from({ length: n * 64 }, () => rng.uniform(0, 1));
}

async function predict(model: LayersModel, data: Float32Array, shape: [number, number, number, number]) {
  const x = tensor4d(data, shape);
  const y = model.predict(x) as Tensor;
  const values = Float32Array.from(await y.data());
  x.dispose();
  y.dispose();
  return values;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Saves a tiny CNN as a convkit model folder; returns the folder and its predictions on 5 images. */
async function savedModel(name: string) {
  const model = tinyCnn(11);
  const dir = join(root, name);
  await saveModel(model, dir);
  const x = images(5, 5);
  const expected = await predict(model, x, [5, 8, 8, 1]);
  model.dispose();
  return { dir, x, expected };
}

describe('convkit export --format tfjs, then convkit import', () => {
  it('writes a TensorFlow.js Layers folder that imports back into a model predicting the same', async () => {
    const { dir, x, expected } = await savedModel('tfjs-src');
    const tfjsDir = join(root, 'tfjs-out');
    const before = numTensors();
    const exported = await run(['export', '--model-dir', dir, '--format', 'tfjs', '--out', tfjsDir]);
    expect(exported.err).toEqual([]);
    expect(exported.code).toBe(0);
    expect(exported.out.join('\n')).toContain(`wrote the TensorFlow.js Layers model to ${tfjsDir}`);
    const json = JSON.parse(readFileSync(join(tfjsDir, 'model.json'), 'utf8'));
    expect(json.format).toBe('layers-model');
    expect(json.modelTopology.config.layers.map((l: { class_name: string }) => l.class_name)).toContain(
      'BatchNormalization',
    );

    const back = join(root, 'tfjs-back');
    const imported = await run(['import', join(tfjsDir, 'model.json'), '--out', back]);
    expect(imported.err).toEqual([]);
    expect(imported.code).toBe(0);
    expect(imported.out.join('\n')).toMatch(/Total params/i);
    expect(imported.out.at(-1)).toBe(`saved the convkit model to ${back}`);
    expect(numTensors()).toBe(before);

    const model = await loadModel(back);
    expect(maxAbsDiff(await predict(model, x, [5, 8, 8, 1]), expected)).toBeLessThan(1e-5);
    model.dispose();

    // The folder form of PATH works too, and re-exporting replaces convkit's own tfjs folder.
    expect((await run(['import', tfjsDir, '--out', join(root, 'tfjs-back-2')])).code).toBe(0);
    expect((await run(['export', '--model-dir', dir, '--format', 'tfjs', '--out', tfjsDir])).code).toBe(0);
    expect(numTensors()).toBe(before);
  });
});

describe('convkit export --format onnx', () => {
  it('writes an ONNX file that ONNX Runtime runs with the same outputs', async () => {
    const { dir, x, expected } = await savedModel('onnx-src');
    const file = join(root, 'onnx-out', 'tiny.onnx');
    const before = numTensors();
    const result = await run(['export', '--model-dir', dir, '--format=onnx', '--out', file]);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out).toEqual([`wrote the ONNX model to ${file}`]);
    expect(numTensors()).toBe(before);
    const bytes = new Uint8Array(readFileSync(file));
    // A ModelProto starts with field 1 (ir_version), a varint: tag byte 0x08, then a version >= 7 (opset 13).
    expect(bytes[0]).toBe(0x08);
    expect(bytes[1]).toBeGreaterThanOrEqual(7);
    const session = await ort.InferenceSession.create(bytes);
    try {
      const out = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', x, [5, 8, 8, 1]) });
      const y = out[session.outputNames[0]];
      expect(y.dims).toEqual([5, 3]);
      expect(maxAbsDiff(y.data as Float32Array, expected)).toBeLessThan(1e-4);
    } finally {
      await session.release();
    }
    // Its own earlier file may be replaced.
    expect((await run(['export', '--model-dir', dir, '--format', 'onnx', '--out', file])).code).toBe(0);
  });
});

describe('convkit import of Keras files', () => {
  const expected = JSON.parse(readFileSync(join(KERAS, 'expected.json'), 'utf8')).models.cnn as {
    inputShape: [number, number, number, number];
    input: number[];
    output: number[];
  };
  for (const file of ['cnn.keras', 'cnn.h5']) {
    it(`${file} is saved as a convkit model predicting what Keras predicted`, async () => {
      const out = join(root, `keras-${file}`);
      const before = numTensors();
      const result = await run(['import', join(KERAS, file), '--out', out]);
      expect(result.err).toEqual([]);
      expect(result.code).toBe(0);
      expect(result.out.join('\n')).toMatch(/Conv2D|conv2d/);
      expect(numTensors()).toBe(before);
      const model = await loadModel(out);
      const got = await predict(model, Float32Array.from(expected.input), expected.inputShape);
      expect(maxAbsDiff(got, expected.output)).toBeLessThan(1e-4);
      model.dispose();
      expect(numTensors()).toBe(before);
    });
  }
});

describe('convkit export/import: bad command lines and foreign targets exit 2 with one line', () => {
  const cases: Array<[string, string[], string]> = [
    [
      'export without --format',
      ['export', '--model-dir', 'm', '--out', 'x.onnx'],
      'convkit: export needs --format onnx|tfjs (the format to write)',
    ],
    [
      'export with an unknown format',
      ['export', '--model-dir', 'm', '--format', 'tflite', '--out', 'x'],
      'convkit: --format must be onnx or tfjs, got tflite',
    ],
    [
      'export without --out',
      ['export', '--model-dir', 'm', '--format', 'onnx'],
      'convkit: export needs --out PATH (the .onnx file, or the folder of the TensorFlow.js model, to write)',
    ],
    [
      'import without PATH',
      ['import', '--out', 'd'],
      'convkit: import needs PATH, the model to read: a tfjs model.json (or its folder), a .keras or a .h5 file',
    ],
    [
      'import with two paths',
      ['import', 'a.keras', 'b.keras', '--out', 'd'],
      'convkit: unexpected argument b.keras; convkit import takes one PATH besides its --options',
    ],
    [
      'import without --out',
      ['import', 'a.keras'],
      'convkit: import needs --out DIR (the folder to save the convkit model to)',
    ],
    [
      '--format on another command',
      ['import', 'a.keras', '--out', 'd', '--format', 'onnx'],
      'convkit: --format is not an option of convkit import (it applies to export; run convkit import --help for the options of import)',
    ],
  ];
  for (const [name, argv, line] of cases) {
    it(name, async () => {
      const { code, out, err } = await run(argv);
      expect(code).toBe(2);
      expect(err).toEqual([line]);
      expect(out).toEqual([]);
    });
  }

  it('refuses --out over a file or folder it did not write, and leaves it intact', async () => {
    const { dir } = await savedModel('foreign-src');
    const notes = join(root, 'notes.onnx');
    writeFileSync(notes, 'my notes');
    const folder = join(root, 'photos');
    mkdirSync(folder);
    writeFileSync(join(folder, 'cat.jpg'), 'jpeg');
    const before = numTensors();
    for (const argv of [
      ['export', '--model-dir', dir, '--format', 'onnx', '--out', notes],
      ['export', '--model-dir', dir, '--format', 'tfjs', '--out', folder],
      ['import', join(KERAS, 'cnn.keras'), '--out', folder],
    ]) {
      const { code, out, err } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(/^convkit: .*(notes\.onnx|photos)/);
      expect(out).toEqual([]);
    }
    expect(numTensors()).toBe(before);
    expect(readFileSync(notes, 'utf8')).toBe('my notes');
    expect(readdirSync(folder)).toEqual(['cat.jpg']);
  });

  it('a corrupt Keras file and a missing model folder are one line, exit 2', async () => {
    const bad = join(root, 'broken.keras');
    writeFileSync(bad, 'PK not really a zip');
    const before = numTensors();
    for (const argv of [
      ['import', bad, '--out', join(root, 'never-1')],
      ['export', '--model-dir', join(root, 'missing'), '--format', 'onnx', '--out', join(root, 'never.onnx')],
    ]) {
      const { code, err } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(/^convkit: /);
    }
    expect(numTensors()).toBe(before);
    expect(readdirSync(root).filter((n) => n.startsWith('never'))).toEqual([]);
  });

  it('--help of export and import shows the usage line with what is required', async () => {
    const exp = await run(['export', '--help']);
    expect(exp.code).toBe(0);
    expect(exp.out).toContain('Usage: convkit export --model-dir DIR --format onnx|tfjs --out PATH [options]');
    const imp = await run(['help', 'import']);
    expect(imp.out).toContain('Usage: convkit import PATH --out DIR [options]');
  });
});
