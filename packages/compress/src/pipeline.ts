/**
 * The whole compression pipeline on a trained model — optional structured
 * pruning, magnitude pruning with fine-tuning (and a random-pruning baseline
 * beside it), weight clustering, then 2–8-bit integer weights (post-training
 * or quantization-aware, one row per requested width) or float16 — with a
 * report row measured after every step. The CLI's `convkit compress` and the
 * quick start run it.
 */
import { type BatchSource, ConfigError, type Optimizer, tensor } from '@convkit/core';
import { type Callback, cloneModel, type LayersModel } from '@convkit/layers';
import { clusterWeights } from './cluster';
import { distill } from './distill';
import { type EvalData, logitsDifference } from './evaluate';
import { roundToFloat16 } from './float16';
import { type EncodeCompressedOptions, intStorage } from './format';
import { ConstantSparsity, PolynomialDecay, pruneLowMagnitude } from './pruning';
import { type CalibrationData, checkWeightBits, prepareQat, type QuantizedModel, quantizeModel } from './quantize';
import { pruneRandom } from './random-pruning';
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
  /**
   * Knowledge distillation first: `student` (a smaller, untrained model)
   * learns from the model being compressed (the teacher) for `epochs`, then
   * replaces it for every later step. Its row shows the student.
   */
  distill?: {
    /**
     * The student (a copy is trained; the model given is left unchanged), or a function that builds
     * one (called once). The pipeline compiles it with `optimizer()` and `loss`.
     */
    student: LayersModel | (() => LayersModel);
    /**
     * Training epochs of the student. Default 3.
     *
     * @defaultValue `3`
     */
    epochs?: number;
    /**
     * Softmax temperature. Default 4 (see `DistillOptions.temperature`).
     *
     * @defaultValue `4`
     */
    temperature?: number;
    /**
     * Weight of the hard-label loss. Default 0.1 (see `DistillOptions.alpha`).
     *
     * @defaultValue `0.1`
     */
    alpha?: number;
  };
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
    /**
     * Also prune a copy of the model at random to the same sparsity (seeded,
     * uniform over all kernels: `pruneRandom`), fine-tune it for the same
     * epochs and report it beside the magnitude row, as a baseline. The
     * pipeline continues with the magnitude-pruned model. `true` uses seed 0.
     *
     * @defaultValue `false`
     */
    randomBaseline?: boolean | { seed?: number };
  };
  /** Weight clustering with `clusters` centroids per kernel, then fine-tuning. */
  cluster?: {
    /** Centroids per kernel. */
    clusters: number;
    /** Fine-tuning epochs afterwards. */
    epochs?: number;
  };
  /**
   * Final numeric format: `'int8'` (default), `'float16'`, `'none'`, or
   * `{ bits }` for per-channel integer kernels of 2 to 8 bits (`'int8'` is
   * `{ bits: 8 }`). With a list (`{ bits: [8, 4, 2] }`) every width is
   * quantized from the same model and gets its own report row; the first
   * width is the one returned (and saved by the CLI).
   *
   * @defaultValue `'int8'`
   */
  quantize?: 'int8' | 'float16' | 'none' | QuantizeStep;
  /** With integer weights: epochs of quantization-aware training instead of post-training quantization (0 = PTQ), for each width. */
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

/** The integer-quantization step of `compressModel`. */
export interface QuantizeStep {
  /** Bits per kernel weight, 2..8, or several widths to compare (the first is kept). */
  bits: number | readonly number[];
}

/**
 * The code widths a `quantize` option asks for, checked, without repeats (empty for float16 / none).
 *
 * @param quantize - The pipeline's `quantize` option.
 * @returns The widths, in the order given.
 * @throws {ConfigError} for a width outside 2..8 or an empty list.
 */
export function quantizeWidths(quantize: PipelineOptions['quantize']): number[] {
  if (quantize === undefined || quantize === 'int8') return [8];
  if (quantize === 'float16' || quantize === 'none') return [];
  if (typeof quantize !== 'object' || quantize === null || !('bits' in quantize)) {
    throw new ConfigError(
      `compressModel: quantize must be 'int8', 'float16', 'none' or { bits }, got ${JSON.stringify(quantize)}`,
    );
  }
  const list = typeof quantize.bits === 'number' ? [quantize.bits] : [...quantize.bits];
  if (list.length === 0) throw new ConfigError('compressModel: quantize.bits is an empty list');
  for (const b of list) checkWeightBits(b, 'compressModel: quantize.bits');
  return [...new Set(list)];
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
  // Options are checked before any work.
  const widths = quantizeWidths(options.quantize);
  if (options.prune?.randomBaseline && options.prune.blockSparsity) {
    throw new ConfigError('compressModel: prune.randomBaseline compares unstructured pruning; drop blockSparsity');
  }
  const rows: ReportRow[] = [];
  log('measuring the original model');
  rows.push(await measure('original', model, { weights: 'float32', sparse: false, clustered: false }));

  let current = cloneModel(model);
  const size: EncodeCompressedOptions = { weights: 'float32', sparse: 'auto', clustered: 'auto' };
  try {
    if (options.distill) {
      const { epochs = 3, temperature, alpha } = options.distill;
      if (!Number.isInteger(epochs) || epochs < 1) throw new ConfigError('compressModel: distill.epochs must be ≥ 1');
      const s = options.distill.student;
      // A given model is left as it is: its copy is trained.
      const student = typeof s === 'function' ? s() : cloneModel(s);
      log(
        `distilling into a student of ${student.countParams().toLocaleString('en-US')} parameters for ${epochs} epoch(s)`,
      );
      try {
        student.compile({ optimizer: options.optimizer(), loss, metrics: ['accuracy'] });
        await distill({
          teacher: current,
          student,
          data: options.trainData,
          epochs,
          temperature,
          alpha,
          callbacks: options.callbacks?.(),
        });
      } catch (e) {
        student.dispose();
        throw e;
      }
      current.dispose();
      current = student;
      rows.push(await measure('distilled', current, size));
    }
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
      const { sparsity, epochs = 2, scope = 'global', blockSparsity, randomBaseline = false } = options.prune;
      if (!Number.isInteger(epochs) || epochs < 1) throw new ConfigError('compressModel: prune.epochs must be ≥ 1');
      let randomRow: ReportRow | undefined;
      if (randomBaseline) {
        const seed = typeof randomBaseline === 'object' ? (randomBaseline.seed ?? 0) : 0;
        log(
          `random pruning to ${Math.round(sparsity * 100)}% (seed ${seed}) as a baseline, ${epochs} epoch(s) of fine-tuning`,
        );
        const copy = cloneModel(current);
        try {
          const pruner = pruneRandom(copy, { sparsity, seed, scope });
          await fit(copy, epochs, [pruner.callback()]);
          pruner.strip();
          const { overall } = await pruner.sparsity();
          randomRow = await measure(`random ${Math.round(overall * 100)}%`, copy, size, { baseline: 'random' });
        } finally {
          copy.dispose();
        }
      }
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
      const { overall } = await pruner.sparsity();
      rows.push(await measure(`pruned ${Math.round(overall * 100)}%`, current, size));
      if (randomRow) rows.push(randomRow);
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
    if (widths.length > 0) {
      const qatEpochs = options.qatEpochs ?? 0;
      const x = Array.isArray(options.calibrationData) ? options.calibrationData[0] : options.calibrationData;
      let kept: { q: QuantizedModel; size: EncodeCompressedOptions } | undefined;
      try {
        for (const bits of widths) {
          let q: QuantizedModel;
          if (qatEpochs > 0) {
            log(`int${bits} quantization-aware training for ${qatEpochs} epoch(s)`);
            const copy = cloneModel(current);
            try {
              const qat = await prepareQat(copy, { calibrationData: options.calibrationData, bits });
              await fit(copy, qatEpochs, []);
              q = await qat.finalize();
            } finally {
              copy.dispose();
            }
          } else {
            log(`int${bits} post-training quantization (calibrating activations)`);
            q = await quantizeModel(current, { calibrationData: options.calibrationData, bits });
          }
          const qSize: EncodeCompressedOptions = {
            ...size,
            weights: intStorage(bits),
            int8Scales: q.int8Scales,
            metadata: { quantization: q.spec },
          };
          try {
            const diff = 'shape' in x ? await logitsDifference(current, q.model, x) : undefined;
            rows.push(
              await measure(
                `int${bits} ${qatEpochs > 0 ? 'QAT' : 'PTQ'}`,
                q.model,
                qSize,
                diff && { 'max |Δlogit|': diff.max, 'mean |Δlogit|': diff.mean },
              ),
            );
          } catch (e) {
            q.model.dispose();
            throw e;
          }
          if (kept === undefined) kept = { q, size: qSize };
          else q.model.dispose();
        }
      } catch (e) {
        kept?.q.model.dispose();
        throw e;
      }
      current.dispose();
      current = kept!.q.model;
      Object.assign(size, kept!.size);
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
