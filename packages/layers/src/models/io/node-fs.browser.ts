/**
 * The browser build's stand-in for `node-fs.ts`: every function rejects with
 * a `ConfigError` saying what to use instead, and no Node built-in is
 * imported, so a browser bundle of @convkit/layers needs no polyfill.
 */
import { ConfigError } from '@convkit/core';

/** The message of the error every function here rejects with. */
export const NEEDS_NODE_MESSAGE =
  "Saving to a directory (or loading from one) needs Node: a path or file:// URL is a Node file-system location, and this is @convkit/layers' browser build. In a browser use saveModel(model, 'downloads://name') or 'indexeddb://name', loadModel('indexeddb://name') or loadModel(browserFiles(jsonFile, weightsFile)), or keep the artifacts (toArtifacts, a { save } / { load } handler).";

function needsNode<T>(): Promise<T> {
  return Promise.reject(new ConfigError(NEEDS_NODE_MESSAGE));
}

/** Rejects: no `node:fs/promises` in a browser. */
export const nodeFs = (): Promise<typeof import('node:fs/promises')> => needsNode();
/** Rejects: no `node:path` in a browser. */
export const nodePath = (): Promise<typeof import('node:path')> => needsNode();
/** Rejects: no `node:os` in a browser. */
export const nodeOs = (): Promise<typeof import('node:os')> => needsNode();
/** Rejects: no `node:url` in a browser. */
export const nodeUrl = (): Promise<typeof import('node:url')> => needsNode();
