/**
 * Node's file-system modules for the directory checkpoints (`saveFiles`,
 * `loadFiles`, `writeAtomically`, …), loaded on first use. This is the Node
 * build's version; the browser build (`exports` condition `browser`) uses
 * `node-fs.browser.ts`, whose functions reject with a `ConfigError`, so that
 * browser bundles contain no Node built-in.
 */

/** `node:fs/promises`. */
export const nodeFs = (): Promise<typeof import('node:fs/promises')> => import('node:fs/promises');
/** `node:path`. */
export const nodePath = (): Promise<typeof import('node:path')> => import('node:path');
/** `node:os`. */
export const nodeOs = (): Promise<typeof import('node:os')> => import('node:os');
/** `node:url`. */
export const nodeUrl = (): Promise<typeof import('node:url')> => import('node:url');
