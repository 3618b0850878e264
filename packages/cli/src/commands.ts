/** The subcommands of `convkit`, what each does and which flags it requires or forbids together. */

/** The names of the subcommands. */
export const COMMAND_NAMES = [
  'train',
  'evaluate',
  'summary',
  'compress',
  'quickstart',
  'attack',
  'export',
  'import',
  'tune',
] as const;

/** A subcommand of `convkit`. */
export type CommandName = (typeof COMMAND_NAMES)[number];

/** What the help says about a subcommand, and the flag rules checked at parse time. */
export interface CommandInfo {
  /** One line for the overview and the top of the subcommand's help. */
  summary: string;
  /** Flags the subcommand cannot run without, with the message naming the fix (and the value's name in the usage line when not the flag's own). */
  required?: ReadonlyArray<{ flag: string; message: string; placeholder?: string }>;
  /** Pairs of flags that cannot be given together, with the reason. */
  conflicts?: ReadonlyArray<{ flags: readonly [string, string]; reason: string }>;
  /** The one argument besides the flags the subcommand requires (`convkit import PATH`), with the message when it is missing. */
  argument?: { placeholder: string; message: string };
}

const LOADS_MODEL = 'it compresses the saved model in --model-dir instead of training one';

/** Subcommand → its description and rules. */
export const COMMANDS: Record<CommandName, CommandInfo> = {
  train: { summary: 'train a preset CNN and report its held-out accuracy, loss and throughput' },
  evaluate: {
    summary:
      'evaluate a model saved by `convkit train --out DIR` on held-out images: the metrics, top-5 accuracy and macro ROC AUC, a per-class report and the confusion matrix',
    required: [
      {
        flag: 'model-dir',
        message: 'evaluate needs --model-dir DIR (a directory written by `convkit train --out DIR`)',
      },
    ],
  },
  summary: {
    summary: 'print the layers and parameter counts of a preset (--model) or a saved model (--model-dir)',
    conflicts: [{ flags: ['model', 'model-dir'], reason: 'give one: a preset name or a saved model' }],
  },
  compress: {
    summary:
      'train (or load) a model, then distil, remove filters, prune, cluster and quantize it (2 to 8 bits), report size, accuracy and latency after every step and save it',
    conflicts: [
      { flags: ['model-dir', 'model'], reason: LOADS_MODEL },
      { flags: ['model-dir', 'epochs'], reason: LOADS_MODEL },
      { flags: ['model-dir', 'lr'], reason: LOADS_MODEL },
      { flags: ['model-dir', 'lr-schedule'], reason: LOADS_MODEL },
    ],
  },
  attack: {
    summary:
      'attack a model saved by `convkit train --out DIR` on held-out images (FGSM or PGD) and print its clean and robust accuracy at every --eps',
    required: [
      {
        flag: 'model-dir',
        message: 'attack needs --model-dir DIR (a directory written by `convkit train --out DIR`)',
      },
    ],
  },
  export: {
    summary:
      'write a model saved by `convkit train --out DIR` as an ONNX file (--format onnx) or a TensorFlow.js Layers model folder (--format tfjs)',
    required: [
      {
        flag: 'model-dir',
        message: 'export needs --model-dir DIR (a directory written by `convkit train --out DIR`)',
      },
      { flag: 'format', message: 'export needs --format onnx|tfjs (the format to write)' },
      {
        flag: 'out',
        message: 'export needs --out PATH (the .onnx file, or the folder of the TensorFlow.js model, to write)',
      },
    ],
  },
  import: {
    summary:
      'read a TensorFlow.js Layers model (model.json or its folder), a Keras .keras or a Keras .h5 file and save it as a convkit model folder',
    argument: {
      placeholder: 'PATH',
      message: 'import needs PATH, the model to read: a tfjs model.json (or its folder), a .keras or a .h5 file',
    },
    required: [
      { flag: 'out', placeholder: 'DIR', message: 'import needs --out DIR (the folder to save the convkit model to)' },
    ],
  },
  tune: {
    summary:
      'search training settings (learning rate, batch size, filters, dropout, optimizer, augmentation, epochs) for the best validation accuracy; trials run in parallel on worker threads or on several machines through Redis, and the best configuration is retrained and scored on the test set',
    required: [
      {
        flag: 'config',
        message: 'tune needs --config FILE (the search space: a JSON file of training knobs)',
      },
      { flag: 'trials', message: 'tune needs --trials N (how many trials the study runs)' },
    ],
  },
  quickstart: {
    summary:
      'train the reference CNN (lenet) on wasm (or --backend cpu|webgpu) on 8,000 embedded MNIST digits, test it on the 2,000 held-out ones, prune it to 80%, quantize it to int8 and print the compression report',
  },
};

/** Whether `name` is a subcommand. */
export function isCommand(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}
