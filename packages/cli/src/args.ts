/**
 * Command-line parsing: `argv` → the subcommand and its typed, validated
 * options, or a `UsageError` naming the flag, what it accepts and the fix.
 * Every value is checked here, before any work starts.
 */
import { type Token, tokenize } from './argv';
import type { CliBackend } from './backends';
import { COMMAND_NAMES, COMMANDS, type CommandName, isCommand } from './commands';
import { appliesTo, FLAGS, type FlagName, type FlagValue, flagsOf } from './flags';
import { didYouMean } from './suggest';
import { showValue, UsageError } from './usage-error';
import type { ValueKind } from './value-kinds';

export { USAGE } from './help';

/** Options shared by the commands that train or evaluate. */
export interface CommonOptions {
  /** Model preset (`--model`), e.g. `'lenet'` (default `lenet`, `cifar` with `--data cifar10`). */
  model: string;
  /** Dataset (`--data`). */
  data: 'mnist' | 'fashion-mnist' | 'cifar10';
  /** Folder of the dataset's files (`--data-dir`), instead of the download cache. */
  dataDir?: string;
  /** Mirror to download the dataset from (`--data-url`): an http(s) URL, a file:// URL or a folder. */
  dataUrl?: string;
  /** Training epochs (`--epochs`). */
  epochs: number;
  /** Images per training batch (`--batch-size`). */
  batchSize: number;
  /** Adam learning rate (`--lr`). */
  learningRate: number;
  /** Learning-rate schedule (`--lr-schedule`). */
  schedule: 'cosine' | 'constant';
  /** Training-time augmentation (`--augment`; default `none`, `flip-shift` with `--data cifar10`). */
  augment: 'none' | 'shift' | 'flip' | 'flip-shift';
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
  /** Directory of a saved model (`--model-dir`). */
  modelDir?: string;
  /** No progress output (`--quiet`). */
  quiet: boolean;
  /**
   * `evaluate`: the metrics to report besides the loss (default accuracy, precision, recall, f1).
   *
   * @defaultValue `accuracy`, `precision`, `recall` and `f1`
   */
  metrics?: string[];
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
  /** `compress`: bits per kernel weight with int8 quantization; several widths are reported, the first kept (default [8]). */
  bits: number[];
  /** `compress`: also prune a copy at random to the same sparsity as a baseline. */
  randomBaseline: boolean;
  /** `compress`: first distil the model into the `student` preset. */
  distill: boolean;
  /** `compress --distill`: the student's preset (default small). */
  student: string;
  /** `compress --distill`: the student's training epochs (default 2). */
  distillEpochs: number;
  /** `compress --distill`: softmax temperature (default 4). */
  kdTemperature: number;
  /** `compress --distill`: weight of the hard-label loss (default 0.1). */
  kdAlpha: number;
  /** `compress`: learning rate of the fine-tuning stages. */
  fineTuneLearningRate: number;
  /** `compress`: where to write the report as JSON. */
  reportJson?: string;
  /** `attack`: the attack (default pgd). */
  attack: 'fgsm' | 'pgd';
  /** `train`: adversarial training (default none). */
  adversarial: 'none' | 'fgsm' | 'pgd';
  /** `attack`: the radii (default 0.1, 0.2, 0.3); `train --adversarial`: one radius. */
  eps?: number[];
  /** `attack`, `train --adversarial pgd`: PGD steps (defaults 20 and 7). */
  steps?: number;
  /** `attack`, `train --adversarial`: the attack's step length (default from eps and steps). */
  stepSize?: number;
  /** `attack`, `train --adversarial`: the ε-ball's norm (default linf). */
  norm: 'linf' | 'l2';
  /** `export`: the format to write (`--format`). */
  format?: 'onnx' | 'tfjs';
  /** `import`: the model to read (the PATH argument): a tfjs `model.json` or its folder, a `.keras` or `.h5` file. */
  source?: string;
  /** `tune`: the search space file (`--config`). */
  config?: string;
  /** `tune`: trials of the study in all (`--trials`). */
  trials?: number;
  /** `tune`: trials at once on worker threads (`--parallel`; default the number of cores). */
  parallel?: number;
  /** `tune`: where the study lives: `memory`, `file:PATH` or `redis://host:port` (`--storage`). */
  storage: string;
  /** `tune`: the study's name (`--study`). */
  study: string;
  /** `tune`: training images to tune on (`--subset`). */
  subset?: number;
  /** `tune`: the sampler (`--sampler`). */
  sampler: 'tpe' | 'random' | 'evolutionary';
  /** `tune`: the pruner (`--pruner`). */
  pruner: 'none' | 'median' | 'asha';
}

/** What `parseCommandLine` returns. */
export interface ParsedCommandLine {
  /** The subcommand; undefined when none was given (the caller prints the usage). */
  command: CommandName | undefined;
  /** `--help`/`-h` or `convkit help [command]`: print the help of `command` (or the overview) and stop. */
  help: boolean;
  /** `--debug`: print stack traces of errors. */
  debug: boolean;
  /** The typed options, defaults filled in. */
  options: CommonOptions;
}

type Values = { [K in FlagName]?: FlagValue<K> };

function commandList(): string {
  return COMMAND_NAMES.join(', ');
}

function unknownCommand(word: string): UsageError {
  const near = didYouMean(word, COMMAND_NAMES);
  return new UsageError(
    `unknown command ${showValue(word)}${near ? ` (did you mean ${near}?)` : ''}; the commands are ${commandList()}`,
  );
}

function unknownFlag(token: Extract<Token, { type: 'unknown' }>, command: CommandName | undefined): UsageError {
  const own = flagsOf(command);
  const near = didYouMean(token.name, own) ?? didYouMean(token.name.replace(/^-+/, ''), own);
  const where = command ? ` for convkit ${command}` : '';
  const hint = near
    ? `did you mean --${near}?`
    : `run convkit ${command ?? ''}${command ? ' ' : ''}--help for the options`;
  return new UsageError(`unknown option ${showValue(token.text)}${where} (${hint})`, command);
}

function notApplicable(name: FlagName, command: CommandName): UsageError {
  const spec = FLAGS[name];
  const users = spec.commands === 'all' ? [] : spec.commands;
  return new UsageError(
    `--${name} is not an option of convkit ${command} (it applies to ${users.join(', ')}; run convkit ${command} --help for the options of ${command})`,
    command,
  );
}

function strayArgument(token: Extract<Token, { type: 'positional' }>, command: CommandName): UsageError {
  const argument = COMMANDS[command].argument;
  const hint = token.afterSwitch
    ? `; --${token.afterSwitch} is a switch and takes no value`
    : argument
      ? `; convkit ${command} takes one ${argument.placeholder} besides its --options`
      : `; convkit ${command} takes no arguments besides its --options`;
  return new UsageError(`unexpected argument ${showValue(token.value)}${hint}`, command);
}

function parseValue<K extends FlagName>(name: K, raw: string, command: CommandName | undefined): FlagValue<K> {
  try {
    return (FLAGS[name].kind as ValueKind<FlagValue<K>>).parse(raw, name);
  } catch (err) {
    if (err instanceof UsageError) throw new UsageError(err.message, command);
    throw err;
  }
}

/**
 * Checks the flag tokens in order; the first problem is thrown. Returns the
 * given flags' typed values, and the command's argument (`import PATH`) as `argument`.
 */
function readFlags(tokens: readonly Token[], command: CommandName | undefined): { values: Values; argument?: string } {
  const values: Values = {};
  const given = new Map<FlagName, string>();
  const allowed = command && COMMANDS[command].argument ? 2 : 1;
  let positionals = 0;
  let argument: string | undefined;
  for (const token of tokens) {
    switch (token.type) {
      case 'unknown':
        throw unknownFlag(token, command);
      case 'invalid':
        throw new UsageError(token.error.message, command);
      case 'positional':
        positionals++;
        if (positionals > allowed && command) throw strayArgument(token, command);
        if (positionals === 2) argument = token.value;
        break;
      case 'flag': {
        const shown = token.value === undefined ? token.text : `${token.text} ${showValue(token.value)}`;
        const before = given.get(token.name);
        if (before !== undefined) {
          throw new UsageError(`--${token.name} is given twice (${before}, then ${shown}); give it once`, command);
        }
        given.set(token.name, shown);
        const value = token.value === undefined ? true : parseValue(token.name, token.value, command);
        if (command && !appliesTo(token.name, command)) throw notApplicable(token.name, command);
        (values as Record<string, unknown>)[token.name] = value;
        break;
      }
    }
  }
  return { values, argument };
}

function checkRules(command: CommandName, values: Values, argument: string | undefined): void {
  const wanted = COMMANDS[command].argument;
  if (wanted && (argument === undefined || argument === '' || argument.includes('\0'))) {
    throw new UsageError(wanted.message, command);
  }
  for (const { flag, message } of COMMANDS[command].required ?? []) {
    if (values[flag as FlagName] === undefined) throw new UsageError(message, command);
  }
  for (const { flags, reason } of COMMANDS[command].conflicts ?? []) {
    if (values[flags[0] as FlagName] !== undefined && values[flags[1] as FlagName] !== undefined) {
      throw new UsageError(`--${flags[0]} and --${flags[1]} cannot be given together: ${reason}`, command);
    }
  }
}

/** The attack flags that only make sense together: `train --eps` needs `--adversarial`, FGSM takes no `--steps`. */
function checkAttackFlags(command: CommandName, values: Values): void {
  const attackFlags = (['eps', 'steps', 'step-size', 'norm'] as const).filter((f) => values[f] !== undefined);
  if (command === 'train') {
    const method = values.adversarial ?? 'none';
    if (method === 'none') {
      if (attackFlags.length > 0) {
        throw new UsageError(
          `--${attackFlags[0]} applies to adversarial training: add --adversarial fgsm or --adversarial pgd`,
          command,
        );
      }
      return;
    }
    const eps = values.eps;
    if (eps === undefined) {
      throw new UsageError(
        `--adversarial ${method} needs --eps X, the radius to train against (e.g. --eps 0.1)`,
        command,
      );
    }
    if (eps.length !== 1 || !(eps[0] > 0)) {
      throw new UsageError(
        `--adversarial ${method} takes one radius > 0 in --eps, got ${eps.join(',')} (several radii are for convkit attack)`,
        command,
      );
    }
    if (method === 'fgsm' && values.steps !== undefined) {
      throw new UsageError('--steps applies to --adversarial pgd; fast FGSM training takes one step', command);
    }
  }
  if (command === 'attack' && values.attack === 'fgsm' && values.steps !== undefined) {
    throw new UsageError('--steps applies to --attack pgd; FGSM takes one step', command);
  }
}

/** `tune --storage redis://… --parallel N`: a Redis study scales by processes, not threads. */
function checkTuneFlags(command: CommandName, values: Values): void {
  if (command !== 'tune') return;
  const storage = values.storage ?? 'memory';
  if (/^rediss?:/i.test(storage) && values.parallel !== undefined && values.parallel > 1) {
    throw new UsageError(
      `--parallel ${values.parallel} cannot go with --storage ${storage}: a Redis study runs one trial per convkit tune process; start ${values.parallel} processes (on one or several machines) instead`,
      command,
    );
  }
}

/** The compress flags that only make sense together: `--bits` needs integer weights, the distillation flags `--distill`. */
function checkCompressFlags(command: CommandName, values: Values): void {
  if (command !== 'compress') return;
  const quantize = values.quantize ?? 'int8';
  if (values.bits !== undefined && quantize !== 'int8') {
    throw new UsageError(
      `--bits sets the width of integer weights: it cannot go with --quantize ${quantize} (drop one of them)`,
      command,
    );
  }
  if (values['random-baseline'] && !(values.prune !== undefined && values.prune > 0)) {
    throw new UsageError(
      '--random-baseline compares random with magnitude pruning: add --prune X (e.g. --prune 0.75)',
      command,
    );
  }
  const kd = (['student', 'distill-epochs', 'kd-temperature', 'kd-alpha'] as const).find(
    (f) => values[f] !== undefined,
  );
  if (kd && !values.distill) throw new UsageError(`--${kd} applies to distillation: add --distill`, command);
}

function toOptions(values: Values, source?: string): CommonOptions {
  const get = <K extends FlagName>(name: K): FlagValue<K> => {
    if (values[name] !== undefined) return values[name] as FlagValue<K>;
    const spec = FLAGS[name];
    if (spec.default === undefined) return undefined as FlagValue<K>;
    return (spec.kind as ValueKind<FlagValue<K>>).parse(spec.default, name);
  };
  const data = get('data');
  return {
    // The CIFAR-10 preset and augmentation unless asked otherwise.
    model: get('model') ?? (data === 'cifar10' ? 'cifar' : 'lenet'),
    data,
    dataDir: get('data-dir'),
    dataUrl: get('data-url'),
    epochs: get('epochs'),
    batchSize: get('batch-size'),
    learningRate: get('lr'),
    schedule: get('lr-schedule'),
    augment: get('augment') ?? (data === 'cifar10' ? 'flip-shift' : 'none'),
    trainCount: get('train-count'),
    testCount: get('test-count'),
    backend: get('backend'),
    seed: get('seed'),
    out: get('out'),
    modelDir: get('model-dir'),
    quiet: values.quiet === true,
    metrics: get('metrics'),
    prune: get('prune'),
    pruneEpochs: get('prune-epochs'),
    structured: get('structured'),
    cluster: get('cluster'),
    quantize: get('quantize'),
    qatEpochs: get('qat-epochs'),
    bits: get('bits'),
    randomBaseline: values['random-baseline'] === true,
    distill: values.distill === true,
    student: get('student'),
    distillEpochs: get('distill-epochs'),
    kdTemperature: get('kd-temperature'),
    kdAlpha: get('kd-alpha'),
    fineTuneLearningRate: get('ft-lr'),
    reportJson: get('report-json'),
    attack: get('attack'),
    adversarial: get('adversarial'),
    eps: get('eps'),
    steps: get('steps'),
    stepSize: get('step-size'),
    norm: get('norm'),
    format: get('format'),
    source,
    config: get('config'),
    trials: get('trials'),
    parallel: get('parallel'),
    storage: get('storage'),
    study: get('study'),
    subset: get('subset'),
    sampler: get('sampler'),
    pruner: get('pruner'),
  };
}

/**
 * Parses `argv` (the arguments after `node` and the script) into the
 * subcommand and its typed options, defaults filled in.
 *
 * Flags take `--flag value` or `--flag=value`; a value may be negative
 * (`--seed -1`). Every value is checked against what its flag accepts;
 * unknown flags (with a "did you mean"), flags of another subcommand,
 * repeated flags, missing values, stray arguments, a missing required flag
 * and conflicting flags are errors. `--help` anywhere (or `help COMMAND`)
 * wins over other problems and returns `help: true`.
 *
 * @param argv - The arguments after `node` and the script.
 * @returns The subcommand, its options, and whether help was asked for.
 * @throws {UsageError} (a `ConfigError`) for any command line that cannot run;
 *   no other exception for any array of strings.
 *
 * @example
 * ```ts
 * import { parseCommandLine } from '@convkit/cli';
 *
 * const parsed = parseCommandLine(['train', '--model', 'small', '--epochs', '2']);
 * ```
 */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const tokens = tokenize(argv);
  const positionals = tokens.filter((t): t is Extract<Token, { type: 'positional' }> => t.type === 'positional');
  const help = tokens.some((t) => t.type === 'flag' && t.name === 'help');
  const debug = tokens.some((t) => t.type === 'flag' && t.name === 'debug');
  const word = positionals[0]?.value;
  if (word === 'help') {
    if (positionals.length > 2)
      throw new UsageError(`convkit help takes at most one command, got ${positionals.length - 1}`);
    const topic = positionals[1]?.value;
    if (topic !== undefined && !isCommand(topic)) throw unknownCommand(topic);
    return { command: topic, help: true, debug, options: toOptions({}) };
  }
  if (word !== undefined && !isCommand(word)) throw unknownCommand(word);
  const command = word;
  if (help) return { command, help: true, debug, options: toOptions({}) };
  const { values, argument } = readFlags(tokens, command);
  if (command) {
    checkRules(command, values, argument);
    checkAttackFlags(command, values);
    checkCompressFlags(command, values);
    checkTuneFlags(command, values);
  }
  return { command, help: false, debug, options: toOptions(values, argument) };
}
