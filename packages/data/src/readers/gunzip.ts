/**
 * gzip decompression (RFC 1952) in JavaScript, for Node and browsers alike:
 * every member of a multi-member file, each checked against its CRC-32 and
 * length trailer, trailing zero padding accepted (as gzip tools do), and the
 * output bounded by `maxBytes` while it is produced.
 */
import { DataFormatError } from '@convkit/core';
import { ByteSink } from './byte-sink';
import { memberLabel, parseGzipHeader } from './gzip-header';
import { inflateMember } from './inflate-member';

/**
 * Members allowed: 64, plus one per 4 KiB of input. Each member costs a fixed
 * ~0.1–0.5 ms in the inflater whatever its size, so a file of hundreds of
 * thousands of empty 20-byte members would take minutes; real multi-member
 * files (bgzip blocks, concatenated parts) have members of tens of KiB.
 */
function maxMembers(inputBytes: number): number {
  return 64 + Math.floor(inputBytes / 4096);
}

function u32le(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

function onlyZeros(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

/**
 * Output size to allocate up front: the ISIZE of the last trailer when the file
 * ends with one, but no more than a typical ratio allows, so that a lying trailer
 * cannot make a small file allocate `maxBytes` (the buffer grows when needed).
 */
function sizeHint(bytes: Uint8Array, maxBytes: number): number {
  if (bytes.length < 4) return 0;
  const isize = u32le(bytes, bytes.length - 4);
  return Math.min(isize, maxBytes, 16 * bytes.length + 65536);
}

/**
 * Decompresses a gzip file (one or more members). Throws `DataFormatError`
 * naming `name` (and the member) for a bad header, corrupt or truncated data,
 * a CRC-32 or length that disagrees with the trailer, bytes after the last
 * member that are not zero padding, or output beyond `maxBytes`.
 */
export function gunzip(bytes: Uint8Array, name: string, maxBytes: number): Uint8Array {
  const sink = new ByteSink(maxBytes, sizeHint(bytes, maxBytes), name);
  let offset = 0;
  const limit = maxMembers(bytes.length);
  for (let member = 1; ; member++) {
    if (member > limit) {
      throw new DataFormatError(
        `${name}: more than ${limit} gzip members in ${bytes.length} bytes (under 4 KiB each on average); not a data file, or a decompression bomb. Recompress it as one member (gunzip, then gzip)`,
      );
    }
    const where = memberLabel(name, member, offset);
    const dataStart = parseGzipHeader(bytes, offset, name, member);
    const { end, crc, size } = inflateMember(bytes, dataStart, sink, where);
    if (end + 8 > bytes.length) {
      throw new DataFormatError(`${where}: truncated: the 8-byte trailer (CRC-32 and length) is missing`);
    }
    const storedCrc = u32le(bytes, end);
    const storedSize = u32le(bytes, end + 4);
    if (storedCrc !== crc) {
      throw new DataFormatError(
        `${where}: CRC-32 mismatch: the trailer says ${hex(storedCrc)}, the decompressed data gives ${hex(crc)}; the file is corrupt`,
      );
    }
    if (storedSize !== size % 0x1_0000_0000) {
      throw new DataFormatError(
        `${where}: length mismatch: the trailer says ${storedSize} bytes, the member decompresses to ${size}; the file is corrupt`,
      );
    }
    offset = end + 8;
    if (onlyZeros(bytes, offset)) return sink.bytes();
    if (bytes[offset] !== 0x1f || bytes[offset + 1] !== 0x8b) {
      throw new DataFormatError(
        `${name}: ${bytes.length - offset} unexpected bytes after gzip member ${member} (from byte ${offset}): neither another gzip member nor zero padding`,
      );
    }
  }
}
