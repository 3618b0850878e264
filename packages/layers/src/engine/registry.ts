/**
 * Class registry: maps `className` to a constructor so that any layer (or
 * initializer, regularizer, ...) can be rebuilt from `{ className, config }`.
 * Names are looked up in a `Map`, so only registered names resolve
 * (`'constructor'`, `'__proto__'` or `'toString'` are unknown like any other).
 */
import { ConfigError, SerializationError } from '@convkit/core';
import { preview } from './preview';
import type { Serialized } from './types';

// biome-ignore lint/suspicious/noExplicitAny: each class takes its own option type
type Ctor<T> = new (config: any) => T;

/** A named set of constructors, one per serialisable kind (layers, initializers, ...). */
export class ClassRegistry<T> {
  private readonly classes = new Map<string, Ctor<T>>();

  /** @param kind - What the registry holds, for messages (`'layer'`, `'initializer'`, ...). */
  constructor(
    /** What the registry holds, for messages. */
    readonly kind: string,
  ) {}

  /** Registers `ctor` under `className` (overwrites silently, so user subclasses can replace built-ins). */
  register(className: string, ctor: Ctor<T>): void {
    if (typeof className !== 'string' || className.length === 0) {
      throw new ConfigError(`Cannot register a ${this.kind} class without a name (static className)`);
    }
    if (typeof ctor !== 'function') throw new ConfigError(`Cannot register ${this.kind} '${className}': not a class`);
    this.classes.set(className, ctor);
  }

  /**
   * Whether a class is registered under `className`.
   *
   * @param className - A class name.
   * @returns True when registered.
   */
  has(className: string): boolean {
    return this.classes.has(className);
  }

  /**
   * The registered class names.
   *
   * @returns Names, sorted.
   */
  names(): string[] {
    return [...this.classes.keys()].sort();
  }

  /** Rebuilds an object from its serialised form. */
  deserialize(value: Serialized): T {
    if (typeof value !== 'object' || value === null || typeof value.className !== 'string') {
      throw new SerializationError(`Invalid ${this.kind} description: ${preview(value, 200)}`);
    }
    const ctor = this.classes.get(value.className);
    if (!ctor) {
      throw new SerializationError(
        `Unknown ${this.kind} class '${value.className.slice(0, 100)}'. Known: ${this.names().join(', ')}. ` +
          `Register custom classes with register${this.kind[0].toUpperCase()}${this.kind.slice(1)}().`,
      );
    }
    const config = value.config ?? {};
    if (typeof config !== 'object' || Array.isArray(config)) {
      throw new SerializationError(
        `${this.kind} '${value.className}': config must be an object, got ${preview(config)}`,
      );
    }
    return new ctor(config);
  }

  /** Looks up a constructor, throwing a `ConfigError` naming the known classes. */
  get(className: string): Ctor<T> {
    const ctor = typeof className === 'string' ? this.classes.get(className) : undefined;
    if (!ctor) {
      throw new ConfigError(`Unknown ${this.kind} ${preview(className, 100)}. Known: ${this.names().join(', ')}`);
    }
    return ctor;
  }
}
