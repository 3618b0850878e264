/**
 * The demo page: wires the controls, the charts, the results, the drawing
 * pad and the compression panel to the training worker, and keeps
 * `window.__demo` (state.ts) up to date.
 */
import './style.css';
import type { ReportRow } from '@convkit/compress';
import { WorkerClient } from './client';
import type { CompressStep, Download, TrainConfig, TunedArchitecture, TuneTrialRow } from './protocol';
import { backendFromQuery, configFromQuery, createStatus, heldoutFromQuery, queryFromConfig, setPhase } from './state';
import { TrainingCharts } from './ui/charts';
import { byId, duration, percent } from './ui/dom';
import { setupDrawing } from './ui/draw';
import { showReport } from './ui/report';
import { showResults } from './ui/results';
import { showSummary } from './ui/summary';
import { drawBestSoFar, drawImportances, formatLr, showTuneTrials } from './ui/tune';

const status = createStatus();
const backend = backendFromQuery(location.search);
const backendSelect = byId<HTMLSelectElement>('backend');
const hasWebGPU = Boolean((navigator as { gpu?: unknown }).gpu);
backendSelect.value = backend;
if (!hasWebGPU) {
  const option = backendSelect.querySelector<HTMLOptionElement>('option[value="webgpu"]');
  if (option) {
    option.disabled = true;
    option.textContent = 'webgpu (not in this browser)';
  }
}
// The backend is chosen when the worker starts: switching reloads the page with ?backend=.
backendSelect.addEventListener('change', () => {
  location.search = queryFromConfig(readConfig(), backendSelect.value === 'webgpu' ? 'webgpu' : 'wasm');
});
const form = byId<HTMLFormElement>('controls');
const startButton = byId<HTMLButtonElement>('start');
const pauseButton = byId<HTMLButtonElement>('pause');
const stopButton = byId<HTMLButtonElement>('stop');
const progress = byId('progress');
const charts = new TrainingCharts(byId('chart-loss'), byId('chart-accuracy'));
const pad = byId<HTMLCanvasElement>('pad');
const stepButtons = [...document.querySelectorAll<HTMLButtonElement>('#compress [data-step]')];
const downloadButtons = [byId<HTMLButtonElement>('download-ckz'), byId<HTMLButtonElement>('download-layers')];

function fail(where: string, err: unknown): void {
  const message = `${where}: ${err instanceof Error ? err.message : String(err)}`;
  status.errors.push(message);
  const box = document.createElement('p');
  box.className = 'error';
  box.textContent = message;
  document.querySelector('main')?.prepend(box);
}

const client = new WorkerClient(new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }), {
  batch(e) {
    status.step = e.step;
    charts.loss.train(e.step, e.loss);
    charts.accuracy.train(e.step, e.accuracy);
    progress.textContent =
      `Epoch ${e.epoch + 1} · step ${e.step} / ${e.totalSteps} · loss ${e.loss.toFixed(3)} · ` +
      `${Math.round(e.imagesPerSecond)} img/s · ${duration(e.secondsLeft)} left`;
  },
  epoch(e) {
    status.epochsDone = e.epoch;
    status.valAccuracy = e.valAccuracy;
    status.firstEpochMs ??= performance.now();
    charts.loss.heldOut(e.step, e.valLoss);
    charts.accuracy.heldOut(e.step, e.valAccuracy);
  },
  tuneTrial(e) {
    status.tune.rows.push(e.row);
    status.tune.bestSoFar = e.bestSoFar.map(({ number, best }) => ({ number, best }));
    status.tune.importances = e.importances;
    const best = status.tune.rows
      .filter((r) => r.state === 'complete')
      .reduce<TuneTrialRow | undefined>(
        (b, r) => (b && (b.valAccuracy ?? 0) >= (r.valAccuracy ?? 0) ? b : r),
        undefined,
      );
    showTuneTrials(status.tune.rows, best);
    drawBestSoFar(e.bestSoFar, tuneTrialCount);
    drawImportances(e.importances);
    byId('tune-status').textContent =
      `Trial ${e.row.number + 1} of ${tuneTrialCount} finished${best ? ` · best so far ${percent(best.valAccuracy ?? 0)} (trial #${best.number})` : ''}`;
  },
});

// ---- controls and URL state ----

function readConfig(): TrainConfig {
  const data = new FormData(form);
  return configFromQuery(
    `?${new URLSearchParams({
      model: String(data.get('model')),
      epochs: String(data.get('epochs')),
      batch: String(data.get('batch')),
      lr: String(data.get('lr')),
      opt: String(data.get('opt')),
    })}`,
  );
}

function writeConfig(config: TrainConfig): void {
  const set = (name: string, value: string) => {
    (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value = value;
  };
  set('model', config.model);
  set('epochs', String(config.epochs));
  set('batch', String(config.batchSize));
  set('lr', String(config.learningRate));
  set('opt', config.optimizer);
}

let shownModel: string | undefined;
async function refreshSummary(config: Pick<TrainConfig, 'model' | 'architecture'>): Promise<void> {
  const key = config.architecture ? JSON.stringify(config.architecture) : config.model;
  if (key === shownModel) return;
  shownModel = key;
  showSummary(await client.call({ type: 'summary', model: config.model, architecture: config.architecture }));
}

writeConfig(configFromQuery(location.search));
form.addEventListener('change', () => {
  const config = readConfig();
  history.replaceState(null, '', `${location.pathname}${queryFromConfig(config, backend)}${location.hash}`);
  refreshSummary(config).catch((e) => fail('summary', e));
});
form.addEventListener('submit', (e) => e.preventDefault());

// ---- training ----

function setTrainingControls(running: boolean): void {
  startButton.disabled = running;
  backendSelect.disabled = running;
  pauseButton.disabled = !running;
  stopButton.disabled = !running;
  for (const field of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select'))
    field.disabled = running;
  for (const b of [...stepButtons, ...downloadButtons]) b.disabled = running || !trained;
  tuneStart.disabled = running;
  tuneUseBest.disabled = running || !status.tune.best;
}

let trained = false;
startButton.addEventListener('click', () => void train(readConfig()));

/** Trains `config` as the demo's model (Start, or "use best" of the tune panel). */
async function train(config: TrainConfig): Promise<void> {
  status.architecture = config.architecture;
  refreshSummary(config).catch((e) => fail('summary', e));
  setPhase(status, 'training');
  status.step = 0;
  status.epochsDone = 0;
  status.evaluation = undefined;
  status.compress = { busy: false, rows: [] };
  showReport([]);
  charts.clear();
  pauseButton.textContent = 'Pause';
  trained = false;
  pad.dataset.enabled = 'false';
  setTrainingControls(true);
  progress.textContent = 'Starting…';
  try {
    const result = await client.call({ type: 'train', config });
    trained = true;
    status.evaluation = {
      accuracy: result.evaluation.accuracy,
      labels: result.evaluation.grid.labels,
      predicted: result.evaluation.grid.predicted,
    };
    showResults(result.evaluation);
    progress.textContent += result.stopped ? ' · stopped' : ' · done';
    pad.dataset.enabled = 'true';
    byId('pad-hint').textContent = 'Draw a digit: the probabilities update as you draw.';
    setPhase(status, 'trained');
  } catch (e) {
    fail('training', e);
    setPhase(status, 'error');
  } finally {
    setTrainingControls(false);
  }
}

pauseButton.addEventListener('click', async () => {
  const paused = status.phase === 'paused';
  await client.call({ type: paused ? 'resume' : 'pause' });
  setPhase(status, paused ? 'training' : 'paused');
  pauseButton.textContent = paused ? 'Pause' : 'Resume';
});
stopButton.addEventListener('click', () => {
  client.call({ type: 'stop' }).catch((e) => fail('stop', e));
});

// ---- drawing pad ----

let predictions = 0;
setupDrawing(
  (pixels) => client.call({ type: 'predict', pixels }, [pixels.buffer]),
  (label, probabilities) => {
    status.prediction = { seq: ++predictions, label, probabilities };
  },
);

// ---- compression panel ----

for (const [input, output] of [
  ['sparsity', 'sparsity-value'],
  ['filters', 'filters-value'],
] as const) {
  const range = byId<HTMLInputElement>(input);
  const show = () => {
    byId(output).textContent = percent(Number(range.value), 0);
  };
  range.addEventListener('input', show);
  show();
}

async function compress(step: CompressStep): Promise<void> {
  status.compress.busy = true;
  status.compress.error = undefined;
  const compressStatus = byId('compress-status');
  compressStatus.textContent = step.kind === 'reset' ? 'Measuring the trained model…' : `Running ${step.kind}…`;
  for (const b of [...stepButtons, ...downloadButtons, startButton]) b.disabled = true;
  try {
    const rows: ReportRow[] = await client.call({ type: 'compress', step });
    status.compress.rows = rows;
    showReport(rows);
    compressStatus.textContent = '';
  } catch (e) {
    status.compress.error = e instanceof Error ? e.message : String(e);
    compressStatus.textContent = status.compress.error;
  } finally {
    status.compress.busy = false;
    for (const b of [...stepButtons, ...downloadButtons, startButton]) b.disabled = false;
  }
}

for (const button of stepButtons) {
  button.addEventListener('click', () => {
    const fineTuneSteps = Number(byId<HTMLInputElement>('finetune').value) || 0;
    const kind = button.dataset.step;
    const step: CompressStep =
      kind === 'prune'
        ? { kind, sparsity: Number(byId<HTMLInputElement>('sparsity').value), fineTuneSteps }
        : kind === 'filters'
          ? { kind, fraction: Number(byId<HTMLInputElement>('filters').value), fineTuneSteps }
          : kind === 'quantize'
            ? { kind }
            : { kind: 'reset' };
    void compress(step);
  });
}

function saveBlob(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function download(format: Download['format']): Promise<void> {
  try {
    const file = await client.call({ type: 'download', format });
    if (file.format === 'ckz') saveBlob(file.name, file.bytes);
    else {
      // Loaded on demand: the page itself needs no convkit package, only the worker does.
      const { saveDownloads } = await import('@convkit/layers');
      await saveDownloads(file.name, {
        modelJson: file.modelJson as Parameters<typeof saveDownloads>[1]['modelJson'],
        weights: file.weights,
      });
    }
  } catch (e) {
    fail('download', e);
  }
}
downloadButtons[0].addEventListener('click', () => void download('ckz'));
downloadButtons[1].addEventListener('click', () => void download('layers'));

// ---- tune panel ----

const tuneForm = byId<HTMLFormElement>('tune-controls');
const tuneStart = byId<HTMLButtonElement>('tune-start');
const tuneCancel = byId<HTMLButtonElement>('tune-cancel');
const tuneUseBest = byId<HTMLButtonElement>('tune-use-best');
let tuneTrialCount = 8;
let heldoutCount = 0;
tuneForm.addEventListener('submit', (e) => e.preventDefault());

function tuneNumber(name: string, min: number, max: number): number {
  const input = tuneForm.elements.namedItem(name) as HTMLInputElement;
  const n = Math.round(Number(input.value));
  const v = Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : min;
  input.value = String(v);
  return v;
}

function setTuneControls(running: boolean): void {
  tuneStart.disabled = running;
  tuneCancel.disabled = !running;
  tuneUseBest.disabled = running || !status.tune.best;
  startButton.disabled = running;
  for (const field of tuneForm.querySelectorAll('input')) field.disabled = running;
  for (const b of [...stepButtons, ...downloadButtons]) b.disabled = running || !trained;
}

tuneStart.addEventListener('click', async () => {
  tuneTrialCount = tuneNumber('trials', 2, 30);
  const config = {
    trials: tuneTrialCount,
    epochs: tuneNumber('epochs', 1, 5),
    trainDigits: tuneNumber('digits', 100, 8000),
    valDigits: Math.min(500, heldoutCount),
    batchSize: 32,
    seed: 1,
  };
  status.tune = { phase: 'running', rows: [], bestSoFar: [], importances: {} };
  showTuneTrials([]);
  drawBestSoFar([], tuneTrialCount);
  drawImportances({});
  byId('tune-status').textContent =
    `Running ${config.trials} trials of up to ${config.epochs} epochs on ${config.trainDigits} digits…`;
  setTuneControls(true);
  try {
    const result = await client.call({ type: 'tune', config });
    status.tune.best = result.best;
    status.tune.phase = result.cancelled ? 'cancelled' : 'done';
    showTuneTrials(result.rows, result.best);
    const pruned = result.rows.filter((r) => r.state === 'pruned').length;
    byId('tune-status').textContent =
      `${result.cancelled ? 'Cancelled' : 'Done'}: ${result.rows.length} trials, ${pruned} pruned` +
      (result.best
        ? ` · best: trial #${result.best.number}, learning rate ${formatLr(result.best.params.lr)}, ${result.best.params.filters} filters, dropout ${result.best.params.dropout.toFixed(2)} → ${percent(result.best.valAccuracy ?? 0)}`
        : ' · no trial completed');
  } catch (e) {
    status.tune.phase = 'error';
    status.tune.error = e instanceof Error ? e.message : String(e);
    byId('tune-status').textContent = status.tune.error;
  } finally {
    setTuneControls(false);
  }
});

tuneCancel.addEventListener('click', () => {
  client.call({ type: 'tune-cancel' }).catch((e) => fail('cancel', e));
});

tuneUseBest.addEventListener('click', () => {
  const best = status.tune.best;
  if (!best) return;
  const architecture: TunedArchitecture = { filters: best.params.filters, dropout: best.params.dropout };
  const config: TrainConfig = {
    ...readConfig(),
    model: 'small',
    optimizer: 'adam',
    learningRate: Number(best.params.lr.toPrecision(3)),
    architecture,
  };
  writeConfig(config);
  byId('training').scrollIntoView({ behavior: 'smooth' });
  void train(config);
});

// ---- start ----

async function start(): Promise<void> {
  const info = await client.call({
    type: 'init',
    trainUrl: new URL('data/mnist-train.bin', document.baseURI).href,
    testUrl: new URL('data/mnist-test.bin', document.baseURI).href,
    backend,
    heldout: heldoutFromQuery(location.search),
  });
  status.backend = info.backend;
  status.adapter = info.adapter;
  status.backendNote = info.backendNote;
  backendSelect.value = info.backend === 'webgpu' ? 'webgpu' : 'wasm';
  const note = byId('backend-note');
  note.textContent = info.backendNote ?? '';
  note.hidden = !info.backendNote;
  status.threads = info.threads;
  status.crossOriginIsolated = info.crossOriginIsolated;
  status.loading = { ...info.timings, readyAt: 0 };
  const runtime = byId('runtime');
  runtime.dataset.threads = String(info.threads);
  runtime.classList.toggle('single', info.threads === 1 || Boolean(info.backendNote));
  runtime.textContent =
    info.backend === 'webgpu'
      ? `Backend webgpu · ${info.adapter ?? 'an unnamed GPU'} · ${info.trainCount} training and ${info.testCount} held-out digits`
      : info.threads > 1
        ? `Backend ${info.backend} · ${info.threads} threads (the page is cross-origin isolated) · ${info.trainCount} training and ${info.testCount} held-out digits`
        : `Backend ${info.backend} · 1 thread — this page is not cross-origin isolated, so the wasm kernels cannot use threads (see the demo's README) · ${info.trainCount} training and ${info.testCount} held-out digits`;
  byId('heldout-count').textContent = `${info.testCount} held-out`;
  heldoutCount = info.testCount;
  tuneStart.disabled = false;
  await refreshSummary(readConfig());
  startButton.disabled = false;
  status.loading.readyAt = performance.now();
  setPhase(status, 'ready');
}

start().catch((e) => {
  fail('loading', e);
  setPhase(status, 'error');
});
