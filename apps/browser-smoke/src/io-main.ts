/**
 * Page entry of the browser storage test (test/io.test.ts): saves a small
 * model to `indexeddb://` in convkit's format and in TensorFlow.js's, loads
 * both back, loads a record laid out as TensorFlow.js's own `indexeddb://`
 * writes it, and triggers the `downloads://` saves of both formats (the test
 * catches the downloads). Publishes the outcome on `window.__convkitIo`.
 */
import { SerializationError, setBackend, type Tensor, tensor } from '@convkit/core';
import { Conv2D, Dense, Flatten, type LayersModel, loadModel, Sequential } from '@convkit/layers';

/** What the page reports. */
export interface IoResult {
  /** The model's predictions on the fixed input. */
  want: number[];
  /** Predictions of each model loaded back, by what was loaded. */
  loaded: Record<string, number[]>;
  /** Object stores of TensorFlow.js's database after the tfjs-format save, and the keys of its model store. */
  tfjsStores: string[];
  tfjsKeys: string[];
  /** Keys of the record's `modelArtifacts`, as TensorFlow.js reads it. */
  tfjsArtifactKeys: string[];
  /** Whether loading a missing name failed with a `SerializationError`, and its message. */
  missing: { serializationError: boolean; message: string };
}

/** The value left on `window.__convkitIo`. */
export type IoReport = ({ status: 'done' } & IoResult) | { status: 'error'; error: string } | { status: 'running' };

declare global {
  interface Window {
    __convkitIo?: IoReport;
    /** Called by the test once it listens for downloads. */
    __convkitDownload?: () => Promise<void>;
  }
}

export const INPUT_SHAPE = [2, 5, 5, 1];
export const INPUT = Array.from({ length: 50 }, (_, i) => Math.sin(i));

async function predict(model: LayersModel): Promise<number[]> {
  const x = tensor(INPUT, INPUT_SHAPE);
  const y = model.predict(x) as Tensor;
  const v = Array.from(await y.data());
  x.dispose();
  y.dispose();
  return v;
}

function openDb(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run(): Promise<IoResult> {
  await setBackend('cpu');
  const model = new Sequential({
    layers: [
      new Conv2D({ filters: 2, kernelSize: 3, activation: 'relu', inputShape: [5, 5, 1], name: 'conv' }),
      new Flatten({ name: 'flat' }),
      new Dense({ units: 3, activation: 'softmax', name: 'head' }),
    ],
  });
  const want = await predict(model);
  const loaded: Record<string, number[]> = {};

  await model.save('indexeddb://convkit-io');
  await model.save('indexeddb://tfjs-io', { format: 'tfjs' });
  for (const name of ['convkit-io', 'tfjs-io']) {
    const back = await loadModel(`indexeddb://${name}`);
    loaded[name] = await predict(back);
    back.dispose();
  }

  // TensorFlow.js's own records, read raw.
  const db = await openDb('tensorflowjs');
  const tfjsStores = Array.from({ length: db.objectStoreNames.length }, (_, i) => db.objectStoreNames.item(i) ?? '');
  const store = db.transaction('models_store', 'readonly').objectStore('models_store');
  const tfjsKeys = (await request(store.getAllKeys())).map(String);
  const record = (await request(store.get('tfjs-io'))) as { modelArtifacts: Record<string, unknown> };
  const tfjsArtifactKeys = Object.keys(record.modelArtifacts).sort();
  // A record written the way tfjs-core's BrowserIndexedDB.save writes it: { modelPath, modelArtifacts, modelArtifactsInfo }.
  const tx = db.transaction('models_store', 'readwrite');
  const a = record.modelArtifacts;
  tx.objectStore('models_store').put({
    modelPath: 'written-by-tfjs',
    modelArtifacts: {
      modelTopology: a.modelTopology,
      weightSpecs: a.weightSpecs,
      weightData: a.weightData,
      format: 'layers-model',
      generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
      convertedBy: null,
    },
    modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' },
  });
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  const fromTfjs = await loadModel('indexeddb://written-by-tfjs');
  loaded['written-by-tfjs'] = await predict(fromTfjs);
  fromTfjs.dispose();

  const missing = await loadModel('indexeddb://no-such-model').then(
    () => ({ serializationError: false, message: 'loaded' }),
    (e: unknown) => ({ serializationError: e instanceof SerializationError, message: String((e as Error).message) }),
  );

  window.__convkitDownload = async () => {
    await model.save('downloads://dl-convkit');
    await model.save('downloads://dl-tfjs', { format: 'tfjs' });
  };
  return { want, loaded, tfjsStores, tfjsKeys, tfjsArtifactKeys, missing };
}

function publish(report: IoReport): void {
  window.__convkitIo = report;
  const el = document.getElementById('result');
  if (el) {
    el.dataset.status = report.status;
    el.textContent = JSON.stringify(report, null, 2);
  }
}

publish({ status: 'running' });
run().then(
  (result) => publish({ status: 'done', ...result }),
  (err: unknown) =>
    publish({
      status: 'error',
      error: err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err),
    }),
);
