/**
 * `.ckz` loading is bounded and typed like model.json: the header is parsed
 * with the layers' bounded JSON (depth, size, finite numbers), the topology is
 * sized before anything is built (`maxParams`, `maxActivationElements`), and
 * the stored training config is validated when the header is read.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  COMPRESSED_MAGIC,
  type CompressedHeader,
  decodeCompressed,
  encodeCompressed,
  loadCompressed,
  readCompressedHeader,
} from '@convkit/compress';
import { crc32, numTensors, SerializationError, setSeed } from '@convkit/core';
import { Dense, Sequential, type Serialized } from '@convkit/layers';
import { Adam } from '@convkit/optim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let good: Uint8Array;
let dir: string;

beforeAll(async () => {
  setSeed(3);
  const model = new Sequential({ layers: [new Dense({ units: 3, inputShape: [4] }), new Dense({ units: 2 })] });
  model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'mse', metrics: ['accuracy'] });
  good = await encodeCompressed(model);
  model.dispose();
  dir = mkdtempSync(join(tmpdir(), 'convkit-ckz-limits-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The header text and payload of a file. */
function split(bytes: Uint8Array): { text: string; payload: Uint8Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = view.getUint32(8, true);
  return {
    text: new TextDecoder().decode(bytes.subarray(12, 12 + h)),
    payload: bytes.slice(12 + h, bytes.length - 4),
  };
}

/** A valid file (magic, lengths, CRC) around `headerText` and `payload`. */
function pack(headerText: string, payload: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(headerText);
  const out = new Uint8Array(12 + json.length + payload.length + 4);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(COMPRESSED_MAGIC), 0);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  out.set(payload, 12 + json.length);
  view.setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)), true);
  return out;
}

function withHeader(edit: (h: CompressedHeader & Record<string, unknown>) => void): Uint8Array {
  const { text, payload } = split(good);
  const header = JSON.parse(text);
  edit(header);
  return pack(JSON.stringify(header), payload);
}

/** Both readers refuse `bytes` with a SerializationError matching `message`, fast and allocating nothing. */
function refused(bytes: Uint8Array, message: RegExp, options = {}): void {
  for (const read of [readCompressedHeader, decodeCompressed]) {
    const before = numTensors();
    const t0 = performance.now();
    let error: unknown;
    try {
      const r = read(bytes, options);
      (r as { model?: { dispose(): void } }).model?.dispose();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SerializationError);
    expect((error as Error).message).toMatch(message);
    expect(numTensors()).toBe(before);
    expect(performance.now() - t0).toBeLessThan(1000);
  }
}

function layersOf(h: CompressedHeader): Serialized[] {
  return h.topology.config.layers as Serialized[];
}

describe('a .ckz topology asking for a huge model', () => {
  it('is refused before anything is allocated, naming maxParams; loadCompressed takes the option', async () => {
    const huge = withHeader((h) => {
      layersOf(h)[1].config.units = 5e7;
    });
    refused(
      huge,
      /convkit-compressed header asks for a model of more than maxParams = 100000000 parameters: Dense layer/,
    );
    refused(huge, /maxParams = 1000 /, { maxParams: 1000 });
    const file = join(dir, 'huge.ckz');
    writeFileSync(file, huge);
    await expect(loadCompressed(file)).rejects.toThrow(/more than maxParams = 100000000/);
    // Raising the limit gets past the size check to the weights check, still without building 2e8 weights.
    refused(huge, /convkit-compressed topology needs 200000015 parameters but convkit-compressed manifest holds 23/, {
      maxParams: 1e9,
    });
  });

  it('with absurd activations or invalid options is refused by readCompressedHeader too', () => {
    refused(
      withHeader((h) => {
        layersOf(h)[0].config.inputShape = [1e6, 1e6];
      }),
      /outputs \[null, 1000000, 1000000\].*maxActivationElements/,
    );
    refused(
      withHeader((h) => {
        layersOf(h)[0].config.units = -3;
      }),
      /units must be a positive integer, got -3/,
    );
    refused(
      withHeader((h) => {
        layersOf(h)[0].config.kernelInitializer = 'constructor';
      }),
      /Unknown initializer 'constructor'/,
    );
  });
});

/** A file whose header holds `raw` (any JSON text) where `place` puts the marker string. */
function withRawJson(place: (h: CompressedHeader & Record<string, unknown>) => void, raw: string): Uint8Array {
  const { text, payload } = split(good);
  const header = JSON.parse(text);
  place(header);
  const marked = JSON.stringify(header);
  expect(marked).toContain('"@@RAW@@"');
  return pack(marked.replace('"@@RAW@@"', raw), payload);
}

describe('the .ckz header JSON', () => {
  it('nested 100 000 deep anywhere is a SerializationError, not a RangeError', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const places: ((h: CompressedHeader & Record<string, unknown>) => void)[] = [
      (h) => {
        h.metadata = { deep: '@@RAW@@' };
      },
      (h) => {
        layersOf(h).unshift('@@RAW@@' as never);
      },
      (h) => {
        h.training!.metrics.push('@@RAW@@');
      },
      (h) => {
        h.weightsManifest[0].shape = '@@RAW@@' as never;
      },
    ];
    for (const place of places) {
      refused(withRawJson(place, deep), /convkit-compressed header is nested more than 64 levels deep/);
    }
  });

  it('holding a non-finite number (1e999) is refused', () => {
    refused(
      withRawJson((h) => {
        h.metadata = { x: '@@RAW@@' };
      }, '-1e999'),
      /non-finite number -Infinity at \$\.metadata\.x/,
    );
  });
});

describe('the .ckz training config is validated when the header is read', () => {
  const cases: [string, (t: Record<string, unknown>) => void, RegExp][] = [
    [
      "loss 'constructor'",
      (t) => {
        t.loss = 'constructor';
      },
      /'training\.loss' is invalid: Unknown loss 'constructor'/,
    ],
    [
      'an unknown optimizer',
      (t) => {
        t.optimizer = { className: 'Nope', config: {} };
      },
      /Unknown optimizer 'Nope'/,
    ],
    [
      'a negative learning rate',
      (t) => {
        (t.optimizer as { config: Record<string, unknown> }).config.learningRate = -1;
      },
      /learningRate must be a non-negative number/,
    ],
  ];
  for (const [label, mutate, message] of cases) {
    it(`refuses ${label}`, () => {
      refused(
        withHeader((h) => mutate(h.training as unknown as Record<string, unknown>)),
        message,
      );
    });
  }

  it('keeps a valid one', () => {
    expect(readCompressedHeader(good).training).toMatchObject({ loss: 'meanSquaredError', metrics: ['accuracy'] });
  });
});
