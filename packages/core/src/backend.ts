/**
 * Backend selection. The cpu backend ships with core; `wasm` and `webgpu`
 * come from `@convkit/backend-wasm` and `@convkit/backend-webgpu`, which
 * register themselves here when imported (like onnxruntime's backends), so
 * layers and compress never name a backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import './engine';
import { BackendError } from './errors';

/** Names of the backends convkit knows about; others may be registered by plugins. */
export type BackendName = 'cpu' | 'wasm' | 'webgpu' | (string & {});

/** What a backend package hands to `registerBackendProvider`. */
export interface BackendProvider {
  /** The name users pass to `setBackend`. */
  name: BackendName;
  /** The npm package that provides it, used in error messages. */
  packageName: string;
  /** Prepares the backend (loads `.wasm`, spawns workers, ...) and registers it with the engine. */
  initialize(): Promise<void>;
  /** Kernel names this backend implements natively, for `supportedKernels`. */
  kernels?(): readonly string[];
}

const providers = new Map<string, BackendProvider>();
const initialized = new Set<string>(['cpu']);

const PACKAGE_OF: Record<string, string> = {
  wasm: '@convkit/backend-wasm',
  webgpu: '@convkit/backend-webgpu',
};

/**
 * Registers a backend so that {@link setBackend} can select it. Called by
 * backend packages (`@convkit/backend-wasm`, ...) when they are imported; a
 * later registration under the same name replaces the earlier one.
 *
 * @param provider - The backend's name, package and initialiser.
 */
export function registerBackendProvider(provider: BackendProvider): void {
  providers.set(provider.name, provider);
}

/**
 * Backends that can be selected right now (registered or built in).
 *
 * @returns `'cpu'` first, then every registered backend name.
 */
export function availableBackends(): BackendName[] {
  return ['cpu', ...[...providers.keys()].filter((n) => n !== 'cpu')];
}

/**
 * Selects the backend that runs every op from now on, initialising it on first
 * use (loading `.wasm`, spawning workers, ...).
 *
 * @param name - `'cpu'` (built in) or a backend registered by its package, e.g. `'wasm'`.
 * @returns Resolves once the backend is active and ready.
 * @throws {BackendError} when the backend is not installed/registered (the
 *   message names the package to install), when its initialisation fails, or
 *   when the engine refuses to activate it.
 *
 * @example
 * ```ts
 * import { getBackend, setBackend } from '@convkit/core';
 * import '@convkit/backend-wasm'; // registers 'wasm'
 *
 * await setBackend('wasm');
 * console.log(getBackend()); // 'wasm'
 * ```
 */
export async function setBackend(name: BackendName): Promise<void> {
  if (typeof name !== 'string' || (name !== 'cpu' && !providers.has(name) && !hasTfFactory(name))) {
    const pkg = Object.hasOwn(PACKAGE_OF, name) ? PACKAGE_OF[name] : undefined;
    throw new BackendError(
      pkg
        ? `Backend '${name}' is not installed. Install it with ${installCommand(pkg)} and import it once: \`import '${pkg}';\``
        : `Unknown backend '${name}'. Available: ${availableBackends().join(', ')}`,
    );
  }
  const provider = providers.get(name);
  if (provider && !initialized.has(name)) {
    try {
      await provider.initialize();
    } catch (err) {
      throw new BackendError(`Backend '${name}' (${provider.packageName}) failed to initialise: ${String(err)}`, {
        cause: err,
      });
    }
    initialized.add(name);
  }
  const ok = await tf.setBackend(name);
  if (!ok) throw new BackendError(`Backend '${name}' could not be activated`);
  await tf.ready();
}

/**
 * The commands that add `pkg` to a project with each common package manager,
 * for messages: "`npm install pkg` (or `pnpm add pkg`, `yarn add pkg`)".
 *
 * @param pkg - npm package name.
 * @returns The commands, each in backticks.
 */
export function installCommand(pkg: string): string {
  return `\`npm install ${pkg}\` (or \`pnpm add ${pkg}\`, \`yarn add ${pkg}\`)`;
}

let advised = false;

/** Whether the user turned the hint off (`CONVKIT_BACKEND_HINT=0`); `process` may not exist in a browser. */
function hintDisabled(): boolean {
  const env = typeof process === 'undefined' ? undefined : process.env;
  return env?.CONVKIT_BACKEND_HINT === '0';
}

/**
 * Says once per process, when training starts on the cpu backend, that the
 * wasm backend trains the same model much faster: how to switch when
 * `@convkit/backend-wasm` is already imported, how to install it otherwise.
 * Called by core's `variableGrads`; silent on every other backend and when
 * `CONVKIT_BACKEND_HINT=0`.
 *
 * @returns The message it printed, or `undefined` when it stayed silent.
 */
export function adviseFasterBackend(): string | undefined {
  if (advised || tf.getBackend() !== 'cpu') return undefined;
  advised = true;
  if (hintDisabled()) return undefined;
  const pkg = PACKAGE_OF.wasm;
  const message = providers.has('wasm')
    ? `convkit: training on the 'cpu' backend (plain JavaScript) although ${pkg} is imported: call \`await setBackend('wasm')\` before training; it trains the same model 10–1,000× faster.`
    : `convkit: training on the 'cpu' backend (plain JavaScript). ${pkg} trains the same model 10–1,000× faster: install it with ${installCommand(pkg)}, then \`import '${pkg}'\` and \`await setBackend('wasm')\`. (CONVKIT_BACKEND_HINT=0 silences this.)`;
  console.warn(message);
  return message;
}

/** Makes `adviseFasterBackend` speak again (for tests). @internal */
export function resetBackendAdvice(): void {
  advised = false;
}

/**
 * Whether tfjs has a factory for `name`, looked up as an own key: tfjs keeps
 * its factories in a plain object, where `findBackendFactory('constructor')`
 * would return `Object` and `setBackend('constructor')` break the engine.
 */
function hasTfFactory(name: string): boolean {
  return Object.hasOwn(tf.engine().registryFactory, name);
}

/**
 * Name of the active backend.
 *
 * @returns e.g. `'cpu'` or `'wasm'`.
 */
export function getBackend(): BackendName {
  return tf.getBackend();
}

/**
 * Waits for the active backend to finish initialising.
 *
 * @returns Resolves when the active backend is ready.
 */
export async function ready(): Promise<void> {
  await tf.ready();
}

/**
 * Kernel names registered for a backend, to check that it runs what a model needs.
 *
 * @param name - Backend to list; defaults to the active one.
 * @returns Sorted kernel names (e.g. `'Conv2D'`, `'FusedConv2D'`).
 */
export function supportedKernels(name: BackendName = tf.getBackend()): string[] {
  return tf
    .getKernelsForBackend(name)
    .map((k) => k.kernelName)
    .sort();
}
