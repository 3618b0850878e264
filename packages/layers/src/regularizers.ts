/**
 * Weight regularizers: L1, L2 and L1L2 penalties added to the training loss.
 * Registered in `regularizerRegistry`; a layer option may be a name (`'l2'`),
 * `{ className, config }` or an instance.
 */
import { ConfigError, ops, scalar, type Tensor, tidy } from '@convkit/core';
import { preview } from './engine/preview';
import { ClassRegistry } from './engine/registry';
import type { Regularizer, Serialized } from './engine/types';

/** What a `xxxRegularizer` option accepts. */
export type RegularizerIdentifier = string | Serialized | Regularizer;

function factor(cls: string, name: string, v: unknown, dflt: number): number {
  const x = v ?? dflt;
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
    throw new ConfigError(`${cls}: ${name} must be a finite number ≥ 0, got ${x}`);
  }
  return x;
}

/** `l1 · Σ|w| + l2 · Σw²`. */
export class L1L2 implements Regularizer {
  /** Registered class name. */
  static readonly className: string = 'L1L2';
  /** L1 factor. */
  readonly l1: number;
  /** L2 factor. */
  readonly l2: number;

  /**
   * @param config - `l1` and `l2` factors, each default 0.
   * @throws {ConfigError} when a factor is negative or not finite.
   */
  constructor(config: { l1?: number; l2?: number } = {}) {
    this.l1 = factor(this.className, 'l1', config.l1, 0);
    this.l2 = factor(this.className, 'l2', config.l2, 0);
  }

  /** The registered class name (`'L1L2'`, `'L1'` or `'L2'`). */
  get className(): string {
    return (this.constructor as typeof L1L2).className;
  }

  apply(weight: Tensor): Tensor {
    return tidy(() => {
      let total: Tensor = scalar(0);
      if (this.l1 > 0) total = ops.add(total, ops.mul(this.l1, ops.sum(ops.abs(weight))));
      if (this.l2 > 0) total = ops.add(total, ops.mul(this.l2, ops.sum(ops.square(weight))));
      return total;
    });
  }

  getConfig(): Record<string, unknown> {
    return { l1: this.l1, l2: this.l2 };
  }
}

/** `l1 · Σ|w|` (Keras default factor 0.01). */
export class L1 extends L1L2 {
  /** Registered class name. */
  static override readonly className = 'L1';
  /**
   * @param config - `l1` factor, default 0.01.
   * @throws {ConfigError} when the factor is negative or not finite.
   */
  constructor(config: { l1?: number } = {}) {
    super({ l1: config.l1 ?? 0.01, l2: 0 });
  }
  override getConfig(): Record<string, unknown> {
    return { l1: this.l1 };
  }
}

/**
 * `l2 · Σw²` (Keras default factor 0.01).
 *
 * @example
 * ```ts
 * import { Conv2D, L2 } from '@convkit/layers';
 *
 * const conv = new Conv2D({ filters: 32, kernelSize: 3, kernelRegularizer: new L2({ l2: 1e-4 }) });
 * ```
 */
export class L2 extends L1L2 {
  /** Registered class name. */
  static override readonly className = 'L2';
  /**
   * @param config - `l2` factor, default 0.01.
   * @throws {ConfigError} when the factor is negative or not finite.
   */
  constructor(config: { l2?: number } = {}) {
    super({ l1: 0, l2: config.l2 ?? 0.01 });
  }
  override getConfig(): Record<string, unknown> {
    return { l2: this.l2 };
  }
}

/** Regularizer classes by class name. */
export const regularizerRegistry = new ClassRegistry<Regularizer>('regularizer');
for (const cls of [L1L2, L1, L2]) regularizerRegistry.register(cls.className, cls);

/** Registers a custom regularizer class so configs naming it can be deserialised. */
// biome-ignore lint/suspicious/noExplicitAny: each class takes its own option type
export function registerRegularizer(cls: { className: string } & (new (config: any) => Regularizer)): void {
  regularizerRegistry.register(cls.className, cls);
}

/** Shorthand names (any case); a `Map`, so `'constructor'` and friends are unknown names. */
const BY_NAME = new Map<string, () => Regularizer>([
  ['l1', () => new L1()],
  ['l2', () => new L2()],
  ['l1l2', () => new L1L2({ l1: 0.01, l2: 0.01 })],
  ['l1_l2', () => new L1L2({ l1: 0.01, l2: 0.01 })],
]);

/**
 * Resolves a regularizer option: `'l1'`, `'l2'`, `'l1l2'` (factors 0.01),
 * `{ className, config }`, or an instance (returned as is).
 */
export function getRegularizer(identifier: RegularizerIdentifier): Regularizer {
  if (typeof identifier === 'string') {
    const make = BY_NAME.get(identifier.toLowerCase());
    if (make) return make();
    if (regularizerRegistry.has(identifier))
      return regularizerRegistry.deserialize({ className: identifier, config: {} });
    throw new ConfigError(
      `Unknown regularizer '${identifier}'. Known: l1, l2, l1l2, ${regularizerRegistry.names().join(', ')}`,
    );
  }
  if (typeof identifier === 'object' && identifier !== null) {
    if (typeof (identifier as Regularizer).apply === 'function') return identifier as Regularizer;
    const s = identifier as Serialized;
    if (typeof s.className === 'string') {
      const name = s.className === 'l1_l2' ? 'L1L2' : s.className;
      if (!regularizerRegistry.has(name)) {
        throw new ConfigError(`Unknown regularizer '${s.className}'. Known: ${regularizerRegistry.names().join(', ')}`);
      }
      return regularizerRegistry.deserialize({ className: name, config: s.config ?? {} });
    }
  }
  throw new ConfigError(`Invalid regularizer ${preview(identifier)}`);
}

/** `{ className, config }` of a regularizer, for layer configs. */
export function serializeRegularizer(reg: Regularizer): Serialized {
  return { className: reg.className, config: reg.getConfig() };
}
