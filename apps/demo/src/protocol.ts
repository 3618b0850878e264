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

/** What the visitor sets before training. */
export interface TrainConfig {
  model: ModelKind;
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
  | { type: 'summary'; model: ModelKind }
  | { type: 'train'; config: TrainConfig }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'predict'; pixels: Float32Array }
  | { type: 'compress'; step: CompressStep }
  | { type: 'download'; format: 'ckz' | 'layers' };

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
}
