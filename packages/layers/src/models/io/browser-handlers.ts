/**
 * Browser storage for models:
 * - `indexeddb://name`, convkit format: the artifacts stored as one record
 *   (key `name`) of the object store `convkit-models` in the database
 *   `convkit`; a single `put` in one transaction, so a save is all-or-nothing.
 * - `indexeddb://name`, TensorFlow.js format: the records TensorFlow.js
 *   itself reads and writes (database `tensorflowjs`, stores `models_store`
 *   and `model_info_store`, key `modelPath`), both put in one transaction,
 *   so `tf.loadLayersModel('indexeddb://name')` loads what convkit saved and
 *   `loadModel('indexeddb://name')` what TensorFlow.js saved.
 * - `downloads://name`: triggers downloads of `name.json` and
 *   `name.weights.bin` (the names TensorFlow.js uses too); read them back with
 *   `browserFiles(jsonFile, weightsFile)`.
 */
import { ConfigError, SerializationError } from '@convkit/core';
import type { ModelArtifacts, RawModelArtifacts } from './artifacts';
import type { TfjsArtifacts, TfjsMemoryArtifacts } from './tfjs-artifacts';

/** IndexedDB database holding convkit models. */
export const IDB_DATABASE = 'convkit';
/** Object store inside `IDB_DATABASE`; keys are model names. */
export const IDB_STORE = 'convkit-models';

function indexedDb(): IDBFactory {
  const idb = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!idb) throw new ConfigError('indexeddb:// needs IndexedDB, which this environment does not provide');
  return idb;
}

function convkitStore(db: IDBDatabase): void {
  if (!db.objectStoreNames.contains(IDB_STORE)) db.createObjectStore(IDB_STORE);
}

function openDb(name = IDB_DATABASE, upgrade: (db: IDBDatabase) => void = convkitStore): Promise<IDBDatabase> {
  const factory = indexedDb();
  return new Promise((resolve, reject) => {
    const req = factory.open(name, 1);
    req.onupgradeneeded = () => {
      upgrade(req.result);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () =>
      reject(new SerializationError(`Cannot open IndexedDB '${name}': ${req.error?.message}`, { cause: req.error }));
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

/** TensorFlow.js's IndexedDB database and stores (tfjs-core `io/indexed_db`). */
export const TFJS_IDB_DATABASE = 'tensorflowjs';
const TFJS_MODEL_STORE = 'models_store';
const TFJS_INFO_STORE = 'model_info_store';

function openTfjsDb(): Promise<IDBDatabase> {
  return openDb(TFJS_IDB_DATABASE, (db) => {
    for (const store of [TFJS_MODEL_STORE, TFJS_INFO_STORE]) {
      if (!db.objectStoreNames.contains(store)) db.createObjectStore(store, { keyPath: 'modelPath' });
    }
  });
}

/** Runs `fill` in one transaction over `stores`, resolving when it commits. */
function transact(db: IDBDatabase, stores: string[], what: string, fill: (tx: IDBTransaction) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const tx = db.transaction(stores, 'readwrite');
    const fail = () => reject(new SerializationError(`${what}: ${tx.error?.message}`, { cause: tx.error }));
    tx.oncomplete = () => resolve();
    tx.onerror = fail;
    tx.onabort = fail;
    fill(tx);
  });
}

/**
 * Stores a TensorFlow.js model under `name` where TensorFlow.js keeps its
 * `indexeddb://` models: the model record and its info record, in one
 * transaction (all-or-nothing).
 */
export async function saveTfjsIndexedDb(name: string, artifacts: TfjsArtifacts): Promise<void> {
  const { modelJson, weights } = artifacts;
  const weightSpecs = modelJson.weightsManifest.flatMap((g) => g.weights);
  const modelArtifacts = {
    modelTopology: modelJson.modelTopology,
    weightSpecs,
    weightData: weights,
    format: modelJson.format,
    generatedBy: modelJson.generatedBy,
    convertedBy: modelJson.convertedBy,
  };
  const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v)).byteLength;
  const modelArtifactsInfo = {
    dateSaved: new Date(),
    modelTopologyType: 'JSON',
    modelTopologyBytes: bytes(modelJson.modelTopology),
    weightSpecsBytes: bytes(weightSpecs),
    weightDataBytes: weights.byteLength,
  };
  const db = await openTfjsDb();
  try {
    await transact(db, [TFJS_INFO_STORE, TFJS_MODEL_STORE], `Cannot save model '${name}' to IndexedDB`, (tx) => {
      tx.objectStore(TFJS_INFO_STORE).put({ modelPath: name, modelArtifactsInfo });
      tx.objectStore(TFJS_MODEL_STORE).put({ modelPath: name, modelArtifacts, modelArtifactsInfo });
    });
  } finally {
    db.close();
  }
}

/**
 * Reads the TensorFlow.js model stored under `name` by TensorFlow.js's
 * `indexeddb://` (or by {@link saveTfjsIndexedDb}); `undefined` when there is none.
 */
export async function loadTfjsIndexedDb(name: string): Promise<TfjsMemoryArtifacts | undefined> {
  const db = await openTfjsDb();
  try {
    const record = await new Promise<unknown>((resolve, reject) => {
      const req = db.transaction(TFJS_MODEL_STORE, 'readonly').objectStore(TFJS_MODEL_STORE).get(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () =>
        reject(
          new SerializationError(`Cannot read model '${name}' from IndexedDB: ${req.error?.message}`, {
            cause: req.error,
          }),
        );
    });
    if (record === undefined) return undefined;
    const a =
      typeof record === 'object' && record !== null
        ? (record as { modelArtifacts?: unknown }).modelArtifacts
        : undefined;
    if (typeof a !== 'object' || a === null)
      throw new SerializationError(`IndexedDB record '${name}' in '${TFJS_IDB_DATABASE}' is not a TensorFlow.js model`);
    const { modelTopology, weightSpecs, weightData } = a as Record<string, unknown>;
    // tfjs ≥ 4.10 may hand a list of buffers to a handler, but stores them joined: accept both.
    const data = Array.isArray(weightData) ? joinBuffers(weightData, name) : weightData;
    return { modelTopology, weightSpecs, weightData: data as ArrayBuffer };
  } finally {
    db.close();
  }
}

function joinBuffers(parts: unknown[], name: string): ArrayBuffer {
  if (!parts.every((p) => p instanceof ArrayBuffer))
    throw new SerializationError(`IndexedDB record '${name}': weightData must hold ArrayBuffers`);
  const total = (parts as ArrayBuffer[]).reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts as ArrayBuffer[]) {
    out.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  return out.buffer;
}

/** Whether convkit's IndexedDB store holds a model named `name`. */
export async function hasIndexedDb(name: string): Promise<boolean> {
  const db = await openDb();
  try {
    return await new Promise<boolean>((resolve, reject) => {
      const req = db.transaction(IDB_STORE, 'readonly').objectStore(IDB_STORE).count(name);
      req.onsuccess = () => resolve(req.result > 0);
      req.onerror = () => reject(new SerializationError(`Cannot read IndexedDB: ${req.error?.message}`));
    });
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
  download(name, artifacts.modelJson, artifacts.weights);
}

/**
 * Downloads a TensorFlow.js model as TensorFlow.js's own `downloads://` does:
 * `name.json` (its weight manifest naming `./name.weights.bin`) and
 * `name.weights.bin`; `tf.loadLayersModel(tf.io.browserFiles([json, bin]))`
 * and convkit's `loadTfjsModel` read them.
 */
export async function saveTfjsDownloads(name: string, artifacts: TfjsArtifacts): Promise<void> {
  const modelJson = {
    ...artifacts.modelJson,
    weightsManifest: artifacts.modelJson.weightsManifest.map((g) => ({ ...g, paths: [`./${name}.weights.bin`] })),
  };
  download(name, modelJson, artifacts.weights);
}

function download(name: string, json: unknown, weights: ArrayBuffer): void {
  const doc = (globalThis as { document?: Document }).document;
  if (!doc) throw new ConfigError('downloads:// needs a browser document');
  const files: [string, Blob][] = [
    [`${name}.json`, new Blob([JSON.stringify(json)], { type: 'application/json' })],
    [`${name}.weights.bin`, new Blob([weights], { type: 'application/octet-stream' })],
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
