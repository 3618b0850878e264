/**
 * The header of one gzip member (RFC 1952 §2.3): magic 1f 8b, method 8
 * (deflate), flags, mtime, extra flags, OS, then the optional FEXTRA,
 * FNAME, FCOMMENT and FHCRC fields that the flags announce.
 */
import { crc32, DataFormatError } from '@convkit/core';

const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const RESERVED = 0xe0;

/** Where a member sits, for error messages: `file: gzip member 2 (at byte 1234)`. */
export function memberLabel(name: string, member: number, offset: number): string {
  return `${name}: gzip member ${member} (at byte ${offset})`;
}

/** Offset just after the zero byte that ends the string starting at `from`, or -1 when there is none. */
function endOfString(bytes: Uint8Array, from: number): number {
  const zero = bytes.indexOf(0, from);
  return zero < 0 ? -1 : zero + 1;
}

/**
 * Checks the member header that starts at `offset` and returns the offset of
 * its deflate data. Throws `DataFormatError` naming the file and the member for
 * a wrong magic or method, reserved flag bits, a field that runs past the end of
 * the input, or a header CRC (FHCRC) that does not match.
 */
export function parseGzipHeader(bytes: Uint8Array, offset: number, name: string, member: number): number {
  const where = memberLabel(name, member, offset);
  const n = bytes.length;
  if (n - offset < 10) throw new DataFormatError(`${where}: truncated header (${n - offset} of 10 bytes)`);
  if (bytes[offset] !== 0x1f || bytes[offset + 1] !== 0x8b) {
    throw new DataFormatError(`${where}: not a gzip member (magic ${hex2(bytes[offset], bytes[offset + 1])})`);
  }
  const method = bytes[offset + 2];
  if (method !== 8) {
    throw new DataFormatError(`${where}: compression method ${method}; gzip defines only 8 (deflate)`);
  }
  const flags = bytes[offset + 3];
  if (flags & RESERVED) {
    throw new DataFormatError(`${where}: reserved header flag bits set (flags 0x${flags.toString(16)}); corrupt file?`);
  }
  let pos = offset + 10;
  if (flags & FEXTRA) {
    if (pos + 2 > n) throw new DataFormatError(`${where}: truncated FEXTRA length`);
    const xlen = bytes[pos] | (bytes[pos + 1] << 8);
    pos += 2 + xlen;
    if (pos > n) throw new DataFormatError(`${where}: FEXTRA field of ${xlen} bytes runs past the end of the input`);
  }
  for (const [flag, field] of [
    [FNAME, 'FNAME'],
    [FCOMMENT, 'FCOMMENT'],
  ] as const) {
    if (!(flags & flag)) continue;
    const end = endOfString(bytes, pos);
    if (end < 0) throw new DataFormatError(`${where}: ${field} field has no terminating zero byte (truncated)`);
    pos = end;
  }
  if (flags & FHCRC) {
    if (pos + 2 > n) throw new DataFormatError(`${where}: truncated FHCRC field`);
    const stored = bytes[pos] | (bytes[pos + 1] << 8);
    const actual = crc32(bytes.subarray(offset, pos)) & 0xffff;
    if (stored !== actual) {
      throw new DataFormatError(
        `${where}: header CRC 0x${stored.toString(16)} does not match the header (0x${actual.toString(16)}); corrupt file`,
      );
    }
    pos += 2;
  }
  return pos;
}

function hex2(a: number | undefined, b: number | undefined): string {
  return [a, b].map((v) => (v ?? 0).toString(16).padStart(2, '0')).join(' ');
}
