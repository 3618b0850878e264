/**
 * 2–8-bit per-channel weight quantization: the math against a plain-JS
 * reference, bit packing against a bit-string reference, `.ckz` round trips
 * for every width, the version-1 fixture, and corrupt or absurd packed files.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, crc32, numTensors, SerializationError, setSeed, type Tensor } from '@convkit/core';
import type { LayersModel } from '@convkit/layers';
import { Adam } from '@convkit/optim';
import { afterEach, describe, expect, it } from 'vitest';
import { packCodes, unpackCodes } from '../src/bitpack';
import {
  COMPRESSED_MAGIC,
  type CompressedHeader,
  decodeCompressed,
  encodeCompressed,
  type IntWeightStorage,
} from '../src/format';
import {
  dequantizePerChannel,
  perChannelScales,
  prepareQat,
  quantizeModel,
  quantizePerChannel,
  restoreQuantization,
} from '../src/quantize';
import { legacyFixture, legacyInputs, legacyModel } from './fixtures/legacy-int8';
import { toyCnn, toyData } from './helpers';

const disposables: { dispose(): void }[] = [];
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
});

const BITS = [2, 3, 4, 5, 6, 7, 8];

/** A small deterministic generator (independent of convkit's). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Plain-JS reference of symmetric per-channel b-bit quantization on the last axis of a [rows, channels] view. */
function reference(values: Float32Array, channels: number, bits: number) {
  const qmax = 2 ** (bits - 1) - 1;
  const maxAbs = new Array<number>(channels).fill(0);
  values.forEach((v, i) => {
    maxAbs[i % channels] = Math.max(maxAbs[i % channels], Math.abs(v));
  });
  const scales = maxAbs.map((m) => (m > 0 ? Math.fround(m / qmax) : 1));
  const q = Array.from(values, (v, i) => {
    const r = v / scales[i % channels];
    const rounded = r < 0 ? -Math.round(-r) : Math.round(r);
    return Math.max(-qmax, Math.min(qmax, rounded)) + 0; // Int8Array holds no −0
  });
  return { qmax, scales, q };
}

describe('b-bit per-channel quantization', () => {
  it('matches the reference and errs by at most scale/2 per channel, for every b in 2..8', () => {
    const rand = lcg(3);
    const shape = [3, 3, 5, 7];
    const n = shape.reduce((a, b) => a * b, 1);
    // Channel 2 is all zeros, channel 4 has one large outlier.
    const values = Float32Array.from({ length: n }, (_, i) =>
      i % 7 === 2 ? 0 : (rand() - 0.5) * (1 + (i % 7)) * (i === 4 ? 20 : 1),
    );
    for (const bits of BITS) {
      const ref = reference(values, 7, bits);
      const scales = perChannelScales(values, shape, 3, bits);
      expect([...scales]).toEqual(ref.scales);
      const { q } = quantizePerChannel(values, shape, 3, undefined, bits);
      expect([...q]).toEqual(ref.q);
      const d = dequantizePerChannel(q, shape, 3, scales);
      for (let i = 0; i < n; i++) {
        expect(Math.abs(q[i])).toBeLessThanOrEqual(ref.qmax);
        expect(Math.abs(d[i] - values[i])).toBeLessThanOrEqual(scales[i % 7] / 2 + 1e-6 * Math.abs(values[i]));
      }
      // The largest magnitude of every nonzero channel lands on ±qmax exactly.
      for (let c = 0; c < 7; c++) {
        if (c === 2) continue;
        const codes = [...q].filter((_, i) => i % 7 === c).map(Math.abs);
        expect(Math.max(...codes)).toBe(ref.qmax);
      }
    }
  });

  it('8 bits is the int8 of before: qmax 127, the default width', () => {
    const v = new Float32Array([1, 0.2, -0.5, 0.254]);
    const { q } = quantizePerChannel(v, [2, 2], 1);
    expect([...q]).toEqual([127, 100, -64, 127]);
    expect([...quantizePerChannel(v, [2, 2], 1, undefined, 8).q]).toEqual([...q]);
    // 2 bits: three levels {−1, 0, 1}; −0.5/1 rounds away from zero to −1.
    expect([...quantizePerChannel(v, [2, 2], 1, undefined, 2).q]).toEqual([1, 1, -1, 1]);
    // 3 bits, qmax 3: 0.2/(0.254/3) = 2.36 → 2; −0.5/fround(1/3) = −1.4999999 → −1.
    expect([...quantizePerChannel(v, [2, 2], 1, undefined, 3).q]).toEqual([3, 2, -1, 3]);
  });

  it('rejects widths outside 2..8 with a ConfigError naming the option', async () => {
    for (const bits of [1, 9, 0, 4.5, Number.NaN]) {
      expect(() => perChannelScales(new Float32Array(4), [2, 2], 1, bits)).toThrow(ConfigError);
    }
    const model = toyCnn(2, 4);
    disposables.push(model);
    const before = numTensors();
    await expect(quantizeModel(model, { bits: 9 })).rejects.toThrow(
      /quantizeModel: bits must be an integer from 2 to 8, got 9/,
    );
    await expect(prepareQat(model, { bits: 1 })).rejects.toThrow(
      /prepareQat: bits must be an integer from 2 to 8, got 1/,
    );
    expect(numTensors()).toBe(before);
  });
});

/** Bit-string reference: code j's two's-complement bits, LSB first, at bit j·b. */
function referencePack(codes: number[], bits: number): Uint8Array {
  const stream: number[] = [];
  for (const c of codes) {
    const u = c < 0 ? c + 2 ** bits : c;
    for (let k = 0; k < bits; k++) stream.push((u >> k) & 1);
  }
  const out = new Uint8Array(Math.ceil(stream.length / 8));
  stream.forEach((b, i) => {
    out[i >> 3] |= b << (i & 7);
  });
  return out;
}

describe('bit packing', () => {
  it('packs like the bit-string reference and unpacks back, every b, odd lengths', () => {
    const rand = lcg(11);
    for (const bits of [1, ...BITS]) {
      const lo = -(2 ** (bits - 1));
      const hi = 2 ** (bits - 1) - 1;
      for (const len of [0, 1, 3, 7, 9, 13, 101]) {
        const codes = Array.from({ length: len }, (_, i) =>
          i === 0 ? lo : i === 1 ? hi : lo + Math.floor(rand() * (hi - lo + 1)),
        );
        const packed = packCodes(Int8Array.from(codes), bits);
        expect(packed.length).toBe(Math.ceil((len * bits) / 8));
        expect([...packed]).toEqual([...referencePack(codes, bits)]);
        expect([...unpackCodes(packed, len, bits)]).toEqual(codes);
      }
    }
    // Two int4 codes per byte, the first in the low nibble.
    expect([...packCodes(Int8Array.from([1, -1, 7]), 4)]).toEqual([0xf1, 0x07]);
    expect(() => packCodes(Int8Array.from([8]), 4)).toThrow(/does not fit in 4 bits/);
  });
});

async function predictions(model: LayersModel, x: Tensor): Promise<Float32Array> {
  const y = model.predict(x) as Tensor;
  try {
    return (await y.data()) as Float32Array;
  } finally {
    y.dispose();
  }
}

function split(bytes: Uint8Array): { header: CompressedHeader; payload: Uint8Array } {
  const h = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + h)));
  return { header, payload: bytes.slice(12 + h, bytes.length - 4) };
}

/** Magic, header, payload and a correct CRC: only the content is wrong. */
function pack(header: unknown, payload: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(12 + json.length + payload.length + 4);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(COMPRESSED_MAGIC), 0);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  out.set(payload, 12 + json.length);
  view.setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)), true);
  return out;
}

describe('.ckz files with b-bit kernels', () => {
  it('save → load predicts exactly as the quantized model, for every b; kernels are bit-packed', async () => {
    const model = legacyModel();
    disposables.push(model);
    const x = legacyInputs();
    disposables.push(x);
    const before = numTensors();
    let previousKernelBytes = Number.POSITIVE_INFINITY;
    for (const bits of [8, 7, 6, 5, 4, 3, 2]) {
      const q = await quantizeModel(model, { calibrationData: x, bits });
      const storage = `int${bits}` as IntWeightStorage;
      const bytes = await encodeCompressed(q.model, {
        weights: storage,
        int8Scales: q.int8Scales,
        metadata: { quantization: q.spec },
        sparse: false,
        clustered: false,
      });
      const { header } = split(bytes);
      expect(header.version).toBe(bits === 8 ? 1 : 2);
      let kernelBytes = 0;
      for (const e of header.weightsManifest) {
        if (!e.name.endsWith('kernel')) {
          expect(e.encoding).toBe('float32');
          continue;
        }
        const n = e.shape.reduce((a, b) => a * b, 1);
        expect(e.encoding).toBe(bits === 8 ? 'int8' : 'int');
        expect(e.bits).toBe(bits === 8 ? undefined : bits);
        expect(e.values.byteLength).toBe(Math.ceil((n * bits) / 8));
        expect(e.scales?.byteLength).toBe(4 * e.shape[e.shape.length - 1]);
        kernelBytes += e.values.byteLength;
      }
      expect(kernelBytes).toBeLessThan(previousKernelBytes);
      previousKernelBytes = kernelBytes;

      const loaded = decodeCompressed(bytes);
      expect(restoreQuantization(loaded.model, loaded.metadata)).toBe(true);
      // Kernels decode to exactly q × scale.
      const a = await Promise.all(q.model.weights.map((w) => w.variable.data()));
      const b = await Promise.all(loaded.model.weights.map((w) => w.variable.data()));
      a.forEach((v, i) => expect([...b[i]]).toEqual([...v]));
      expect([...(await predictions(loaded.model, x))]).toEqual([...(await predictions(q.model, x))]);
      loaded.model.dispose();
      q.model.dispose();
    }
    expect(numTensors()).toBe(before);
  });

  it('sparse and clustered choices still apply to packed kernels', async () => {
    const model = legacyModel();
    disposables.push(model);
    const q = await quantizeModel(model, { bits: 4 });
    disposables.push(q.model);
    const bytes = await encodeCompressed(q.model, { weights: 'int4', int8Scales: q.int8Scales, clustered: false });
    const name = `${model.layers[4].name}/kernel`;
    const dense = split(bytes).header.weightsManifest.find((e) => e.name === name)!;
    expect(dense.sparse).toBe(true);
    expect(dense.encoding).toBe('int');
    expect(dense.values.byteLength).toBe(Math.ceil((dense.count * 4) / 8));
    const loaded = decodeCompressed(bytes);
    const a = await Promise.all(q.model.weights.map((w) => w.variable.data()));
    const b = await Promise.all(loaded.model.weights.map((w) => w.variable.data()));
    a.forEach((v, i) => expect([...b[i]]).toEqual([...v]));
    loaded.model.dispose();
  });

  it('loads the version-1 fixture written by the int8-only encoder and predicts the same', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('./fixtures/legacy/int8-v1.ckz', import.meta.url)));
    const expected = JSON.parse(readFileSync(new URL('./fixtures/legacy/int8-v1.json', import.meta.url), 'utf8')) as {
      predictions: number[];
    };
    expect(split(bytes).header.version).toBe(1);
    const before = numTensors();
    const loaded = decodeCompressed(bytes);
    expect(loaded.info.weights.filter((w) => w.encoding === 'int8')).toHaveLength(4);
    expect(restoreQuantization(loaded.model, loaded.metadata)).toBe(true);
    const x = legacyInputs();
    const y = await predictions(loaded.model, x);
    x.dispose();
    expect(y.length).toBe(expected.predictions.length);
    y.forEach((v, i) => expect(v).toBeCloseTo(expected.predictions[i], 6));
    // Re-encoding the loaded int8 model gives the same version-1 file.
    const again = await encodeCompressed(loaded.model, {
      weights: 'int8',
      metadata: loaded.metadata,
      int8Scales: Object.fromEntries(
        Object.entries((loaded.metadata.quantization as { weights: Record<string, { scales: number[] }> }).weights).map(
          ([k, v]) => [k, Float32Array.from(v.scales)],
        ),
      ),
    });
    expect(split(again).header.version).toBe(1);
    loaded.model.dispose();
    expect(numTensors()).toBe(before);
  });

  it("today's encoder still writes the version-1 fixture's payload byte for byte (int8 did not change)", async () => {
    const bytes = new Uint8Array(readFileSync(new URL('./fixtures/legacy/int8-v1.ckz', import.meta.url)));
    const before = numTensors();
    const today = await legacyFixture();
    expect(numTensors()).toBe(before);
    // The headers differ only in layer names (global counters) and the spec's new `bits: 8`.
    const [a, b] = [split(bytes), split(today.bytes)];
    expect(b.header.version).toBe(1);
    expect(Buffer.from(b.payload).equals(Buffer.from(a.payload))).toBe(true);
    const layout = (h: CompressedHeader) =>
      h.weightsManifest.map(({ shape, encoding, sparse, count, mask, scales, values, axis }) => ({
        shape,
        encoding,
        sparse,
        count,
        mask,
        scales,
        values,
        axis,
      }));
    expect(layout(b.header)).toEqual(layout(a.header));
  });
});

describe('corrupt, truncated or absurd packed files get a SerializationError', () => {
  async function int4File(): Promise<Uint8Array> {
    setSeed(5);
    const model = toyCnn(3, 5);
    disposables.push(model);
    return encodeCompressed(model, { weights: 'int4', sparse: false, clustered: false });
  }

  function rejects(bytes: Uint8Array, message: RegExp): void {
    const before = numTensors();
    expect(() => decodeCompressed(bytes)).toThrow(SerializationError);
    expect(() => decodeCompressed(bytes)).toThrow(message);
    expect(numTensors()).toBe(before);
  }

  it('bits outside 2..8 or missing, a wrong packed length, int in a version-1 file', async () => {
    const file = await int4File();
    const { header, payload } = split(file);
    const first = () => header.weightsManifest.find((e) => e.encoding === 'int')!;
    const tampered = (f: (h: CompressedHeader) => void) => {
      const h = structuredClone(header);
      f(h);
      return pack(h, payload);
    };
    for (const bits of [1, 9, 0, 2.5, '4', null]) {
      rejects(
        tampered((h) => {
          (h.weightsManifest.find((e) => e.encoding === 'int')! as { bits: unknown }).bits = bits;
        }),
        /has bits .*; packed int codes take 2 to 8 bits/,
      );
    }
    rejects(
      tampered((h) => {
        delete h.weightsManifest.find((e) => e.encoding === 'int')!.bits;
      }),
      /has bits undefined/,
    );
    // 5 bits would need a longer values part than the 4-bit one stored.
    const n = first().shape.reduce((a, b) => a * b, 1);
    rejects(
      tampered((h) => {
        h.weightsManifest.find((e) => e.encoding === 'int')!.bits = 5;
      }),
      new RegExp(`has a values of ${Math.ceil(n / 2)} bytes but needs ${Math.ceil((n * 5) / 8)}`),
    );
    rejects(
      tampered((h) => {
        (h as { version: number }).version = 1;
      }),
      /uses the bit-packed 'int' encoding, which a version 1 file cannot hold/,
    );
    rejects(
      tampered((h) => {
        h.weightsManifest.find((e) => e.encoding === 'float32')!.bits = 4;
      }),
      /has 'bits', which float32 weights do not have/,
    );
  });

  it('a code of −2^(b−1), dirty padding bits, bad scales, truncation', async () => {
    const file = await int4File();
    const { header, payload } = split(file);
    const e = header.weightsManifest.find((w) => w.encoding === 'int')!;
    let p = payload.slice();
    p[e.values.offset] = 0x08; // low nibble 1000 = −8
    rejects(pack(header, p), /4-bit code -8 at element 0 is outside \[-7, 7\]/);
    // A kernel with an odd count·bits/8 leaves padding in its last byte.
    const odd = header.weightsManifest.find((w) => w.encoding === 'int' && (w.count * 4) % 8 !== 0);
    expect(odd).toBeDefined();
    p = payload.slice();
    p[odd!.values.offset + odd!.values.byteLength - 1] |= 0x80;
    rejects(pack(header, p), /unused bits after its last 4-bit code are not 0/);
    for (const s of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      p = payload.slice();
      new DataView(p.buffer).setFloat32(e.scales!.offset, s, true);
      rejects(pack(header, p), /int4 scale 0 is .*; scales must be positive and finite/);
    }
    rejects(file.subarray(0, file.length - 7), /truncated/);
    const flipped = file.slice();
    flipped[flipped.length - 10] ^= 0x10;
    rejects(flipped, /CRC-32 mismatch/);
  });
});

describe('4-bit quantization-aware training', () => {
  it('learns the activation ranges from asynchronous reads and finalizes to 4-bit kernels', async () => {
    setSeed(8);
    const { x, y } = toyData(128);
    const model = toyCnn(4, 8);
    disposables.push(x, y, model);
    model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy' });
    // No calibration data: every range comes from the training batches.
    const qat = await prepareQat(model, { bits: 4, emaDecay: 0 });
    await model.fit(x, y, { epochs: 1, batchSize: 32 }); // creates the optimizer's state
    await qat.settled();
    const before = numTensors();
    await model.fit(x, y, { epochs: 2, batchSize: 32 });
    await qat.settled();
    expect(numTensors()).toBe(before);
    const params = qat.activationParams();
    expect(Object.keys(params).sort()).toEqual(
      [model.layers[0].name, model.layers[2].name, model.layers[4].name].sort(),
    );
    for (const p of Object.values(params)) expect(p.max).toBeGreaterThan(p.min);
    const result = await qat.finalize();
    disposables.push(result.model);
    expect(result.bits).toBe(4);
    // Every kernel channel holds at most 15 levels, multiples of its scale.
    for (const [name, { axis, scales, bits }] of Object.entries(result.spec.weights)) {
      expect(bits).toBe(4);
      const w = result.model.weights.find((v) => v.name === name)!;
      const v = (await w.variable.data()) as Float32Array;
      const channels = w.shape[axis];
      v.forEach((value, i) => {
        const q = value / scales[i % channels];
        expect(Math.abs(q - Math.round(q))).toBeLessThan(1e-4);
        expect(Math.abs(Math.round(q))).toBeLessThanOrEqual(7);
      });
    }
  });
});
