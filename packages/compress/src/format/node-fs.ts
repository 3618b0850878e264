/**
 * Node's modules for `.ckz` files (`saveCompressed`, `loadCompressed`, …),
 * loaded on first use. This is the Node build's version; the browser build
 * (`exports` condition `browser`) uses `node-fs.browser.ts`, whose functions
 * reject with a `ConfigError`, so that browser bundles contain no Node built-in.
 */

/** `node:fs/promises`. */
export const nodeFs = (): Promise<typeof import('node:fs/promises')> => import('node:fs/promises');
/** `node:url`. */
export const nodeUrl = (): Promise<typeof import('node:url')> => import('node:url');
