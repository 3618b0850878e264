/**
 * Inflating the deflate data of one gzip member with fflate's streaming
 * `Inflate`, fed in chunks so that output is checked against the size limit as
 * it is produced, and finding where the deflate data ends (the member's
 * trailer, and possibly another member, follow it).
 */
import { ConvkitError, crc32, DataFormatError } from '@convkit/core';
import { Inflate } from 'fflate';
import type { ByteSink } from './byte-sink';

/** Deflate expands at most 1032:1 (258-byte matches coded in 2 bits). */
const MAX_RATIO = 1032;
const MIN_CHUNK = 256;
const MAX_CHUNK = 1 << 20;

/** What one member decompressed to. */
export interface InflatedMember {
  /** Offset just after the member's deflate data: its trailer starts here. */
  end: number;
  /** CRC-32 of the member's decompressed bytes. */
  crc: number;
  /** Number of decompressed bytes of the member. */
  size: number;
}

/**
 * The part of the state of fflate's `Inflate` (0.8.x) that tells whether the
 * final deflate block has ended and how much of the last input it used: `s.f`
 * is set once the final block has started, `s.l` holds the Huffman table while
 * a block is still open, `p` is the unconsumed input and `s.p` the bit offset in
 * its first byte. fflate's own multi-member `Gunzip` relies on the same fields;
 * fflate is pinned to an exact version and the tests of multi-member files and
 * zero padding fail if they change.
 */
interface InflateState {
  s: { f?: number; l?: unknown; p?: number };
  p: Uint8Array;
}

/** Input bytes of the last push left after the deflate data, or -1 while the stream is unfinished. */
function unconsumed(inflater: Inflate): number {
  const st = inflater as unknown as InflateState;
  if (typeof st.s !== 'object' || st.s === null || !(st.p instanceof Uint8Array)) {
    throw new Error('fflate Inflate no longer has the internal state convkit reads; check the pinned fflate version');
  }
  if (!st.s.f || st.s.l) return -1;
  return st.p.length - ((st.s.p ?? 0) & 7 ? 1 : 0);
}

/**
 * Input to push next: small enough that its output (at most 1032 bytes per
 * input byte) cannot overshoot the limit by much, and growing from `MIN_CHUNK`
 * by doubling, so that a member much shorter than a chunk costs little (fflate
 * copies the unused rest of the last chunk once the stream ends).
 */
function chunkSize(remaining: number, push: number): number {
  const growing = MIN_CHUNK * 2 ** Math.min(push, 12);
  return Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, growing, Math.floor(remaining / MAX_RATIO)));
}

/**
 * Inflates the deflate data that starts at `start` into `sink`, stopping at the
 * end of the final block. Throws `DataFormatError` (prefixed with `where`) for
 * corrupt or truncated data, and whatever `sink` throws when the limit is passed.
 */
export function inflateMember(bytes: Uint8Array, start: number, sink: ByteSink, where: string): InflatedMember {
  let crc = 0;
  let size = 0;
  const inflater = new Inflate((chunk) => {
    if (chunk.length === 0) return;
    sink.write(chunk);
    crc = crc32(chunk, crc);
    size += chunk.length;
  });
  let pos = start;
  for (let push = 0; ; push++) {
    const end = Math.min(bytes.length, pos + chunkSize(sink.remaining, push));
    const final = end === bytes.length;
    try {
      inflater.push(bytes.subarray(pos, end), final);
    } catch (cause) {
      if (cause instanceof ConvkitError) throw cause;
      const truncated = (cause as { code?: unknown }).code === 0;
      throw new DataFormatError(
        truncated
          ? `${where}: truncated: the input ends inside the compressed data`
          : `${where}: corrupt compressed data (${(cause as Error).message})`,
        { cause },
      );
    }
    pos = end;
    const left = unconsumed(inflater);
    if (left >= 0) return { end: pos - left, crc, size };
    if (final) throw new DataFormatError(`${where}: truncated: the input ends inside the compressed data`);
  }
}
