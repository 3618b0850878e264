/**
 * IEEE 754 binary16 ("half") conversion, done on bit patterns so that no
 * value passes through a JavaScript number on the way (NaN payloads survive).
 *
 * float32 → float16 rounds to nearest, ties to even; values too large for a
 * half (above 65504 after rounding, i.e. ≥ 65520) become ±Infinity, values
 * below half the smallest subnormal (2^-25) become ±0, subnormals are produced
 * exactly, and NaN stays NaN (its top mantissa bits are kept; a payload that
 * would vanish becomes the quiet NaN). float16 → float32 is exact.
 */

/** Bits of one float32 (given as its uint32 pattern) rounded to float16. */
function halfBitsOf(bits: number): number {
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  const mant = bits & 0x7fffff;
  if (exp === 0xff) {
    if (mant === 0) return sign | 0x7c00;
    const m = mant >>> 13;
    return sign | 0x7c00 | (m === 0 ? 0x200 : m);
  }
  // Exponent re-biased from 127 to 15.
  const e = exp - 112;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // Half subnormal (or zero): value = m × 2^-24. Below 2^-25 everything rounds to zero
    // (exactly 2^-25 is a tie with the even 0).
    if (e < -10) return sign;
    const full = mant | 0x800000;
    const shift = 14 - e;
    const kept = full >>> shift;
    const rem = full & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    // A carry out of the mantissa gives 0x400, the smallest normal: still the right encoding.
    return sign | (rem > halfway || (rem === halfway && (kept & 1) === 1) ? kept + 1 : kept);
  }
  const r = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  // A carry may ripple into the exponent, up to 0x7c00 = Infinity: again the right encoding.
  return sign | (rem > 0x1000 || (rem === 0x1000 && (r & 1) === 1) ? r + 1 : r);
}

/** Bits of the float32 equal to the float16 with bit pattern `h` (exact). */
function floatBitsOfHalf(h: number): number {
  const sign = (h & 0x8000) << 16;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0x1f) return (sign | 0x7f800000 | (mant << 13)) >>> 0;
  if (exp !== 0) return (sign | ((exp + 112) << 23) | (mant << 13)) >>> 0;
  if (mant === 0) return sign >>> 0;
  // Subnormal half: normalise m × 2^-24 into a float32 with an implicit leading bit.
  let m = mant;
  let e = 113;
  while ((m & 0x400) === 0) {
    m <<= 1;
    e--;
  }
  return (sign | (e << 23) | ((m & 0x3ff) << 13)) >>> 0;
}

/**
 * Converts float32 values to IEEE 754 half-precision bit patterns (round to
 * nearest, ties to even; overflow to ±Infinity; subnormals; NaN kept NaN).
 */
export function float32ToFloat16Bits(values: Float32Array): Uint16Array {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const out = new Uint16Array(values.length);
  for (let i = 0; i < bits.length; i++) out[i] = halfBitsOf(bits[i]);
  return out;
}

/** Converts IEEE 754 half-precision bit patterns to the float32 values they denote (exact). */
export function float16BitsToFloat32(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  const outBits = new Uint32Array(out.buffer);
  for (let i = 0; i < bits.length; i++) outBits[i] = floatBitsOfHalf(bits[i]);
  return out;
}

/**
 * Each value rounded to the nearest float16 and returned as float32: exactly
 * what storing `values` as float16 and reading them back gives.
 */
export function roundToFloat16(values: Float32Array): Float32Array {
  return float16BitsToFloat32(float32ToFloat16Bits(values));
}
