/**
 * int8 activations: asymmetric per-tensor parameters, fake quantization with a
 * straight-through gradient, and calibration of the ranges on data (min/max or
 * a percentile), reading every layer's range in one asynchronous read per batch.
 */
import {
  type Batch,
  type BatchSource,
  ConfigError,
  customGrad,
  dispose,
  ops,
  type Tensor,
  tidy,
  zeros,
} from '@convkit/core';
import { isTensor, type Layer, type LayersModel, sliceBatch } from '@convkit/layers';
import { asGradFunc } from './grad-func';
import { kernelWeights } from './stats';

/** Asymmetric per-tensor int8 parameters of an activation: `x ≈ (q − zeroPoint) × scale`, q in [−128, 127]. */
export interface ActivationQuantParams {
  /** Lower end of the observed range. */
  min: number;
  /** Upper end of the observed range. */
  max: number;
  /** Step between two int8 levels. */
  scale: number;
  /** The int8 level that represents 0. */
  zeroPoint: number;
}

/** int8 parameters covering [min, max] (the range is widened to include 0, so zero is exact). */
export function activationParams(min: number, max: number): ActivationQuantParams {
  const lo = Math.min(0, min);
  const hi = Math.max(0, max);
  const scale = hi > lo ? (hi - lo) / 255 : 1;
  const zeroPoint = Math.max(-128, Math.min(127, Math.round(-128 - lo / scale)));
  return { min: lo, max: hi, scale, zeroPoint };
}

/**
 * Fake-quantizes `x` to int8 with `params`; gradient: straight-through inside
 * [min, max], zero outside (clipped values).
 */
export function fakeQuantActivation(x: Tensor, params: ActivationQuantParams): Tensor {
  const { scale, zeroPoint } = params;
  // Inputs that round to a level inside the int8 grid get the gradient; clipped ones do not.
  const lo = (-128 - zeroPoint - 0.5) * scale;
  const hi = (127 - zeroPoint + 0.5) * scale;
  const f = customGrad(
    asGradFunc((input: Tensor, save: (ts: Tensor[]) => void) => {
      save([input]);
      const q = ops.clipByValue(ops.add(ops.round(ops.div(input, scale)), zeroPoint), -128, 127);
      return {
        value: ops.mul(ops.sub(q, zeroPoint), scale),
        gradFunc: (dy: Tensor, saved: Tensor[]) => {
          const inRange = ops.logicalAnd(ops.greaterEqual(saved[0], lo), ops.lessEqual(saved[0], hi));
          return ops.mul(dy, ops.cast(inRange, 'float32'));
        },
      };
    }),
  );
  return f(x) as Tensor;
}

/** Calibration options. */
export interface CalibrationOptions {
  /**
   * `'minmax'` (default): the observed range. `'percentile'`: clip outliers at `percentile`.
   *
   * @defaultValue `'minmax'`
   */
  method?: 'minmax' | 'percentile';
  /**
   * Percentile (of the values seen) used as the upper bound, and 100 − p as the lower, with `'percentile'`. Default 99.99.
   *
   * @defaultValue `99.99`
   */
  percentile?: number;
  /**
   * Batches of calibration data used at most. Default 32.
   *
   * @defaultValue `32`
   */
  maxBatches?: number;
  /**
   * Batch size when `data` is `[x, y]` or a tensor. Default 64.
   *
   * @defaultValue `64`
   */
  batchSize?: number;
}

/** Calibration data: a batch source (each batch is disposed after use), `[x, y]` or `x`. */
export type CalibrationData = BatchSource | [Tensor, Tensor] | Tensor;

/** The layers whose outputs are quantized: every kernel layer except the model's output layer, plus Add. */
export function quantizedOutputLayers(model: LayersModel): Layer[] {
  const layers = model.layers;
  const outputLayer = layers[layers.length - 1];
  return layers.filter(
    (l) => l !== outputLayer && (kernelWeights(l).length > 0 || l.className === 'Add' || l.className === 'Concatenate'),
  );
}

async function* batchesOf(data: CalibrationData, batchSize: number): AsyncGenerator<Tensor> {
  if (isTensor(data) || Array.isArray(data)) {
    const x = isTensor(data) ? data : data[0];
    for (let s = 0; s < x.shape[0]; s += batchSize) {
      const b = sliceBatch(x, s, Math.min(batchSize, x.shape[0] - s));
      try {
        yield b;
      } finally {
        b.dispose();
      }
    }
    return;
  }
  for await (const batch of data as AsyncIterable<Batch>) {
    try {
      yield batch.xs;
    } finally {
      dispose([batch.xs, batch.ys]);
    }
  }
}

/**
 * Observes the output range of every quantized layer (see
 * `quantizedOutputLayers`) on `data` and returns int8 parameters per layer
 * name. Each batch is read back once, all layers together, asynchronously:
 * two values per layer with `'minmax'`, the outputs with `'percentile'`.
 *
 * @param model - The float model.
 * @param data - Calibration inputs (a few hundred samples suffice).
 * @param options - Method, percentile, batch count and size.
 * @returns int8 parameters per layer name.
 * @throws {ConfigError} for invalid options or data that yields no batch.
 */
export async function calibrateActivations(
  model: LayersModel,
  data: CalibrationData,
  options: CalibrationOptions = {},
): Promise<Record<string, ActivationQuantParams>> {
  const method = options.method ?? 'minmax';
  if (method !== 'minmax' && method !== 'percentile') {
    throw new ConfigError(`calibrateActivations: method must be 'minmax' or 'percentile', got ${String(method)}`);
  }
  const pct = options.percentile ?? 99.99;
  if (!(pct > 50 && pct <= 100))
    throw new ConfigError(`calibrateActivations: percentile must be in (50, 100], got ${pct}`);
  const maxBatches = options.maxBatches ?? 32;
  const layers = quantizedOutputLayers(model);
  const mins = new Map<Layer, number>();
  const maxs = new Map<Layer, number>();
  const samples = new Map<Layer, Float32Array[]>();
  const saved = layers.map((l) => l.outputTransform);
  // Filled by the hooks during one forward pass: what each layer contributed to the packed read.
  let seenThisBatch: { layer: Layer; length: number }[] = [];
  let parts: Tensor[] = [];
  for (const l of layers) {
    l.outputTransform = (out) => {
      const part = method === 'minmax' ? ops.stack([ops.min(out), ops.max(out)]) : ops.reshape(out, [-1]);
      parts.push(part);
      seenThisBatch.push({ layer: l, length: part.shape[0] });
      return out;
    };
  }
  let seen = 0;
  try {
    for await (const xs of batchesOf(data, options.batchSize ?? 64)) {
      seenThisBatch = [];
      parts = [];
      const packed = tidy(() => {
        model.call(xs, { training: false });
        return ops.concat(parts.length > 0 ? parts : [zeros([0])]);
      });
      let v: Float32Array;
      try {
        v = (await packed.data()) as Float32Array;
      } finally {
        packed.dispose();
      }
      let off = 0;
      for (const { layer: l, length } of seenThisBatch) {
        const part = v.subarray(off, off + length);
        off += length;
        let lo = mins.get(l) ?? Number.POSITIVE_INFINITY;
        let hi = maxs.get(l) ?? Number.NEGATIVE_INFINITY;
        for (let i = 0; i < part.length; i++) {
          if (part[i] < lo) lo = part[i];
          if (part[i] > hi) hi = part[i];
        }
        mins.set(l, lo);
        maxs.set(l, hi);
        if (method === 'percentile') {
          const list = samples.get(l) ?? [];
          list.push(subsample(part, 20_000));
          samples.set(l, list);
        }
      }
      if (++seen >= maxBatches) break;
    }
  } finally {
    layers.forEach((l, i) => {
      l.outputTransform = saved[i];
    });
  }
  if (seen === 0) throw new ConfigError('calibrateActivations: the calibration data produced no batches');
  const out: Record<string, ActivationQuantParams> = {};
  for (const l of layers) {
    let lo = mins.get(l)!;
    let hi = maxs.get(l)!;
    if (method === 'percentile') {
      const all = concatAll(samples.get(l)!);
      all.sort();
      lo = Math.max(lo, all[Math.floor(((100 - pct) / 100) * (all.length - 1))]);
      hi = Math.min(hi, all[Math.ceil((pct / 100) * (all.length - 1))]);
    }
    out[l.name] = activationParams(lo, hi);
  }
  return out;
}

function subsample(v: Float32Array, max: number): Float32Array {
  if (v.length <= max) return v.slice();
  const out = new Float32Array(max);
  const step = v.length / max;
  for (let i = 0; i < max; i++) out[i] = v[Math.floor(i * step)];
  return out;
}

function concatAll(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
