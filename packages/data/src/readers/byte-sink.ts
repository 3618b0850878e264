/**
 * The growing output buffer of decompression, with a hard ceiling: the write
 * that would take it past `maxBytes` throws, so a gzip bomb or a lying trailer
 * stops as soon as the limit is passed instead of after the whole stream.
 */
import { DataFormatError } from '@convkit/core';

/** Decompressed bytes, collected chunk by chunk up to `maxBytes`. */
export class ByteSink {
  private buf: Uint8Array;
  private length = 0;

  /**
   * @param maxBytes Largest total accepted.
   * @param hint Expected total (e.g. the gzip trailer's ISIZE), allocated up front when it is within `maxBytes`.
   * @param name File name for the error message.
   */
  constructor(
    private readonly maxBytes: number,
    hint: number,
    private readonly name: string,
  ) {
    this.buf = new Uint8Array(Math.max(0, Math.min(hint, maxBytes)));
  }

  /** Bytes that can still be written before the limit. */
  get remaining(): number {
    return this.maxBytes - this.length;
  }

  /** Appends `chunk`; throws `DataFormatError` when the total would exceed `maxBytes`. */
  write(chunk: Uint8Array): void {
    const need = this.length + chunk.length;
    if (need > this.maxBytes) {
      throw new DataFormatError(
        `${this.name}: gzip data decompresses to more than maxBytes (${this.maxBytes} bytes); decompression stopped there. Raise maxBytes if the file is genuine`,
      );
    }
    if (need > this.buf.length) {
      const grown = new Uint8Array(Math.min(this.maxBytes, Math.max(need, 2 * this.buf.length, 1 << 16)));
      grown.set(this.buf.subarray(0, this.length));
      this.buf = grown;
    }
    this.buf.set(chunk, this.length);
    this.length = need;
  }

  /** Everything written, without spare capacity beyond a quarter of the size. */
  bytes(): Uint8Array {
    const out = this.buf.subarray(0, this.length);
    return this.buf.length - this.length > this.length / 4 + 1024 ? out.slice() : out;
  }
}
