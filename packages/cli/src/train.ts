/** `convkit train` and the quick start: train a preset on a dataset and report held-out results. */
import { dispose, getBackend, setSeed } from '@convkit/core';
import type { Dataset, ImageSample } from '@convkit/data';
import { type Callback, checkSaveTarget, type LayersModel, ProgressBar, saveModel } from '@convkit/layers';
import { Adam, cosineDecay } from '@convkit/optim';
import { adversarialTraining } from '@convkit/robust';
import { type AugmentName, augmentation } from './augment';
import { type CliBackend, useBackend } from './backends';
import { loadTrainTest } from './datasets';
import { getPreset } from './presets';
import { saveOrRescue } from './save-or-rescue';
import { formatDuration, formatTable, type Row } from './table';

/** What `train` needs to know. */
export interface TrainOptions {
  /** Model preset (`--model`), e.g. `'lenet'`. */
  model: string;
  /** Dataset (`--data`). */
  data: 'mnist' | 'fashion-mnist' | 'cifar10';
  /** Folder of the dataset's files (`--data-dir`), instead of the download cache. */
  dataDir?: string;
  /** Mirror to download the dataset from (`--data-url`). */
  dataUrl?: string;
  /** Training epochs (`--epochs`). */
  epochs: number;
  /** Images per training batch (`--batch-size`). */
  batchSize: number;
  /** Adam learning rate (`--lr`). */
  learningRate: number;
  /**
   * Learning-rate schedule over the run: cosine decay (default) or constant.
   *
   * @defaultValue `'cosine'`
   */
  schedule?: 'cosine' | 'constant';
  /** Training-time augmentation: none, random shifts of up to two pixels (four on cifar10), random left–right flips, or both. */
  augment?: AugmentName;
  /** Training images to use (`--train-count`). */
  trainCount?: number;
  /** Held-out images to use (`--test-count`). */
  testCount?: number;
  /** Tensor backend (`--backend`). */
  backend: CliBackend;
  /** Seed of the weights, shuffling, augmentation and the MNIST split (`--seed`). */
  seed: number;
  /** Where to save: a model directory (`train`) or a `.ckz` file (`compress`) (`--out`). */
  out?: string;
  /** No progress output (`--quiet`). */
  quiet: boolean;
  /** Adversarial training: none (default), PGD (Madry) or fast FGSM, at `eps[0]`. */
  adversarial?: 'none' | 'fgsm' | 'pgd';
  /** The training radius, as `[eps]` (the CLI's `--eps` list). */
  eps?: number[];
  /** PGD steps of adversarial training (default 7). */
  steps?: number;
  /** Step length of the training attack (default 2.5·eps/steps for PGD, 1.25·eps for FGSM). */
  stepSize?: number;
  /** Norm of the training ε-ball (default linf). */
  norm?: 'linf' | 'l2';
}

/** Figures of one training run, as printed in the result table. */
export interface TrainResult {
  /** The trained model (the caller disposes it). */
  model: LayersModel;
  /** Backend the run used. */
  backend: string;
  /** Training images. */
  trainSamples: number;
  /** Held-out images. */
  testSamples: number;
  /** Accuracy on the held-out images, in [0, 1]. */
  testAccuracy: number;
  /** Loss on the held-out images. */
  testLoss: number;
  /** Training throughput. */
  trainImagesPerSecond: number;
  /** Time spent in `fit`. */
  trainSeconds: number;
  /** Time of the whole run, loading and evaluation included. */
  wallSeconds: number;
  /** Where the data came from. */
  source: string;
}

export { useBackend } from './backends';

/**
 * Trains a preset model and evaluates it on the held-out set. With `out`, the
 * target is checked before training (a folder that is not a convkit
 * checkpoint, a file, the root, ... are refused at once) and the model saved
 * there after; when that save fails, the model is saved to a fresh folder in
 * the OS temp dir and the error says where (see `saveOrRescue`).
 *
 * @param options - Preset, data, epochs, batch size, learning rate, backend, seed, `out`, ...
 * @param log - Receives progress and result lines; default `console.log`.
 * @returns Resolves to the trained model and its figures.
 * @throws {ConfigError} for an unusable `out` or invalid options (before training).
 * @throws {DataFormatError} when the data cannot be used.
 * @throws {FileSystemError} when the save fails (the model is rescued to a temporary folder named in the message).
 *
 * @example
 * ```ts
 * import { train, trainReport } from '@convkit/cli';
 *
 * const result = await train({ model: 'small', data: 'mnist', epochs: 1, batchSize: 64, learningRate: 1e-3, backend: 'cpu', seed: 42, quiet: true });
 * console.log(trainReport(result, { model: 'small', epochs: 1 }));
 * result.model.dispose();
 * ```
 */
export async function train(options: TrainOptions, log: (line: string) => void = console.log): Promise<TrainResult> {
  const wallStart = performance.now();
  if (options.out) await checkSaveTarget(options.out);
  await useBackend(options.backend);
  setSeed(options.seed);
  const { train: trainSet, test: testSet, source } = await loadTrainTest(options);
  const [h, w, c] = trainSet.shape;
  const model = getPreset(options.model).build([h, w, c], trainSet.numClasses);
  model.compile({
    // Cosine decay to 5 % of the initial rate over the whole run: a few tenths
    // of a point of held-out accuracy over a constant rate at no cost.
    optimizer: new Adam({
      learningRate:
        options.schedule === 'constant'
          ? options.learningRate
          : cosineDecay({
              initialLearningRate: options.learningRate,
              decaySteps: options.epochs * Math.ceil(trainSet.size / options.batchSize),
              alpha: 0.05,
            }),
    }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  if (!options.quiet) {
    log(`convkit train: ${options.model} on ${source}, backend ${getBackend()}, seed ${options.seed}`);
    log(
      `${trainSet.size} training and ${testSet.size} held-out images, ${options.epochs} epoch(s), batch ${options.batchSize}`,
    );
  }
  const testData = testSet.toBatch();
  try {
    const callbacks: Callback[] = options.quiet ? [] : [new ProgressBar()];
    // The training set streams through the data pipeline: reshuffled every
    // epoch (seeded) and augmented as --augment says (see augment.ts);
    // batches are built lazily and freed by fit.
    let samples: Dataset<ImageSample> = trainSet.shuffle(trainSet.size);
    const augment = augmentation(options.augment, options.data);
    if (augment) samples = samples.map(augment);
    const method = options.adversarial ?? 'none';
    const batchTransform =
      method === 'none'
        ? undefined
        : adversarialTraining(model, {
            method,
            eps: options.eps?.[0] as number,
            steps: method === 'pgd' ? options.steps : undefined,
            stepSize: options.stepSize,
            norm: options.norm,
          });
    if (!options.quiet && method !== 'none') {
      log(
        `adversarial training: ${method === 'pgd' ? `PGD-${options.steps ?? 7}` : 'fast FGSM'} at eps ${options.eps?.[0]} (${options.norm ?? 'linf'})`,
      );
    }
    const t0 = performance.now();
    await model.fit(samples.batch(options.batchSize), { epochs: options.epochs, callbacks, batchTransform });
    const trainSeconds = (performance.now() - t0) / 1000;
    const evaluation = await model.evaluate(testData.xs, testData.ys, { batchSize: 256 });
    if (options.out) {
      await saveOrRescue(options.out, (dir) => saveModel(model, dir), 'the trained model', 'model', log);
    }
    return {
      model,
      backend: getBackend(),
      trainSamples: trainSet.size,
      testSamples: testSet.size,
      testAccuracy: evaluation.accuracy,
      testLoss: evaluation.loss,
      trainImagesPerSecond: (trainSet.size * options.epochs) / trainSeconds,
      trainSeconds,
      wallSeconds: (performance.now() - wallStart) / 1000,
      source,
    };
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    dispose([testData.xs, testData.ys]);
  }
}

/**
 * The result table of a training run. Without `out`, a last line says that the
 * model was not saved and how to save it (`notSavedNote: false` leaves it out,
 * for commands that save something else).
 *
 * @param r - The run's result.
 * @param options - The run's `model`, `epochs` and `out`.
 * @param notSavedNote - Add the "not saved" line when `out` is unset; default true.
 * @returns The table.
 */
export function trainReport(
  r: TrainResult,
  options: Pick<TrainOptions, 'model' | 'epochs' | 'out' | 'adversarial' | 'eps' | 'steps' | 'norm'>,
  notSavedNote = true,
): string {
  const rows: Row[] = [
    { metric: 'model', value: options.model },
    { metric: 'backend', value: r.backend },
    { metric: 'training images', value: String(r.trainSamples) },
    { metric: 'epochs', value: String(options.epochs) },
    ...(options.adversarial && options.adversarial !== 'none'
      ? [
          {
            metric: 'adversarial training',
            value: `${options.adversarial === 'pgd' ? `PGD-${options.steps ?? 7}` : 'fast FGSM'}, eps ${options.eps?.[0]} (${options.norm ?? 'linf'})`,
          },
        ]
      : []),
    { metric: 'held-out images', value: String(r.testSamples) },
    { metric: 'held-out accuracy', value: `${(r.testAccuracy * 100).toFixed(2)} %` },
    { metric: 'held-out loss', value: r.testLoss.toFixed(4) },
    { metric: 'training throughput', value: `${r.trainImagesPerSecond.toFixed(1)} img/s` },
    { metric: 'training time', value: formatDuration(r.trainSeconds) },
    { metric: 'wall time', value: formatDuration(r.wallSeconds) },
  ];
  if (options.out) rows.push({ metric: 'saved to', value: options.out });
  const table = formatTable(rows, ['metric', 'value']);
  if (options.out || !notSavedNote) return table;
  return `${table}\nThe model was not saved: run again with --out DIR to save it (then: convkit evaluate --model-dir DIR).`;
}
