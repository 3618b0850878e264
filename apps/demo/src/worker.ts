/**
 * The training worker: selects convkit's wasm backend (its kernels run on
 * threads when the page is cross-origin isolated) or, when asked and the
 * browser has WebGPU, the webgpu backend; loads the digits, trains, predicts
 * and compresses on request. See protocol.ts for the messages.
 */
import '@convkit/backend-wasm';
import { getThreadsCount } from '@convkit/backend-wasm';
import { getBackend, setBackend, setSeed } from '@convkit/core';
import { toArtifacts } from '@convkit/layers';
import { Compressor } from './compression';
import { fetchDigits, firstDigits } from './digits';
import { buildModel, buildTunedModel } from './models';
import type { BackendChoice, Download, InitInfo, Request, Response } from './protocol';
import { type TensorSet, Trainer, toTensors } from './trainer';
import { Tuner } from './tuner';

const post = (message: Response, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(message, transfer);

let trainer: Trainer | undefined;
let compressor: Compressor | undefined;
let tuner: Tuner | undefined;

/**
 * Activates `wanted`; for 'webgpu' without WebGPU in this browser, or without
 * an adapter, activates 'wasm' and says why.
 */
async function selectBackend(wanted: BackendChoice): Promise<{ adapter?: string; backendNote?: string }> {
  let backendNote: string | undefined;
  if (wanted === 'webgpu') {
    if (!(navigator as { gpu?: unknown }).gpu) {
      backendNote =
        'WebGPU is not available in this browser (no navigator.gpu): training on wasm instead. Chrome and Edge 113+ have it; Firefox and Safari behind a flag.';
    } else {
      try {
        // Loaded on demand: pages on wasm never download tfjs's WebGPU kernels.
        const { webgpuAdapterInfo } = await import('@convkit/backend-webgpu');
        await setBackend('webgpu');
        return { adapter: webgpuAdapterInfo()?.summary };
      } catch (err) {
        backendNote = `WebGPU could not start (${err instanceof Error ? err.message : String(err)}): training on wasm instead.`;
      }
    }
  }
  await setBackend('wasm');
  return { backendNote };
}

async function init(trainUrl: string, testUrl: string, backend: BackendChoice, heldout?: number): Promise<InitInfo> {
  const t0 = performance.now();
  const digits = Promise.all([fetchDigits(trainUrl), fetchDigits(testUrl)]);
  const selected = await selectBackend(backend);
  const backendMs = performance.now() - t0;
  setSeed(1);
  const [train, allTest] = await digits;
  const test = heldout === undefined ? allTest : firstDigits(allTest, heldout);
  const dataMs = performance.now() - t0;
  const trainSet: TensorSet = toTensors(train);
  const testSet: TensorSet = toTensors(test);
  trainer = new Trainer(trainSet, testSet, (m) => post(m));
  compressor = new Compressor(trainSet, testSet);
  tuner = new Tuner(train, test, (m) => post(m));
  return {
    backend: getBackend(),
    ...selected,
    threads: getBackend() === 'wasm' ? getThreadsCount() : 0,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    trainCount: train.count,
    testCount: test.count,
    timings: { backendMs, dataMs, totalMs: performance.now() - t0 },
  };
}

function ready(): { trainer: Trainer; compressor: Compressor; tuner: Tuner } {
  if (!trainer || !compressor || !tuner) throw new Error('the worker is still loading');
  return { trainer, compressor, tuner };
}

function idle(t: Trainer): void {
  if (t.busy) throw new Error('training is running: stop it first');
  if (tuner?.busy) throw new Error('a tune study is running: cancel it first');
}

async function handle(request: Request): Promise<[unknown, Transferable[]?]> {
  switch (request.type) {
    case 'init':
      return [await init(request.trainUrl, request.testUrl, request.backend, request.heldout)];
    case 'summary': {
      const model = request.architecture ? buildTunedModel(request.architecture) : buildModel(request.model);
      try {
        return [model.summaryData()];
      } finally {
        model.dispose();
      }
    }
    case 'train': {
      const { trainer: t, compressor: c, tuner: u } = ready();
      if (u.busy) throw new Error('a tune study is running: cancel it first');
      c.dispose();
      const result = await t.run(request.config);
      return [result];
    }
    case 'pause':
      ready().trainer.pause();
      return [undefined];
    case 'resume':
      ready().trainer.resume();
      return [undefined];
    case 'stop':
      ready().trainer.stop();
      return [undefined];
    case 'predict':
      return [await ready().trainer.predict(request.pixels)];
    case 'compress': {
      const { trainer: t, compressor: c } = ready();
      idle(t);
      return [await c.apply(request.step, t.requireModel())];
    }
    case 'tune': {
      const { trainer: t, tuner: u } = ready();
      if (t.busy) throw new Error('training is running: stop it first');
      return [await u.run(request.config)];
    }
    case 'tune-cancel':
      ready().tuner.cancel();
      return [undefined];
    case 'download': {
      const { trainer: t, compressor: c } = ready();
      idle(t);
      const model = c.model ?? t.requireModel();
      const name = `convkit-${model.name}`;
      if (request.format === 'ckz') {
        if (!c.model) await c.apply({ kind: 'reset' }, t.requireModel());
        const bytes = await c.ckz();
        const file: Download = { format: 'ckz', name: `${name}.ckz`, bytes };
        return [file, [bytes.buffer]];
      }
      const artifacts = await toArtifacts(model);
      const file: Download = { format: 'layers', name, modelJson: artifacts.modelJson, weights: artifacts.weights };
      return [file, [artifacts.weights]];
    }
  }
}

self.onmessage = async (e: MessageEvent<Request & { id: number }>) => {
  const { id } = e.data;
  try {
    const [value, transfer] = await handle(e.data);
    post({ type: 'done', id, value }, transfer);
  } catch (err) {
    post({ type: 'error', id, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
};
