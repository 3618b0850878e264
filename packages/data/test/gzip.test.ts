import { constants, deflateRawSync, gzipSync } from 'node:zlib';
import { ConfigError, DataFormatError } from '@convkit/core';
import { encodeIdx, readCifar10, readIdx, toPlainBytes } from '@convkit/data';
import { describe, expect, it, vi } from 'vitest';
import { ByteSink } from '../src/readers/byte-sink';
import { concat, firstDifference, member, u32le } from './fixtures/gzip';

/** A small file whose bytes are not all alike. */
function payload(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 131 + (i >> 7)) % 251;
  return out;
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

function expectFormatError(fn: () => unknown, pattern: RegExp): void {
  const e = errorOf(fn);
  expect(e).toBeInstanceOf(DataFormatError);
  expect(e.message).toMatch(pattern);
}

describe('gzip layer', () => {
  it('verifies the CRC-32: flipped data bytes in a stored (level 0) stream are rejected, naming the file', () => {
    const raw = encodeIdx(payload(2000), [20, 10, 10]);
    const gz = new Uint8Array(gzipSync(raw, { level: 0 }));
    expect(readIdx(gz).dims).toEqual([20, 10, 10]);
    const flipped = Uint8Array.from(gz);
    for (let i = 0; i < 100; i++) flipped[200 + i] ^= 0x5a; // 100 pixel bytes inside the stored block
    expectFormatError(() => readIdx(flipped, { name: 'train.gz' }), /train\.gz: gzip member 1 .*CRC-32 mismatch/);
    // The same check on a compressed stream: a corrupted CRC field, then a corrupted length field.
    const compressed = new Uint8Array(gzipSync(raw));
    const badCrc = Uint8Array.from(compressed);
    badCrc[badCrc.length - 6] ^= 1;
    expectFormatError(() => toPlainBytes(badCrc, { name: 'c.gz' }), /c\.gz: .*CRC-32 mismatch/);
    const badLength = Uint8Array.from(compressed);
    badLength[badLength.length - 4] ^= 1;
    expectFormatError(() => toPlainBytes(badLength, { name: 'l.gz' }), /l\.gz: .*length mismatch/);
  });

  it('reads every member of a multi-member file, as zcat does', () => {
    const a = payload(3000);
    const b = payload(1500).reverse();
    const empty = new Uint8Array(0);
    const multi = concat(new Uint8Array(gzipSync(a)), new Uint8Array(gzipSync(empty)), member(b), gzipSync(a));
    expect(firstDifference(toPlainBytes(multi), concat(a, b, a))).toBe(-1);
    // A multi-member IDX file, split in the middle of the data.
    const idx = encodeIdx(payload(600), [6, 10, 10]);
    const split = concat(new Uint8Array(gzipSync(idx.subarray(0, 333))), new Uint8Array(gzipSync(idx.subarray(333))));
    expect(firstDifference(readIdx(split).data as Uint8Array, readIdx(idx).data as Uint8Array)).toBe(-1);
    // A corrupt second member is reported as such.
    const bad = concat(new Uint8Array(gzipSync(a)), member(b));
    bad[bad.length - 5] ^= 0xff;
    expectFormatError(() => toPlainBytes(bad, { name: 'm.gz' }), /m\.gz: gzip member 2 \(at byte \d+\)/);
  });

  it('reads headers with FEXTRA, FNAME, FCOMMENT and FHCRC, and rejects a wrong header CRC or method', () => {
    const data = payload(777);
    const full = member(data, { extra: payload(300), fname: 'digits.idx', comment: 'a comment', hcrc: true });
    expect(firstDifference(toPlainBytes(full), data)).toBe(-1);
    expect(firstDifference(toPlainBytes(member(data, { fname: '' })), data)).toBe(-1);
    expectFormatError(
      () => toPlainBytes(member(data, { fname: 'x', hcrc: 0x1234 }), { name: 'h.gz' }),
      /h\.gz: .*header CRC/,
    );
    expectFormatError(
      () => toPlainBytes(member(data, { method: 7 }), { name: 'm.gz' }),
      /m\.gz: .*compression method 7/,
    );
    const reserved = member(data);
    reserved[3] |= 0x20;
    expectFormatError(() => toPlainBytes(reserved, { name: 'r.gz' }), /r\.gz: .*reserved header flag/);
    const noEnd = member(data, { fname: 'name' }).subarray(0, 14);
    expectFormatError(() => toPlainBytes(noEnd, { name: 'n.gz' }), /n\.gz: .*FNAME .*terminating zero/);
    const longExtra = concat(Uint8Array.of(0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 3, 0xff, 0xff), payload(20));
    expectFormatError(() => toPlainBytes(longExtra, { name: 'x.gz' }), /x\.gz: .*FEXTRA field of 65535 bytes/);
  });

  it('accepts trailing zero padding, rejects other trailing bytes', () => {
    const data = payload(500);
    const gz = new Uint8Array(gzipSync(data));
    for (const pad of [1, 3, 4, 8, 512])
      expect(firstDifference(toPlainBytes(concat(gz, new Uint8Array(pad))), data)).toBe(-1);
    expectFormatError(
      () => toPlainBytes(concat(gz, Uint8Array.of(0, 0, 7)), { name: 'p.gz' }),
      /p\.gz: 3 unexpected bytes/,
    );
    expectFormatError(
      () => toPlainBytes(concat(gz, Uint8Array.of(0x1f, 0x8b)), { name: 'q.gz' }),
      /q\.gz: gzip member 2/,
    );
  });

  it('rejects every truncation of a gzip file with DataFormatError naming it', () => {
    const first = member(payload(400), { fname: 'a', hcrc: true });
    const gz = concat(first, new Uint8Array(gzipSync(payload(50))));
    for (let n = 2; n < gz.length; n++) {
      if (n === first.length) continue; // the first member alone is a whole file
      const e = errorOf(() => toPlainBytes(gz.subarray(0, n), { name: 'cut.gz' }));
      expect(e, `prefix of ${n} bytes`).toBeInstanceOf(DataFormatError);
      expect(e.message).toMatch(/^cut\.gz: /);
    }
  });

  it('stops inflating as soon as the output passes maxBytes, whatever the trailer says', () => {
    // 1 GiB of zeros in about 1 MB: 1024 sync-flushed deflate segments of 1 MiB, then an empty final block.
    const segment = new Uint8Array(deflateRawSync(new Uint8Array(1 << 20), { finishFlush: constants.Z_SYNC_FLUSH }));
    const body = new Uint8Array(segment.length * 1024);
    for (let i = 0; i < 1024; i++) body.set(segment, i * segment.length);
    const header = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3);
    const lying = concat(header, body, Uint8Array.of(3, 0), u32le(0), u32le(100)); // trailer claims 100 bytes
    const original = ByteSink.prototype.write;
    let offered = 0;
    const write = vi.spyOn(ByteSink.prototype, 'write').mockImplementation(function (this: ByteSink, chunk) {
      offered += chunk.length;
      original.call(this, chunk);
    });
    const start = performance.now();
    expectFormatError(
      () => toPlainBytes(lying, { name: 'bomb.gz', maxBytes: 1 << 20 }),
      /bomb\.gz: .*more than maxBytes \(1048576/,
    );
    const elapsed = performance.now() - start;
    write.mockRestore();
    // At most one input chunk's worth of output past the limit is ever produced, not the stream's 1 GiB.
    expect(offered).toBeGreaterThan(1 << 20);
    expect(offered).toBeLessThan(3 << 20);
    expect(elapsed).toBeLessThan(2000);
  });

  it('bounds the number of members, so a file of empty members cannot keep the inflater busy for minutes', () => {
    const empty = new Uint8Array(gzipSync(new Uint8Array(0)));
    const many = new Uint8Array(empty.length * 20000); // 400 KB: 20,000 empty members
    for (let i = 0; i < 20000; i++) many.set(empty, i * empty.length);
    const start = performance.now();
    expectFormatError(() => toPlainBytes(many, { name: 'e.gz' }), /^e\.gz: more than 161 gzip members in 400000 bytes/);
    expect(performance.now() - start).toBeLessThan(2000);
    // A file of parts of a few KiB each is fine, and an ArrayBuffer is read like a Uint8Array.
    const parts = Array.from({ length: 100 }, (_, i) => member(payload(3000 + i), { level: 0 }));
    const expected = concat(...Array.from({ length: 100 }, (_, i) => payload(3000 + i)));
    const joined = concat(...parts);
    expect(firstDifference(toPlainBytes(joined.buffer as ArrayBuffer), expected)).toBe(-1);
  });

  it('rejects invalid options and non-buffer input with ConfigError naming the function and option', () => {
    const gz = new Uint8Array(gzipSync(payload(10)));
    for (const maxBytes of [Number.NaN, Number.POSITIVE_INFINITY, -1, 0, 1.5, '100', null]) {
      const e = errorOf(() => toPlainBytes(gz, { maxBytes } as never));
      expect(e).toBeInstanceOf(ConfigError);
      expect(e.message).toMatch(/^toPlainBytes: options\.maxBytes must be a positive integer, got /);
    }
    for (const input of ['file.gz', 42, undefined, null, [1, 2], new Uint16Array(4)]) {
      for (const [fn, call] of [
        ['toPlainBytes', () => toPlainBytes(input as never)],
        ['readIdx', () => readIdx(input as never)],
        ['readCifar10', () => readCifar10(input as never)],
      ] as const) {
        const e = errorOf(call);
        expect(e).toBeInstanceOf(ConfigError);
        expect(e.message).toMatch(
          new RegExp(`^${fn}: input must be the file's contents as a Uint8Array or an ArrayBuffer`),
        );
      }
    }
    expect(errorOf(() => toPlainBytes(gz, 'opts' as never)).message).toMatch(/toPlainBytes: options must be an object/);
  });
});
