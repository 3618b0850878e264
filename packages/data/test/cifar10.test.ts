import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFormatError } from '@convkit/core';
import { CIFAR10_RECORD_BYTES, cifar10FromBatches, readCifar10 } from '@convkit/data';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadCifar10 } from '../src/node';

/** A record whose pixel (y, x) of channel c is set by `pixel`. */
function record(label: number, pixel: (c: number, y: number, x: number) => number): Uint8Array {
  const r = new Uint8Array(CIFAR10_RECORD_BYTES);
  r[0] = label;
  for (let c = 0; c < 3; c++)
    for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) r[1 + c * 1024 + y * 32 + x] = pixel(c, y, x);
  return r;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('CIFAR-10 binary', () => {
  it('converts CHW records to HWC with hand-set pixels', () => {
    const r0 = record(3, () => 0);
    r0[1 + 0 * 1024 + 0] = 200; // red at (0, 0)
    r0[1 + 1 * 1024 + 5 * 32 + 7] = 100; // green at (5, 7)
    r0[1 + 2 * 1024 + 31 * 32 + 31] = 50; // blue at (31, 31)
    const r1 = record(9, (c) => 10 * (c + 1));
    const { count, pixels, labels } = readCifar10(concat(r0, r1));
    expect(count).toBe(2);
    expect(Array.from(labels)).toEqual([3, 9]);
    const at = (i: number, y: number, x: number, c: number) => pixels[i * 3072 + (y * 32 + x) * 3 + c];
    expect(at(0, 0, 0, 0)).toBe(200);
    expect(at(0, 0, 0, 1)).toBe(0);
    expect(at(0, 5, 7, 1)).toBe(100);
    expect(at(0, 31, 31, 2)).toBe(50);
    expect([at(1, 9, 4, 0), at(1, 9, 4, 1), at(1, 9, 4, 2)]).toEqual([10, 20, 30]);

    const ds = cifar10FromBatches([{ bytes: concat(r0, r1) }]);
    expect(ds.shape).toEqual([32, 32, 3]);
    expect(ds.classNames?.[3]).toBe('cat');
    expect(ds.at(0).image[(5 * 32 + 7) * 3 + 1]).toBeCloseTo(100 / 255, 6);
  });

  it('rejects truncated files and bad labels', () => {
    const r = record(1, () => 7);
    expect(() => readCifar10(r.subarray(0, 3000), { name: 'data_batch_1.bin' })).toThrow(DataFormatError);
    expect(() => readCifar10(r.subarray(0, 3000), { name: 'data_batch_1.bin' })).toThrow(
      /data_batch_1\.bin: 3000 bytes/,
    );
    expect(() => readCifar10(new Uint8Array(0))).toThrow(DataFormatError);
    expect(() =>
      readCifar10(
        concat(
          r,
          record(42, () => 0),
        ),
      ),
    ).toThrow(/record 1 has label 42/);
  });

  it('loads train and test batches from a cifar-10-batches-bin folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'convkit-cifar-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    const dir = join(root, 'cifar-10-batches-bin');
    mkdirSync(dir);
    for (let b = 1; b <= 5; b++)
      writeFileSync(
        join(dir, `data_batch_${b}.bin`),
        concat(
          record(b, () => b),
          record(0, () => 0),
        ),
      );
    writeFileSync(
      join(dir, 'test_batch.bin'),
      record(7, () => 1),
    );
    const { train, test } = await loadCifar10(root);
    expect([train.size, test.size]).toEqual([10, 1]);
    expect(train.labelAt(4)).toBe(3);
    expect(test.labelAt(0)).toBe(7);
  });
});
