/**
 * The controls' state, kept in the URL's query string (TensorFlow Playground
 * style: a link reproduces the setup), and the `window.__demo` status object
 * that tests and curious visitors read instead of parsing the page's text.
 */
import type { ReportRow } from '@convkit/compress';
import type { BackendChoice, ModelKind, OptimizerKind, TrainConfig, TuneTrialRow } from './protocol';

export const MODELS: readonly ModelKind[] = ['reference', 'small'];
export const BACKENDS: readonly BackendChoice[] = ['wasm', 'webgpu'];
export const OPTIMIZERS: readonly OptimizerKind[] = [
  'adam',
  'sgd',
  'momentum',
  'rmsprop',
  'adamw',
  'adagrad',
  'adadelta',
];
export const BATCH_SIZES: readonly number[] = [16, 32, 64, 128];

/** The defaults: the reference CNN, one epoch of Adam. */
export const DEFAULT_CONFIG: TrainConfig = {
  model: 'reference',
  epochs: 1,
  batchSize: 32,
  learningRate: 0.001,
  optimizer: 'adam',
};

function pick<T>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.find((a) => String(a) === value) ?? fallback;
}

function number(value: string | null, min: number, max: number, fallback: number): number {
  const n = value === null ? Number.NaN : Number(value);
  return Number.isFinite(n) && n >= min && n <= max ? n : fallback;
}

/** The configuration in a query string; unknown or invalid values fall back to the defaults. */
export function configFromQuery(search: string): TrainConfig {
  const q = new URLSearchParams(search);
  return {
    model: pick(q.get('model'), MODELS, DEFAULT_CONFIG.model),
    epochs: Math.round(number(q.get('epochs'), 1, 50, DEFAULT_CONFIG.epochs)),
    batchSize: pick(q.get('batch'), BATCH_SIZES, DEFAULT_CONFIG.batchSize),
    learningRate: number(q.get('lr'), 1e-5, 10, DEFAULT_CONFIG.learningRate),
    optimizer: pick(q.get('opt'), OPTIMIZERS, DEFAULT_CONFIG.optimizer),
  };
}

/** The backend the URL asks for (`?backend=webgpu`); wasm by default. */
export function backendFromQuery(search: string): BackendChoice {
  return pick(new URLSearchParams(search).get('backend'), BACKENDS, 'wasm');
}

/**
 * `?heldout=N` (10..10000): evaluate on only the first N held-out digits, for
 * slow devices and software GPUs; `undefined` (all of them) otherwise.
 */
export function heldoutFromQuery(search: string): number | undefined {
  const v = new URLSearchParams(search).get('heldout');
  const n = v === null ? Number.NaN : Number(v);
  return Number.isInteger(n) && n >= 10 && n <= 10000 ? n : undefined;
}

/** The query string for `config` (and the backend), naming only what differs from the defaults. */

export function queryFromConfig(config: TrainConfig, backend: BackendChoice = 'wasm'): string {
  const q = new URLSearchParams();
  if (backend !== 'wasm') q.set('backend', backend);
  if (config.model !== DEFAULT_CONFIG.model) q.set('model', config.model);
  if (config.epochs !== DEFAULT_CONFIG.epochs) q.set('epochs', String(config.epochs));
  if (config.batchSize !== DEFAULT_CONFIG.batchSize) q.set('batch', String(config.batchSize));
  if (config.learningRate !== DEFAULT_CONFIG.learningRate) q.set('lr', String(config.learningRate));
  if (config.optimizer !== DEFAULT_CONFIG.optimizer) q.set('opt', config.optimizer);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The phases the page goes through. */
export type Phase = 'loading' | 'ready' | 'training' | 'paused' | 'trained' | 'error';

/** What `window.__demo` holds. */
export interface DemoStatus {
  phase: Phase;
  backend?: string;
  /** The WebGPU adapter, on 'webgpu'. */
  adapter?: string;
  /** Why the requested backend is not in use, when it is not. */
  backendNote?: string;
  /** Threads the wasm kernels run on (1 unless the page is cross-origin isolated). */
  threads?: number;
  crossOriginIsolated?: boolean;
  /** How long the worker took to get ready (see `InitInfo.timings`), and when the page was ready (`performance.now()`). */
  loading?: { backendMs: number; dataMs: number; totalMs: number; readyAt: number };
  /** Training steps done in the current run. */
  step: number;
  epochsDone: number;
  /** Held-out accuracy after the last finished epoch. */
  valAccuracy?: number;
  /** `performance.now()` when the first epoch of the page finished: ms since the page started loading. */
  firstEpochMs?: number;
  /** Held-out accuracy of the trained model and its first grid. */
  evaluation?: { accuracy: number; labels: number[]; predicted: number[] };
  /** The latest prediction for the drawing canvas; `seq` counts predictions. */
  prediction?: { seq: number; label: number; probabilities: number[] };
  /** The compression panel. */
  compress: { busy: boolean; rows: ReportRow[]; error?: string };
  /** The tune panel: its phase, one row per finished trial, the best trial, the latest importances. */
  tune: {
    phase: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
    rows: TuneTrialRow[];
    best?: TuneTrialRow;
    bestSoFar: { number: number; best: number }[];
    importances: Record<string, number>;
    error?: string;
  };
  /** The tuned architecture the current model was trained with ("use best"), if any. */
  architecture?: { filters: number; dropout: number };
  /** Errors shown to the visitor. */
  errors: string[];
}

declare global {
  interface Window {
    __demo: DemoStatus;
  }
}

/** Creates `window.__demo` and returns it. */
export function createStatus(): DemoStatus {
  const status: DemoStatus = {
    phase: 'loading',
    step: 0,
    epochsDone: 0,
    compress: { busy: false, rows: [] },
    tune: { phase: 'idle', rows: [], bestSoFar: [], importances: {} },
    errors: [],
  };
  window.__demo = status;
  return status;
}

/** Sets the phase on the status and on `<body data-phase>`. */
export function setPhase(status: DemoStatus, phase: Phase): void {
  status.phase = phase;
  document.body.dataset.phase = phase;
}
