/**
 * CRC-32 (IEEE 802.3: the checksum of zip, gzip and PNG), the one checksum
 * every convkit package uses — the gzip readers of `@convkit/data`, the
 * weights file of `@convkit/layers` and the `.ckz` file of `@convkit/compress`.
 */

let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  if (table) return table;
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  table = t;
  return t;
}

/**
 * CRC-32 of `bytes` as an unsigned 32-bit integer.
 *
 * Pass the CRC of the bytes before as `previous` to checksum data that arrives
 * in pieces: `crc32(b, crc32(a))` equals `crc32(concat(a, b))`.
 *
 * @param bytes - The bytes to checksum.
 * @param previous - CRC-32 of the bytes that came before `bytes`; `0` (the default) for the first piece.
 * @returns The CRC-32 as an unsigned 32-bit integer.
 *
 * @example
 * ```ts
 * import { crc32 } from '@convkit/core';
 *
 * crc32(new TextEncoder().encode('123456789')); // 0xcbf43926
 * ```
 */
export function crc32(bytes: Uint8Array, previous = 0): number {
  const t = crcTable();
  let c = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
