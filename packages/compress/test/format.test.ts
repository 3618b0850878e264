import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, crc32, numTensors, SerializationError, type Tensor, tensor } from '@convkit/core';
import {
  Add,
  BatchNormalization,
  Conv2D,
  Dense,
  DepthwiseConv2D,
  Flatten,
  Input,
  type LayersModel,
  MaxPool2D,
  Model,
  modelFromConfig,
  SeparableConv2D,
  Sequential,
} from '@convkit/layers';
import { Adam } from '@convkit/optim';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { roundToFloat16 } from '../src/float16';
import {
  COMPRESSED_MAGIC,
  type CompressedHeader,
  compressedSize,
  decodeCompressed,
  type EncodeCompressedOptions,
  encodeCompressed,
  loadCompressed,
  readCompressedHeader,
  saveCompressed,
} from '../src/format';
import { modelKernelWeights } from '../src/stats';

// Fault injection for the atomic-save test: `saveCompressed` imports node:fs/promises dynamically.
const fault = vi.hoisted(() => ({ write: false, rename: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const open = async (...args: Parameters<typeof actual.open>): Promise<FileHandle> => {
    const fh = await actual.open(...args);
    if (!fault.write) return fh;
    // A "disk full" halfway through the temp file; every other method is the real one.
    const writeFile = async (data: Uint8Array) => {
      await fh.write(data.subarray(0, data.length >> 1));
      throw new Error('injected: ENOSPC halfway through the write');
    };
    return new Proxy(fh, {
      get(target, key) {
        if (key === 'writeFile') return writeFile;
        const v = Reflect.get(target, key);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  };
  const rename = async (...args: Parameters<typeof actual.rename>): Promise<void> => {
    if (fault.rename) throw new Error('injected: rename failed');
    return actual.rename(...args);
  };
  return { ...actual, default: { ...actual, open, rename }, open, rename };
});

const disposables: { dispose(): void }[] = [];
const root = mkdtempSync(join(tmpdir(), 'convkit-format-'));
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
  fault.write = false;
  fault.rename = false;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Deterministic uniform values in [lo, hi) (an LCG, so tests do not depend on the backend's RNG). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Conv2D → BN → MaxPool → DepthwiseConv2D → SeparableConv2D → Flatten → Dense on 6×6×2. */
function smallCnn(): Sequential {
  const m = new Sequential({
    layers: [
      new Conv2D({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [6, 6, 2] }),
      new BatchNormalization(),
      new MaxPool2D({ poolSize: 2 }),
      new DepthwiseConv2D({ kernelSize: 3, padding: 'same', depthMultiplier: 2 }),
      new SeparableConv2D({ filters: 5, kernelSize: 3, padding: 'same', activation: 'relu' }),
      new Flatten(),
      new Dense({ units: 3 }),
    ],
  });
  disposables.push(m);
  return m;
}

interface Fill {
  seed: number;
  /** Fraction of kernel elements set to exactly 0. */
  zeros?: number;
  /** Kernels take only this many distinct values (plus 0 when zeros > 0). */
  levels?: number;
}

/** Sets every weight of `model` to reproducible values; returns them by name. */
function fill(model: LayersModel, { seed, zeros = 0, levels }: Fill): Map<string, Float32Array> {
  const rand = lcg(seed);
  const kernels = new Set(modelKernelWeights(model));
  const out = new Map<string, Float32Array>();
  const palette = levels ? Float32Array.from({ length: levels }, (_, i) => (i - levels / 2) * 0.037 + 0.011) : null;
  for (const w of model.weights) {
    const n = w.shape.reduce((a, b) => a * b, 1);
    const v = new Float32Array(n);
    const leaf = w.name.slice(w.name.lastIndexOf('/') + 1);
    for (let i = 0; i < n; i++) {
      const r = rand();
      if (leaf === 'moving_variance') v[i] = 0.5 + r;
      else if (leaf === 'gamma') v[i] = 0.8 + 0.4 * r;
      else if (kernels.has(w)) {
        if (rand() < zeros) v[i] = 0;
        else v[i] = palette ? palette[Math.floor(r * palette.length)] : (r - 0.5) * 0.8;
      } else v[i] = (r - 0.5) * 0.2;
    }
    if (leaf === 'bias' && zeros > 0) v[0] = 0;
    const t = tensor(v, w.shape, 'float32');
    w.write(t);
    t.dispose();
    out.set(w.name, v);
  }
  return out;
}

/** The int8 channel axis the format uses: 2 for depthwise kernels, else the last. */
function axisOf(name: string, rank: number): number {
  return /depthwise_kernel$/.test(name) ? rank - 2 : rank - 1;
}

/** Reference int8 round trip: q = clamp(round-half-away(v/s)), value = fround(q·s). */
function int8Reference(
  v: Float32Array,
  shape: number[],
  axis: number,
  given?: Float32Array,
): { values: Float32Array; scales: Float32Array } {
  const channels = shape[axis];
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const ch = (i: number) => Math.floor(i / inner) % channels;
  let scales = given;
  if (!scales) {
    const max = new Float64Array(channels);
    v.forEach((x, i) => {
      max[ch(i)] = Math.max(max[ch(i)], Math.abs(x));
    });
    scales = Float32Array.from(max, (m) => (m > 0 ? m / 127 : 1));
  }
  const s = scales;
  const values = Float32Array.from(v, (x, i) => {
    const r = x / s[ch(i)];
    const q = Math.max(-127, Math.min(127, Math.sign(r) * Math.round(Math.abs(r))));
    return q * s[ch(i)];
  });
  return { values, scales: s };
}

/** What decoding should give for every weight with `weights` storage. */
function expectedValues(
  model: LayersModel,
  original: Map<string, Float32Array>,
  storage: 'float32' | 'float16' | 'int8',
  int8Scales?: Record<string, Float32Array>,
): Map<string, Float32Array> {
  const kernels = new Set(modelKernelWeights(model).map((w) => w.name));
  const out = new Map<string, Float32Array>();
  for (const w of model.weights) {
    const v = original.get(w.name)!;
    if (storage === 'float16') out.set(w.name, roundToFloat16(v));
    else if (storage === 'int8' && kernels.has(w.name))
      out.set(w.name, int8Reference(v, w.shape, axisOf(w.name, w.shape.length), int8Scales?.[w.name]).values);
    else out.set(w.name, v);
  }
  return out;
}

const bitsOf = (a: Float32Array): number[] => [...new Uint32Array(a.buffer, a.byteOffset, a.length)];

/** Asserts the decoded model holds exactly `expected`, and predicts exactly as a reference model with those weights. */
function expectExact(decoded: LayersModel, reference: LayersModel, expected: Map<string, Float32Array>): void {
  for (const w of decoded.weights) {
    const got = w.variable.dataSync() as Float32Array;
    const want = expected.get(w.name)!;
    if (bitsOf(got).join() !== bitsOf(want).join()) {
      const i = got.findIndex((x, j) => !Object.is(x, want[j]));
      throw new Error(`weight ${w.name} differs at ${i}: got ${got[i]}, want ${want[i]}`);
    }
  }
  const ref = modelFromConfig(reference.toConfig());
  disposables.push(ref);
  for (const w of ref.weights) {
    const t = tensor(expected.get(w.name)!, w.shape, 'float32');
    w.write(t);
    t.dispose();
  }
  const x = tensor(
    Float32Array.from({ length: 2 * 6 * 6 * 2 }, (_, i) => Math.sin(i)),
    [2, 6, 6, 2],
  );
  const a = decoded.predict(x);
  const b = ref.predict(x);
  expect([...(a.dataSync() as Float32Array)]).toEqual([...(b.dataSync() as Float32Array)]);
  [x, a, b].forEach((t: Tensor) => t.dispose());
}

function kernelBytes(info: ReturnType<typeof decodeCompressed>['info'], model: LayersModel): number {
  const kernels = new Set(modelKernelWeights(model).map((w) => w.name));
  return info.weights.filter((w) => kernels.has(w.name)).reduce((a, w) => a + w.bytes, 0);
}

describe('encode / decode round trip', () => {
  const storages = ['float32', 'float16', 'int8'] as const;
  const cases = storages.flatMap((storage) =>
    [
      { zeros: 0, sparse: false as const },
      { zeros: 0.8, sparse: false as const },
      { zeros: 0.8, sparse: true as const },
      { zeros: 0.8, sparse: 'auto' as const },
    ].map((c) => ({ storage, ...c })),
  );

  it.each(cases)('$storage, $zeros zeros, sparse: $sparse', async ({ storage, zeros, sparse }) => {
    const model = smallCnn();
    const original = fill(model, { seed: 7, zeros });
    const before = numTensors();
    const bytes = await encodeCompressed(model, { weights: storage, sparse, clustered: false });
    expect(numTensors()).toBe(before);
    const { model: decoded, info } = decodeCompressed(bytes);
    disposables.push(decoded);
    expect(numTensors()).toBe(before + decoded.weights.length);
    expect(decoded.weights.map((w) => w.name)).toEqual(model.weights.map((w) => w.name));
    expectExact(decoded, model, expectedValues(model, original, storage));

    const kernels = new Set(modelKernelWeights(model).map((w) => w.name));
    for (const w of info.weights) {
      const kernelEncoding = storage;
      const otherEncoding = storage === 'float16' ? 'float16' : 'float32';
      expect(w.encoding).toBe(kernels.has(w.name) ? kernelEncoding : otherEncoding);
      if (sparse === true) expect(w.sparse).toBe(true);
      if (sparse === false) expect(w.sparse).toBe(false);
    }
    if (sparse === 'auto') {
      // 80% zeros: every kernel is stored sparse; the dense BN statistics are not.
      for (const w of info.weights) {
        if (kernels.has(w.name)) expect(w.sparse).toBe(true);
        if (/moving_variance|gamma/.test(w.name)) expect(w.sparse).toBe(false);
      }
    }
    if (storage === 'int8') {
      // Within half a step of the original value.
      const dec = new Map(decoded.weights.map((w) => [w.name, w.variable.dataSync() as Float32Array]));
      for (const w of modelKernelWeights(model)) {
        const { scales } = int8Reference(original.get(w.name)!, w.shape, axisOf(w.name, w.shape.length));
        const axis = axisOf(w.name, w.shape.length);
        const inner = w.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
        original.get(w.name)!.forEach((v, i) => {
          const s = scales[Math.floor(i / inner) % w.shape[axis]];
          expect(Math.abs(dec.get(w.name)![i] - v)).toBeLessThanOrEqual(s / 2 + 1e-7 * Math.abs(v));
        });
      }
    }
  });

  it('stores int8 scales along the right axis (2 for depthwise kernels, else the last)', async () => {
    const model = smallCnn();
    fill(model, { seed: 3 });
    const header = readCompressedHeader(await encodeCompressed(model, { weights: 'int8', clustered: false }));
    const axes = Object.fromEntries(
      header.weightsManifest.filter((e) => e.encoding === 'int8').map((e) => [e.name, e.axis]),
    );
    const [conv, , , dw, sep, , dense] = model.layers.map((l) => l.name);
    expect(axes).toEqual({
      [`${conv}/kernel`]: 3,
      [`${dw}/depthwise_kernel`]: 2,
      [`${sep}/depthwise_kernel`]: 2,
      [`${sep}/pointwise_kernel`]: 3,
      [`${dense}/kernel`]: 1,
    });
    expect(header.weightsManifest.find((e) => e.name === `${dw}/depthwise_kernel`)!.scales!.byteLength).toBe(4 * 4);
  });

  it('int8Scales from a quantizer are used as-is: a quantized model round-trips bit-exactly', async () => {
    const model = smallCnn();
    const original = fill(model, { seed: 11, zeros: 0.3 });
    // Quantize with scales that are not max|w|/127, as a calibrating quantizer might choose.
    const int8Scales: Record<string, Float32Array> = {};
    for (const w of modelKernelWeights(model)) {
      const axis = axisOf(w.name, w.shape.length);
      const scales = Float32Array.from({ length: w.shape[axis] }, (_, c) => 0.0021 + 0.0007 * c);
      int8Scales[w.name] = scales;
      const q = int8Reference(original.get(w.name)!, w.shape, axis, scales).values;
      const t = tensor(q, w.shape, 'float32');
      w.write(t);
      t.dispose();
      original.set(w.name, q);
    }
    for (const sparse of [false, true] as const) {
      const bytes = await encodeCompressed(model, { weights: 'int8', int8Scales, sparse, clustered: false });
      const { model: decoded } = decodeCompressed(bytes);
      disposables.push(decoded);
      expectExact(decoded, model, original);
      const header = readCompressedHeader(bytes);
      const e = header.weightsManifest.find((x) => x.encoding === 'int8')!;
      const start = 12 + new DataView(bytes.buffer).getUint32(8, true) + e.scales!.offset;
      const scales = new Float32Array(bytes.slice(start, start + e.scales!.byteLength).buffer);
      expect([...scales]).toEqual([...int8Scales[e.name]]);
    }
  });

  it('int8 quantizes values the given scales cannot represent (round half away from zero, clamp)', async () => {
    const model = new Sequential({ layers: [new Dense({ units: 2, useBias: false, inputShape: [3] })] });
    disposables.push(model);
    const t = tensor([0.25, -0.25, 0.75, 0.1, 10, -10], [3, 2]);
    model.weights[0].write(t);
    t.dispose();
    const scales = new Float32Array([0.5, 0.5]);
    const bytes = await encodeCompressed(model, {
      weights: 'int8',
      int8Scales: { [model.weights[0].name]: scales },
      sparse: false,
      clustered: false,
    });
    const { model: decoded } = decodeCompressed(bytes);
    disposables.push(decoded);
    // 0.25/0.5 = 0.5 → 1, −0.5 → −1, 1.5 → 2, 0.2 → 0, 20 → 20, −20 → −20; within [−127, 127].
    expect([...(decoded.weights[0].variable.dataSync() as Float32Array)]).toEqual([0.5, -0.5, 1, 0, 10, -10]);
    const clamp = await encodeCompressed(model, {
      weights: 'int8',
      int8Scales: { [model.weights[0].name]: new Float32Array([0.01, 0.01]) },
    });
    const c = decodeCompressed(clamp);
    disposables.push(c.model);
    const got = c.model.weights[0].variable.dataSync() as Float32Array;
    expect(got[4]).toBe(Math.fround(127 * Math.fround(0.01)));
    expect(got[5]).toBe(Math.fround(-127 * Math.fround(0.01)));
  });

  it.each([
    { levels: 7, storage: 'float32' as const, bits: 4 },
    { levels: 60, storage: 'float32' as const, bits: 8 },
    { levels: 7, storage: 'float16' as const, bits: 4 },
    { levels: 12, storage: 'int8' as const, bits: 8 },
  ])('clustered kernels ($levels levels, $storage) decode exactly', async ({ levels, storage, bits }) => {
    const model = smallCnn();
    const original = fill(model, { seed: 5, zeros: 0.5, levels });
    const expected = expectedValues(model, original, storage);
    const kernels = new Set(modelKernelWeights(model).map((w) => w.name));
    for (const sparse of [false, true, 'auto'] as const) {
      const bytes = await encodeCompressed(model, { weights: storage, clustered: true, sparse });
      const header = readCompressedHeader(bytes);
      for (const e of header.weightsManifest) {
        expect(e.encoding === 'clustered').toBe(kernels.has(e.name));
        if (e.encoding === 'clustered' && storage !== 'int8') expect(e.indexBits).toBe(bits);
      }
      const { model: decoded } = decodeCompressed(bytes);
      disposables.push(decoded);
      expectExact(decoded, model, expected);
    }
  });

  it("clustered: 'auto' stores clustered kernels as codebooks, and they are much smaller", async () => {
    const model = smallCnn();
    fill(model, { seed: 9, levels: 16 });
    const plain = decodeCompressed(await encodeCompressed(model, { clustered: false, sparse: false }));
    const auto = decodeCompressed(await encodeCompressed(model));
    disposables.push(plain.model, auto.model);
    const kernels = new Set(modelKernelWeights(model).map((w) => w.name));
    for (const w of auto.info.weights) {
      // Tiny kernels (the 3×3×4×2 depthwise one has 16 distinct values in 72) may stay plain only if smaller.
      if (kernels.has(w.name)) expect(w.encoding).toBe('clustered');
    }
    // 16 values: a 64-byte codebook plus 4-bit indices (these kernels are tiny, so the codebook weighs).
    expect(kernelBytes(auto.info, model)).toBeLessThan(kernelBytes(plain.info, model) / 3);
    const dense = auto.info.weights.at(-2)!;
    expect(dense.name).toMatch(/dense.*\/kernel/);
    expect(dense.bytes).toBe(16 * 4 + Math.ceil((45 * 3) / 2));
  });

  it('passes metadata and training through, and rebuilds functional models', async () => {
    const input = Input({ shape: [6, 6, 2] });
    const a = new Conv2D({ filters: 2, kernelSize: 3, padding: 'same' }).apply(input);
    const b = new Conv2D({ filters: 2, kernelSize: 1 }).apply(input);
    const out = new Dense({ units: 2 }).apply(new Flatten().apply(new Add().apply([a, b])));
    const model = new Model({ inputs: input, outputs: out, name: 'residual' });
    disposables.push(model);
    model.compile({
      optimizer: new Adam({ learningRate: 0.01 }),
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
    });
    fill(model, { seed: 2 });
    const metadata = { quantization: { activations: { x: { scale: 0.1, zeroPoint: -3 } } }, note: 'hi', list: [1, 2] };
    const decodedA = decodeCompressed(await encodeCompressed(model, { metadata, weights: 'float16' }));
    disposables.push(decodedA.model);
    expect(decodedA.metadata).toEqual(metadata);
    expect(decodedA.training).toMatchObject({ loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    expect(decodedA.training?.optimizer?.className).toBe('Adam');
    expect(decodedA.model.toConfig().className).toBe('Model');
    const x = tensor(
      Float32Array.from({ length: 72 }, (_, i) => Math.cos(i)),
      [1, 6, 6, 2],
    );
    const ref = modelFromConfig(model.toConfig());
    disposables.push(ref);
    ref.weights.forEach((w, i) => {
      const t = tensor(roundToFloat16(model.weights[i].variable.dataSync() as Float32Array), w.shape);
      w.write(t);
      t.dispose();
    });
    const p = decodedA.model.predict(x);
    const q = ref.predict(x);
    expect([...p.dataSync()]).toEqual([...q.dataSync()]);
    [x, p, q].forEach((t) => t.dispose());

    const decodedB = decodeCompressed(await encodeCompressed(model, { training: null }));
    disposables.push(decodedB.model);
    expect(decodedB.training).toBeUndefined();
    expect(decodedB.metadata).toEqual({});
  });
});

describe('sizes', () => {
  it('int8 kernels are at least 3.9× smaller than float32 ones', async () => {
    const model = new Sequential({
      layers: [
        new Conv2D({ filters: 8, kernelSize: 3, inputShape: [6, 6, 32] }),
        new Flatten(),
        new Dense({ units: 4 }),
      ],
    });
    disposables.push(model);
    fill(model, { seed: 1 });
    const f32 = decodeCompressed(
      await encodeCompressed(model, { weights: 'float32', sparse: false, clustered: false }),
    );
    const i8 = decodeCompressed(await encodeCompressed(model, { weights: 'int8', sparse: false, clustered: false }));
    disposables.push(f32.model, i8.model);
    expect(kernelBytes(f32.info, model) / kernelBytes(i8.info, model)).toBeGreaterThanOrEqual(3.9);
    expect(f32.info.payloadBytes).toBe(f32.info.float32Bytes);
    expect(i8.info.fileBytes).toBeLessThan(f32.info.fileBytes / 2.5); // the JSON header is a few KB
  });

  it('a model with 80% zeros is smaller sparse than dense, and auto picks the smaller', async () => {
    const model = smallCnn();
    fill(model, { seed: 4, zeros: 0.8 });
    for (const weights of ['float32', 'float16', 'int8'] as const) {
      // Payload sizes: on a model this small the header (a few KB of topology) dominates the file.
      const size = async (sparse: 'auto' | boolean) =>
        readCompressedHeader(await encodeCompressed(model, { weights, sparse, clustered: false })).payloadBytes;
      const [dense, sparse, auto] = [await size(false), await size(true), await size('auto')];
      expect(sparse).toBeLessThan(dense * (weights === 'int8' ? 0.6 : 0.4));
      expect(auto).toBeLessThanOrEqual(Math.min(sparse, dense));
    }
  });

  it('compressedSize reports the encoded and the gzipped size', async () => {
    const model = smallCnn();
    fill(model, { seed: 4, zeros: 0.8 });
    const options: EncodeCompressedOptions = { weights: 'int8', sparse: false, clustered: false };
    const before = numTensors();
    const size = await compressedSize(model, options);
    expect(numTensors()).toBe(before);
    expect(size.raw).toBe((await encodeCompressed(model, options)).length);
    expect(size.gzipped).toBeGreaterThan(0);
    expect(size.gzipped).toBeLessThan(size.raw); // mostly zero bytes
  });

  it('encoding is deterministic', async () => {
    const model = smallCnn();
    fill(model, { seed: 4, zeros: 0.5, levels: 20 });
    const a = await encodeCompressed(model, { weights: 'int8' });
    const b = await encodeCompressed(model, { weights: 'int8' });
    expect(a).toEqual(b);
  });
});

// --- files crafted by hand --------------------------------------------------

function split(bytes: Uint8Array): { header: Record<string, unknown>; payload: Uint8Array } {
  const h = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + h)));
  return { header, payload: bytes.slice(12 + h, bytes.length - 4) };
}

/** Writes magic, header length, header, payload and a correct CRC: only the header's content is wrong. */
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

describe('rejects bad files with a SerializationError and allocates nothing', () => {
  let good: Uint8Array;
  let int8File: Uint8Array;
  let goodModel: Sequential;

  beforeAll(async () => {
    goodModel = smallCnn();
    disposables.pop(); // kept for the whole block
    fill(goodModel, { seed: 21, zeros: 0.6, levels: 9 });
    good = await encodeCompressed(goodModel, { weights: 'float16', sparse: 'auto', clustered: 'auto' });
    int8File = await encodeCompressed(goodModel, { weights: 'int8', sparse: false, clustered: false });
  });
  afterAll(() => goodModel?.dispose());

  function rejects(bytes: Uint8Array, message: RegExp, options?: { maxBytes?: number }): void {
    const before = numTensors();
    let error: unknown;
    try {
      const r = decodeCompressed(bytes, options);
      r.model.dispose();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SerializationError);
    expect((error as Error).message).toMatch(message);
    expect(numTensors()).toBe(before);
  }

  function tamper(edit: (h: CompressedHeader & Record<string, unknown>) => void): Uint8Array {
    const { header, payload } = split(good);
    edit(header as CompressedHeader & Record<string, unknown>);
    return pack(header, payload);
  }

  it('the hand packer below reproduces the writer byte for byte', () => {
    const { header, payload } = split(good);
    expect(pack(header, payload)).toEqual(good);
    const ok = decodeCompressed(good);
    ok.model.dispose();
  });

  it('wrong magic', () => {
    const bad = good.slice();
    bad.set(new TextEncoder().encode('PK\x03\x04'), 0);
    rejects(bad, /Not a convkit-compressed file.*magic 'CKCMPRS1'/);
    rejects(new TextEncoder().encode('{"format":"convkit-model"}'), /Not a convkit-compressed file/);
  });

  it('truncated in the preamble, the header, the payload and the CRC', () => {
    const h = new DataView(good.buffer).getUint32(8, true);
    const cuts: [number, RegExp][] = [
      [0, /truncated: 0 bytes/],
      [5, /truncated: 5 bytes/],
      [10, /truncated: 10 bytes/],
      [12 + (h >> 1), /truncated inside its header/],
      [12 + h, /truncated in the weight payload/],
      [good.length - 40, /truncated in the weight payload/],
      [good.length - 2, /truncated in the CRC/],
    ];
    for (const [n, message] of cuts) rejects(good.subarray(0, n), message);
    const longer = new Uint8Array(good.length + 3);
    longer.set(good);
    rejects(longer, /3 unexpected bytes after its CRC/);
  });

  it('a flipped payload or header byte fails the CRC', () => {
    const h = new DataView(good.buffer).getUint32(8, true);
    for (const at of [12 + h + 5, good.length - 10, good.length - 1]) {
      const bad = good.slice();
      bad[at] ^= 0x10;
      rejects(bad, /corrupt: CRC-32 mismatch/);
    }
    // A digit of the header changed (still valid JSON): caught by the CRC too.
    const text = new TextDecoder().decode(good);
    const at = text.indexOf('"offset":') + 9;
    const bad = good.slice();
    bad[at] = bad[at] === 0x31 ? 0x32 : 0x31;
    rejects(bad, /CRC-32 mismatch/);
  });

  it('a shape whose element count does not match the stored bytes', () => {
    const bad = tamper((h) => {
      const e = h.weightsManifest.find((x) => x.encoding === 'float16' && !x.sparse && x.shape.length === 1)!;
      e.shape = [e.shape[0] + 1];
      e.count = e.shape[0];
    });
    rejects(
      bad,
      /weight '.*\/.*' \(shape \[\d+\], \d+ elements, \d+ stored, float16\) has a values of \d+ bytes but needs \d+/,
    );
    const count = tamper((h) => {
      const e = h.weightsManifest.find((x) => !x.sparse)!;
      e.count = 3;
    });
    rejects(count, /has count 3 but shape/);
  });

  it('a header asking for 2^40 elements, or more than maxBytes', () => {
    const huge = tamper((h) => {
      h.weightsManifest[0].shape = [2 ** 20, 2 ** 20];
    });
    rejects(huge, /shape \[1048576, 1048576\]: 1099511627776 elements, more than 2\^28, refusing to allocate/);
    const longHeader = good.slice();
    new DataView(longHeader.buffer).setUint32(8, 2 ** 31, true);
    rejects(longHeader, /header claims 2147483648 bytes, more than maxBytes/);
    rejects(good, /exceeds maxBytes = 100/, { maxBytes: 100 });
  });

  it('a small sparse file that decodes to more than maxBytes', async () => {
    const big = new Sequential({ layers: [new Dense({ units: 50, inputShape: [200] })] });
    disposables.push(big);
    fill(big, { seed: 1, zeros: 0.97 });
    const file = await encodeCompressed(big);
    expect(file.length).toBeLessThan(10_000);
    rejects(file, /decode to more than maxBytes = 20000 bytes of float32 \(at weight '.*\/kernel'\)/, {
      maxBytes: 20_000,
    });
  });

  it('unknown encoding, format, version', () => {
    rejects(
      tamper((h) => {
        (h.weightsManifest[1] as { encoding: string }).encoding = 'int4';
      }),
      /unknown encoding "int4" \(known: float32, float16, int8, int, clustered\)/,
    );
    rejects(
      tamper((h) => {
        (h as { version: number }).version = 3;
      }),
      /Unsupported convkit-compressed version 3: this convkit reads versions 1 and 2/,
    );
    rejects(
      tamper((h) => {
        (h as { format: string }).format = 'convkit-model';
      }),
      /format "convkit-model"/,
    );
  });

  it('unknown layer class', () => {
    const bad = tamper((h) => {
      const layers = h.topology.config.layers as { className: string }[];
      layers[1].className = 'FancyNorm';
    });
    rejects(bad, /unknown layer class 'FancyNorm'/);
  });

  it('metadata that is not an object', () => {
    for (const m of [[1, 2], 'text', 42, null]) {
      rejects(
        tamper((h) => {
          (h as { metadata: unknown }).metadata = m;
        }),
        /'metadata' must be a JSON object/,
      );
    }
  });

  it('bad stored values: codebook index, int8 −128, zero scale, mask count', () => {
    const { header, payload } = split(good);
    const manifest = (header as unknown as CompressedHeader).weightsManifest;
    const clustered = manifest.find((e) => e.encoding === 'clustered' && e.indexBits === 4)!;
    expect(clustered).toBeDefined();
    let p = payload.slice();
    p[clustered.values.offset] = 0xff;
    rejects(pack(header, p), /codebook index 15 at element \d+, but the codebook has \d+ values/);

    const mask = manifest.find((e) => e.sparse)!;
    p = payload.slice();
    p[mask.mask!.offset] ^= 0x01;
    rejects(pack(header, p), /sparse mask marks \d+ stored elements but count is \d+/);

    const h8 = split(int8File);
    const e8 = (h8.header as unknown as CompressedHeader).weightsManifest.find((e) => e.encoding === 'int8')!;
    p = h8.payload.slice();
    p[e8.values.offset] = 0x80;
    rejects(pack(h8.header, p), /int8 value -128 at element 0 is outside \[-127, 127\]/);
    p = h8.payload.slice();
    new DataView(p.buffer).setFloat32(e8.scales!.offset, 0, true);
    rejects(pack(h8.header, p), /int8 scale 0 is 0; scales must be positive and finite/);
    p = h8.payload.slice();
    new DataView(p.buffer).setFloat32(e8.scales!.offset, Number.NaN, true);
    rejects(pack(h8.header, p), /int8 scale 0 is NaN/);
  });

  it('non-finite weights unless allowNonFinite', async () => {
    const { header, payload } = split(
      await encodeCompressed(goodModel, { weights: 'float32', sparse: false, clustered: false }),
    );
    const e = (header as unknown as CompressedHeader).weightsManifest.at(-1)!;
    const p = payload.slice();
    new DataView(p.buffer).setFloat32(e.values.offset + 4, Number.POSITIVE_INFINITY, true);
    const bad = pack(header, p);
    rejects(bad, /holds a non-finite value \(Infinity at flat index 1\); pass allowNonFinite/);
    const ok = decodeCompressed(bad, { allowNonFinite: true });
    expect(ok.model.weights.at(-1)!.variable.dataSync()[1]).toBe(Number.POSITIVE_INFINITY);
    ok.model.dispose();
  });

  it('a manifest that does not match the topology: the half-built model is disposed', () => {
    const swapped = tamper((h) => {
      const [a, b] = h.weightsManifest;
      h.weightsManifest[0] = { ...a, name: b.name };
      h.weightsManifest[1] = { ...b, name: a.name };
    });
    rejects(swapped, /manifest entry 0 is '.*\/bias' but the model's weight 0 is '.*\/kernel'/);
    // Drop the last weight (the Dense bias) from the manifest and the payload.
    const { header, payload } = split(good);
    const h = header as unknown as CompressedHeader;
    h.payloadBytes = h.weightsManifest.pop()!.mask?.offset ?? h.payloadBytes;
    const last = h.weightsManifest.at(-1)!;
    h.payloadBytes = last.values.offset + last.values.byteLength;
    rejects(pack(h, payload.subarray(0, h.payloadBytes)), /manifest lists 12 weights but the topology builds 13/);
  });

  it('a gap or overlap in the payload layout', () => {
    rejects(
      tamper((h) => {
        h.weightsManifest[1].values.offset += 1;
      }),
      /starts at payload offset \d+, expected \d+/,
    );
  });

  it('not JSON, not UTF-8', () => {
    const bad = good.slice();
    bad[12] = 0xff; // first header byte
    const view = new DataView(bad.buffer);
    view.setUint32(bad.length - 4, crc32(bad.subarray(0, bad.length - 4)), true);
    rejects(bad, /not valid UTF-8/);
    bad[12] = 0x5b; // '['
    view.setUint32(bad.length - 4, crc32(bad.subarray(0, bad.length - 4)), true);
    rejects(bad, /not valid JSON/);
  });
});

describe('encode options are checked', () => {
  it('throws ConfigError for bad options', async () => {
    const model = smallCnn();
    fill(model, { seed: 1 });
    const kernel = modelKernelWeights(model)[0].name;
    const bias = model.weights[1].name;
    const cases: [EncodeCompressedOptions, RegExp][] = [
      [{ weights: 'int8', int8Scales: { [kernel]: new Float32Array(3) } }, /must be a Float32Array of 4 scales/],
      [
        { weights: 'int8', int8Scales: { [kernel]: new Float32Array([1, 1, 0, 1]) } },
        /\[2\] = 0; scales must be positive/,
      ],
      [{ weights: 'int8', int8Scales: { [bias]: new Float32Array(4) } }, /not a kernel weight/],
      [{ metadata: [1] as unknown as Record<string, unknown> }, /metadata must be a plain object/],
      [{ metadata: { n: 1n } }, /not JSON-serialisable/],
      [{ weights: 'int9' as 'int8' }, /weights must be one of 'float32', 'float16', 'int2'.*got "int9"/],
      [{ weights: 'int1' as 'int8' }, /weights must be one of/],
    ];
    const wide = new Sequential({ layers: [new Dense({ units: 2, inputShape: [200] })] });
    disposables.push(wide);
    fill(wide, { seed: 2 });
    const before = numTensors();
    for (const [options, message] of cases) {
      await expect(encodeCompressed(model, options)).rejects.toThrow(message);
      await expect(encodeCompressed(model, options)).rejects.toBeInstanceOf(ConfigError);
    }
    await expect(encodeCompressed(wide, { clustered: true })).rejects.toThrow(
      /kernel '.*' has more than 256 distinct values, so it cannot be stored clustered/,
    );
    const t = tensor(new Float32Array(model.weights[1].shape[0]).fill(7e4), model.weights[1].shape);
    model.weights[1].write(t);
    t.dispose();
    await expect(encodeCompressed(model, { weights: 'float16' })).rejects.toThrow(/beyond float16's range/);
    expect(numTensors()).toBe(before);
  });
});

describe('saveCompressed / loadCompressed', () => {
  it('saves atomically: a failed write or rename leaves the previous file intact', async () => {
    const oldModel = smallCnn();
    const oldValues = fill(oldModel, { seed: 31 });
    const newModel = smallCnn();
    fill(newModel, { seed: 32 });
    const dir = join(root, 'atomic');
    const file = join(dir, 'model.ckz');
    const written = await saveCompressed(oldModel, file, { weights: 'float32' });
    const oldBytes = readFileSync(file);
    expect(written).toBe(oldBytes.length);

    for (const which of ['write', 'rename'] as const) {
      fault[which] = true;
      await expect(saveCompressed(newModel, file, { weights: 'int8' })).rejects.toThrow(/injected/);
      fault[which] = false;
      expect(readFileSync(file)).toEqual(oldBytes);
      expect(readdirSync(dir)).toEqual(['model.ckz']); // the temp file was removed
      const before = numTensors();
      const loaded = await loadCompressed(file);
      disposables.push(loaded.model);
      expect(numTensors()).toBe(before + loaded.model.weights.length);
      expectExact(loaded.model, oldModel, oldValues);
    }

    // A crash after a partial temp write leaves a stale sibling and the old file: both harmless.
    writeFileSync(join(dir, '.model.ckz.tmp-crashed'), oldBytes.subarray(0, 100));
    const again = await loadCompressed(file);
    disposables.push(again.model);
    expect(again.info.fileBytes).toBe(oldBytes.length);

    await saveCompressed(newModel, pathToFileURL(file).href, { weights: 'int8' });
    expect(readFileSync(file)).not.toEqual(oldBytes);
    const loaded = await loadCompressed(pathToFileURL(file).href);
    disposables.push(loaded.model);
    expect(loaded.info.weights.some((w) => w.encoding === 'int8')).toBe(true);
  });

  it('checks the file size against maxBytes before reading, and reports missing files', async () => {
    const model = smallCnn();
    fill(model, { seed: 1 });
    const file = join(root, 'nested', 'dir', 'm.ckz');
    await saveCompressed(model, file);
    const before = numTensors();
    await expect(loadCompressed(file, { maxBytes: 64 })).rejects.toThrow(/is \d+ bytes, more than maxBytes = 64/);
    await expect(loadCompressed(join(root, 'missing.ckz'))).rejects.toBeInstanceOf(SerializationError);
    expect(numTensors()).toBe(before);
  });
});
