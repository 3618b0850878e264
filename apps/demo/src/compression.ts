/**
 * The compression panel's worker side: applies one step at a time to a copy
 * of the trained model with @convkit/compress — magnitude pruning with a
 * short fine-tune, filter pruning with a short fine-tune, int8 post-training
 * quantization — and measures a report row after each (compress's
 * `measureModel`). `encodeCompressed` makes the `.ckz` download.
 */
import {
  type EncodeCompressedOptions,
  encodeCompressed,
  measureModel,
  pruneFilters,
  pruneOneShot,
  quantizeModel,
  type ReportRow,
} from '@convkit/compress';
import { dispose, type Tensor } from '@convkit/core';
import { type Callback, cloneModel, type LayersModel, sliceBatch } from '@convkit/layers';
import { Adam } from '@convkit/optim';
import type { CompressStep } from './protocol';
import type { TensorSet } from './trainer';

/** Images used to calibrate int8 activation ranges. */
const CALIBRATION = 256;
const FINE_TUNE_BATCH = 32;
const LATENCY_RUNS = 10;

/** The state of the panel: the model being compressed, how it is stored, and the report so far. */
export class Compressor {
  private current?: LayersModel;
  private encode: EncodeCompressedOptions = { weights: 'float32', sparse: 'auto', clustered: 'auto' };
  private quantized = false;
  readonly rows: ReportRow[] = [];

  constructor(
    private readonly train: TensorSet,
    private readonly test: TensorSet,
  ) {}

  /** Starts over from `trained` (copied; the original stays as it is) and measures it as the first row. */
  async reset(trained: LayersModel): Promise<ReportRow[]> {
    this.dispose();
    this.current = cloneModel(trained);
    this.encode = { weights: 'float32', sparse: 'auto', clustered: 'auto' };
    this.quantized = false;
    this.rows.length = 0;
    this.rows.push(await this.measure('float32 (trained)'));
    return this.rows;
  }

  /** Applies `step` and appends its report row. */
  async apply(step: CompressStep, trained: LayersModel): Promise<ReportRow[]> {
    if (step.kind === 'reset' || !this.current) {
      await this.reset(trained);
      if (step.kind === 'reset') return this.rows;
    }
    const model = this.current!;
    if (this.quantized && step.kind !== 'quantize')
      throw new Error('the model is already int8: reset the panel to prune again');
    if (step.kind === 'prune') {
      const pruner = await pruneOneShot(model, { sparsity: step.sparsity, scope: 'global' });
      await this.fineTune(model, step.fineTuneSteps, [pruner.callback()]);
      pruner.strip();
      const { overall } = await pruner.sparsity();
      this.rows.push(await this.measure(`pruned ${Math.round(overall * 100)}%`));
    } else if (step.kind === 'filters') {
      const result = await pruneFilters(model, { fraction: step.fraction, criterion: 'l1' });
      model.dispose();
      this.current = result.model;
      await this.fineTune(result.model, step.fineTuneSteps, []);
      this.rows.push(await this.measure(`filters −${Math.round(step.fraction * 100)}%`));
    } else if (step.kind === 'quantize') {
      if (this.quantized) throw new Error('the model is already int8');
      const calibration = sliceBatch(this.train.xs, 0, Math.min(CALIBRATION, this.train.digits.count));
      try {
        const q = await quantizeModel(model, { calibrationData: calibration });
        model.dispose();
        this.current = q.model;
        this.encode = { ...this.encode, weights: 'int8', int8Scales: q.int8Scales, metadata: { quantization: q.spec } };
        this.quantized = true;
      } finally {
        dispose(calibration);
      }
      this.rows.push(await this.measure('int8 PTQ'));
    }
    return this.rows;
  }

  /** The current model in convkit's compressed format (`.ckz`). */
  async ckz(): Promise<Uint8Array> {
    if (!this.current) throw new Error('run a compression step first');
    return encodeCompressed(this.current, this.encode);
  }

  /** The model being compressed, if any. */
  get model(): LayersModel | undefined {
    return this.current;
  }

  dispose(): void {
    if (this.current) {
      this.current.optimizer?.dispose();
      this.current.dispose();
    }
    this.current = undefined;
  }

  private measure(step: string, latency: 'as-is' | 'float-kernels' = 'as-is'): Promise<ReportRow> {
    return measureModel(step, this.current!, {
      testData: [this.test.xs, this.test.ys],
      size: this.encode,
      latencyRuns: LATENCY_RUNS,
      latency,
    });
  }

  /** A short fine-tune: `steps` batches of the training set, with a fresh optimizer. */
  private async fineTune(model: LayersModel, steps: number, callbacks: Callback[]): Promise<void> {
    // Zero steps: no fine-tune (pruneOneShot has already zeroed the pruned weights).
    if (steps <= 0) return;
    const n = Math.min(this.train.digits.count, steps * FINE_TUNE_BATCH);
    const start = Math.floor(Math.random() * (this.train.digits.count - n + 1));
    const xs: Tensor = sliceBatch(this.train.xs, start, n);
    const ys: Tensor = sliceBatch(this.train.ys, start, n);
    try {
      model.optimizer?.dispose();
      model.compile({
        optimizer: new Adam({ learningRate: 5e-4 }),
        loss: 'sparseCategoricalCrossentropy',
        metrics: ['accuracy'],
      });
      await model.fit(xs, ys, { epochs: 1, batchSize: FINE_TUNE_BATCH, callbacks });
    } finally {
      dispose([xs, ys]);
    }
  }
}
