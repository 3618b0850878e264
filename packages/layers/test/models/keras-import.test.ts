/**
 * `loadKerasModel` (`@convkit/layers/keras`): the fixtures in test/fixtures/keras
 * were written by Keras 3 itself (make-keras-fixtures.py, numpy backend), as a
 * `.keras` zip and a legacy `.h5` of the same models, with Keras's own
 * `model.predict` outputs. Both formats must predict those outputs; damaged or
 * unsupported files must give `SerializationError` and allocate nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numTensors, SerializationError, tensor } from '@convkit/core';
import { loadKerasModel } from '@convkit/layers/keras';
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
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
  keras_version: string;
  models: Record<'cnn' | 'mlp', Expected>;
};

async function predictMaxError(model: Awaited<ReturnType<typeof loadKerasModel>>, e: Expected): Promise<number> {
  const x = tensor(e.input, e.inputShape, 'float32');
  const y = model.predict(x);
  expect(y.shape).toEqual(e.outputShape);
  const got = await y.data();
  x.dispose();
  y.dispose();
  let max = 0;
  for (let i = 0; i < e.output.length; i++) max = Math.max(max, Math.abs(got[i] - e.output[i]));
  return max;
}

// biome-ignore lint/suspicious/noExplicitAny: the test edits Keras's JSON freely
type KerasJson = Record<string, any>;

/** A copy of `cnn.keras` with `config.json` edited (and other members replaced or dropped). */
function editedKeras(
  edit: (config: KerasJson) => unknown,
  members: (m: Record<string, Uint8Array>) => void = () => {},
): Uint8Array {
  const m = unzipSync(file('cnn.keras'));
  const config = JSON.parse(strFromU8(m['config.json']));
  const replaced = edit(config);
  m['config.json'] = strToU8(typeof replaced === 'string' ? replaced : JSON.stringify(config));
  members(m);
  return zipSync(m);
}

/** Expects loading `bytes` to reject with a SerializationError matching `pattern`, and to leave no tensor. */
async function refuses(bytes: Uint8Array, pattern: RegExp, options = {}): Promise<void> {
  const before = numTensors();
  const err = await loadKerasModel(bytes, options).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(SerializationError);
  expect((err as Error).message).toMatch(pattern);
  expect(numTensors()).toBe(before);
}

describe('loadKerasModel: Keras fixtures', () => {
  it('was given fixtures written by Keras 3', () => {
    expect(expected.keras_version).toMatch(/^3\./);
  });

  for (const name of ['cnn', 'mlp'] as const) {
    for (const ext of ['keras', 'h5'] as const) {
      it(`${name}.${ext} predicts Keras's outputs within 1e-5, and leaks nothing`, async () => {
        const before = numTensors();
        const model = await loadKerasModel(join(dir, `${name}.${ext}`));
        expect(await predictMaxError(model, expected.models[name])).toBeLessThan(1e-5);
        model.dispose();
        expect(numTensors()).toBe(before);
      });
    }
  }

  it('reads the Keras 2 .h5 layout (weights named <layer>/<weight>:0, batch_input_shape)', async () => {
    const before = numTensors();
    const model = await loadKerasModel(join(dir, 'cnn-keras2-layout.h5'));
    expect(await predictMaxError(model, expected.models.cnn)).toBeLessThan(1e-5);
    model.dispose();
    expect(numTensors()).toBe(before);
  });

  it('maps the course CNN layer by layer, with the Keras names and weight counts', async () => {
    const fromKeras = await loadKerasModel(file('cnn.keras'));
    const fromH5 = await loadKerasModel(file('cnn.h5').buffer as ArrayBuffer);
    const describeModel = (m: typeof fromKeras) =>
      m.layers.map((l) => [l.constructor.name, l.name, l.weights.length, l.countParams()]);
    expect(describeModel(fromKeras)).toEqual([
      ['Conv2D', 'conv2d', 2, 3 * 3 * 1 * 8 + 8],
      ['BatchNormalization', 'batch_normalization', 4, 4 * 8],
      ['MaxPool2D', 'max_pooling2d', 0, 0],
      ['Conv2D', 'conv2d_1', 2, 3 * 3 * 8 * 16 + 16],
      ['MaxPool2D', 'max_pooling2d_1', 0, 0],
      ['Dropout', 'dropout', 0, 0],
      ['Flatten', 'flatten', 0, 0],
      ['Dense', 'dense', 2, 64 * 10 + 10],
    ]);
    expect(describeModel(fromH5)).toEqual(describeModel(fromKeras));
    // Same weights from both files.
    const a = fromKeras.getWeights();
    const b = fromH5.getWeights();
    for (let i = 0; i < a.length; i++) expect(Array.from(await a[i].data())).toEqual(Array.from(await b[i].data()));
    for (const t of [...a, ...b]) t.dispose();
    fromKeras.dispose();
    fromH5.dispose();
  });
});

describe('loadKerasModel: damaged and unsupported files', () => {
  it('refuses a corrupt zip and a truncated .keras', async () => {
    const bytes = file('cnn.keras');
    const garbage = bytes.slice();
    garbage.fill(0x55, 4);
    await refuses(garbage, /not a readable zip archive/);
    await refuses(bytes.slice(0, Math.floor(bytes.length / 2)), /zip|corrupt|HDF5/);
  });

  it('refuses a truncated or damaged .h5', async () => {
    const bytes = file('cnn.h5');
    await refuses(bytes.slice(0, 4096), /corrupt or truncated|no 'model_config'/);
    await refuses(bytes.slice(0, 7), /neither a Keras 3 .keras file/);
  });

  it('refuses a .keras without its weights or without its config', async () => {
    await refuses(
      editedKeras(
        () => undefined,
        (m) => {
          delete m['model.weights.h5'];
        },
      ),
      /no model.weights.h5: the model's weights are missing/,
    );
    await refuses(
      editedKeras(
        () => undefined,
        (m) => {
          delete m['config.json'];
        },
      ),
      /no config.json/,
    );
  });

  it('refuses weights that belong to another model or layer, or of the wrong shape', async () => {
    const mlpWeights = unzipSync(file('mlp.keras'))['model.weights.h5'];
    await refuses(
      editedKeras(
        () => undefined,
        (m) => {
          m['model.weights.h5'] = mlpWeights;
        },
      ),
      /no weights for layer 'conv2d' \(Conv2D\): no group layers\/conv2d\/vars/,
    );
    await refuses(
      editedKeras((c) => {
        c.config.layers[8].config.name = 'dense_renamed';
      }),
      /stores the weights of layer "dense" at layers\/dense\/vars, where config.json expects layer 'dense_renamed'/,
    );
    await refuses(
      editedKeras((c) => {
        c.config.layers[8].config.units = 11;
      }),
      /has shape \[64, 10\], the layer expects \[64, 11\]/,
    );
  });

  it('refuses an unsupported layer class, naming it', async () => {
    await refuses(
      editedKeras((c) => {
        c.config.layers[6] = { class_name: 'LSTM', config: { name: 'lstm', units: 4 } };
      }),
      /'lstm' \(LSTM\).*'LSTM' is not supported/,
    );
    await refuses(
      editedKeras((c) => {
        c.class_name = 'Bidirectional';
      }),
      /'Bidirectional' model; loadKerasModel loads Keras Sequential and Functional models only/,
    );
  });

  it('refuses channels_first and options convkit does not compute', async () => {
    await refuses(
      editedKeras((c) => {
        c.config.layers[1].config.data_format = 'channels_first';
      }),
      /'conv2d' \(Conv2D\): data_format "channels_first" is not supported/,
    );
    await refuses(
      editedKeras((c) => {
        c.config.layers[3].config.padding = 'causal';
      }),
      /'max_pooling2d'.*padding "causal"/,
    );
    await refuses(
      editedKeras((c) => {
        c.config.layers[8].config.quantization_config = { mode: 'int8' };
      }),
      /'dense' \(Dense\): 'quantization_config' .* is not supported \(quantized weights\)/,
    );
  });

  it('refuses absurd shapes before allocating anything', async () => {
    await refuses(
      editedKeras((c) => {
        c.config.layers[8].config.units = 2 ** 30;
      }),
      /more than 2\^28/,
    );
    await refuses(
      editedKeras((c) => {
        c.config.layers[0].config.batch_shape = [null, 200000, 200000, 1];
      }),
      /more than 2\^28/,
    );
    await refuses(
      editedKeras((c) => {
        c.config.layers[1].config.filters = -3;
      }),
      /'filters' must be a positive integer/,
    );
  });

  it('refuses a zip member that declares more bytes than maxBytes, before inflating it', async () => {
    const bytes = file('cnn.keras');
    const big = bytes.slice();
    const view = new DataView(big.buffer);
    // Central directory entries: signature 0x02014b50, uncompressed size at +24, name length at +28, name at +46.
    let patched = 0;
    for (let o = 0; o + 46 < big.length; o++) {
      if (view.getUint32(o, true) !== 0x02014b50) continue;
      const n = view.getUint16(o + 28, true);
      if (strFromU8(big.subarray(o + 46, o + 46 + n)) === 'model.weights.h5') {
        view.setUint32(o + 24, 0x7fffffff, true);
        patched++;
      }
    }
    expect(patched).toBe(1);
    await refuses(big, /'model.weights.h5' .* declares 2147483647 bytes, more than the 1000000 accepted/, {
      maxBytes: 1_000_000,
    });
    await refuses(bytes, /more than maxBytes \(1000\)/, { maxBytes: 1000 });
  });

  it('refuses prototype keys anywhere in the config', async () => {
    await refuses(
      editedKeras((c) =>
        JSON.stringify(c)
          .replace('"filters": 8', '"__proto__": {"polluted": true}, "filters": 8')
          .replace('"filters":8', '"__proto__":{"polluted":true},"filters":8'),
      ),
      /'__proto__' key at \.config\.layers\[1\]\.config/,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await refuses(
      editedKeras((c) => {
        c.config.layers[1].class_name = 'constructor';
      }),
      /'constructor' is not supported/,
    );
  });
});
