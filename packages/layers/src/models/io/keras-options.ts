/**
 * Reading one layer's Keras-style options (`config` of `{ class_name, config }`,
 * snake_case keys, as TensorFlow.js `model.json`, Keras 3 `config.json` and the
 * `model_config` of an `.h5` store them). Own keys only, so `__proto__` /
 * `constructor` keys are never honoured; every failure is a
 * `SerializationError` naming the layer and the option.
 */
import { SerializationError } from '@convkit/core';
import { preview } from '../../engine/preview';

/** Own property `key` of `o`, or `undefined`. */
export function ownKey(o: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** True for a non-null, non-array object. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keras activation name → convkit activation name. */
export const ACTIVATIONS_IN: ReadonlyMap<string, string> = new Map([
  ['linear', 'linear'],
  ['relu', 'relu'],
  ['relu6', 'relu6'],
  ['elu', 'elu'],
  ['selu', 'selu'],
  ['sigmoid', 'sigmoid'],
  ['hard_sigmoid', 'hardSigmoid'],
  ['tanh', 'tanh'],
  ['softmax', 'softmax'],
  ['softplus', 'softplus'],
  ['softsign', 'softsign'],
  ['swish', 'swish'],
  ['silu', 'silu'],
]);

/** convkit activation name → the name TensorFlow.js Layers 4.x understands. */
export const ACTIVATIONS_OUT: ReadonlyMap<string, string> = new Map([
  ['linear', 'linear'],
  ['relu', 'relu'],
  ['relu6', 'relu6'],
  ['elu', 'elu'],
  ['selu', 'selu'],
  ['sigmoid', 'sigmoid'],
  ['hardSigmoid', 'hard_sigmoid'],
  ['tanh', 'tanh'],
  ['softmax', 'softmax'],
  ['softplus', 'softplus'],
  ['softsign', 'softsign'],
  ['swish', 'swish'],
  ['silu', 'swish'],
]);

/** Reads one layer's Keras options, failing with messages that name the layer. */
export class KerasOptions {
  /**
   * @param c - The layer's `config` object.
   * @param where - Names the layer in messages, e.g. `layer 'conv2d' (Conv2D)`.
   */
  constructor(
    readonly c: Record<string, unknown>,
    readonly where: string,
  ) {}

  /** Throws a `SerializationError` prefixed with the layer. */
  fail(msg: string): never {
    throw new SerializationError(`${this.where}: ${msg}`);
  }

  /** True when `key` is present and not null. */
  has(key: string): boolean {
    const v = ownKey(this.c, key);
    return v !== undefined && v !== null;
  }

  /** The raw value of `key` (own keys only). */
  raw(key: string): unknown {
    return ownKey(this.c, key);
  }

  /** A finite number, or `dflt` when absent or null. */
  num(key: string, dflt?: number): number | undefined {
    const v = ownKey(this.c, key);
    if (v === undefined || v === null) return dflt;
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(`'${key}' must be a number, got ${preview(v)}`);
    return v;
  }

  /** A boolean, or `dflt` when absent or null. */
  bool(key: string, dflt: boolean): boolean {
    const v = ownKey(this.c, key);
    if (v === undefined || v === null) return dflt;
    if (typeof v !== 'boolean') this.fail(`'${key}' must be a boolean, got ${preview(v)}`);
    return v;
  }

  /** A positive integer, or `dflt` when absent or null. */
  positiveInt(key: string, dflt?: number): number {
    const v = this.num(key, dflt);
    if (v === undefined || !Number.isSafeInteger(v) || v <= 0)
      this.fail(`'${key}' must be a positive integer, got ${preview(this.raw(key))}`);
    return v;
  }

  /** An int or a pair of ints → `[a, b]`. */
  pair(key: string, dflt?: [number, number]): [number, number] | undefined {
    const v = ownKey(this.c, key);
    if (v === undefined || v === null) return dflt;
    const ok = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x > 0;
    if (ok(v)) return [v, v];
    if (Array.isArray(v) && v.length === 2 && ok(v[0]) && ok(v[1])) return [v[0], v[1]];
    return this.fail(`'${key}' must be a positive integer or a pair of them, got ${preview(v)}`);
  }

  /** `[null | n, ...]`: a batch shape with positive integer dimensions after the first. */
  shape(key: string): (number | null)[] | undefined {
    const v = ownKey(this.c, key);
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.length > 8)
      this.fail(`'${key}' must be a list of at most 8 dimensions, got ${preview(v)}`);
    return v.map((d, i) => {
      if (i === 0 && d === null) return null;
      if (typeof d !== 'number' || !Number.isSafeInteger(d) || d <= 0) {
        return this.fail(`'${key}' must hold positive integers (null only for the batch), got ${preview(v)}`);
      }
      return d;
    });
  }

  /** `'valid'` or `'same'` (`'causal'`, `'full'` are refused). */
  padding(): 'valid' | 'same' {
    const v = ownKey(this.c, 'padding') ?? 'valid';
    if (v !== 'valid' && v !== 'same') this.fail(`padding ${preview(v)} is not supported (only 'valid' and 'same')`);
    return v;
  }

  /** Refuses `data_format: 'channels_first'`. */
  channelsLast(): void {
    const v = ownKey(this.c, 'data_format');
    if (v === undefined || v === null || v === 'channels_last') return;
    this.fail(
      `data_format ${preview(v)} is not supported: convkit layers are channels_last (NHWC); convert the model with data_format 'channels_last'`,
    );
  }

  /** An option convkit has no equivalent for must keep its neutral value. */
  neutral(key: string, ok: (v: unknown) => boolean, meaning: string): void {
    const v = ownKey(this.c, key);
    if (v !== undefined && !ok(v)) this.fail(`'${key}' ${preview(v)} is not supported (${meaning})`);
  }

  /** The convkit name of the activation: a Keras name, or Keras 3's `{ class_name: 'function', config: name }`. */
  activation(key = 'activation'): string {
    let v: unknown = ownKey(this.c, key) ?? 'linear';
    if (isRecord(v) && typeof ownKey(v, 'config') === 'string') v = ownKey(v, 'config');
    const name = typeof v === 'string' ? ACTIVATIONS_IN.get(v) : undefined;
    if (!name) {
      this.fail(
        `activation ${preview(v)} has no convkit equivalent (supported: ${[...ACTIVATIONS_IN.keys()].join(', ')})`,
      );
    }
    return name;
  }

  /** An integer axis, or a list of one (Keras writes `axis: [3]`). */
  axis(dflt: number): number {
    let axis = ownKey(this.c, 'axis') ?? dflt;
    if (Array.isArray(axis) && axis.length === 1) axis = axis[0];
    if (typeof axis !== 'number' || !Number.isSafeInteger(axis))
      this.fail(`axis ${preview(ownKey(this.c, 'axis'))} must be one integer`);
    return axis;
  }
}
