/** K-fold cross-validation of a model builder. */
import { ConfigError } from '@convkit/core';
import { type ArrayDataset, type ImageDataset, type ImageSample, kFold } from '@convkit/data';
import type { FitOptions, LayersModel, Logs } from '@convkit/layers';

/** A splittable dataset of labelled images (`ImageDataset`, or `Dataset.fromArray` of image samples). */
export type CrossValidationData = ImageDataset | ArrayDataset<ImageSample>;

/** Options of {@link crossValidate}. */
export interface CrossValidateOptions {
  /** Number of folds, 2..dataset size (default 5). */
  folds?: number;
  /** Epochs per fold (default 1). */
  epochs?: number;
  /** Batch size for training and evaluation (default 32). */
  batchSize?: number;
  /** The `evaluate` log that scores a fold: `'loss'` (default), `'accuracy'`, … */
  metric?: string;
  /** Seed of the fold assignment and of the shuffling (default 0). */
  seed?: number;
  /** Give each fold the class proportions of the whole (default `true`). */
  stratify?: boolean;
  /** One-hot encode labels into this many classes (for categorical cross-entropy); default: integer labels. */
  oneHot?: number;
  /** More `fit` options (callbacks, verbose, …); `epochs` and validation come from this function. */
  fitOptions?: Omit<FitOptions, 'epochs' | 'validationData' | 'validationSplit'>;
}

/** One fold's result. */
export interface FoldScore {
  /** 0-based fold index. */
  fold: number;
  /** The `metric` on the held-out fold. */
  score: number;
  /** Every `evaluate` log on the held-out fold. */
  metrics: Logs;
  /** Training and held-out sizes. */
  trainSize: number;
  validationSize: number;
}

/** What {@link crossValidate} returns. */
export interface CrossValidationResult {
  folds: FoldScore[];
  /** Mean of the fold scores. */
  mean: number;
  /** Population standard deviation of the fold scores (as `numpy.std`). */
  std: number;
}

function int(name: string, v: unknown, min: number): void {
  if (v !== undefined && (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min)) {
    throw new ConfigError(`crossValidate: ${name} must be an integer >= ${min}, got ${String(v)}`);
  }
}

/**
 * Trains one fresh model per fold (`data`'s `kFold` split) and scores it on the held-out fold.
 * `build(fold)` must return a new compiled model; it is disposed after its fold, so the number of live
 * tensors is the same before and after the call. Use inside an objective to tune on the mean score.
 *
 * @param build - Returns a new compiled model (may be async).
 * @param data - A splittable dataset of image samples.
 * @param options - Folds, epochs, batch size, metric, seed, stratify, oneHot, fitOptions.
 * @returns Per-fold scores, their mean and standard deviation.
 * @throws {ConfigError} on a bad option, a dataset that cannot be split, or a `metric` that
 *   `evaluate` does not report (the message lists those it does).
 *
 * @example
 * ```ts
 * import { crossValidate } from '@convkit/tune';
 *
 * await study.optimize(async (trial) => {
 *   const lr = trial.suggestFloat('lr', 1e-4, 1e-1, { log: true });
 *   const cv = await crossValidate(() => buildModel(lr), train, { folds: 3, epochs: 2, metric: 'accuracy' });
 *   trial.setUserAttr('folds', cv.folds.map((f) => f.score));
 *   return cv.mean;
 * }, { trials: 20 });
 * ```
 */
export async function crossValidate(
  build: (fold: number) => LayersModel | Promise<LayersModel>,
  data: CrossValidationData,
  options: CrossValidateOptions = {},
): Promise<CrossValidationResult> {
  if (typeof build !== 'function')
    throw new ConfigError('crossValidate: build must be a function that returns a compiled model');
  if (typeof options !== 'object' || options === null)
    throw new ConfigError('crossValidate: options must be an object');
  int('folds', options.folds, 2);
  int('epochs', options.epochs, 1);
  int('batchSize', options.batchSize, 1);
  int('oneHot', options.oneHot, 2);
  const k = options.folds ?? 5;
  const epochs = options.epochs ?? 1;
  const batchSize = options.batchSize ?? 32;
  const metric = options.metric ?? 'loss';
  const seed = options.seed ?? 0;
  const oneHot = options.oneHot !== undefined ? { oneHot: options.oneHot } : {};
  if (typeof metric !== 'string') throw new ConfigError('crossValidate: metric must be a string');
  const splits = kFold(data, k, { stratify: options.stratify ?? true, seed });
  const folds: FoldScore[] = [];
  for (let i = 0; i < splits.length; i++) {
    const { train, validation } = splits[i];
    const model = await build(i);
    if (typeof model?.fit !== 'function' || typeof model.evaluate !== 'function') {
      throw new ConfigError(`crossValidate: build(${i}) did not return a model`);
    }
    try {
      const source = (train as ImageDataset).shuffle(train.size, seed + i).batch(batchSize, oneHot);
      await model.fit(source, { ...(options.fitOptions ?? {}), epochs });
      const metrics = await model.evaluate((validation as ImageDataset).batch(batchSize, oneHot));
      const score = metrics[metric];
      if (typeof score !== 'number') {
        throw new ConfigError(
          `crossValidate: evaluate reports no ${JSON.stringify(metric)} (it reports ${Object.keys(metrics).join(', ')})`,
        );
      }
      folds.push({ fold: i, score, metrics, trainSize: train.size, validationSize: validation.size });
    } finally {
      model.dispose();
    }
  }
  const mean = folds.reduce((a, f) => a + f.score, 0) / folds.length;
  const std = Math.sqrt(folds.reduce((a, f) => a + (f.score - mean) ** 2, 0) / folds.length);
  return { folds, mean, std };
}
