/**
 * The browser build's stand-in for `node-fs.ts`: every function rejects with
 * a `ConfigError` saying what to use instead, and no Node built-in is
 * imported, so a browser bundle of @convkit/compress needs no polyfill.
 */
import { ConfigError } from '@convkit/core';

/** The message of the error every function here rejects with. */
export const NEEDS_NODE_MESSAGE =
  "Saving a compressed model to a file (or loading one from a file) needs Node: a path or file:// URL is a Node file-system location, and this is @convkit/compress' browser build. In a browser use encodeCompressed(model) for the bytes (download or store them yourself) and decodeCompressed(bytes) to read them back.";

function needsNode<T>(): Promise<T> {
  return Promise.reject(new ConfigError(NEEDS_NODE_MESSAGE));
}

/** Rejects: no `node:fs/promises` in a browser. */
export const nodeFs = (): Promise<typeof import('node:fs/promises')> => needsNode();
/** Rejects: no `node:url` in a browser. */
export const nodeUrl = (): Promise<typeof import('node:url')> => needsNode();
