/**
 * Property-based tests of the IDX reader, the gzip layer and the CIFAR-10
 * reader: whatever bytes they are given — random, or a valid file with flipped
 * bytes, cut short, with bytes appended, a lying header or trailer — they
 * return a result or throw a `DataFormatError`, never anything else, within a
 * bounded time and never more than `maxBytes` of output.
 */
import { ConfigError, DataFormatError } from '@convkit/core';
import { CIFAR10_RECORD_BYTES, encodeIdx, type IdxDtype, readCifar10, readIdx, toPlainBytes } from '@convkit/data';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concat, firstDifference, type MemberFields, member, u32le } from './fixtures/gzip';

const MAX_BYTES = 1 << 16;
/** Per call; an unbounded inflate of the inputs below would take seconds to minutes. */
const TIME_LIMIT_MS = 1000;

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Runs `fn`, checking it finishes in time and throws nothing but a `DataFormatError`. */
function outcome<T>(fn: () => T): Outcome<T> {
  const start = performance.now();
  let result: Outcome<T>;
  try {
    result = { ok: true, value: fn() };
  } catch (error) {
    result = { ok: false, error };
  }
  expect(performance.now() - start).toBeLessThan(TIME_LIMIT_MS);
  if (!result.ok && !(result.error instanceof DataFormatError)) throw result.error;
  return result;
}

// ---------------------------------------------------------------- mutations

type Mutation =
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'append'; bytes: Uint8Array }
  | { kind: 'overwrite'; at: number; bytes: Uint8Array }
  | { kind: 'trailer'; crc: number; size: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('append' as const),
    bytes: fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 600 }).map((n) => new Uint8Array(n)),
    ),
  }),
  fc.record({
    kind: fc.constant('overwrite' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant('trailer' as const),
    crc: fc.nat({ max: 0xffffffff }),
    size: fc.oneof(fc.nat({ max: 0xffffffff }), fc.nat({ max: 64 })),
  }),
);

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const n = bytes.length;
  switch (m.kind) {
    case 'flip': {
      if (n === 0) return bytes;
      const out = Uint8Array.from(bytes);
      out[m.at % n] ^= m.xor;
      return out;
    }
    case 'truncate':
      return bytes.subarray(0, m.at % (n + 1));
    case 'append':
      return concat(bytes, m.bytes);
    case 'overwrite': {
      const out = Uint8Array.from(bytes);
      if (n > 0) out.set(m.bytes.subarray(0, n - (m.at % n)), m.at % n);
      return out;
    }
    case 'trailer': {
      if (n < 8) return bytes;
      const out = Uint8Array.from(bytes);
      out.set(concat(u32le(m.crc), u32le(m.size)), n - 8);
      return out;
    }
  }
}

// ---------------------------------------------------------------- gzip wrapping

const fieldsArb: fc.Arbitrary<MemberFields> = fc.record(
  {
    extra: fc.uint8Array({ maxLength: 30 }),
    fname: fc.string({ maxLength: 12 }).map((s) => s.replaceAll('\0', '')),
    comment: fc.string({ maxLength: 12 }).map((s) => s.replaceAll('\0', '')),
    hcrc: fc.constant(true),
    level: fc.integer({ min: 0, max: 9 }),
  },
  { requiredKeys: [] },
);

type Wrapper = { gzip: boolean; cuts: number[]; fields: MemberFields[]; padding: number };

/** How a payload is stored: raw, or gzipped as 1–3 members with random header fields, maybe zero-padded. */
const wrapperArb: fc.Arbitrary<Wrapper> = fc.record({
  gzip: fc.boolean(),
  cuts: fc.array(fc.nat(), { maxLength: 2 }),
  fields: fc.array(fieldsArb, { minLength: 3, maxLength: 3 }),
  padding: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 16 })),
});

function wrap(payload: Uint8Array, w: Wrapper, forceGzip = false): Uint8Array {
  if (!w.gzip && !forceGzip) return payload;
  const cuts = [...new Set(w.cuts.map((c) => c % (payload.length + 1)))].sort((a, b) => a - b);
  const bounds = [0, ...cuts, payload.length];
  const members = bounds.slice(1).map((end, i) => member(payload.subarray(bounds[i], end), w.fields[i]));
  return concat(...members, new Uint8Array(w.padding));
}

// ---------------------------------------------------------------- IDX files

const DTYPES: readonly IdxDtype[] = ['uint8', 'int8', 'int16', 'int32', 'float32', 'float64'];
const RANGES: Record<IdxDtype, [number, number]> = {
  uint8: [0, 255],
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  float32: [-1000, 1000],
  float64: [-1e9, 1e9],
};

const idxArb = fc
  .record({
    dtype: fc.constantFrom(...DTYPES),
    dims: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 4 }),
  })
  .chain(({ dtype, dims }) => {
    const count = dims.reduce((a, b) => a * b, 1);
    const [min, max] = RANGES[dtype];
    const value = dtype.startsWith('float') ? fc.integer({ min, max }).map((v) => v / 4) : fc.integer({ min, max });
    return fc.record({
      dtype: fc.constant(dtype),
      dims: fc.constant(dims),
      values: fc.array(value, { minLength: count, maxLength: count }),
    });
  });

/** A lie in the IDX header: a dimension field replaced (often by a huge value), or the type or ndims byte changed. */
type HeaderLie = { field: number; value: number } | { byte: 2 | 3; value: number };

const headerLieArb: fc.Arbitrary<HeaderLie | null> = fc.option(
  fc.oneof(
    fc.record({
      field: fc.nat({ max: 3 }),
      value: fc.oneof(fc.nat({ max: 0xffffffff }), fc.constant(0xffffffff), fc.nat({ max: 8 })),
    }),
    fc.record({ byte: fc.constantFrom(2 as const, 3 as const), value: fc.nat({ max: 255 }) }),
  ),
);

function lie(raw: Uint8Array, l: HeaderLie | null): Uint8Array {
  if (l === null) return raw;
  const out = Uint8Array.from(raw);
  if ('byte' in l) out[l.byte] = l.value;
  else if (l.field < out[3]) new DataView(out.buffer).setUint32(4 + 4 * l.field, l.value);
  return out;
}

describe('property: the IDX reader', () => {
  it('gives a result or a DataFormatError for arbitrary bytes, raw or behind a gzip magic', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom([], [0x1f, 0x8b], [0, 0, 8]), (bytes, prefix) => {
        const input = concat(Uint8Array.from(prefix), bytes);
        const r = outcome(() => readIdx(input, { maxBytes: MAX_BYTES }));
        if (r.ok) expect(r.value.data.length).toBe(r.value.dims.reduce((a, b) => a * b, 1));
      }),
      { numRuns: 400 },
    );
  });

  it('reads valid files exactly, and mutated ones (flips, cuts, appended bytes, lying headers and trailers) give a result or a DataFormatError', () => {
    fc.assert(
      fc.property(
        idxArb,
        wrapperArb,
        headerLieArb,
        fc.array(mutationArb, { maxLength: 3 }),
        (idx, w, headerLie, mutations) => {
          const raw = encodeIdx(idx.values, idx.dims, idx.dtype);
          const file = mutations.reduce(mutate, wrap(lie(raw, headerLie), w));
          const r = outcome(() => readIdx(file, { maxBytes: MAX_BYTES, name: 'f.idx' }));
          const intact = headerLie === null && mutations.length === 0;
          expect(r.ok || !intact).toBe(true); // a valid file (raw, gzipped, multi-member, padded) always reads
          if (!r.ok) {
            expect((r.error as Error).message).toMatch(/^f\.idx: /);
            return;
          }
          expect(r.value.data.length).toBeLessThanOrEqual(MAX_BYTES);
          if (intact) {
            expect(r.value.dtype).toBe(idx.dtype);
            expect(r.value.dims).toEqual(idx.dims);
            expect(Array.from(r.value.data)).toEqual(idx.values);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('property: the gzip layer', () => {
  const payloadArb = fc.oneof(
    fc.uint8Array({ maxLength: 3000 }),
    fc.integer({ min: 0, max: 5000 }).map((n) => new Uint8Array(n)),
  );

  it('decompresses what it is given exactly or throws a DataFormatError, and a result is always the original data (CRC-32 checked)', () => {
    fc.assert(
      fc.property(payloadArb, wrapperArb, fc.array(mutationArb, { maxLength: 3 }), (payload, w, mutations) => {
        const file = mutations.reduce(mutate, wrap(payload, w, true));
        const r = outcome(() => toPlainBytes(file, { maxBytes: MAX_BYTES, name: 'p.gz' }));
        expect(r.ok || mutations.length > 0).toBe(true);
        if (!r.ok) {
          expect((r.error as Error).message).toMatch(/^p\.gz: /);
          return;
        }
        const out = r.value;
        if (file[0] !== 0x1f || file[1] !== 0x8b) return; // a mutation removed the magic: handed back as raw bytes
        expect(out.length).toBeLessThanOrEqual(MAX_BYTES);
        // Every accepted stream is the original data, or (cut at a member boundary) a prefix of it.
        expect(firstDifference(out, payload.subarray(0, out.length))).toBe(-1);
        if (!mutations.some((m) => m.kind === 'truncate')) expect(out.length).toBe(payload.length);
      }),
      { numRuns: 300 },
    );
  });

  it('gives a result or a DataFormatError for arbitrary bytes after the gzip magic', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (tail, deflateHeader) => {
        const head = deflateHeader ? [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3] : [0x1f, 0x8b];
        const r = outcome(() => toPlainBytes(concat(Uint8Array.from(head), tail), { maxBytes: MAX_BYTES }));
        if (r.ok) expect(r.value.length).toBeLessThanOrEqual(MAX_BYTES);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts every positive integer maxBytes and rejects anything else with a ConfigError', () => {
    const file = member(new Uint8Array(100));
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null), fc.boolean()), (maxBytes) => {
        const valid = typeof maxBytes === 'number' && Number.isSafeInteger(maxBytes) && maxBytes >= 1;
        try {
          const out = toPlainBytes(file, { maxBytes } as never);
          expect(valid).toBe(true);
          expect(out.length).toBe(100);
        } catch (e) {
          if (valid)
            expect(e).toBeInstanceOf(DataFormatError); // a limit below 100 bytes
          else expect(e).toBeInstanceOf(ConfigError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: the CIFAR-10 reader', () => {
  const recordsArb = fc.integer({ min: 1, max: 3 }).chain((n) =>
    fc.record({
      labels: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }),
      seed: fc.nat({ max: 255 }),
    }),
  );

  function cifarFile(labels: number[], seed: number): Uint8Array {
    const out = new Uint8Array(labels.length * CIFAR10_RECORD_BYTES);
    labels.forEach((label, r) => {
      out[r * CIFAR10_RECORD_BYTES] = label;
      for (let i = 1; i < CIFAR10_RECORD_BYTES; i++) out[r * CIFAR10_RECORD_BYTES + i] = (i * 7 + seed + r) & 0xff;
    });
    return out;
  }

  it('gives a result or a DataFormatError for arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.constantFrom([], [0x1f, 0x8b]), (bytes, prefix) => {
        outcome(() => readCifar10(concat(Uint8Array.from(prefix), bytes), { maxBytes: MAX_BYTES }));
      }),
      { numRuns: 300 },
    );
  });

  it('reads valid batches exactly; mutated ones give a result with labels 0..9 or a DataFormatError', () => {
    fc.assert(
      fc.property(recordsArb, wrapperArb, fc.array(mutationArb, { maxLength: 3 }), ({ labels, seed }, w, mutations) => {
        const plain = cifarFile(labels, seed);
        const file = mutations.reduce(mutate, wrap(plain, w));
        const r = outcome(() => readCifar10(file, { maxBytes: MAX_BYTES, name: 'data_batch_1.bin' }));
        expect(r.ok || mutations.length > 0).toBe(true);
        if (!r.ok) {
          expect((r.error as Error).message).toMatch(/^data_batch_1\.bin: /);
          return;
        }
        const { count, labels: got, pixels } = r.value;
        expect(pixels.length).toBe(count * 3072);
        expect(got.every((l) => l <= 9)).toBe(true);
        if (mutations.length === 0) {
          expect(Array.from(got)).toEqual(labels);
          expect(pixels[(5 * 32 + 7) * 3 + 1]).toBe(plain[1 + 1024 + 5 * 32 + 7]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
