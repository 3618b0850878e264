/**
 * Symmetric per-channel weight quantization to b-bit integers, b in 2..8:
 * `q = clamp(round(w / scale_c), −qmax, qmax)` with `qmax = 2^(b−1) − 1` and
 * `scale_c = max|w_c| / qmax`, rounding half away from zero (as int8
 * converters do). The most negative code, −2^(b−1), is never used, so the
 * grid is symmetric and 0 is exact. 8 bits is the classic int8 (q in [−127, 127]).
 */
import { ConfigError } from '@convkit/core';
import type { LayerWeight } from '@convkit/layers';

/** Largest int8 magnitude used for weights (symmetric range, −128 unused). */
export const INT8_MAX = 127;

/** Fewest bits per weight code. */
export const MIN_WEIGHT_BITS = 2;
/** Most bits per weight code. */
export const MAX_WEIGHT_BITS = 8;

/**
 * Largest code magnitude at `bits` bits: `2^(bits−1) − 1` (1 at 2 bits, 7 at 4, 127 at 8).
 *
 * @param bits - Code width, an integer in 2..8.
 * @returns The largest |q|.
 * @throws {ConfigError} when `bits` is not an integer in 2..8.
 */
export function qmaxOf(bits: number): number {
  return 2 ** (checkWeightBits(bits, 'bits') - 1) - 1;
}

/**
 * Checks a code width: an integer in 2..8.
 *
 * @param bits - The value to check.
 * @param where - Names the option in the error message, e.g. `'quantizeModel: bits'`.
 * @returns `bits`.
 * @throws {ConfigError} when `bits` is not an integer in 2..8.
 */
export function checkWeightBits(bits: unknown, where: string): number {
  if (typeof bits !== 'number' || !Number.isInteger(bits) || bits < MIN_WEIGHT_BITS || bits > MAX_WEIGHT_BITS) {
    throw new ConfigError(
      `${where} must be an integer from ${MIN_WEIGHT_BITS} to ${MAX_WEIGHT_BITS}, got ${JSON.stringify(bits) ?? String(bits)}`,
    );
  }
  return bits;
}

/** The channel axis of a kernel's per-channel scales: the input channel for depthwise kernels, else the output. */
export function channelAxis(weight: LayerWeight): number {
  const last = weight.shape.length - 1;
  return /depthwise_kernel$/.test(weight.name) ? Math.max(0, last - 1) : last;
}

/**
 * Per-channel symmetric scales `max|w_c| / qmax` (1 for an all-zero channel).
 *
 * @param values - The weight, row-major.
 * @param shape - Its shape.
 * @param axis - The channel axis.
 * @param bits - Code width, 2..8. Default 8.
 * @returns One scale per channel.
 */
export function perChannelScales(
  values: Float32Array,
  shape: readonly number[],
  axis: number,
  bits = MAX_WEIGHT_BITS,
): Float32Array {
  const qmax = qmaxOf(bits);
  const channels = shape[axis];
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const scales = new Float32Array(channels);
  for (let i = 0; i < values.length; i++) {
    const c = Math.floor(i / inner) % channels;
    const a = Math.abs(values[i]);
    if (a > scales[c]) scales[c] = a;
  }
  for (let c = 0; c < channels; c++) scales[c] = scales[c] > 0 ? scales[c] / qmax : 1;
  return scales;
}

/** Rounds half away from zero (as int8 converters do), unlike `Math.round`. */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/**
 * Quantizes `values` per channel: `q = clamp(round(v / scale_c), −qmax, qmax)`.
 *
 * @param values - The weight, row-major.
 * @param shape - Its shape.
 * @param axis - The channel axis.
 * @param scales - One positive scale per channel. Default `perChannelScales(values, shape, axis, bits)`.
 * @param bits - Code width, 2..8. Default 8.
 * @returns The integer codes and the scales.
 * @throws {ConfigError} when `scales` has the wrong length or `bits` is out of range.
 */
export function quantizePerChannel(
  values: Float32Array,
  shape: readonly number[],
  axis: number,
  scales?: Float32Array,
  bits = MAX_WEIGHT_BITS,
): {
  /** The integer codes, each in [−qmax, qmax]. */
  q: Int8Array;
  /** One scale per channel. */
  scales: Float32Array;
} {
  const qmax = qmaxOf(bits);
  const s = scales ?? perChannelScales(values, shape, axis, bits);
  const channels = shape[axis];
  if (s.length !== channels) {
    throw new ConfigError(`quantizePerChannel: ${s.length} scales for ${channels} channels on axis ${axis}`);
  }
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const q = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const c = Math.floor(i / inner) % channels;
    q[i] = Math.max(-qmax, Math.min(qmax, roundHalfAway(values[i] / s[c])));
  }
  return { q, scales: s };
}

/**
 * `q × scale_c` in float32.
 *
 * @param q - Integer codes, row-major.
 * @param shape - The weight's shape.
 * @param axis - The channel axis.
 * @param scales - One scale per channel.
 * @returns The dequantized values.
 */
export function dequantizePerChannel(
  q: Int8Array,
  shape: readonly number[],
  axis: number,
  scales: Float32Array,
): Float32Array {
  const channels = shape[axis];
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const out = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) out[i] = q[i] * scales[Math.floor(i / inner) % channels];
  return out;
}
