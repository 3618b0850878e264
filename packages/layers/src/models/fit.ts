/**
 * `fit`'s loop: options and data are checked first (shapes, dtypes, targets
 * against the loss, empty sets, callbacks, and for tensors every value), so a
 * refused call starts no training and leaks nothing; then epochs of guarded
 * steps (`train-step.ts`), validation and callbacks.
 */
import {
  type Batch,
  type BatchSource,
  ConfigError,
  DataFormatError,
  dispose,
  getRng,
  type Optimizer,
  type Tensor,
} from '@convkit/core';
import { checkPair } from './batch-checks';
import { isTensor, positiveInt, sliceBatch, tensorBatches } from './batches';
import { type Callback, callAll, type Logs, notifyTrainError } from './callbacks/callback';
import { type CallbackLike, toCallbacks } from './callbacks/custom-callback';
import { ProgressBar } from './callbacks/progress-bar';
import { checkDataValues } from './dataset-checks';
import type { History } from './history';
import type { LayersModel } from './layers-model';
import type { LossFn } from './losses';
import { guardedTrainStep } from './train-step';

/** Options of `fit`. */
export interface FitOptions {
  /**
   * Default 1.
   *
   * @defaultValue `1`
   */
  epochs?: number;
  /**
   * Samples per step when training from tensors. Default 32.
   *
   * @defaultValue `32`
   */
  batchSize?: number;
  /** Fraction of the samples (the last ones, as Keras) held out for validation. */
  validationSplit?: number;
  /** Held-out data evaluated after every epoch: `[x, y]` tensors or a batch source. */
  validationData?: [Tensor, Tensor] | BatchSource;
  /**
   * Shuffle the training samples every epoch (tensors only; seeded by `setSeed`). Default true.
   *
   * @defaultValue `true`
   */
  shuffle?: boolean;
  /**
   * `Callback` instances or plain objects with any of the hooks
   * (`{ onEpochEnd(epoch, logs) { … } }`, as in TensorFlow.js).
   */
  callbacks?: CallbackLike[];
  /**
   * 0: silent (default, unlike Keras, so libraries and tests stay quiet);
   * 1: a `ProgressBar` on stderr (redrawn in place on a terminal);
   * 2: one line per epoch.
   *
   * @defaultValue `0`
   */
  verbose?: 0 | 1 | 2;
  /**
   * Epoch to start counting from (for resumed training). Default 0.
   *
   * @defaultValue `0`
   */
  initialEpoch?: number;
  /**
   * Replaces each training batch just before its step (validation batches are
   * left alone): adversarial examples (`@convkit/robust`), mixup, on-device
   * augmentation. It receives the batch (owned by `fit`: do not dispose it)
   * and returns the batch to train on; tensors it returns that are not the
   * ones it received are disposed by `fit` after the step. The result is
   * checked like any batch (`ShapeError` naming the epoch and batch).
   */
  batchTransform?: BatchTransform;
}

/** Where a `batchTransform` is called: the epoch (from 0) and the batch within it (from 0). */
export interface BatchTransformInfo {
  epoch: number;
  step: number;
}

/** A `FitOptions.batchTransform`: the batch to train on instead of `batch`. */
export type BatchTransform = (batch: Batch, info: BatchTransformInfo) => Batch | Promise<Batch>;

/** The training data of a run, resolved from `fit`'s arguments. */
interface Plan {
  train: () => BatchSource;
  validation?: BatchSource;
  samples?: number;
  steps?: number;
  /** Tensors created for the run (validation split), freed at the end. */
  owned: Tensor[];
}

function isBatch(v: unknown): v is Batch {
  return typeof v === 'object' && v !== null && 'xs' in v && 'ys' in v;
}

function isBatchSource(v: unknown): v is BatchSource {
  return (
    typeof v === 'object' &&
    v !== null &&
    (typeof (v as Iterable<unknown>)[Symbol.iterator] === 'function' ||
      typeof (v as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function')
  );
}

/**
 * Checks the shapes of the first batch of a validation source before
 * training, so a mismatch is refused before the first epoch rather than
 * after it. The batch is disposed; the source is re-iterable by contract.
 */
async function checkFirstBatch(model: LayersModel, lossFn: LossFn, source: BatchSource, context: string) {
  for await (const batch of source as AsyncIterable<Batch>) {
    try {
      checkPair(model, lossFn, batch.xs, batch.ys, context, 'the first validation batch');
    } finally {
      dispose([batch.xs, batch.ys] as Tensor[]);
    }
    break;
  }
}

/** Resolves and checks `fit`'s data; creates tensors only once everything passed. */
async function plan(
  model: LayersModel,
  lossFn: LossFn,
  a: Tensor | BatchSource,
  y: unknown,
  options: FitOptions,
  batchSize: number,
  context: string,
): Promise<Plan> {
  const vd = options.validationData;
  // `[x, y]` tensors, unless it is an array of batches (an array is a valid batch source too).
  const pair = Array.isArray(vd) && !isBatch(vd[0]) ? (vd as [Tensor, Tensor]) : undefined;
  if (pair) checkPair(model, lossFn, pair[0], pair[1], `${context} validationData`, 'the validation set');
  else if (vd !== undefined && !isBatchSource(vd)) {
    throw new ConfigError(`${context}: validationData must be [x, y] tensors or a batch source (a dataset)`);
  }
  const checkValidation = async () => {
    if (pair) await checkDataValues(model.outputShape, lossFn, pair[0], pair[1], context, 'the validation set');
    else if (vd) await checkFirstBatch(model, lossFn, vd as BatchSource, `${context} validationData`);
  };
  if (!isTensor(a)) {
    if (!isBatchSource(a)) throw new ConfigError(`${context}: expected fit(x, y, options) or fit(dataset, options)`);
    if (a.batchCount === 0) throw new DataFormatError(`${context}: the training set is empty (0 batches)`);
    await checkValidation();
    const validation = pair ? tensorBatches(pair[0], pair[1], batchSize, null) : (vd as BatchSource | undefined);
    return { train: () => a, validation, steps: a.batchCount, owned: [] };
  }
  if (!isTensor(y)) throw new ConfigError(`${context}(x, y): y must be a tensor`);
  checkPair(model, lossFn, a, y, context, 'the training set');
  const n = a.shape[0];
  const split = options.validationSplit ?? 0;
  if (!(split >= 0 && split < 1)) throw new ConfigError(`${context}: validationSplit must be in [0, 1), got ${split}`);
  const nTrain = split > 0 ? Math.floor(n * (1 - split)) : n;
  if (split > 0 && (nTrain === 0 || nTrain === n)) {
    throw new ConfigError(`${context}: validationSplit ${split} leaves no training or validation samples out of ${n}`);
  }
  // Every target up front (one value per sample: cheap), so a bad label is refused before any
  // step, with its index in `y`; the inputs are checked by each step (the error names the batch).
  await checkDataValues(model.outputShape, lossFn, undefined, y, context, 'the training set');
  await checkValidation();
  const owned: Tensor[] = [];
  let xs = a;
  let ys = y;
  let validation = pair ? tensorBatches(pair[0], pair[1], batchSize, null) : (vd as BatchSource | undefined);
  if (split > 0) {
    xs = sliceBatch(a, 0, nTrain);
    ys = sliceBatch(y, 0, nTrain);
    const xVal = sliceBatch(a, nTrain, n - nTrain);
    const yVal = sliceBatch(y, nTrain, n - nTrain);
    owned.push(xs, ys, xVal, yVal);
    if (!validation) validation = tensorBatches(xVal, yVal, batchSize, null);
  }
  const shuffle = options.shuffle ?? true;
  return {
    train: () => tensorBatches(xs, ys, batchSize, shuffle ? getRng().permutation(nTrain) : null),
    validation,
    samples: nTrain,
    steps: Math.ceil(nTrain / batchSize),
    owned,
  };
}

/** `model.fit(...)`: see `LayersModel.fit`. */
export async function fitModel(
  model: LayersModel,
  compiled: { optimizer: Optimizer; lossFn: LossFn },
  a: Tensor | BatchSource,
  y: unknown,
  options: FitOptions,
): Promise<History> {
  const context = `${model.describe()}.fit`;
  const epochs = positiveInt('epochs', options.epochs ?? 1);
  const batchSize = positiveInt('batchSize', options.batchSize ?? 32);
  const initialEpoch = options.initialEpoch ?? 0;
  if (!Number.isInteger(initialEpoch) || initialEpoch < 0)
    throw new ConfigError(`${context}: initialEpoch must be a non-negative integer, got ${initialEpoch}`);
  const verbose = options.verbose ?? 0;
  if (verbose !== 0 && verbose !== 1 && verbose !== 2)
    throw new ConfigError(`${context}: verbose must be 0, 1 or 2, got ${String(verbose)}`);
  const transform = options.batchTransform;
  if (transform !== undefined && typeof transform !== 'function')
    throw new ConfigError(`${context}: batchTransform must be a function (batch, info) => batch`);
  const callbacks: Callback[] = toCallbacks(options.callbacks, context);
  if (verbose > 0 && !callbacks.some((cb) => cb instanceof ProgressBar)) {
    callbacks.push(new ProgressBar({ mode: verbose === 2 ? 'lines' : 'auto' }));
  }
  const { lossFn } = compiled;
  const run = await plan(model, lossFn, a, y, options, batchSize, context);

  const history: History = { epoch: [], history: {} };
  model.stopTraining = false;
  let lastLogs: Logs | undefined;
  try {
    for (const cb of callbacks) {
      cb.setModel(model);
      cb.setParams({ epochs, initialEpoch, steps: run.steps, samples: run.samples, batchSize });
    }
    await callAll(callbacks, 'onTrainBegin');
    for (let epoch = initialEpoch; epoch < epochs && !model.stopTraining; epoch++) {
      await callAll(callbacks, 'onEpochBegin', epoch);
      for (const m of model.metrics) m.reset();
      let lossSum = 0;
      let count = 0;
      let step = 0;
      for await (const batch of run.train() as AsyncIterable<Batch>) {
        let trained: Batch = batch;
        try {
          const where = `${context}, epoch ${epoch + 1}, batch ${step + 1}`;
          checkPair(model, lossFn, batch.xs, batch.ys, where);
          await callAll(callbacks, 'onBatchBegin', step);
          if (transform) {
            trained = await transform(batch, { epoch, step });
            if (!isBatch(trained)) throw new ConfigError(`${where}: batchTransform must return a batch { xs, ys }`);
            checkPair(model, lossFn, trained.xs, trained.ys, `${where} (after batchTransform)`);
          }
          const size = trained.xs.shape[0];
          const loss = await guardedTrainStep(
            { model, optimizer: compiled.optimizer, lossFn, metrics: model.metrics, context: where },
            trained.xs,
            trained.ys,
          );
          lossSum += loss * size;
          count += size;
          const logs: Logs = { loss, size };
          for (const m of model.metrics) if (!m.epochOnly) logs[m.name] = m.result();
          await callAll(callbacks, 'onBatchEnd', step, logs);
        } finally {
          const own = [batch.xs, batch.ys];
          dispose([...own, ...(trained === batch ? [] : [trained.xs, trained.ys].filter((t) => !own.includes(t)))]);
        }
        step++;
        if (model.stopTraining) break;
      }
      if (count === 0)
        throw new DataFormatError(`${context}: the training set is empty (the source produced no batches)`);
      const logs: Logs = { loss: lossSum / count };
      for (const m of model.metrics) logs[m.name] = m.result();
      if (run.validation) {
        const val = await model.evaluate(run.validation);
        for (const [k, v] of Object.entries(val)) logs[`val_${k}`] = v;
      }
      logs.lr = compiled.optimizer.learningRate;
      history.epoch.push(epoch);
      for (const [k, v] of Object.entries(logs)) {
        history.history[k] = [...(history.history[k] ?? []), v];
      }
      await callAll(callbacks, 'onEpochEnd', epoch, logs);
      lastLogs = logs;
    }
    await callAll(callbacks, 'onTrainEnd', lastLogs);
  } catch (err) {
    await notifyTrainError(callbacks, err);
    throw err;
  } finally {
    dispose(run.owned);
  }
  return history;
}
