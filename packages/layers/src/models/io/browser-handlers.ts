/**
 * Browser storage for convkit checkpoints:
 * - `indexeddb://name`: the artifacts stored as one record (key `name`) of
 *   the object store `convkit-models` in the database `convkit`; a single
 *   `put` in one transaction, so a save is all-or-nothing.
 * - `downloads://name`: triggers downloads of `name.json` and
 *   `name.weights.bin`; read them back with `browserFiles(jsonFile, weightsFile)`.
 */
import { ConfigError, SerializationError } from '@convkit/core';
import type { ModelArtifacts, RawModelArtifacts } from './artifacts';

/** IndexedDB database holding convkit models. */
export const IDB_DATABASE = 'convkit';
/** Object store inside `IDB_DATABASE`; keys are model names. */
export const IDB_STORE = 'convkit-models';

function indexedDb(): IDBFactory {
  const idb = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!idb) throw new ConfigError('indexeddb:// needs IndexedDB, which this environment does not provide');
  return idb;
}

function openDb(): Promise<IDBDatabase> {
  const factory = indexedDb();
  return new Promise((resolve, reject) => {
    const req = factory.open(IDB_DATABASE, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(IDB_STORE)) req.result.createObjectStore(IDB_STORE);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () =>
      reject(
        new SerializationError(`Cannot open IndexedDB '${IDB_DATABASE}': ${req.error?.message}`, { cause: req.error }),
      );
  });
}

/** Stores `artifacts` under `name` in IndexedDB (one atomic transaction). */
export async function saveIndexedDb(name: string, artifacts: ModelArtifacts): Promise<void> {
  const db = await openDb();
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(IDB_STORE, 'readwrite');
      tx.objectStore(IDB_STORE).put({ modelJson: artifacts.modelJson, weights: artifacts.weights }, name);
      tx.oncomplete = () => resolve();
      const fail = () =>
        reject(
          new SerializationError(`Cannot save model '${name}' to IndexedDB: ${tx.error?.message}`, { cause: tx.error }),
        );
      tx.onerror = fail;
      tx.onabort = fail;
    });
  } finally {
    db.close();
  }
}

/** Reads the artifacts stored under `name` in IndexedDB. */
export async function loadIndexedDb(name: string): Promise<RawModelArtifacts> {
  const db = await openDb();
  try {
    const record = await new Promise<unknown>((resolve, reject) => {
      const tx = db.transaction(IDB_STORE, 'readonly');
      const req = tx.objectStore(IDB_STORE).get(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () =>
        reject(
          new SerializationError(`Cannot read model '${name}' from IndexedDB: ${req.error?.message}`, {
            cause: req.error,
          }),
        );
    });
    if (record === undefined) throw new SerializationError(`No model '${name}' in IndexedDB store '${IDB_STORE}'`);
    if (typeof record !== 'object' || record === null)
      throw new SerializationError(`IndexedDB record '${name}' is not a convkit model`);
    return record as RawModelArtifacts;
  } finally {
    db.close();
  }
}

/** A `File`'s name, or `fallback` for a plain Blob. */
function fileName(blob: Blob, fallback: string): string {
  const name = (blob as { name?: unknown }).name;
  return typeof name === 'string' && name.length > 0 ? name : fallback;
}

/** Triggers browser downloads of `name.json` and `name.weights.bin` via `<a download>` and Blob URLs. */
export async function saveDownloads(name: string, artifacts: ModelArtifacts): Promise<void> {
  const doc = (globalThis as { document?: Document }).document;
  if (!doc) throw new ConfigError('downloads:// needs a browser document');
  const files: [string, Blob][] = [
    [`${name}.json`, new Blob([JSON.stringify(artifacts.modelJson)], { type: 'application/json' })],
    [`${name}.weights.bin`, new Blob([artifacts.weights], { type: 'application/octet-stream' })],
  ];
  for (const [fileName, blob] of files) {
    const url = URL.createObjectURL(blob);
    const a = doc.createElement('a');
    a.href = url;
    a.download = fileName;
    a.style.display = 'none';
    doc.body?.appendChild(a);
    a.click();
    a.remove();
    // Revoke later: the download may start asynchronously.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

/**
 * A load handler reading a checkpoint from two user-picked files (e.g. from
 * `<input type="file" multiple>`): the `.json` and the `.weights.bin` saved
 * by `downloads://`.
 */
export function browserFiles(
  jsonFile: Blob,
  weightsFile: Blob,
): {
  /** Reads both files. */
  load: () => Promise<RawModelArtifacts>;
} {
  return {
    load: async () => ({
      modelJson: await jsonFile.text(),
      weights: await weightsFile.arrayBuffer(),
      sources: { modelJson: fileName(jsonFile, 'model.json'), weights: fileName(weightsFile, 'weights.bin') },
    }),
  };
}
