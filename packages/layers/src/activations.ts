/**
 * Activation functions by name. Layers accept `activation: 'relu'` (or an
 * `ActivationFn`) and serialise it back to its name. Every function frees its
 * intermediates and returns a new tensor the caller owns.
 */
import { ConfigError, ops, type Tensor, tidy } from '@convkit/core';
import { preview } from './engine/preview';
import type { ActivationFn } from './engine/types';

/** What an `activation` option accepts. */
export type ActivationIdentifier = string | ActivationFn;

/** Gives `fn` a stable `name` (minifiers rename function declarations). */
function named(name: string, fn: (x: Tensor) => Tensor): ActivationFn {
  const wrapped = (x: Tensor): Tensor => tidy(() => fn(x));
  Object.defineProperty(wrapped, 'name', { value: name });
  return wrapped as ActivationFn;
}

const SQRT1_2 = Math.SQRT1_2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** Softmax along `axis` (any axis; tfjs's kernel only handles the last). */
export function softmaxAlong(x: Tensor, axis = -1): Tensor {
  const ax = axis < 0 ? x.rank + axis : axis;
  if (ax === x.rank - 1) return ops.softmax(x);
  return tidy(() => {
    const e = ops.exp(ops.sub(x, ops.max(x, ax, true)));
    return ops.div(e, ops.sum(e, ax, true));
  });
}

/**
 * GELU, `x · Φ(x)`: the exact form `0.5·x·(1 + erf(x/√2))`, or with
 * `approximate` the tanh form `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`.
 */
export function gelu(x: Tensor, approximate = false): Tensor {
  return tidy(() => {
    const inner = approximate
      ? ops.tanh(ops.mul(SQRT_2_OVER_PI, ops.add(x, ops.mul(0.044715, ops.pow(x, 3)))))
      : ops.erf(ops.mul(x, SQRT1_2));
    return ops.mul(ops.mul(0.5, x), ops.add(1, inner));
  });
}

const relu = named('relu', (x) => ops.relu(x));
const relu6 = named('relu6', (x) => ops.relu6(x));
const leakyRelu = named('leakyRelu', (x) => ops.leakyRelu(x, 0.2));
const elu = named('elu', (x) => ops.elu(x));
const selu = named('selu', (x) => ops.selu(x));
const sigmoid = named('sigmoid', (x) => ops.sigmoid(x));
const hardSigmoid = named('hardSigmoid', (x) => ops.clipByValue(ops.add(ops.mul(0.2, x), 0.5), 0, 1));
const tanh = named('tanh', (x) => ops.tanh(x));
const softmax = named('softmax', (x) => softmaxAlong(x, -1));
const softplus = named('softplus', (x) => ops.softplus(x));
const softsign = named('softsign', (x) => ops.div(x, ops.add(1, ops.abs(x))));
const geluExact = named('gelu', (x) => gelu(x, false));
const geluApprox = named('geluApproximate', (x) => gelu(x, true));
const swish = named('swish', (x) => ops.mul(x, ops.sigmoid(x)));
const silu = named('silu', (x) => ops.mul(x, ops.sigmoid(x)));
const linear = named('linear', (x) => ops.add(x, 0));

const activations = new Map<string, ActivationFn>();
/** Other spellings; a `Map`, so only these keys resolve (not `'constructor'`). */
const ALIASES = new Map<string, string>([
  ['leaky_relu', 'leakyRelu'],
  ['leakyrelu', 'leakyRelu'],
  ['hard_sigmoid', 'hardSigmoid'],
  ['gelu_approximate', 'geluApproximate'],
  ['geluTanh', 'geluApproximate'],
  ['gelu_tanh', 'geluApproximate'],
]);
for (const fn of [
  relu,
  relu6,
  leakyRelu,
  elu,
  selu,
  sigmoid,
  hardSigmoid,
  tanh,
  softmax,
  softplus,
  softsign,
  geluExact,
  geluApprox,
  swish,
  silu,
  linear,
]) {
  activations.set(fn.name, fn);
}

/**
 * Registers a custom activation under `name` so that layers can refer to it
 * by name and configs that name it can be deserialised.
 */
export function registerActivation(name: string, fn: (x: Tensor) => Tensor): ActivationFn {
  if (typeof name !== 'string' || !name) throw new ConfigError('registerActivation: name must be a non-empty string');
  if (typeof fn !== 'function') throw new ConfigError(`registerActivation('${name}'): fn must be a function`);
  const act = named(name, fn);
  activations.set(name, act);
  return act;
}

/** Names of the registered activations. */
export function activationNames(): string[] {
  return [...activations.keys()].sort();
}

/**
 * Resolves an activation option: a registered name (`'relu'`, `'leaky_relu'`,
 * `'gelu'`, ...), an `ActivationFn` (returned as is), or `undefined`/`null`
 * for `linear`.
 */
export function getActivation(identifier?: ActivationIdentifier | null): ActivationFn {
  if (identifier === undefined || identifier === null) return linear;
  if (typeof identifier === 'function') return identifier;
  if (typeof identifier === 'string') {
    const fn = activations.get(ALIASES.get(identifier) ?? identifier);
    if (fn) return fn;
    throw new ConfigError(
      `Unknown activation '${identifier.slice(0, 100)}'. Known: ${activationNames().join(', ')}. Register a custom one with registerActivation(name, fn).`,
    );
  }
  throw new ConfigError(`Invalid activation ${preview(identifier)}`);
}

/**
 * The name tfjs's fused conv/matmul kernels take for `fn` ('relu' or 'linear'), when
 * `fn` is that built-in activation; null for every other activation.
 */
export function fusableActivation(fn: ActivationFn): 'relu' | 'linear' | null {
  if (fn === relu) return 'relu';
  if (fn === linear) return 'linear';
  return null;
}

/** The registered name of an activation, for layer configs. */
export function serializeActivation(fn: ActivationFn): string {
  if (activations.get(fn.name) === fn) return fn.name;
  throw new ConfigError(
    `Activation '${fn.name || '<anonymous>'}' is not registered; call registerActivation(name, fn) so it can be saved`,
  );
}
