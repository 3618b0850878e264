/** `convkit compress` and the second half of the quick start: compress a trained model and report each step. */
import {
  checkCompressedTarget,
  compressModel,
  formatReport,
  type PipelineResult,
  saveCompressed,
} from '@convkit/compress';
import { dispose, setSeed } from '@convkit/core';
import { type LayersModel, loadModel, ProgressBar } from '@convkit/layers';
import { Adam } from '@convkit/optim';
import type { CommonOptions } from './args';
import { augmentation } from './augment';
import { loadTrainTest } from './datasets';
import { getPreset } from './presets';
import { checkReportTarget, writeReportJson } from './report-json';
import { saveOrRescue } from './save-or-rescue';
import { train, trainReport, useBackend } from './train';

/** Images of the training set used to calibrate int8 activation ranges. */
export const CALIBRATION_IMAGES = 512;

/**
 * Trains a model (or loads `--model-dir`), runs the compression pipeline on it
 * and prints the report; saves the compressed model to `--out` when given.
 * Resolves to the pipeline's result; the caller disposes `result.model`.
 *
 * @param options - The parsed `compress` options.
 * @param log - Receives the progress and report lines; default `console.log`.
 * @returns Resolves to the pipeline result.
 * @throws {ConfigError} for invalid options or an unusable `--out`.
 * @throws {FileSystemError} when saving fails.
 */
export async function compress(
  options: CommonOptions,
  log: (line: string) => void = console.log,
): Promise<PipelineResult> {
  // Refuse an unusable --out or --report-json before any training.
  if (options.out) await checkCompressedTarget(options.out);
  if (options.reportJson) await checkReportTarget(options.reportJson);
  let model: LayersModel;
  if (options.modelDir) {
    await useBackend(options.backend);
    model = await loadModel(options.modelDir);
    log(`convkit compress: ${options.modelDir} (${model.countParams().toLocaleString('en-US')} parameters)`);
  } else {
    const trained = await train({ ...options, out: undefined }, log);
    log('');
    log(trainReport(trained, { ...options, out: undefined }, false));
    log('');
    model = trained.model;
  }
  setSeed(options.seed);
  const { train: trainSet, test: testSet } = await loadTrainTest(options);
  const testBatch = testSet.toBatch();
  const calibration = trainSet
    .subset(Int32Array.from({ length: Math.min(CALIBRATION_IMAGES, trainSet.size) }, (_, i) => i))
    .toBatch();
  try {
    const result = await compressModel(model, {
      trainData: () => {
        const shuffled = trainSet.shuffle(trainSet.size);
        const augment = augmentation(options.augment, options.data);
        return (augment ? shuffled.map(augment) : shuffled).batch(options.batchSize);
      },
      testData: [testBatch.xs, testBatch.ys],
      calibrationData: calibration.xs,
      optimizer: () => new Adam({ learningRate: options.fineTuneLearningRate }),
      structured: options.structured > 0 ? { fraction: options.structured, epochs: options.pruneEpochs } : undefined,
      prune:
        options.prune > 0
          ? {
              sparsity: options.prune,
              epochs: Math.max(1, options.pruneEpochs),
              randomBaseline: options.randomBaseline ? { seed: options.seed } : false,
            }
          : undefined,
      cluster: options.cluster > 0 ? { clusters: options.cluster, epochs: 1 } : undefined,
      distill: options.distill
        ? {
            student: () => {
              const [, h, w, c] = testBatch.xs.shape;
              return getPreset(options.student).build([h, w, c], trainSet.numClasses);
            },
            epochs: options.distillEpochs,
            temperature: options.kdTemperature,
            alpha: options.kdAlpha,
          }
        : undefined,
      quantize: options.quantize === 'int8' ? { bits: options.bits } : options.quantize,
      qatEpochs: options.qatEpochs,
      log: options.quiet ? undefined : (line) => log(`compress: ${line}`),
      callbacks: options.quiet ? undefined : () => [new ProgressBar()],
    });
    log('');
    log(`Compression report (${testSet.size} held-out images; sizes of the convkit-compressed file):`);
    log(formatReport(result.rows));
    try {
      if (options.out) {
        const out = options.out;
        await saveOrRescue(
          out,
          (file) => saveCompressed(result.model, file, result.encodeOptions),
          'the compressed model',
          'model.ckz',
          log,
        );
        log(`saved to ${out}`);
      }
      if (options.reportJson) await writeReportJson(options.reportJson, result.rows);
    } catch (e) {
      result.model.dispose();
      throw e;
    }
    if (!options.out) {
      log('The compressed model was not saved: run again with --out FILE.ckz to save it.');
    }
    return result;
  } finally {
    model.dispose();
    dispose([testBatch.xs, testBatch.ys, calibration.xs, calibration.ys]);
  }
}
