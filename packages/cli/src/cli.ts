/** The `convkit` command: dispatches to train, evaluate, summary, compress, quickstart, attack, export, import and tune. */
import { loadModel } from '@convkit/layers';
import { type CommonOptions, parseCommandLine } from './args';
import { attack } from './attack';
import type { CliBackend } from './backends';
import { compress } from './compress';
import { evaluateSaved, evaluationReport } from './evaluate';
import { reportFailure, wantsDebug } from './failure';
import { helpText, USAGE } from './help';
import { exportSaved, importModel } from './interop';
import { buildPreset } from './presets';
import { train, trainReport } from './train';
import { tune } from './tune';

/**
 * Options of the quick start (the project's main job): the reference CNN on
 * the wasm backend (`--backend` chooses another), 8,000 embedded MNIST digits
 * for training and the other 2,000 held out for the reported accuracy.
 */
export const QUICKSTART = {
  /** Model preset. */
  model: 'lenet',
  /** Dataset. */
  data: 'mnist' as const,
  /** Tensor backend, the default of `--backend`. */
  backend: 'wasm' as CliBackend,
  /** Training epochs. */
  epochs: 12,
  /** Images per batch. */
  batchSize: 32,
  /** Adam learning rate. */
  learningRate: 1e-3,
  /** Learning-rate schedule. */
  schedule: 'cosine' as const,
  /** Augmentation. */
  augment: 'shift' as const,
  /** Training digits. */
  trainCount: 8000,
  /** Held-out digits. */
  testCount: 2000,
  /** Magnitude-pruning sparsity. */
  prune: 0.8,
  /** Fine-tuning epochs after pruning. */
  pruneEpochs: 2,
  /** Final numeric format. */
  quantize: 'int8' as const,
};

/**
 * The options `convkit quickstart` runs with: {@link QUICKSTART}, except the
 * flags quickstart lets the user choose (`--backend`, `--seed`, `--out`,
 * `--quiet`, ...), which keep the parsed value.
 *
 * @param options - The parsed command line of `quickstart`.
 * @returns The options passed to the compression pipeline.
 *
 * @example
 * ```ts
 * import { parseCommandLine, quickstartOptions } from '@convkit/cli';
 *
 * const { options } = parseCommandLine(['quickstart', '--backend', 'webgpu']);
 * quickstartOptions(options).backend; // 'webgpu'; epochs stay 12
 * ```
 */
export function quickstartOptions(options: CommonOptions): CommonOptions {
  return { ...options, ...QUICKSTART, backend: options.backend ?? QUICKSTART.backend };
}

async function summary(options: CommonOptions, log: (line: string) => void): Promise<void> {
  const model = options.modelDir ? await loadModel(options.modelDir) : buildPreset(options.model);
  try {
    model.summary(log);
  } finally {
    model.dispose();
  }
}

/**
 * Runs the CLI on `argv` (arguments after the script name) and resolves to
 * the exit code; it does not reject. Results go to `log` (stdout), failures
 * to `error` (stderr): a `ConvkitError` or file-system error as the one line
 * `convkit: message` with exit code 2, an unexpected error as one line with
 * exit code 1; `--debug` adds the stack trace. No command prints the usage
 * (exit code 1); `--help` prints the overview or the command's help (0).
 *
 * @param argv - Arguments after the script name, e.g. `['train', '--epochs', '2']`.
 * @param log - Receives result lines; default `console.log`.
 * @param error - Receives error lines; default `console.error`.
 * @returns Resolves to the exit code: 0 success, 1 usage or unexpected error, 2 a convkit or file-system error.
 *
 * @example
 * ```ts
 * import { runCli } from '@convkit/cli';
 *
 * const code = await runCli(['train', '--model', 'small', '--backend', 'cpu', '--epochs', '1']);
 * process.exitCode = code;
 * ```
 */
export async function runCli(
  argv: readonly string[],
  log: (line: string) => void = console.log,
  error: (line: string) => void = console.error,
): Promise<number> {
  let debug = wantsDebug(argv);
  try {
    const parsed = parseCommandLine(argv);
    debug = parsed.debug;
    const { command, options } = parsed;
    if (parsed.help) {
      log(helpText(command));
      return 0;
    }
    switch (command) {
      case undefined:
        log(USAGE);
        return 1;
      case 'train': {
        const result = await train(options, log);
        log('');
        log(trainReport(result, options));
        result.model.dispose();
        return 0;
      }
      case 'quickstart': {
        const opts = quickstartOptions(options);
        log(
          `convkit quickstart: the reference CNN on 8,000 embedded MNIST digits (backend ${opts.backend}), tested on the 2,000 held-out ones, then pruned to 80% and quantized to int8`,
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
      case 'evaluate':
        log(evaluationReport(await evaluateSaved(options), options.data));
        return 0;
      case 'summary':
        await summary(options, log);
        return 0;
      case 'attack':
        await attack(options, log);
        return 0;
      case 'export': {
        const written = await exportSaved(options);
        log(
          written.format === 'onnx'
            ? `wrote the ONNX model to ${written.path}`
            : `wrote the TensorFlow.js Layers model to ${written.path} (model.json + weights)`,
        );
        return 0;
      }
      case 'tune':
        await tune(options, log);
        return 0;
      case 'import': {
        const model = await importModel(options);
        try {
          model.summary(log);
          log(`saved the convkit model to ${options.out}`);
        } finally {
          model.dispose();
        }
        return 0;
      }
    }
  } catch (err) {
    return reportFailure(err, error, debug);
  }
}
