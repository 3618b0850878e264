/**
 * What one `convkit tune` trial does: train a CNN with the trial's configuration on the training
 * part of the data and score it on the validation part (never on the test set). Also the module
 * that `optimizeParallel` loads in its worker threads (export `tuneObjective`).
 */
import { isMainThread } from 'node:worker_threads';
import { dispose, setSeed } from '@convkit/core';
import { type Dataset, type ImageDataset, type ImageSample, trainValidationSplit } from '@convkit/data';
import { Conv2D, Dense, Dropout, Flatten, type LayersModel, MaxPool2D, Sequential } from '@convkit/layers';
import { Adam, AdamW, cosineDecay, RMSprop, SGD } from '@convkit/optim';
import { pruningCallback, type SearchSpaceJson, suggestFromSpace, type Trial } from '@convkit/tune';
import { augmentation } from './augment';
import { type CliBackend, useBackend } from './backends';
import { loadTrainTest } from './datasets';
import { getPreset } from './presets';
import { parseTuneSpace, type TrialConfig, trialConfig } from './tune-space';

/** Everything a trial needs besides its parameters; plain data, sent to worker threads. */
export interface TuneData {
  /** The dataset. */
  data: 'mnist' | 'fashion-mnist' | 'cifar10';
  dataDir?: string;
  dataUrl?: string;
  /** Images of the training set used (before the validation split); undefined: all. */
  subset?: number;
  /** Held-out test images (MNIST: default 2000). */
  testCount?: number;
  /** Share of the training subset held out for validation. */
  validationFraction: number;
  /** Seed of the data split, the weights, shuffling and augmentation. */
  seed: number;
  /** Tensor backend. */
  backend: CliBackend;
  /** Model preset when the space does not vary `filters`. */
  model: string;
  /** The configuration without tuning. */
  defaults: TrialConfig;
  /** The search space (JSON). */
  space: SearchSpaceJson;
  /** The config file's name, for messages. */
  spaceFile: string;
}

/** The three parts of the data a study uses. */
export interface TuneSets {
  train: ImageDataset;
  validation: ImageDataset;
  test: ImageDataset;
  source: string;
}

/**
 * Loads the data of a study: the first `subset` training images, split at random (seeded) into
 * training and validation parts, and the test set (used only for the final report).
 *
 * @param d - Dataset, folder, subset, validation share, seed.
 * @returns The three parts.
 */
export async function loadTuneSets(d: TuneData): Promise<TuneSets> {
  const loaded = await loadTrainTest({
    data: d.data,
    dataDir: d.dataDir,
    dataUrl: d.dataUrl,
    trainCount: d.data === 'mnist' ? (d.subset ?? 8000) : d.subset,
    testCount: d.testCount,
    seed: d.seed,
    quiet: true,
  });
  const { train, validation } = trainValidationSplit(loaded.train, d.validationFraction, {
    seed: d.seed,
    stratify: true,
  });
  return { train, validation, test: loaded.test, source: loaded.source };
}

/** The model of a configuration: the preset, or the two-conv CNN (lenet's shape) scaled by `filters`, with dropout. */
function buildModel(config: TrialConfig, preset: string, shape: [number, number, number], classes: number) {
  if (config.filters === undefined && config.dropout === 0) return getPreset(preset).build(shape, classes);
  // Without `filters`, the widths of the preset (small: 8, lenet and the rest: 32).
  const f = config.filters ?? (preset === 'small' ? 8 : 32);
  return new Sequential({
    layers: [
      new Conv2D({ filters: f, kernelSize: 3, padding: 'valid', activation: 'relu', inputShape: shape }),
      new MaxPool2D({ poolSize: 2 }),
      new Conv2D({ filters: 2 * f, kernelSize: 3, padding: 'valid', activation: 'relu' }),
      new MaxPool2D({ poolSize: 2 }),
      new Flatten(),
      new Dense({ units: 4 * f, activation: 'relu' }),
      ...(config.dropout > 0 ? [new Dropout({ rate: config.dropout })] : []),
      new Dense({ units: classes, activation: 'softmax' }),
    ],
  });
}

function optimizer(config: TrialConfig, stepsPerEpoch: number) {
  const learningRate =
    config.schedule === 'constant'
      ? config.lr
      : cosineDecay({ initialLearningRate: config.lr, decaySteps: config.epochs * stepsPerEpoch, alpha: 0.05 });
  switch (config.optimizer) {
    case 'sgd':
      return new SGD({ learningRate, momentum: config.momentum });
    case 'rmsprop':
      return new RMSprop({ learningRate, momentum: config.momentum });
    case 'adamw':
      return new AdamW({ learningRate });
    default:
      return new Adam({ learningRate });
  }
}

/**
 * Trains a model with `config` on `train` and returns it with its accuracy on `scoreOn` after
 * every epoch. With a trial, each epoch's accuracy is reported to it and the study's pruner may
 * stop the training (`TrialPruned`).
 *
 * @param config - The training configuration.
 * @param sets - `train` and `scoreOn` (validation while tuning, test for the final report).
 * @param options - Preset, dataset name (for augmentation), seed, trial.
 * @returns The trained model (the caller disposes it) and the accuracies.
 */
export async function trainWithConfig(
  config: TrialConfig,
  sets: { train: ImageDataset; scoreOn: ImageDataset },
  options: { model: string; data: string; seed: number; trial?: Trial },
): Promise<{ model: LayersModel; accuracy: number; history: number[] }> {
  setSeed(options.seed);
  const { train, scoreOn } = sets;
  const [h, w, c] = train.shape;
  const model = buildModel(config, options.model, [h, w, c], train.numClasses);
  const score = scoreOn.toBatch();
  try {
    model.compile({
      optimizer: optimizer(config, Math.ceil(train.size / config.batchSize)),
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
    });
    let samples: Dataset<ImageSample> = train.shuffle(train.size);
    const augment = augmentation(config.augment, options.data);
    if (augment) samples = samples.map(augment);
    const history = await model.fit(samples.batch(config.batchSize), {
      epochs: config.epochs,
      validationData: [score.xs, score.ys],
      callbacks: options.trial ? [pruningCallback(options.trial, { monitor: 'val_accuracy' })] : [],
    });
    const accuracies = (history.history.val_accuracy ?? []) as number[];
    return { model, accuracy: accuracies[accuracies.length - 1] ?? Number.NaN, history: accuracies };
  } catch (err) {
    model.dispose();
    throw err;
  } finally {
    dispose([score.xs, score.ys]);
  }
}

let cached: { key: string; sets: Promise<TuneSets> } | undefined;

/**
 * The objective of a `convkit tune` trial: suggests the search space's knobs, trains on the
 * training part and returns the validation accuracy (maximised). In a worker thread the wasm
 * backend runs single-threaded, so parallel trials use one core each; the data is loaded once
 * per thread.
 *
 * @param trial - The trial.
 * @param data - The study's {@link TuneData}.
 * @returns The validation accuracy, in [0, 1].
 */
export async function tuneObjective(trial: Trial, data: TuneData): Promise<number> {
  const key = JSON.stringify([data.data, data.dataDir, data.dataUrl, data.subset, data.testCount, data.seed]);
  if (cached?.key !== key) {
    cached = { key, sets: loadTuneSets(data) };
  }
  if (!isMainThread) {
    await useBackend(data.backend);
    if (data.backend === 'wasm') {
      const { setThreadsCount } = await import('@convkit/backend-wasm');
      await setThreadsCount(1);
    }
  }
  const sets = await cached.sets;
  const params = suggestFromSpace(trial, parseTuneSpace(data.space, data.spaceFile));
  const config = trialConfig(data.defaults, params);
  const t0 = performance.now();
  const { model, accuracy } = await trainWithConfig(
    config,
    { train: sets.train, scoreOn: sets.validation },
    { model: data.model, data: data.data, seed: data.seed, trial },
  );
  model.dispose();
  trial.setUserAttr('seconds', Math.round((performance.now() - t0) / 100) / 10);
  return accuracy;
}
