/**
 * Messages between the page (main.ts) and the training worker (worker.ts).
 * Every request carries an `id`; the worker answers it with `done` or
 * `error` carrying the same `id`, and streams progress events in between.
 */
import type { ReportRow } from '@convkit/compress';
import type { ModelSummary } from '@convkit/layers';

/** Where the worker trains: convkit's wasm kernels, or the GPU through WebGPU. */
export type BackendChoice = 'wasm' | 'webgpu';

/** The two architectures to pick from. */
export type ModelKind = 'reference' | 'small';
/** Optimizers offered (all from `@convkit/optim`). */
export type OptimizerKind = 'adam' | 'sgd' | 'momentum' | 'rmsprop' | 'adamw' | 'adagrad' | 'adadelta';

/** A CNN found by the tune panel: the small CNN's shape with `filters` / `2·filters` conv filters and dropout. */
export interface TunedArchitecture {
  filters: number;
  dropout: number;
}

/** What the visitor sets before training. */
export interface TrainConfig {
  model: ModelKind;
  /** Train this tuned architecture instead of `model` ("use best" of the tune panel). */
  architecture?: TunedArchitecture;
  epochs: number;
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerKind;
}

/** A compression step of the panel. */
export type CompressStep =
  | { kind: 'prune'; sparsity: number; fineTuneSteps: number }
  | { kind: 'quantize' }
  | { kind: 'filters'; fraction: number; fineTuneSteps: number }
  | { kind: 'reset' };

/** Requests from the page. */
export type Request =
  | {
      type: 'init';
      trainUrl: string;
      testUrl: string;
      backend: BackendChoice;
      /** Evaluate on only the first this-many held-out digits (slow devices, software GPUs); all when absent. */
      heldout?: number;
    }
  | { type: 'summary'; model: ModelKind; architecture?: TunedArchitecture }
  | { type: 'train'; config: TrainConfig }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'predict'; pixels: Float32Array }
  | { type: 'compress'; step: CompressStep }
  | { type: 'download'; format: 'ckz' | 'layers' }
  | { type: 'tune'; config: TuneConfig }
  | { type: 'tune-cancel' };

/** The tune panel's study: TPE + ASHA over learning rate, filters and dropout, on a subset of the digits. */
export interface TuneConfig {
  /** Trials to run (2..30). */
  trials: number;
  /** Epochs per trial (1..5); ASHA (reduction factor 2) judges trials at the end of epochs 2, 3 and 5. */
  epochs: number;
  /** Training digits per trial: the first this-many of the training set (100..8000). */
  trainDigits: number;
  /** Held-out digits to score trials on: the first this-many (at most the held-out set). */
  valDigits: number;
  batchSize: number;
  seed: number;
}

/** One finished trial of the tune panel. */
export interface TuneTrialRow {
  number: number;
  params: { lr: number; filters: number; dropout: number };
  state: 'complete' | 'pruned' | 'failed';
  /** Held-out accuracy of the last epoch it ran. */
  valAccuracy: number | undefined;
  /** Epochs it trained before it finished or was pruned. */
  epochs: number;
}

/** Streamed after every finished trial: the row and the study's reports so far. */
export interface TuneTrialEvent {
  type: 'tune-trial';
  row: TuneTrialRow;
  /** `bestSoFar(trials, 'maximize')` of @convkit/tune. */
  bestSoFar: { number: number; value: number; best: number }[];
  /** `paramImportances(trials)` of @convkit/tune, most important first. */
  importances: Record<string, number>;
}

/** What `tune` resolves to. */
export interface TuneResult {
  cancelled: boolean;
  rows: TuneTrialRow[];
  /** The best complete trial, if any. */
  best?: TuneTrialRow;
}

/** What `init` resolves to. */
export interface InitInfo {
  backend: string;
  /** The GPU that 'webgpu' runs on, e.g. `'SwiftShader driver 5.0.0 (google, swiftshader)'`. */
  adapter?: string;
  /** Why the requested backend is not the one in use (no WebGPU in this browser, no adapter). */
  backendNote?: string;
  /** wasm threads; 0 on 'webgpu'. */
  threads: number;
  crossOriginIsolated: boolean;
  trainCount: number;
  testCount: number;
  /** Milliseconds from the worker's start of `init`: backend ready, digits downloaded, all done. */
  timings: { backendMs: number; dataMs: number; totalMs: number };
}

/** Held-out results after training. */
export interface Evaluation {
  accuracy: number;
  /** `confusion[truth][predicted]` counts over the held-out set. */
  confusion: number[][];
  /** The first held-out digits, with their predictions. */
  grid: DigitGrid;
  /** Up to 64 held-out digits the model got wrong. */
  mistakes: DigitGrid;
}

/** Digits for a grid: pixels (n × 784, 0..255), true and predicted labels. */
export interface DigitGrid {
  pixels: Uint8Array;
  labels: number[];
  predicted: number[];
}

/** What `train` resolves to. */
export interface TrainResult {
  stopped: boolean;
  epochs: number;
  evaluation: Evaluation;
}

/** A file for the page to download. */
export type Download =
  | { format: 'ckz'; name: string; bytes: Uint8Array }
  | { format: 'layers'; name: string; modelJson: unknown; weights: ArrayBuffer };

/** Streamed while training. */
export interface BatchEvent {
  type: 'batch';
  /** Steps done since training began (1-based). */
  step: number;
  totalSteps: number;
  epoch: number;
  loss: number;
  /** Running training accuracy of the epoch. */
  accuracy: number;
  imagesPerSecond: number;
  secondsLeft: number;
}

/** Streamed after each epoch. */
export interface EpochEvent {
  type: 'epoch';
  epoch: number;
  step: number;
  loss: number;
  accuracy: number;
  valLoss: number;
  valAccuracy: number;
}

/** Messages from the worker. */
export type Response =
  | { type: 'done'; id: number; value?: unknown }
  | { type: 'error'; id: number; message: string }
  | BatchEvent
  | EpochEvent
  | TuneTrialEvent
  | { type: 'log'; line: string };

/** Results by request type. */
export interface Results {
  init: InitInfo;
  summary: ModelSummary;
  train: TrainResult;
  pause: undefined;
  resume: undefined;
  stop: undefined;
  predict: number[];
  compress: ReportRow[];
  download: Download;
  tune: TuneResult;
  'tune-cancel': undefined;
}
