/**
 * Class registry: maps `className` to a constructor so that any layer (or
 * initializer, regularizer, ...) can be rebuilt from `{ className, config }`.
 */
import { ConfigError, SerializationError } from '@convkit/core';
import type { Serialized } from './types';

type Ctor<T> = new (config: any) => T;

/** A named set of constructors, one per serialisable kind (layers, initializers, ...). */
export class ClassRegistry<T> {
  private readonly classes = new Map<string, Ctor<T>>();

  constructor(readonly kind: string) {}

  /** Registers `ctor` under `className` (overwrites silently, so user subclasses can replace built-ins). */
  register(className: string, ctor: Ctor<T>): void {
    this.classes.set(className, ctor);
  }

  has(className: string): boolean {
    return this.classes.has(className);
  }

  names(): string[] {
    return [...this.classes.keys()].sort();
  }

  /** Rebuilds an object from its serialised form. */
  deserialize(value: Serialized): T {
    if (typeof value !== 'object' || value === null || typeof value.className !== 'string') {
      throw new SerializationError(`Invalid ${this.kind} description: ${JSON.stringify(value)?.slice(0, 200)}`);
    }
    const ctor = this.classes.get(value.className);
    if (!ctor) {
      throw new SerializationError(
        `Unknown ${this.kind} class '${value.className}'. Known: ${this.names().join(', ')}. ` +
          `Register custom classes with register${this.kind[0].toUpperCase()}${this.kind.slice(1)}().`,
      );
    }
    return new ctor(value.config ?? {});
  }

  /** Looks up a constructor, throwing a `ConfigError` naming the known classes. */
  get(className: string): Ctor<T> {
    const ctor = this.classes.get(className);
    if (!ctor) throw new ConfigError(`Unknown ${this.kind} '${className}'. Known: ${this.names().join(', ')}`);
    return ctor;
  }
}
