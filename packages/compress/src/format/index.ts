/**
 * `convkit-compressed` v2: one self-checking binary file holding a model's
 * architecture and its weights stored as float32, float16, per-channel integer
 * codes of 2 to 8 bits or a codebook, each optionally sparse. A file is
 * written as version 1 (the format before bit-packed codes) unless a weight
 * uses the `int` encoding, so older readers load every file they can; this
 * build reads both versions.
 *
 * Byte layout (all integers little-endian):
 *
 * | bytes            | content                                                            |
 * | ---------------- | ------------------------------------------------------------------ |
 * | 0..8             | magic, ASCII `CKCMPRS1`                                            |
 * | 8..12            | uint32 H: byte length of the header                                |
 * | 12..12+H         | UTF-8 JSON header (`CompressedHeader`)                             |
 * | 12+H..12+H+P     | payload, P = `header.payloadBytes`                                 |
 * | last 4 bytes     | uint32 CRC-32 (IEEE 802.3) of every byte before it                 |
 *
 * The header lists one `CompressedWeightEntry` per weight, in `model.weights`
 * order. Each entry's parts lie in the payload in the order mask, scales,
 * codebook, values, the entries one after the other with no gap, so the
 * manifest covers the payload exactly. Offsets are relative to the payload's
 * first byte. Part contents:
 *
 * - `mask` (sparse weights): ⌈n/8⌉ bytes, bit `i & 7` of byte `i >> 3`
 *   (LSB first) set when element `i` is stored; cleared elements are +0 and
 *   `count` is the number of set bits. Unused bits of the last byte are 0.
 * - `values`, by encoding, `count` stored elements in row-major order:
 *   `float32` 4 bytes each (bit-exact); `float16` 2 bytes each (IEEE half);
 *   `int8` one signed byte q in [−127, 127] each; `int` (version 2) one
 *   `bits`-bit two's-complement code q in [−(2^(bits−1) − 1), 2^(bits−1) − 1]
 *   each, bit-packed: code j at bits j·bits … j·bits + bits − 1 of the part,
 *   counted from the least significant bit of its first byte, so the part has
 *   ⌈count·bits/8⌉ bytes (unused bits of the last byte are 0); `clustered` one uint8
 *   codebook index each (`indexBits: 8`) or two 4-bit indices per byte, the
 *   even element in the low nibble (`indexBits: 4`, codebooks of ≤ 16 values;
 *   an unused last nibble is 0).
 * - `scales` (`int8`, `int`): one float32 per channel along `axis`; element value =
 *   q × scale computed in float32.
 * - `codebook` (`clustered`): ≤ 256 float32 values. When the weight is also
 *   sparse the codebook holds only nonzero values: zeros are implied by the mask.
 *
 * `decodeCompressed` treats the bytes as untrusted: it checks the magic, the
 * lengths (against `maxBytes`), the CRC, the whole manifest (every part's
 * byte length against the weight's shape, the layout, the total decoded size)
 * and every stored value before it builds the model, and disposes everything
 * it made when something is wrong. Every failure is a `SerializationError`.
 */

export { decodeCompressed } from './decode';
export { encodeCompressed } from './encode';
export { checkCompressedTarget, compressedSize, loadCompressed, saveCompressed } from './file';
export {
  bitsOfStorage,
  COMPRESSED_FORMAT,
  COMPRESSED_FORMAT_VERSION,
  COMPRESSED_FORMAT_VERSIONS,
  COMPRESSED_MAGIC,
  type CompressedByteRange,
  type CompressedHeader,
  type CompressedInfo,
  type CompressedModel,
  type CompressedWeightEntry,
  type CompressedWeightInfo,
  type DecodeCompressedOptions,
  type EncodeCompressedOptions,
  type IntWeightStorage,
  intStorage,
  WEIGHT_STORAGES,
  type WeightEncoding,
  type WeightStorage,
} from './types';
export { readCompressedHeader } from './validate';
