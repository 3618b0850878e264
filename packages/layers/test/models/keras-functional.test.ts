/**
 * Keras functional models (`class_name: 'Functional'`, layers with
 * `inbound_nodes`) in every Keras-style format: residual.keras / residual.h5
 * were written by Keras 3 (make-keras-fixtures.py) from a DAG CNN with
 * Rescaling, a residual Add with two inbound edges, a DepthwiseConv2D and a
 * Concatenate branch, with Keras's own `predict` outputs. The same Keras 3
 * topology is read as a TensorFlow.js `model.json`, and convkit's tfjs save of
 * the model is read back by tfjs-layers 4.22 itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numTensors, SerializationError, type Tensor, tensor } from '@convkit/core';
import {
  Add,
  Concatenate,
  DepthwiseConv2D,
  fromTfjsArtifacts,
  type LayersModel,
  Model,
  Rescaling,
  toTfjsArtifacts,
} from '@convkit/layers';
import { loadKerasModel } from '@convkit/layers/keras';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../fixtures/keras/', import.meta.url));
const file = (name: string) => new Uint8Array(readFileSync(join(dir, name)));

interface Expected {
  inputShape: number[];
  input: number[];
  outputShape: number[];
  output: number[];
}
const expected = (JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { models: Record<string, Expected> })
  .models.residual;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

async function predict(model: LayersModel): Promise<Float32Array> {
  const x = tensor(expected.input, expected.inputShape, 'float32');
  const y = model.predict(x) as Tensor;
  expect(y.shape).toEqual(expected.outputShape);
  const out = (await y.data()) as Float32Array;
  x.dispose();
  y.dispose();
  return out;
}

// biome-ignore lint/suspicious/noExplicitAny: the test edits Keras's JSON freely
type KerasJson = Record<string, any>;

/** `residual.keras`'s config.json. */
function kerasConfig(): KerasJson {
  return JSON.parse(strFromU8(unzipSync(file('residual.keras'))['config.json']));
}

/** A copy of `residual.keras` with `config.json` edited. */
function editedKeras(edit: (config: KerasJson) => void): Uint8Array {
  const m = unzipSync(file('residual.keras'));
  const config = JSON.parse(strFromU8(m['config.json']));
  edit(config);
  m['config.json'] = strToU8(JSON.stringify(config));
  return zipSync(m);
}

async function refuses(bytes: Uint8Array, pattern: RegExp): Promise<void> {
  const before = numTensors();
  const err = await loadKerasModel(bytes).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(SerializationError);
  expect((err as Error).message).toMatch(pattern);
  expect(numTensors()).toBe(before);
}

describe('Keras functional models', () => {
  for (const ext of ['keras', 'h5'] as const) {
    it(`residual.${ext} (Rescaling, Add, DepthwiseConv2D, Concatenate) predicts Keras's outputs within 1e-5`, async () => {
      const before = numTensors();
      const model = await loadKerasModel(join(dir, `residual.${ext}`));
      expect(model).toBeInstanceOf(Model);
      const kinds = model.layers.map((l) => l.constructor);
      for (const cls of [Rescaling, Add, DepthwiseConv2D, Concatenate]) expect(kinds).toContain(cls);
      expect(model.countParams()).toBe(
        3 * 3 * 3 * 8 + 8 + 2 * (3 * 3 * 8 * 8 + 8) + 4 * 8 + 3 * 3 * 8 + 8 + 16 * 5 + 5,
      );
      expect(maxAbsDiff(await predict(model), expected.output)).toBeLessThan(1e-5);
      model.dispose();
      expect(numTensors()).toBe(before);
    });
  }

  it('reads the same Keras 3 topology as a TensorFlow.js model.json (Keras 3 inbound_nodes)', async () => {
    const before = numTensors();
    const fromKeras = await loadKerasModel(file('residual.keras'));
    const { modelJson, weights } = await toTfjsArtifacts(fromKeras);
    fromKeras.dispose();
    const keras3 = { ...modelJson, modelTopology: kerasConfig() };
    const model = fromTfjsArtifacts({ modelJson: keras3, weights });
    expect(maxAbsDiff(await predict(model), expected.output)).toBeLessThan(1e-5);
    model.dispose();
    expect(numTensors()).toBe(before);
  });

  it('saves the loaded model in the tfjs format, which tfjs-layers loads and predicts the same', async () => {
    const before = numTensors();
    const model = await loadKerasModel(file('residual.h5'));
    const { modelJson, weights } = await toTfjsArtifacts(model);
    // tfjs-layers names its variables like convkit's: free convkit's first (see tfjs-roundtrip.test.ts).
    model.dispose();
    const group = modelJson.weightsManifest[0];
    const loaded = await tfl.loadLayersModel(
      tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: group.weights, weightData: weights }),
    );
    expect(loaded.layers.map((l) => l.getClassName())).toContain('Rescaling');
    const x = tf.tensor(expected.input, expected.inputShape);
    const y = loaded.predict(x) as tf.Tensor;
    expect(maxAbsDiff(await y.data(), expected.output)).toBeLessThan(1e-5);
    tf.dispose([x, y]);
    loaded.dispose();
    expect(numTensors()).toBe(before);
  });

  it('refuses several outputs, nested models and call arguments, naming them', async () => {
    await refuses(
      editedKeras((c) => {
        c.config.output_layers = [
          ['head', 0, 0],
          ['gap', 0, 0],
        ];
      }),
      /'output_layers' must list exactly one tensor.*multi-output models are not supported/,
    );
    await refuses(
      editedKeras((c) => {
        c.config.input_layers = [
          ['image', 0, 0],
          ['image', 0, 0],
        ];
      }),
      /'input_layers' must list exactly one tensor.*multi-input/,
    );
    await refuses(
      editedKeras((c) => {
        c.config.layers[2] = { ...c.config.layers[2], class_name: 'Functional' };
      }),
      /layer 'stem' \(Functional\): nested models are not supported/,
    );
    await refuses(
      editedKeras((c) => {
        c.config.layers[2].inbound_nodes[0].kwargs = { training: true, foo: 1 };
      }),
      /inbound_nodes\[0\]: call arguments foo are not supported/,
    );
    await refuses(
      editedKeras((c) => {
        c.config.layers[2].inbound_nodes[0].args[0].config.keras_history = ['nowhere', 0, 0];
      }),
      /node of layer 'stem' reads nowhere#0, which no layer produces/,
    );
    await refuses(
      editedKeras((c) => {
        c.config.layers[2].inbound_nodes[0].args[0].config.keras_history = ['rescale', 0, 1];
      }),
      /several outputs \(multi-output\) are not supported/,
    );
    await refuses(
      editedKeras((c) => {
        c.config.layers[1].config.scale = [1, 2, 3];
      }),
      /'rescale' \(Rescaling\): a per-channel 'scale'/,
    );
    await refuses(
      editedKeras((c) => {
        c.config.layers[12].class_name = 'GlobalAveragePooling3D';
      }),
      /'gap' \(GlobalAveragePooling3D\): layer class 'GlobalAveragePooling3D' has no convkit equivalent/,
    );
    await refuses(
      editedKeras((c) => {
        c.config.layers[3].config.name = '../x';
        c.config.layers[3].name = '../x';
      }),
      /no valid name/,
    );
  });

  it('reads a mixed-precision policy (float32 variables) and refuses other dtypes', async () => {
    const policy = (name: string) => ({ module: 'keras', class_name: 'DTypePolicy', config: { name } });
    const mixed = await loadKerasModel(
      editedKeras((c) => {
        c.config.layers[2].config.dtype = policy('mixed_float16');
      }),
    );
    expect(maxAbsDiff(await predict(mixed), expected.output)).toBeLessThan(1e-5);
    mixed.dispose();
    await refuses(
      editedKeras((c) => {
        c.config.layers[2].config.dtype = policy('float64');
      }),
      /'stem' \(Conv2D\): dtype "float64" is not supported/,
    );
  });

  it('refuses weights of the wrong shape in a functional model before building it', async () => {
    await refuses(
      editedKeras((c) => {
        c.config.layers[13].config.units = 6;
      }),
      /has shape \[16, 5\], the layer expects \[16, 6\]/,
    );
  });
});
