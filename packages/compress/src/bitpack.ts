/**
 * Bit packing of signed integer codes, as `.ckz` files store 2–7-bit weights:
 * code `j` occupies bits `j·b … j·b + b − 1` of the byte stream, counting
 * from the least significant bit of byte 0 (so a code may straddle two
 * bytes), as a b-bit two's-complement number. Unused bits of the last byte are 0.
 */
import { ConfigError } from '@convkit/core';

/**
 * Bytes needed for `count` codes of `bits` bits: ⌈count·bits/8⌉.
 *
 * @param count - Number of codes.
 * @param bits - Bits per code (1..8).
 * @returns The packed length in bytes.
 */
export function packedByteLength(count: number, bits: number): number {
  return Math.ceil((count * bits) / 8);
}

/**
 * Packs signed codes into `bits` bits each (two's complement, LSB first).
 *
 * @param codes - The codes; each must fit in `bits` bits (−2^(bits−1) … 2^(bits−1) − 1).
 * @param bits - Bits per code, 1..8.
 * @returns ⌈codes.length·bits/8⌉ bytes.
 * @throws {ConfigError} when `bits` is out of range or a code does not fit.
 */
export function packCodes(codes: Int8Array, bits: number): Uint8Array {
  if (!Number.isInteger(bits) || bits < 1 || bits > 8) {
    throw new ConfigError(`packCodes: bits must be an integer from 1 to 8, got ${bits}`);
  }
  const lo = -(2 ** (bits - 1));
  const hi = 2 ** (bits - 1) - 1;
  const mask = (1 << bits) - 1;
  const out = new Uint8Array(packedByteLength(codes.length, bits));
  let bit = 0;
  for (let j = 0; j < codes.length; j++, bit += bits) {
    const c = codes[j];
    if (c < lo || c > hi) throw new ConfigError(`packCodes: code ${c} at ${j} does not fit in ${bits} bits`);
    const u = c & mask;
    const byte = bit >> 3;
    const shift = bit & 7;
    out[byte] |= (u << shift) & 0xff;
    if (shift + bits > 8) out[byte + 1] |= u >> (8 - shift);
  }
  return out;
}

/**
 * Unpacks `count` signed `bits`-bit codes from `bytes` (the inverse of `packCodes`).
 * Reads only ⌈count·bits/8⌉ bytes; the caller checks the length and the unused bits.
 *
 * @param bytes - The packed bytes.
 * @param count - Number of codes.
 * @param bits - Bits per code, 1..8.
 * @returns The codes, sign-extended.
 */
export function unpackCodes(bytes: Uint8Array, count: number, bits: number): Int8Array {
  const out = new Int8Array(count);
  const mask = (1 << bits) - 1;
  const sign = 1 << (bits - 1);
  let bit = 0;
  for (let j = 0; j < count; j++, bit += bits) {
    const byte = bit >> 3;
    const shift = bit & 7;
    let u = bytes[byte] >> shift;
    if (shift + bits > 8) u |= bytes[byte + 1] << (8 - shift);
    u &= mask;
    out[j] = u & sign ? u - (1 << bits) : u;
  }
  return out;
}

/**
 * Whether the bits after the last of `count` codes in the last byte are all 0.
 *
 * @param bytes - Exactly ⌈count·bits/8⌉ packed bytes.
 * @param count - Number of codes.
 * @param bits - Bits per code.
 * @returns True when the padding is clean.
 */
export function paddingIsZero(bytes: Uint8Array, count: number, bits: number): boolean {
  const used = (count * bits) % 8;
  if (used === 0 || bytes.length === 0) return true;
  return bytes[bytes.length - 1] >> used === 0;
}
