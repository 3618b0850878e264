/** The `convkit` command: dispatches to train, evaluate, summary and quickstart. */
import { ConfigError, ConvkitError, dispose } from '@convkit/core';
import { loadModel } from '@convkit/layers';
import { Adam } from '@convkit/optim';
import { parseCommandLine, USAGE } from './args';
import { compress } from './compress';
import { loadTrainTest } from './datasets';
import { getPreset } from './presets';
import { formatTable } from './table';
import { train, trainReport, useBackend } from './train';

/**
 * Options of the quick start (the project's main job): the reference CNN on
 * the wasm backend, 8,000 embedded MNIST digits for training and the other
 * 2,000 held out for the reported accuracy.
 */
export const QUICKSTART = {
  model: 'lenet',
  data: 'mnist' as const,
  backend: 'wasm' as const,
  epochs: 12,
  batchSize: 32,
  learningRate: 1e-3,
  schedule: 'cosine' as const,
  augment: 'shift' as const,
  trainCount: 8000,
  testCount: 2000,
  prune: 0.8,
  pruneEpochs: 2,
  quantize: 'int8' as const,
};

/**
 * Runs the CLI on `argv` (arguments after the script name). Returns the exit
 * code; prints errors as one clear line, with the usage for a bad command.
 */
export async function runCli(argv: readonly string[], log: (line: string) => void = console.log): Promise<number> {
  try {
    const { command, help, options } = parseCommandLine(argv);
    if (help || command === undefined || command === 'help') {
      log(USAGE);
      return command === undefined && !help ? 1 : 0;
    }
    switch (command) {
      case 'train': {
        const result = await train(options, log);
        log('');
        log(trainReport(result, options));
        result.model.dispose();
        return 0;
      }
      case 'quickstart': {
        const opts = { ...options, ...QUICKSTART, seed: options.seed, quiet: options.quiet };
        log(
          'convkit quickstart: the reference CNN on 8,000 embedded MNIST digits, tested on the 2,000 held-out ones, then pruned to 80% and quantized to int8',
        );
        const result = await compress(opts, log);
        result.model.dispose();
        return 0;
      }
      case 'compress': {
        const result = await compress(options, log);
        result.model.dispose();
        return 0;
      }
      case 'evaluate': {
        if (!options.modelDir)
          throw new ConfigError('evaluate needs --model-dir DIR (a directory written by `convkit train --out DIR`)');
        await useBackend(options.backend);
        const model = await loadModel(options.modelDir);
        model.compile({
          optimizer: new Adam(),
          loss: 'sparseCategoricalCrossentropy',
          metrics: ['accuracy', 'precision', 'recall', 'f1'],
        });
        const { test } = await loadTrainTest(options);
        const batch = test.toBatch();
        const logs = await model.evaluate(batch.xs, batch.ys, { batchSize: 256 });
        dispose([batch.xs, batch.ys]);
        log(
          formatTable(
            Object.entries(logs).map(([metric, v]) => ({ metric, value: v.toFixed(4) })),
            ['metric', 'value'],
          ),
        );
        log(`${test.size} held-out images from ${options.data}`);
        model.dispose();
        return 0;
      }
      case 'summary': {
        if (options.modelDir) {
          const model = await loadModel(options.modelDir);
          model.summary(log);
          model.dispose();
        } else {
          const model = getPreset(options.model).build([28, 28, 1], 10);
          model.summary(log);
          model.dispose();
        }
        return 0;
      }
      default:
        log(`Unknown command '${command}'.\n`);
        log(USAGE);
        return 1;
    }
  } catch (err) {
    if (err instanceof ConvkitError) {
      console.error(`convkit: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
