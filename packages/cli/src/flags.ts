/**
 * Every flag of `convkit`: the kind of value it takes, its default, the
 * subcommands it applies to and its help line. The parser (`args.ts`) and the
 * help (`help.ts`) both read this table, so a flag is declared once.
 */
import { CLI_BACKENDS } from './backends';
import type { CommandName } from './commands';
import { PRESETS } from './presets';
import {
  anyInteger,
  choice,
  commaList,
  fraction,
  integerList,
  integerRange,
  mirror,
  nonNegativeNumberList,
  offOrIntegerRange,
  path,
  positiveInteger,
  positiveNumber,
  SWITCH,
  type SwitchKind,
  storageUrl,
  studyName,
  type ValueKind,
} from './value-kinds';

/** One flag: `kind` reads its value (or marks a switch); `default` is parsed like a typed value. */
export interface FlagSpec<T> {
  /** What the flag accepts (a typed value or a switch) and how its value is parsed. */
  kind: ValueKind<T> | SwitchKind;
  /** The value used when the flag is not given. */
  default?: string;
  /** The subcommands that accept the flag; `'all'` for `--help` and `--debug`. */
  commands: readonly CommandName[] | 'all';
  /** One line for the help. */
  help: string;
  /** A one-letter alias (`-h`). */
  short?: string;
}

function flag<T>(spec: FlagSpec<T>): FlagSpec<T> {
  return spec;
}

const TRAINS: CommandName[] = ['train', 'compress', 'tune'];
const READS_DATA: CommandName[] = ['train', 'evaluate', 'compress', 'attack', 'tune'];
const ATTACKS: CommandName[] = ['attack', 'train'];

/** The metrics `convkit evaluate --metrics` can report. */
export const EVALUATE_METRICS = ['accuracy', 'precision', 'recall', 'f1', 'top3', 'top5'] as const;

/** Flag name (without `--`) → declaration. */
export const FLAGS = {
  /** `--model`: model preset (default lenet; cifar with --data cifar10). */
  model: flag({
    kind: choice(Object.keys(PRESETS)),
    commands: ['train', 'compress', 'summary', 'tune'],
    help: 'model preset (default lenet; cifar with --data cifar10)',
  }),
  /** `--model-dir`: load the model saved in DIR by `convkit train --out DIR`. */
  'model-dir': flag({
    kind: path('DIR'),
    commands: ['evaluate', 'summary', 'compress', 'attack', 'export'],
    help: 'load the model saved in DIR by `convkit train --out DIR`',
  }),
  /** `--data`: dataset. */
  data: flag({
    kind: choice(['mnist', 'fashion-mnist', 'cifar10']),
    default: 'mnist',
    commands: READS_DATA,
    help: 'dataset: the embedded MNIST digits, or Fashion-MNIST or CIFAR-10 (downloaded once into the cache)',
  }),
  /** `--data-dir`: folder of the dataset's files (default: $CONVKIT_DATA_DIR, then the download cache). */
  'data-dir': flag({
    kind: path('DIR'),
    commands: READS_DATA,
    help: "folder of the dataset's files instead of the download cache (default: $CONVKIT_DATA_DIR; fashion-mnist: /usr/share/datasets/fashion-mnist when installed)",
  }),
  /** `--data-url`: mirror to download the dataset from (an http(s) URL, a file:// URL or a folder). */
  'data-url': flag({
    kind: mirror(),
    commands: READS_DATA,
    help: "mirror to download the dataset's files from instead of the canonical server: an http(s) URL, a file:// URL or a folder (checked against the same SHA-256)",
  }),
  /** `--train-count`: training images to use (MNIST: 8000, the held-out digits follow them; Fashion-MNIST: all). */
  'train-count': flag({
    kind: positiveInteger(),
    commands: ['train', 'evaluate', 'compress', 'attack'],
    help: 'training images to use (MNIST: 8000, the held-out digits follow them; Fashion-MNIST: all)',
  }),
  /** `--test-count`: held-out images to use (MNIST: 2000; Fashion-MNIST: all). */
  'test-count': flag({
    kind: positiveInteger(),
    commands: READS_DATA,
    help: 'held-out images to use (MNIST: 2000; Fashion-MNIST: all)',
  }),
  /** `--epochs`: training epochs. */
  epochs: flag({ kind: positiveInteger(), default: '1', commands: TRAINS, help: 'training epochs' }),
  /** `--batch-size`: images per training batch. */
  'batch-size': flag({ kind: positiveInteger(), default: '64', commands: TRAINS, help: 'images per training batch' }),
  /** `--lr`: Adam learning rate. */
  lr: flag({ kind: positiveNumber(), default: '0.001', commands: TRAINS, help: 'Adam learning rate' }),
  /** `--lr-schedule`: cosine decays the rate to 5% of --lr over the run. */
  'lr-schedule': flag({
    kind: choice(['cosine', 'constant']),
    default: 'cosine',
    commands: TRAINS,
    help: 'cosine decays the rate to 5% of --lr over the run',
  }),
  /** `--augment`: training-time augmentation (default none; flip-shift with --data cifar10). */
  augment: flag({
    kind: choice(['none', 'shift', 'flip', 'flip-shift']),
    commands: TRAINS,
    help: 'shift: random shifts of up to two pixels (four on cifar10); flip: random left-right flips; flip-shift: both (default none; flip-shift with --data cifar10)',
  }),
  /** `--backend`: tensor backend. */
  backend: flag({
    kind: choice([...CLI_BACKENDS]),
    default: 'wasm',
    commands: [...READS_DATA, 'quickstart'],
    help: 'tensor backend (webgpu needs @convkit/backend-webgpu)',
  }),
  /** `--seed`: seed of the weights, shuffling, augmentation and the MNIST split. */
  seed: flag({
    kind: anyInteger(),
    default: '42',
    commands: ['train', 'evaluate', 'compress', 'quickstart', 'attack', 'tune'],
    help: "seed of the weights, shuffling, augmentation, the MNIST split, the attacks' random starts and tune's sampler",
  }),
  /** `--metrics`: metrics to report besides the loss. */
  metrics: flag({
    kind: commaList(EVALUATE_METRICS),
    default: 'accuracy,precision,recall,f1',
    commands: ['evaluate'],
    help: 'metrics to report besides the loss',
  }),
  attack: flag({
    kind: choice(['fgsm', 'pgd']),
    default: 'pgd',
    commands: ['attack'],
    help: 'fgsm: one step of --eps along the gradient sign; pgd: --steps projected gradient steps from a random start',
  }),
  adversarial: flag({
    kind: choice(['none', 'fgsm', 'pgd']),
    default: 'none',
    commands: ['train'],
    help: 'adversarial training at --eps: pgd (Madry: --steps PGD steps per batch) or fgsm (fast: one step of 1.25·eps from a random start)',
  }),
  eps: flag({
    kind: nonNegativeNumberList(),
    commands: ATTACKS,
    help: 'attack: the radii to attack at (default 0.1,0.2,0.3); train --adversarial: one radius',
  }),
  steps: flag({
    kind: positiveInteger(),
    commands: ATTACKS,
    help: 'PGD steps (default: attack 20, train 7)',
  }),
  'step-size': flag({
    kind: positiveNumber(),
    commands: ATTACKS,
    help: 'length of each attack step (default: PGD 2.5·eps/steps, FGSM eps, fast adversarial training 1.25·eps)',
  }),
  norm: flag({
    kind: choice(['linf', 'l2']),
    default: 'linf',
    commands: ATTACKS,
    help: 'norm of the ε-ball: linf (max change per pixel) or l2 (length of the change per image)',
  }),
  /** `--out`: train: directory to save the model to; compress: file for the compressed model. */
  out: flag({
    kind: path('PATH'),
    commands: ['train', 'compress', 'quickstart', 'export', 'import', 'tune'],
    help: 'train, import: directory to save the model to; compress: file for the compressed model; export: the .onnx file or the tfjs model folder; tune: the results, .json or .csv',
  }),
  /** `--format`: what `convkit export` writes. */
  format: flag({
    kind: choice(['onnx', 'tfjs']),
    commands: ['export'],
    help: 'onnx: one ONNX file (opset 13) for ONNX Runtime; tfjs: a TensorFlow.js Layers model folder (model.json + weights) for tf.loadLayersModel',
  }),
  /** `--structured`: fraction of the conv filters removed by structured pruning (0: none). */
  structured: flag({
    kind: fraction(),
    default: '0',
    commands: ['compress', 'quickstart'],
    help: 'fraction of the conv filters removed by structured pruning (0: none)',
  }),
  /** `--prune`: magnitude-pruning sparsity (0: none). */
  prune: flag({ kind: fraction(), default: '0', commands: ['compress'], help: 'magnitude-pruning sparsity (0: none)' }),
  /** `--prune-epochs`: fine-tuning epochs after pruning. */
  'prune-epochs': flag({
    kind: integerRange(0, 1000),
    default: '2',
    commands: ['compress'],
    help: 'fine-tuning epochs after pruning',
  }),
  /** `--cluster`: clusters per kernel for weight clustering (0: none). */
  cluster: flag({
    kind: offOrIntegerRange(2, 256),
    default: '0',
    commands: ['compress', 'quickstart'],
    help: 'clusters per kernel for weight clustering (0: none)',
  }),
  /** `--quantize`: final numeric format. */
  quantize: flag({
    kind: choice(['int8', 'float16', 'none']),
    default: 'int8',
    commands: ['compress'],
    help: 'final numeric format',
  }),
  /** `--qat-epochs`: epochs of quantization-aware training (0: post-training quantization). */
  'qat-epochs': flag({
    kind: integerRange(0, 1000),
    default: '0',
    commands: ['compress', 'quickstart'],
    help: 'epochs of quantization-aware training (0: post-training quantization)',
  }),
  /** `--bits`: bits per kernel weight with --quantize int8; several widths are compared and the first is kept. */
  bits: flag({
    kind: integerList(2, 8),
    default: '8',
    commands: ['compress'],
    help: 'bits per kernel weight with --quantize int8 (2 to 8; int4 files are about half the int8 size); a list such as 8,4,2 reports every width and keeps the first',
  }),
  /** `--random-baseline`: with --prune, also prune a copy at random to the same sparsity and report it beside. */
  'random-baseline': flag({
    kind: SWITCH,
    commands: ['compress'],
    help: 'with --prune: also prune a copy of the model at random (seeded by --seed) to the same sparsity, fine-tune it the same way and report it beside magnitude pruning',
  }),
  /** `--distill`: first distil the model into the smaller --student preset, which the later steps compress. */
  distill: flag({
    kind: SWITCH,
    commands: ['compress'],
    help: 'first distil the model (the teacher) into the smaller --student preset, which the later steps then compress',
  }),
  /** `--student`: the preset of the distilled student. */
  student: flag({
    kind: choice(Object.keys(PRESETS)),
    default: 'small',
    commands: ['compress'],
    help: 'with --distill: the preset of the student',
  }),
  /** `--distill-epochs`: training epochs of the student. */
  'distill-epochs': flag({
    kind: positiveInteger(),
    default: '2',
    commands: ['compress'],
    help: 'with --distill: training epochs of the student',
  }),
  /** `--kd-temperature`: softmax temperature of distillation. */
  'kd-temperature': flag({
    kind: positiveNumber(),
    default: '4',
    commands: ['compress'],
    help: 'with --distill: softmax temperature T of the soft targets',
  }),
  /** `--kd-alpha`: weight of the hard-label loss in distillation. */
  'kd-alpha': flag({
    kind: fraction(),
    default: '0.1',
    commands: ['compress'],
    help: 'with --distill: weight α of the hard-label loss (1 − α goes to the teacher’s soft targets)',
  }),
  /** `--ft-lr`: learning rate of the fine-tuning stages. */
  'ft-lr': flag({
    kind: positiveNumber(),
    default: '0.0003',
    commands: ['compress', 'quickstart'],
    help: 'learning rate of the fine-tuning stages',
  }),
  /** `--report-json`: also write the compression report as JSON to FILE. */
  'report-json': flag({
    kind: path('FILE'),
    commands: ['compress', 'quickstart'],
    help: 'also write the compression report as JSON to FILE',
  }),
  /** `--config`: the search space of `convkit tune`. */
  config: flag({
    kind: path('FILE'),
    commands: ['tune'],
    help: 'the search space: a JSON file of training knobs (lr, batchSize, filters, dropout, optimizer, momentum, augment, epochs, schedule), each a float, int or categorical parameter',
  }),
  /** `--trials`: trials of the study. */
  trials: flag({
    kind: positiveInteger(),
    commands: ['tune'],
    help: 'trials of the study in all (a resumed study runs only the missing ones; with redis, all processes together)',
  }),
  /** `--parallel`: trials at once on worker threads. */
  parallel: flag({
    kind: integerRange(1, 256),
    commands: ['tune'],
    help: 'trials at once, each on its own worker thread with a single-threaded backend (default: the number of cores; 1 runs them in this thread)',
  }),
  /** `--storage`: where the study lives. */
  storage: flag({
    kind: storageUrl(),
    default: 'memory',
    commands: ['tune'],
    help: 'where the study lives: memory, file:PATH (a JSON file; rerun to resume) or redis://host:port (several convkit tune processes on several machines share the study)',
  }),
  /** `--study`: the study's name. */
  study: flag({
    kind: studyName(),
    default: 'convkit-tune',
    commands: ['tune'],
    help: 'the study’s name in the storage',
  }),
  /** `--subset`: training images used by tune. */
  subset: flag({
    kind: positiveInteger(),
    commands: ['tune'],
    help: 'training images to tune on (MNIST: default 8000; others: all); a stratified fifth of them is held out for validation',
  }),
  /** `--sampler`: how tune chooses values. */
  sampler: flag({
    kind: choice(['tpe', 'random', 'evolutionary']),
    default: 'tpe',
    commands: ['tune'],
    help: 'how trials choose their values: tpe (Bayesian, after 10 random trials), random, evolutionary',
  }),
  /** `--pruner`: how tune stops bad trials early. */
  pruner: flag({
    kind: choice(['none', 'median', 'asha']),
    default: 'median',
    commands: ['tune'],
    help: 'stops bad trials after an epoch: median (below the median of earlier trials at that epoch), asha (successive halving), none',
  }),
  /** `--quiet`: no progress output, only the results. */
  quiet: flag({
    kind: SWITCH,
    commands: ['train', 'compress', 'quickstart', 'attack', 'tune'],
    help: 'no progress output, only the results',
  }),
  /** `--debug`: print the stack trace of an error. */
  debug: flag({ kind: SWITCH, commands: 'all', help: 'print the stack trace of an error' }),
  /** `--help`: print this help. */
  help: flag({ kind: SWITCH, commands: 'all', short: 'h', help: 'print this help' }),
};

/** The name of a flag, without `--`. */
export type FlagName = keyof typeof FLAGS;

/** The typed value of flag `K`. */
export type FlagValue<K extends FlagName> = (typeof FLAGS)[K] extends FlagSpec<infer T> ? T : never;

const BY_NAME = new Map<string, FlagName>(Object.keys(FLAGS).map((k) => [k, k as FlagName]));
const BY_SHORT = new Map<string, FlagName>(
  Object.entries(FLAGS).flatMap(([k, s]: [string, FlagSpec<unknown>]) => (s.short ? [[s.short, k as FlagName]] : [])),
);

/** The flag called `--name` (or `-name` for a one-letter alias), if there is one. */
export function findFlag(name: string, short = false): FlagName | undefined {
  return (short ? BY_SHORT : BY_NAME).get(name);
}

/** Whether `name` is a switch (takes no value). */
export function isSwitch(name: FlagName): boolean {
  return 'switch' in FLAGS[name].kind;
}

/** Whether `command` accepts `name`. */
export function appliesTo(name: FlagName, command: CommandName): boolean {
  const commands = FLAGS[name].commands;
  return commands === 'all' || commands.includes(command);
}

/** The flags `command` accepts (every flag when `command` is undefined), in declaration order. */
export function flagsOf(command: CommandName | undefined): FlagName[] {
  return (Object.keys(FLAGS) as FlagName[]).filter((k) => command === undefined || appliesTo(k, command));
}
