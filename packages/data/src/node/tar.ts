/**
 * A small reader of tar archives (POSIX ustar and GNU) held in memory: the
 * regular files, by path. Enough for dataset archives such as
 * `cifar-10-binary.tar.gz`; links, devices and folders are skipped, PAX and GNU
 * long names are honoured, and every header's checksum is verified.
 */
import { DataFormatError } from '@convkit/core';

const BLOCK = 512;

function text(bytes: Uint8Array, from: number, length: number): string {
  let end = from;
  while (end < from + length && bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.subarray(from, end));
}

function octal(bytes: Uint8Array, from: number, length: number, name: string, what: string): number {
  if (bytes[from] & 0x80) {
    // GNU base-256 for big sizes: the remaining bytes, big-endian.
    let n = 0;
    for (let i = from + 1; i < from + length; i++) n = n * 256 + bytes[i];
    return n;
  }
  const s = text(bytes, from, length).trim();
  if (!/^[0-7]*$/.test(s)) throw new DataFormatError(`${name}: a tar header has ${what} '${s}', not an octal number`);
  return s === '' ? 0 : Number.parseInt(s, 8);
}

function headerChecksumOk(bytes: Uint8Array, at: number, stored: number): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : bytes[at + i];
  return sum === stored;
}

function paxPath(data: Uint8Array): string | undefined {
  // Records: "<length> <key>=<value>\n".
  const s = new TextDecoder().decode(data);
  for (const line of s.split('\n')) {
    const m = /^\d+ path=(.*)$/s.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * The regular files of the tar archive `bytes` (views into it, not copies),
 * by their path. Throws `DataFormatError` naming `name` when a header is
 * corrupt or a file runs past the end of the archive.
 */
export function readTar(bytes: Uint8Array, name: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let at = 0;
  let longName: string | undefined;
  while (at + BLOCK <= bytes.length) {
    if (bytes.subarray(at, at + BLOCK).every((b) => b === 0)) break; // end-of-archive marker
    const stored = octal(bytes, at + 148, 8, name, 'checksum');
    if (!headerChecksumOk(bytes, at, stored)) {
      throw new DataFormatError(
        `${name}: the tar header at byte ${at} has a wrong checksum (corrupt or not a tar archive)`,
      );
    }
    const size = octal(bytes, at + 124, 12, name, 'size');
    const type = String.fromCharCode(bytes[at + 156] || 0x30);
    const prefix = text(bytes, at + 257, 6) === 'ustar' ? text(bytes, at + 345, 155) : '';
    const short = text(bytes, at + 0, 100);
    const path = longName ?? (prefix ? `${prefix}/${short}` : short);
    const start = at + BLOCK;
    if (start + size > bytes.length) {
      throw new DataFormatError(
        `${name}: ${path} needs ${size} bytes from byte ${start}, but the archive ends at byte ${bytes.length} (truncated)`,
      );
    }
    const data = bytes.subarray(start, start + size);
    longName = undefined;
    if (type === 'L') longName = text(data, 0, data.length);
    else if (type === 'x') longName = paxPath(data);
    else if (type === '0' || type === '7') files.set(path, data);
    at = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}
