/**
 * Plain callback objects, the TensorFlow.js habit:
 * `fit(x, y, { callbacks: [{ onEpochEnd(epoch, logs) { ... } }] })`. Every
 * hook is optional and may be async; `fit` wraps each object in a `Callback`
 * and checks the list before training starts.
 */
import { ConfigError } from '@convkit/core';
import type { LayersModel } from '../layers-model';
import { Callback, type CallbackParams, type Logs } from './callback';

/**
 * A callback as a plain object (TensorFlow.js `CustomCallbackArgs`): any of
 * the hooks, each optional, sync or async. Hooks are called as methods of the
 * object (`this` is the object itself, so its own fields and methods work);
 * `fit` also sets `this.model` and `this.params` on it as it does on a
 * `Callback`, unless the object already defines them (then `setModel` /
 * `setParams`, when present, are called instead).
 */
export interface CallbackHooks {
  /** See {@link Callback.onTrainBegin}. */
  onTrainBegin?(logs?: Logs): void | Promise<void>;
  /** See {@link Callback.onTrainEnd}. */
  onTrainEnd?(logs?: Logs): void | Promise<void>;
  /** Called instead of `onTrainEnd` when `fit` rejects. */
  onTrainError?(error: unknown): void | Promise<void>;
  /** See {@link Callback.onEpochBegin}. */
  onEpochBegin?(epoch: number, logs?: Logs): void | Promise<void>;
  /** See {@link Callback.onEpochEnd}. */
  onEpochEnd?(epoch: number, logs?: Logs): void | Promise<void>;
  /** See {@link Callback.onBatchBegin}. */
  onBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  /** See {@link Callback.onBatchEnd}. */
  onBatchEnd?(batch: number, logs?: Logs): void | Promise<void>;
  /** Called with the model instead of setting `this.model` when defined. */
  setModel?(model: LayersModel): void;
  /** Called with the training parameters instead of setting `this.params` when defined. */
  setParams?(params: CallbackParams): void;
}

/** What `fit`'s `callbacks` option accepts: `Callback` instances and plain hook objects. */
export type CallbackLike = Callback | CallbackHooks;

const HOOKS = [
  'onTrainBegin',
  'onTrainEnd',
  'onTrainError',
  'onEpochBegin',
  'onEpochEnd',
  'onBatchBegin',
  'onBatchEnd',
] as const;
type Hook = (typeof HOOKS)[number];
type AnyHook = (this: unknown, ...args: unknown[]) => unknown;

/** A `Callback` that forwards every hook to a plain object. */
class HooksCallback extends Callback {
  /** Keys this wrapper set on the object (`model`, `params`), updated on every `fit`. */
  private readonly exposed = new Set<string>();

  constructor(private readonly target: CallbackHooks) {
    super();
  }

  override setModel(model: LayersModel): void {
    super.setModel(model);
    if (typeof this.target.setModel === 'function') this.target.setModel(model);
    else this.expose('model', model);
  }

  override setParams(params: CallbackParams): void {
    super.setParams(params);
    if (typeof this.target.setParams === 'function') this.target.setParams(params);
    else this.expose('params', params);
  }

  /** Sets `key` on the object unless the user defined it (a frozen object is left alone). */
  private expose(key: string, value: unknown): void {
    const owner = this.target as Record<string, unknown>;
    if (owner[key] === undefined || this.exposed.has(key)) {
      if (Reflect.set(owner, key, value)) this.exposed.add(key);
    }
  }
  private forward(hook: Hook, args: unknown[]): void | Promise<void> {
    const fn = (this.target as Record<Hook, AnyHook | undefined>)[hook];
    if (typeof fn === 'function') return fn.apply(this.target, args) as void | Promise<void>;
  }

  override onTrainBegin(logs?: Logs) {
    return this.forward('onTrainBegin', [logs]);
  }
  override onTrainEnd(logs?: Logs) {
    return this.forward('onTrainEnd', [logs]);
  }
  override onTrainError(error: unknown) {
    return this.forward('onTrainError', [error]);
  }
  override onEpochBegin(epoch: number, logs?: Logs) {
    return this.forward('onEpochBegin', [epoch, logs]);
  }
  override onEpochEnd(epoch: number, logs?: Logs) {
    return this.forward('onEpochEnd', [epoch, logs]);
  }
  override onBatchBegin(batch: number, logs?: Logs) {
    return this.forward('onBatchBegin', [batch, logs]);
  }
  override onBatchEnd(batch: number, logs?: Logs) {
    return this.forward('onBatchEnd', [batch, logs]);
  }
}

const HOOK_LIST = HOOKS.join(', ');

function describeEntry(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string '${v}'`;
  return `${typeof v} ${String(v)}`;
}

/**
 * `fit`'s `callbacks` option as `Callback` instances: instances pass through,
 * plain objects (and objects of other classes, e.g. a `Callback` from another
 * copy of this package) are wrapped. Throws a `ConfigError` naming the entry
 * for anything else: a value that is not an object, a class instead of an
 * instance, a hook that is not a function, or a misspelt hook name.
 */
export function toCallbacks(entries: unknown, context: string): Callback[] {
  if (entries === undefined || entries === null) return [];
  if (!Array.isArray(entries)) {
    throw new ConfigError(`${context}: callbacks must be an array of callbacks, received ${describeEntry(entries)}`);
  }
  return entries.map((entry, i) => {
    if (entry instanceof Callback) return entry;
    const where = `${context}: callbacks[${i}]`;
    if (typeof entry === 'function') {
      const proto = (entry as { prototype?: unknown }).prototype;
      const isClass = typeof proto === 'object' && proto !== null && HOOKS.some((h) => h in proto);
      if (isClass) {
        throw new ConfigError(
          `${where} is the class ${entry.name || '(anonymous)'}, not an instance: write new ${entry.name || 'MyCallback'}()`,
        );
      }
      if (!HOOKS.some((h) => h in entry)) {
        throw new ConfigError(
          `${where} is a function; a callback is an object with hooks, e.g. { onEpochEnd(epoch, logs) { … } } (hooks: ${HOOK_LIST})`,
        );
      }
    } else if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new ConfigError(
        `${where} is ${describeEntry(entry)}; a callback is a Callback instance or an object with hooks such as onEpochEnd(epoch, logs) (hooks: ${HOOK_LIST})`,
      );
    }
    const hooks = entry as Record<string, unknown>;
    for (const h of HOOKS) {
      if (hooks[h] !== undefined && typeof hooks[h] !== 'function') {
        throw new ConfigError(`${where}.${h} must be a function, received ${describeEntry(hooks[h])}`);
      }
    }
    for (const key of Object.keys(hooks)) {
      if (/^on[A-Z]/.test(key) && typeof hooks[key] === 'function' && !(HOOKS as readonly string[]).includes(key)) {
        throw new ConfigError(`${where} has a method '${key}', which is not a callback hook; hooks are ${HOOK_LIST}`);
      }
    }
    return new HooksCallback(entry as CallbackHooks);
  });
}
