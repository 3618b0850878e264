/**
 * core's registries (optimizer factories, backends) look names up as own
 * keys: names of Object.prototype members are unknown names, with a typed
 * error listing what is known, and never reach tfjs's plain-object registry.
 */
import {
  BackendError,
  ConfigError,
  createOptimizer,
  getBackend,
  registeredOptimizers,
  registerOptimizer,
  setBackend,
} from '@convkit/core';
import { describe, expect, it } from 'vitest';

const HOSTILE = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', '__lookupGetter__'];

describe.each(HOSTILE)("the name '%s'", (name) => {
  it('is an unknown optimizer (ConfigError)', () => {
    expect(() => createOptimizer(name)).toThrow(ConfigError);
    expect(() => createOptimizer(name)).toThrow(new RegExp(`Unknown optimizer '${name}'`));
  });

  it('is an unknown backend and leaves the active backend working', async () => {
    const error = await setBackend(name).catch((e) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error.message).toBe(`Unknown backend '${name}'. Available: cpu`);
    expect(getBackend()).toBe('cpu');
  });
});

describe('optimizer registry', () => {
  it('lists registered names and refuses bad registrations and non-string names', () => {
    const fake = () => ({}) as never;
    registerOptimizer('CoreRegistryTestOpt', fake);
    expect(registeredOptimizers()).toContain('coreregistrytestopt');
    expect(() => registerOptimizer('', fake)).toThrow(ConfigError);
    expect(() => registerOptimizer('x', 5 as never)).toThrow(ConfigError);
    expect(() => createOptimizer(7 as never)).toThrow(
      /Unknown optimizer of type number. Registered: .*coreregistrytestopt/,
    );
  });
});
