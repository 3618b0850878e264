/**
 * The whole compression pipeline on a trained model — optional structured
 * pruning, magnitude pruning with fine-tuning, weight clustering, then int8
 * (post-training or quantization-aware) or float16 — with a report row
 * measured after every step. The CLI's `convkit compress` and the quick start
 * run it.
 */
import { type BatchSource, ConfigError, type Optimizer, tensor } from '@convkit/core';
import { type Callback, cloneModel, type LayersModel } from '@convkit/layers';
import { clusterWeights } from './cluster';
import { type EvalData, logitsDifference } from './evaluate';
import { roundToFloat16 } from './float16';
import type { EncodeCompressedOptions } from './format';
import { ConstantSparsity, PolynomialDecay, pruneLowMagnitude } from './pruning';
import { type CalibrationData, prepareQat, quantizeModel } from './quantize';
import { measureModel, type ReportRow } from './report';
import { pruneFilters } from './structured';

/** Options of `compressModel`. */
export interface PipelineOptions {
  /** Training data for fine-tuning, one fresh pass per call (e.g. `() => train.shuffle(n).batch(64)`). */
  trainData: () => BatchSource;
  /** Held-out data for every report row. */
  testData: EvalData;
  /** A sample of inputs for activation calibration and for the logits difference (a few hundred images). */
  calibrationData: CalibrationData;
  /** A fresh optimizer for each fine-tuning stage. */
  optimizer: () => Optimizer;
  /**
   * The loss the model was trained with. Default `'sparseCategoricalCrossentropy'`.
   *
   * @defaultValue `'sparseCategoricalCrossentropy'`
   */
  loss?: string;
  /** Structured pruning: remove this fraction of every hidden Conv2D's filters, then fine-tune. */
  structured?: {
    /** Fraction of filters removed from each hidden Conv2D, in (0, 1). */
    fraction: number;
    /**
     * Filter score. Default `'l1'`.
     *
     * @defaultValue `'l1'`
     */
    criterion?: 'l1' | 'l2';
    /** Fine-tuning epochs afterwards. */
    epochs?: number;
  };
  /**
   * Magnitude pruning to `sparsity` (polynomial schedule over the first half of `epochs`, then held),
   * with one global magnitude threshold over all kernels unless `scope: 'layer'`.
   */
  prune?: {
    /** Target fraction of zero kernel weights, in [0, 1). */
    sparsity: number;
    /** Fine-tuning epochs while pruning. */
    epochs?: number;
    /**
     * One threshold over all kernels (`'global'`, the default here) or per kernel (`'layer'`).
     *
     * @defaultValue `'global'`
     */
    scope?: 'layer' | 'global';
    /** N:M block sparsity instead of unstructured, e.g. `[2, 4]`. */
    blockSparsity?: [number, number];
  };
  /** Weight clustering with `clusters` centroids per kernel, then fine-tuning. */
  cluster?: {
    /** Centroids per kernel. */
    clusters: number;
    /** Fine-tuning epochs afterwards. */
    epochs?: number;
  };
  /**
   * Final numeric format. Default `'int8'`.
   *
   * @defaultValue `'int8'`
   */
  quantize?: 'int8' | 'float16' | 'none';
  /** With int8: epochs of quantization-aware training instead of post-training quantization (0 = PTQ). */
  qatEpochs?: number;
  /**
   * Timed repetitions for latencies. Default 20.
   *
   * @defaultValue `20`
   */
  latencyRuns?: number;
  /** Progress lines. */
  log?: (line: string) => void;
  /** Extra callbacks for every fine-tuning `fit` (e.g. a progress bar). */
  callbacks?: () => Callback[];
}

/** What `compressModel` returns. */
export interface PipelineResult {
  /** One row per step, the original model first. */
  rows: ReportRow[];
  /** The final compressed model (the caller disposes it). */
  model: LayersModel;
  /** How to store the final model with `saveCompressed` / `encodeCompressed`. */
  encodeOptions: EncodeCompressedOptions;
}

/**
 * Runs the pipeline on a copy of `model` (the original is untouched) and
 * reports each step. Fine-tuning uses `options.trainData` and a fresh
 * `options.optimizer()` per stage.
 *
 * @param model - A trained model (left unchanged).
 * @param options - Data, optimizer factory and the steps to run (`structured`, `prune`, `cluster`, `quantize`, ...).
 * @returns The report rows, the final model and the options to save it with.
 * @throws {ConfigError} for invalid options.
 * @example
 * ```ts
 * import { compressModel, formatReport } from '@convkit/compress';
 * import { Adam } from '@convkit/optim';
 *
 * const { rows, model: small, encodeOptions } = await compressModel(model, {
 *   trainData: () => train.batch(128),
 *   testData: test.batch(512),
 *   calibrationData: calib,
 *   optimizer: () => new Adam({ learningRate: 1e-4 }),
 *   prune: { sparsity: 0.8, epochs: 2 },
 *   quantize: 'int8',
 * });
 * console.log(formatReport(rows));
 * ```
 */
export async function compressModel(model: LayersModel, options: PipelineOptions): Promise<PipelineResult> {
  const log = options.log ?? (() => {});
  const loss = options.loss ?? 'sparseCategoricalCrossentropy';
  const measure = (
    step: string,
    m: LayersModel,
    size: EncodeCompressedOptions,
    extra?: Record<string, number | string>,
    latency: 'as-is' | 'float-kernels' = 'as-is',
  ) => measureModel(step, m, { testData: options.testData, size, latencyRuns: options.latencyRuns, extra, latency });
  const fit = async (m: LayersModel, epochs: number, callbacks: Callback[]) => {
    // Each stage gets a fresh optimizer; the previous stage's state is freed (`current` is always our own copy).
    m.optimizer?.dispose();
    m.compile({ optimizer: options.optimizer(), loss, metrics: ['accuracy'] });
    await m.fit(options.trainData(), { epochs, callbacks: [...callbacks, ...(options.callbacks?.() ?? [])] });
  };
  const rows: ReportRow[] = [];
  log('measuring the original model');
  rows.push(await measure('original', model, { weights: 'float32', sparse: false, clustered: false }));

  let current = cloneModel(model);
  const size: EncodeCompressedOptions = { weights: 'float32', sparse: 'auto', clustered: 'auto' };
  try {
    if (options.structured) {
      const { fraction, criterion = 'l1', epochs = 2 } = options.structured;
      log(
        `structured pruning: removing ${Math.round(fraction * 100)}% of the conv filters (${criterion}), fine-tuning ${epochs} epoch(s)`,
      );
      const convs = current.layers.filter((l) => l.className === 'Conv2D').map((l) => l.name);
      if (convs.length === 0) throw new ConfigError('compressModel: structured pruning needs Conv2D layers');
      const result = await pruneFilters(current, { fraction, criterion, layers: convs });
      current.dispose();
      current = result.model;
      if (epochs > 0) await fit(current, epochs, []);
      rows.push(await measure(`filters −${Math.round(fraction * 100)}%`, current, size));
    }
    if (options.prune) {
      const { sparsity, epochs = 2, scope = 'global', blockSparsity } = options.prune;
      if (!Number.isInteger(epochs) || epochs < 1) throw new ConfigError('compressModel: prune.epochs must be ≥ 1');
      const steps = epochs * (options.trainData().batchCount ?? 0);
      const schedule =
        steps >= 4
          ? new PolynomialDecay({
              initialSparsity: 0,
              finalSparsity: sparsity,
              beginStep: 0,
              endStep: Math.max(1, Math.floor(steps / 2)),
              frequency: Math.max(1, Math.floor(steps / 20)),
            })
          : new ConstantSparsity({ targetSparsity: sparsity, frequency: 1 });
      log(`magnitude pruning to ${Math.round(sparsity * 100)}% sparsity over ${epochs} epoch(s) of fine-tuning`);
      const pruner = pruneLowMagnitude(current, { schedule, scope, blockSparsity });
      await fit(current, epochs, [pruner.callback()]);
      pruner.strip();
      rows.push(await measure(`pruned ${Math.round(pruner.sparsity().overall * 100)}%`, current, size));
    }
    if (options.cluster) {
      const { clusters, epochs = 1 } = options.cluster;
      log(`clustering every kernel into ${clusters} values, fine-tuning ${epochs} epoch(s)`);
      const clusterer = await clusterWeights(current, { clusters });
      if (epochs > 0) await fit(current, epochs, [clusterer.callback()]);
      clusterer.strip();
      rows.push(await measure(`clustered k=${clusters}`, current, size));
    }
    const quantize = options.quantize ?? 'int8';
    if (quantize === 'int8') {
      const qatEpochs = options.qatEpochs ?? 0;
      const x = Array.isArray(options.calibrationData) ? options.calibrationData[0] : options.calibrationData;
      let q: Awaited<ReturnType<typeof quantizeModel>>;
      if (qatEpochs > 0) {
        log(`quantization-aware training for ${qatEpochs} epoch(s)`);
        const qat = await prepareQat(current, { calibrationData: options.calibrationData });
        await fit(current, qatEpochs, []);
        q = await qat.finalize();
      } else {
        log('int8 post-training quantization (calibrating activations)');
        q = await quantizeModel(current, { calibrationData: options.calibrationData });
      }
      const diff = 'shape' in x ? await logitsDifference(current, q.model, x) : undefined;
      current.dispose();
      current = q.model;
      size.weights = 'int8';
      size.int8Scales = q.int8Scales;
      size.metadata = { quantization: q.spec };
      rows.push(
        await measure(
          qatEpochs > 0 ? 'int8 QAT' : 'int8 PTQ',
          current,
          size,
          diff && { 'max |Δlogit|': diff.max, 'mean |Δlogit|': diff.mean },
          'float-kernels',
        ),
      );
    } else if (quantize === 'float16') {
      log('float16 weights');
      const weights = current.weights;
      const values = await Promise.all(weights.map((w) => w.variable.data() as Promise<Float32Array>));
      for (const [i, w] of weights.entries()) {
        const t = tensor(roundToFloat16(values[i]), w.shape, 'float32');
        w.write(t);
        t.dispose();
      }
      size.weights = 'float16';
      rows.push(await measure('float16', current, size));
    }
    return { rows, model: current, encodeOptions: size };
  } catch (e) {
    current.dispose();
    throw e;
  }
}
