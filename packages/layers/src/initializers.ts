/**
 * Weight initializers. Each kind is a class implementing `Initializer`,
 * registered in `initializerRegistry` under its Keras class name, so a layer
 * option may be a name (`'heNormal'`, `'he_normal'`), a `{ className, config }`
 * object or an instance. Randomness comes from the `rng` the layer passes
 * (core's global generator, reset by `setSeed`) unless a `seed` is given.
 */
import {
  ConfigError,
  fill,
  ones,
  Rng,
  randomNormal,
  randomUniform,
  type Tensor,
  truncatedNormal,
  zeros,
} from '@convkit/core';
import { preview } from './engine/preview';
import { ClassRegistry } from './engine/registry';
import type { Initializer, Serialized } from './engine/types';

/** What an `xxxInitializer` option accepts. */
export type InitializerIdentifier = string | Serialized | Initializer;

/**
 * Fan-in and fan-out of a weight shape, as Keras computes them: for kernels of
 * rank ≥ 3 (conv HWIO, depthwise HW·C·M) the receptive field size times the
 * input / output channels.
 *
 * @param shape - Weight shape.
 * @returns Fan-in and fan-out.
 */
export function computeFans(shape: readonly number[]): {
  /** Inputs feeding one output unit. */
  fanIn: number;
  /** Outputs fed by one input unit. */
  fanOut: number;
} {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0], fanOut: shape[0] };
  if (shape.length === 2) return { fanIn: shape[0], fanOut: shape[1] };
  let receptive = 1;
  for (let i = 0; i < shape.length - 2; i++) receptive *= shape[i];
  return { fanIn: shape[shape.length - 2] * receptive, fanOut: shape[shape.length - 1] * receptive };
}

function seededRng(seed: number | undefined, rng: Rng): Rng {
  return seed === undefined ? rng : new Rng(seed);
}

function checkFinite(cls: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new ConfigError(`${cls}: ${name} must be a finite number, got ${v}`);
  return v;
}

function checkSeed(cls: string, seed: unknown): number | undefined {
  if (seed === undefined || seed === null) return undefined;
  if (typeof seed !== 'number' || !Number.isInteger(seed))
    throw new ConfigError(`${cls}: seed must be an integer, got ${seed}`);
  return seed;
}

/** All zeros (default for biases). */
export class Zeros implements Initializer {
  /** Registered class name. */
  static readonly className = 'Zeros';
  /** Registered class name. */
  readonly className = 'Zeros';
  /**
   * A new tensor of `shape` drawn from this initializer.
   *
   * @param shape - Weight shape.
   * @returns The initial value, owned by the caller.
   */
  init(shape: readonly number[]): Tensor {
    return zeros(shape as number[]);
  }
  /**
   * Options that rebuild this initializer.
   *
   * @returns A JSON-able object.
   */
  getConfig(): Record<string, unknown> {
    return {};
  }
}

/** All ones (default for batch-norm gamma and moving variance). */
export class Ones implements Initializer {
  /** Registered class name. */
  static readonly className = 'Ones';
  /** Registered class name. */
  readonly className = 'Ones';
  /**
   * A new tensor of `shape` drawn from this initializer.
   *
   * @param shape - Weight shape.
   * @returns The initial value, owned by the caller.
   */
  init(shape: readonly number[]): Tensor {
    return ones(shape as number[]);
  }
  /**
   * Options that rebuild this initializer.
   *
   * @returns A JSON-able object.
   */
  getConfig(): Record<string, unknown> {
    return {};
  }
}

/** Every element equal to `value`. */
export class Constant implements Initializer {
  /** Registered class name. */
  static readonly className = 'Constant';
  /** Registered class name. */
  readonly className = 'Constant';
  /** The constant. */
  readonly value: number;
  constructor(config: { value?: number } = {}) {
    this.value = checkFinite('Constant', 'value', config.value ?? 0);
  }
  /**
   * A new tensor of `shape` drawn from this initializer.
   *
   * @param shape - Weight shape.
   * @returns The initial value, owned by the caller.
   */
  init(shape: readonly number[]): Tensor {
    return fill(shape as number[], this.value, 'float32');
  }
  /**
   * Options that rebuild this initializer.
   *
   * @returns A JSON-able object.
   */
  getConfig(): Record<string, unknown> {
    return { value: this.value };
  }
}

/** Uniform in [minval, maxval). Keras defaults ±0.05. */
export class RandomUniform implements Initializer {
  /** Registered class name. */
  static readonly className = 'RandomUniform';
  /** Registered class name. */
  readonly className = 'RandomUniform';
  /** Lower bound (inclusive). */
  readonly minval: number;
  /** Upper bound (exclusive). */
  readonly maxval: number;
  /** Own seed, when given; otherwise the generator passed to `init`. */
  readonly seed?: number;
  constructor(config: { minval?: number; maxval?: number; seed?: number } = {}) {
    this.minval = checkFinite('RandomUniform', 'minval', config.minval ?? -0.05);
    this.maxval = checkFinite('RandomUniform', 'maxval', config.maxval ?? 0.05);
    if (this.maxval < this.minval)
      throw new ConfigError(`RandomUniform: maxval (${this.maxval}) < minval (${this.minval})`);
    this.seed = checkSeed('RandomUniform', config.seed);
  }
  /**
   * A new tensor of `shape` drawn from this initializer.
   *
   * @param shape - Weight shape.
   * @param rng - Generator used unless this initializer has its own `seed`.
   * @returns The initial value, owned by the caller.
   */
  init(shape: readonly number[], rng: Rng): Tensor {
    return randomUniform(shape, this.minval, this.maxval, seededRng(this.seed, rng));
  }
  /**
   * Options that rebuild this initializer.
   *
   * @returns A JSON-able object.
   */
  getConfig(): Record<string, unknown> {
    return { minval: this.minval, maxval: this.maxval, ...(this.seed !== undefined && { seed: this.seed }) };
  }
}

abstract class NormalBase implements Initializer {
  /** Registered class name. */
  abstract readonly className: string;
  /** Mean of the distribution. */
  readonly mean: number;
  /** Standard deviation of the distribution. */
  readonly stddev: number;
  /** Own seed, when given; otherwise the generator passed to `init`. */
  readonly seed?: number;
  constructor(cls: string, config: { mean?: number; stddev?: number; seed?: number }) {
    this.mean = checkFinite(cls, 'mean', config.mean ?? 0);
    this.stddev = checkFinite(cls, 'stddev', config.stddev ?? 0.05);
    if (this.stddev < 0) throw new ConfigError(`${cls}: stddev must be ≥ 0, got ${this.stddev}`);
    this.seed = checkSeed(cls, config.seed);
  }
  abstract init(shape: readonly number[], rng: Rng): Tensor;
  /**
   * Options that rebuild this initializer.
   *
   * @returns A JSON-able object.
   */
  getConfig(): Record<string, unknown> {
    return { mean: this.mean, stddev: this.stddev, ...(this.seed !== undefined && { seed: this.seed }) };
  }
}

/** Normal(mean, stddev). Keras defaults 0, 0.05. */
export class RandomNormal extends NormalBase {
  /** Registered class name. */
  static readonly className = 'RandomNormal';
  /** Registered class name. */
  readonly className = 'RandomNormal';
  constructor(config: { mean?: number; stddev?: number; seed?: number } = {}) {
    super('RandomNormal', config);
  }
  /**
   * A new tensor of `shape` drawn from this initializer.
   *
   * @param shape - Weight shape.
   * @param rng - Generator used unless this initializer has its own `seed`.
   * @returns The initial value, owned by the caller.
   */
  init(shape: readonly number[], rng: Rng): Tensor {
    return randomNormal(shape, this.mean, this.stddev, seededRng(this.seed, rng));
  }
}

/** Normal(mean, stddev) re-drawn outside two standard deviations. */
export class TruncatedNormal extends NormalBase {
  /** Registered class name. */
  static readonly className = 'TruncatedNormal';
  /** Registered class name. */
  readonly className = 'TruncatedNormal';
  constructor(config: { mean?: number; stddev?: number; seed?: number } = {}) {
    super('TruncatedNormal', config);
  }
  /**
   * A new tensor of `shape` drawn from this initializer.
   *
   * @param shape - Weight shape.
   * @param rng - Generator used unless this initializer has its own `seed`.
   * @returns The initial value, owned by the caller.
   */
  init(shape: readonly number[], rng: Rng): Tensor {
    return truncatedNormal(shape, this.mean, this.stddev, seededRng(this.seed, rng));
  }
}

/** Options of `VarianceScaling`. */
export interface VarianceScalingConfig {
  /**
   * Variance scale, `> 0`. Default 1.
   *
   * @defaultValue `1`
   */
  scale?: number;
  /**
   * Divide by fan-in, fan-out or their average. Default `'fanIn'`.
   *
   * @defaultValue `'fanIn'`
   */
  mode?: 'fanIn' | 'fanOut' | 'fanAvg';
  /**
   * Distribution sampled. Default `'truncatedNormal'`.
   *
   * @defaultValue `'truncatedNormal'`
   */
  distribution?: 'truncatedNormal' | 'normal' | 'uniform';
  /** Own seed; default the generator passed to `init`. */
  seed?: number;
}

/**
 * Keras `VarianceScaling`: samples with variance `scale / n`, `n` being fan-in,
 * fan-out or their average. The truncated normal is rescaled by 0.8796 so the
 * variance after truncation at ±2σ is the requested one.
 */
export class VarianceScaling implements Initializer {
  /** Registered class name. */
  static readonly className: string = 'VarianceScaling';
  /** Variance scale. */
  readonly scale: number;
  /** Which fan the variance is divided by. */
  readonly mode: 'fanIn' | 'fanOut' | 'fanAvg';
  /** Distribution sampled. */
  readonly distribution: 'truncatedNormal' | 'normal' | 'uniform';
  /** Own seed, when given; otherwise the generator passed to `init`. */
  readonly seed?: number;

  constructor(config: VarianceScalingConfig = {}) {
    const cls = this.className;
    this.scale = checkFinite(cls, 'scale', config.scale ?? 1);
    if (this.scale <= 0) throw new ConfigError(`${cls}: scale must be > 0, got ${this.scale}`);
    this.mode = config.mode ?? 'fanIn';
    if (!['fanIn', 'fanOut', 'fanAvg'].includes(this.mode)) {
      throw new ConfigError(`${cls}: mode must be 'fanIn', 'fanOut' or 'fanAvg', got '${this.mode}'`);
    }
    this.distribution = config.distribution ?? 'truncatedNormal';
    if (!['truncatedNormal', 'normal', 'uniform'].includes(this.distribution)) {
      throw new ConfigError(
        `${cls}: distribution must be 'truncatedNormal', 'normal' or 'uniform', got '${this.distribution}'`,
      );
    }
    this.seed = checkSeed(cls, config.seed);
  }

  get className(): string {
    return (this.constructor as typeof VarianceScaling).className;
  }

  /**
   * A new tensor of `shape` drawn from this initializer.
   *
   * @param shape - Weight shape.
   * @param rng - Generator used unless this initializer has its own `seed`.
   * @returns The initial value, owned by the caller.
   */
  init(shape: readonly number[], rng: Rng): Tensor {
    const { fanIn, fanOut } = computeFans(shape);
    const n = this.mode === 'fanIn' ? fanIn : this.mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
    const variance = this.scale / Math.max(1, n);
    const r = seededRng(this.seed, rng);
    if (this.distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      return randomUniform(shape, -limit, limit, r);
    }
    if (this.distribution === 'normal') return randomNormal(shape, 0, Math.sqrt(variance), r);
    return truncatedNormal(shape, 0, Math.sqrt(variance) / 0.87962566103423978, r);
  }

  /**
   * Options that rebuild this initializer.
   *
   * @returns A JSON-able object.
   */
  getConfig(): Record<string, unknown> {
    return {
      scale: this.scale,
      mode: this.mode,
      distribution: this.distribution,
      ...(this.seed !== undefined && { seed: this.seed }),
    };
  }
}

/** Preset of `VarianceScaling` whose config is only the seed. */
abstract class VarianceScalingPreset extends VarianceScaling {
  constructor(preset: Omit<VarianceScalingConfig, 'seed'>, config: { seed?: number }) {
    super({ ...preset, seed: config.seed });
  }
  override getConfig(): Record<string, unknown> {
    return this.seed !== undefined ? { seed: this.seed } : {};
  }
}

/** Uniform in ±sqrt(6 / (fanIn + fanOut)). The default kernel initializer. */
export class GlorotUniform extends VarianceScalingPreset {
  static override readonly className = 'GlorotUniform';
  constructor(config: { seed?: number } = {}) {
    super({ scale: 1, mode: 'fanAvg', distribution: 'uniform' }, config);
  }
}

/** Truncated normal with stddev sqrt(2 / (fanIn + fanOut)). */
export class GlorotNormal extends VarianceScalingPreset {
  static override readonly className = 'GlorotNormal';
  constructor(config: { seed?: number } = {}) {
    super({ scale: 1, mode: 'fanAvg', distribution: 'truncatedNormal' }, config);
  }
}

/** Uniform in ±sqrt(6 / fanIn). */
export class HeUniform extends VarianceScalingPreset {
  static override readonly className = 'HeUniform';
  constructor(config: { seed?: number } = {}) {
    super({ scale: 2, mode: 'fanIn', distribution: 'uniform' }, config);
  }
}

/** Truncated normal with stddev sqrt(2 / fanIn). */
export class HeNormal extends VarianceScalingPreset {
  static override readonly className = 'HeNormal';
  constructor(config: { seed?: number } = {}) {
    super({ scale: 2, mode: 'fanIn', distribution: 'truncatedNormal' }, config);
  }
}

/** Truncated normal with stddev sqrt(1 / fanIn). */
export class LecunNormal extends VarianceScalingPreset {
  static override readonly className = 'LecunNormal';
  constructor(config: { seed?: number } = {}) {
    super({ scale: 1, mode: 'fanIn', distribution: 'truncatedNormal' }, config);
  }
}

/** Uniform in ±sqrt(3 / fanIn). */
export class LecunUniform extends VarianceScalingPreset {
  static override readonly className = 'LecunUniform';
  constructor(config: { seed?: number } = {}) {
    super({ scale: 1, mode: 'fanIn', distribution: 'uniform' }, config);
  }
}

/** Every built-in initializer class; `initializerRegistry` is filled from this list. */
export const BUILTIN_INITIALIZERS = [
  Zeros,
  Ones,
  Constant,
  RandomUniform,
  RandomNormal,
  TruncatedNormal,
  VarianceScaling,
  GlorotUniform,
  GlorotNormal,
  HeUniform,
  HeNormal,
  LecunNormal,
  LecunUniform,
] as const;

/** Initializer classes by class name (`GlorotUniform`, ...). */
export const initializerRegistry = new ClassRegistry<Initializer>('initializer');
for (const cls of BUILTIN_INITIALIZERS) initializerRegistry.register(cls.className, cls);

/** Registers a custom initializer class so configs naming it can be deserialised. */
// biome-ignore lint/suspicious/noExplicitAny: each class takes its own option type
export function registerInitializer(cls: { className: string } & (new (config: any) => Initializer)): void {
  initializerRegistry.register(cls.className, cls);
}

/** `glorot_uniform` / `glorotUniform` / `GlorotUniform` → `GlorotUniform`. */
function classNameOf(name: string): string {
  const camel = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return camel.length === 0 ? camel : camel[0].toUpperCase() + camel.slice(1);
}

function unknown(name: string): ConfigError {
  return new ConfigError(
    `Unknown initializer '${name.slice(0, 100)}'. Known: ${initializerRegistry.names().join(', ')}. Register a custom class with registerInitializer().`,
  );
}

/**
 * Resolves an initializer option: a name in any Keras spelling
 * (`'heNormal'`, `'he_normal'`, `'HeNormal'`), `{ className, config }`, or an
 * instance (returned as is).
 */
export function getInitializer(identifier: InitializerIdentifier): Initializer {
  if (typeof identifier === 'string') {
    const cls = classNameOf(identifier);
    if (!initializerRegistry.has(cls)) throw unknown(identifier);
    return initializerRegistry.deserialize({ className: cls, config: {} });
  }
  if (typeof identifier === 'object' && identifier !== null) {
    if (typeof (identifier as Initializer).init === 'function') return identifier as Initializer;
    const s = identifier as Serialized;
    if (typeof s.className === 'string') {
      const cls = classNameOf(s.className);
      if (!initializerRegistry.has(cls)) throw unknown(s.className);
      return initializerRegistry.deserialize({ className: cls, config: s.config ?? {} });
    }
  }
  throw new ConfigError(`Invalid initializer ${preview(identifier)}`);
}

/** `{ className, config }` of an initializer, for layer configs. */
export function serializeInitializer(init: Initializer): Serialized {
  return { className: init.className, config: init.getConfig() };
}
