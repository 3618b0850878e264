import { describe, expect, it } from 'vitest';
import { float16BitsToFloat32, float32ToFloat16Bits, roundToFloat16 } from '../src/float16';

const half = (x: number): number => float32ToFloat16Bits(new Float32Array([x]))[0];
const fromHalf = (h: number): number => float16BitsToFloat32(new Uint16Array([h]))[0];
const f32Bits = (a: Float32Array): Uint32Array => new Uint32Array(a.buffer, a.byteOffset, a.length);

describe('float32ToFloat16Bits', () => {
  it.each([
    ['1', 1, 0x3c00],
    ['-2', -2, 0xc000],
    ['0.5', 0.5, 0x3800],
    ['65504 (max half)', 65504, 0x7bff],
    ['2^-14 (min normal, 6.1035e-5)', 2 ** -14, 0x0400],
    ['6.1e-5 (just below min normal: subnormal 0x3ff)', 6.1e-5, 0x03ff],
    ['2^-24 (min subnormal, 5.96e-8)', 2 ** -24, 0x0001],
    ['5.96e-8', 5.96e-8, 0x0001],
    ['1/3', 1 / 3, 0x3555],
    ['-1/3', -1 / 3, 0xb555],
    ['65519 (rounds down to 65504)', 65519, 0x7bff],
    ['65520 (rounds to Infinity)', 65520, 0x7c00],
    ['1e6 (overflow)', 1e6, 0x7c00],
    ['-1e6 (overflow)', -1e6, 0xfc00],
    ['Infinity', Number.POSITIVE_INFINITY, 0x7c00],
    ['-Infinity', Number.NEGATIVE_INFINITY, 0xfc00],
    ['0', 0, 0x0000],
    ['-0', -0, 0x8000],
    ['2^-25 (tie with 0: rounds to even 0)', 2 ** -25, 0x0000],
    ['2^-25 × 1.0000001 (just above the tie)', 2 ** -25 * (1 + 2 ** -23), 0x0001],
    ['-2^-26 (underflow to -0)', -(2 ** -26), 0x8000],
    ['1e-40 (float32 subnormal)', 1e-40, 0x0000],
    // Ties between two halves: 1 + 2^-11 lies halfway between 1 (even) and 1 + 2^-10 (odd).
    ['1 + 2^-11 (tie → even 1)', 1 + 2 ** -11, 0x3c00],
    ['1 + 3·2^-11 (tie → even 1 + 2^-9)', 1 + 3 * 2 ** -11, 0x3c02],
    ['1 + 2^-11 + 2^-20 (above the tie)', 1 + 2 ** -11 + 2 ** -20, 0x3c01],
    // Subnormal ties: 1.5 × 2^-24 → 2 × 2^-24 (even), 2.5 × 2^-24 → 2 × 2^-24 (even).
    ['1.5 × 2^-24 (subnormal tie → 0x0002)', 1.5 * 2 ** -24, 0x0002],
    ['2.5 × 2^-24 (subnormal tie → 0x0002)', 2.5 * 2 ** -24, 0x0002],
    // A tie whose rounding carries from the largest subnormal into the smallest normal.
    ['(1023.5) × 2^-24 (tie → 0x0400)', 1023.5 * 2 ** -24, 0x0400],
    // 2048 + 1 is a tie between 2048 (even) and 2050 in half precision.
    ['2049 (tie → 2048)', 2049, 0x6800],
    ['2051 (tie → 2052)', 2051, 0x6802],
  ])('%s', (_, x, bits) => {
    expect(half(x)).toBe(bits);
  });

  it('keeps NaN a NaN, with the sign and top payload bits', () => {
    expect(half(Number.NaN)).toBe(0x7e00);
    const signalling = new Float32Array(new Uint32Array([0xff800001]).buffer); // payload only in low bits
    const h = float32ToFloat16Bits(signalling)[0];
    expect(h & 0x7c00).toBe(0x7c00);
    expect(h & 0x3ff).not.toBe(0);
    expect(h & 0x8000).toBe(0x8000);
    expect(Number.isNaN(fromHalf(h))).toBe(true);
  });

  it('reads values from a view at an offset', () => {
    const buf = new Float32Array([9, 1, -2, 9]);
    expect([...float32ToFloat16Bits(buf.subarray(1, 3))]).toEqual([0x3c00, 0xc000]);
  });
});

describe('float16BitsToFloat32', () => {
  it.each([
    [0x3c00, 1],
    [0xc000, -2],
    [0x7bff, 65504],
    [0x0400, 2 ** -14],
    [0x0001, 2 ** -24],
    [0x03ff, 1023 * 2 ** -24],
    [0x3555, 0.333251953125],
    [0x7c00, Number.POSITIVE_INFINITY],
    [0xfc00, Number.NEGATIVE_INFINITY],
  ])('0x%s', (bits, x) => {
    expect(fromHalf(bits)).toBe(x);
  });

  it('keeps -0 and NaN', () => {
    expect(Object.is(fromHalf(0x8000), -0)).toBe(true);
    expect(Number.isNaN(fromHalf(0x7e00))).toBe(true);
    expect(Number.isNaN(fromHalf(0xfc01))).toBe(true);
  });

  it('round-trips all 65,536 half bit patterns exactly (NaN payloads included)', () => {
    const all = new Uint16Array(65536);
    for (let i = 0; i < all.length; i++) all[i] = i;
    const back = float32ToFloat16Bits(float16BitsToFloat32(all));
    let mismatches = 0;
    for (let i = 0; i < all.length; i++) if (back[i] !== i) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('maps every finite half to the float32 of the same value, monotonically', () => {
    const all = new Uint16Array(0x7c00);
    for (let i = 0; i < all.length; i++) all[i] = i;
    const v = float16BitsToFloat32(all);
    for (let i = 1; i < v.length; i++) if (!(v[i] > v[i - 1])) throw new Error(`not increasing at 0x${i.toString(16)}`);
    expect(v[0x7bff]).toBe(65504);
  });
});

describe('roundToFloat16', () => {
  it('rounds to the nearest half value and is idempotent', () => {
    const x = new Float32Array([1 / 3, 0.1, -123.456, 1e-6, 7e4, -0]);
    const r = roundToFloat16(x);
    expect(r[0]).toBe(0.333251953125);
    expect(r[1]).toBe(0.0999755859375);
    expect(r[2]).toBe(-123.4375);
    expect(r[3]).toBe(17 * 2 ** -24);
    expect(r[4]).toBe(Number.POSITIVE_INFINITY);
    expect(Object.is(r[5], -0)).toBe(true);
    expect([...f32Bits(roundToFloat16(r))]).toEqual([...f32Bits(r)]);
  });

  it('is within half an ulp of the input for random values', () => {
    const x = new Float32Array(2000);
    for (let i = 0; i < x.length; i++) x[i] = (Math.random() - 0.5) * 2 ** (Math.random() * 30 - 14);
    const r = roundToFloat16(x);
    for (let i = 0; i < x.length; i++) {
      const a = Math.abs(x[i]);
      const ulp = a < 2 ** -14 ? 2 ** -24 : 2 ** (Math.floor(Math.log2(a)) - 10);
      expect(Math.abs(r[i] - x[i])).toBeLessThanOrEqual(ulp / 2);
    }
  });
});
