import { type CommonOptions, parseCommandLine, runCli, UsageError } from '@convkit/cli';
import { ConfigError } from '@convkit/core';
import { describe, expect, it } from 'vitest';

const COMMANDS = [
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
type Command = (typeof COMMANDS)[number];

/** What a command line needs besides the flag under test (evaluate cannot run without --model-dir, import without PATH). */
const BASE: Record<Command, string[]> = {
  train: [],
  evaluate: ['--model-dir', 'runs/m'],
  summary: [],
  compress: [],
  quickstart: [],
  attack: ['--model-dir', 'runs/m'],
  export: ['--model-dir', 'runs/m', '--out', 'm.onnx'],
  import: ['m.keras', '--out', 'runs/m'],
  tune: ['--config', 'search.json', '--trials', '2'],
};

interface NumericCase {
  flag: string;
  key: keyof CommonOptions;
  commands: Command[];
  good: Array<[string, number]>;
  bad: string[];
  accepts: string;
}

// Written by hand from the issue and the README: which subcommand takes which
// flag, what it accepts, and values inside and outside the range.
const NOT_NUMBERS = ['abc', '', ' 3', '0x10', 'Infinity', 'NaN', '1_000', '--', '3x'];
const NUMERIC: NumericCase[] = [
  {
    flag: 'epochs',
    key: 'epochs',
    commands: ['train', 'compress', 'tune'],
    good: [
      ['3', 3],
      ['1e2', 100],
      ['+7', 7],
    ],
    bad: ['-1', '0', '-0', '2.5', '1e400', ...NOT_NUMBERS],
    accepts: 'a positive integer',
  },
  {
    flag: 'batch-size',
    key: 'batchSize',
    commands: ['train', 'compress', 'tune'],
    good: [
      ['32', 32],
      ['1', 1],
    ],
    bad: ['-32', '0', '0.5', '9007199254740993', ...NOT_NUMBERS],
    accepts: 'a positive integer',
  },
  {
    flag: 'train-count',
    key: 'trainCount',
    commands: ['train', 'evaluate', 'compress', 'attack'],
    good: [['1500', 1500]],
    bad: ['-1', '0', '1.5', ...NOT_NUMBERS],
    accepts: 'a positive integer',
  },
  {
    flag: 'test-count',
    key: 'testCount',
    commands: ['train', 'evaluate', 'compress', 'attack', 'tune'],
    good: [['500', 500]],
    bad: ['-500', '0', ...NOT_NUMBERS],
    accepts: 'a positive integer',
  },
  {
    flag: 'seed',
    key: 'seed',
    commands: ['train', 'evaluate', 'compress', 'quickstart', 'attack', 'tune'],
    good: [
      ['-7', -7],
      ['0', 0],
      ['-0', 0],
      ['4294967296', 4294967296],
    ],
    bad: ['1.5', '-1.5', '9007199254740993', ...NOT_NUMBERS],
    accepts: 'an integer',
  },
  {
    flag: 'lr',
    key: 'learningRate',
    commands: ['train', 'compress', 'tune'],
    good: [
      ['0.003', 0.003],
      ['1e-3', 0.001],
      ['.5', 0.5],
    ],
    bad: ['0', '-0.001', '-1e-3', '1e999', '-Infinity', ...NOT_NUMBERS],
    accepts: 'a finite positive number',
  },
  {
    flag: 'ft-lr',
    key: 'fineTuneLearningRate',
    commands: ['compress', 'quickstart'],
    good: [['0.0001', 0.0001]],
    bad: ['0', '-0.5', ...NOT_NUMBERS],
    accepts: 'a finite positive number',
  },
  {
    flag: 'prune',
    key: 'prune',
    commands: ['compress'],
    good: [
      ['0.5', 0.5],
      ['0', 0],
      ['0.999', 0.999],
    ],
    bad: ['1', '-0.1', '1.5', '50', ...NOT_NUMBERS],
    accepts: 'a fraction in [0, 1)',
  },
  {
    flag: 'structured',
    key: 'structured',
    commands: ['compress', 'quickstart'],
    good: [['0.25', 0.25]],
    bad: ['1', '-0.25', ...NOT_NUMBERS],
    accepts: 'a fraction in [0, 1)',
  },
  {
    flag: 'prune-epochs',
    key: 'pruneEpochs',
    commands: ['compress'],
    good: [
      ['0', 0],
      ['1000', 1000],
    ],
    bad: ['-1', '1001', '1.5', ...NOT_NUMBERS],
    accepts: 'an integer from 0 to 1000',
  },
  {
    flag: 'qat-epochs',
    key: 'qatEpochs',
    commands: ['compress', 'quickstart'],
    good: [
      ['0', 0],
      ['3', 3],
    ],
    bad: ['-3', '1001', ...NOT_NUMBERS],
    accepts: 'an integer from 0 to 1000',
  },
  {
    flag: 'cluster',
    key: 'cluster',
    commands: ['compress', 'quickstart'],
    good: [
      ['0', 0],
      ['2', 2],
      ['256', 256],
    ],
    bad: ['1', '257', '-2', '2.5', ...NOT_NUMBERS],
    accepts: '0 (off) or an integer from 2 to 256',
  },
];

interface ChoiceCase {
  flag: string;
  key: keyof CommonOptions;
  commands: Command[];
  values: string[];
}

const CHOICES: ChoiceCase[] = [
  {
    flag: 'model',
    key: 'model',
    commands: ['train', 'compress', 'summary', 'tune'],
    values: ['lenet', 'small', 'cifar'],
  },
  {
    flag: 'data',
    key: 'data',
    commands: ['train', 'evaluate', 'compress', 'attack', 'tune'],
    values: ['mnist', 'fashion-mnist', 'cifar10'],
  },
  {
    flag: 'backend',
    key: 'backend',
    commands: ['train', 'evaluate', 'compress', 'attack', 'tune', 'quickstart'],
    values: ['cpu', 'wasm', 'webgpu'],
  },
  { flag: 'attack', key: 'attack', commands: ['attack'], values: ['fgsm', 'pgd'] },
  { flag: 'lr-schedule', key: 'schedule', commands: ['train', 'compress', 'tune'], values: ['cosine', 'constant'] },
  {
    flag: 'augment',
    key: 'augment',
    commands: ['train', 'compress', 'tune'],
    values: ['none', 'shift', 'flip', 'flip-shift'],
  },
  { flag: 'quantize', key: 'quantize', commands: ['compress'], values: ['int8', 'float16', 'none'] },
  { flag: 'format', key: 'format', commands: ['export'], values: ['onnx', 'tfjs'] },
  { flag: 'sampler', key: 'sampler', commands: ['tune'], values: ['tpe', 'random', 'evolutionary'] },
  { flag: 'pruner', key: 'pruner', commands: ['tune'], values: ['none', 'median', 'asha'] },
];

/** The message of the UsageError `argv` throws (fails the test if it parses). */
function usageError(argv: string[]): string {
  try {
    parseCommandLine(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`expected a usage error for ${JSON.stringify(argv)}`);
}

function shown(raw: string): string {
  return raw === '' || /[\s"'`\\]/.test(raw) ? JSON.stringify(raw) : raw;
}

describe('parseCommandLine: every numeric flag of every subcommand', () => {
  for (const c of NUMERIC) {
    for (const command of c.commands) {
      it(`${command} --${c.flag}: accepts ${c.accepts}, as --flag value and --flag=value`, () => {
        for (const [raw, value] of c.good) {
          for (const argv of [
            [command, ...BASE[command], `--${c.flag}`, raw],
            [command, `--${c.flag}=${raw}`, ...BASE[command]],
          ]) {
            const parsed = parseCommandLine(argv);
            expect(parsed.command).toBe(command);
            expect(parsed.options[c.key]).toBe(value);
          }
        }
        for (const raw of c.bad) {
          const expected = `--${c.flag} must be ${c.accepts}, got ${shown(raw)}`;
          expect(usageError([command, ...BASE[command], `--${c.flag}=${raw}`])).toBe(expected);
          // `--flag -1` as two words reaches the range check too (node's parseArgs called it ambiguous)
          if (raw !== '' && !raw.startsWith('--')) {
            expect(usageError([command, ...BASE[command], `--${c.flag}`, raw])).toBe(expected);
          }
        }
      });
    }
    const others = COMMANDS.filter((k) => !c.commands.includes(k));
    it(`--${c.flag} is refused by ${others.join(', ')} with the commands that take it`, () => {
      for (const command of others) {
        expect(usageError([command, ...BASE[command], `--${c.flag}`, c.good[0][0]])).toMatch(
          new RegExp(`^--${c.flag} is not an option of convkit ${command} \\(it applies to ${c.commands.join(', ')};`),
        );
      }
    });
  }
});

describe('parseCommandLine: every choice flag', () => {
  for (const c of CHOICES) {
    it(`--${c.flag} accepts ${c.values.join(', ')} and names them when refusing another`, () => {
      for (const command of c.commands) {
        for (const v of c.values) {
          expect(parseCommandLine([command, ...BASE[command], `--${c.flag}`, v]).options[c.key]).toBe(v);
          expect(parseCommandLine([command, ...BASE[command], `--${c.flag}=${v}`]).options[c.key]).toBe(v);
        }
        const accepts = c.values.length === 2 ? c.values.join(' or ') : `one of ${c.values.join(', ')}`;
        expect(usageError([command, ...BASE[command], `--${c.flag}`, 'bogus'])).toBe(
          `--${c.flag} must be ${accepts}, got bogus`,
        );
        // a near miss gets a suggestion
        const typo = `${c.values[1]}x`;
        expect(usageError([command, ...BASE[command], `--${c.flag}`, typo])).toBe(
          `--${c.flag} must be ${accepts}, got ${typo} (did you mean ${c.values[1]}?)`,
        );
      }
      for (const command of COMMANDS.filter((k) => !c.commands.includes(k))) {
        expect(usageError([command, ...BASE[command], `--${c.flag}`, c.values[0]])).toMatch(/is not an option of/);
      }
    });
  }

  it('--metrics (evaluate) is a comma list of distinct known metrics', () => {
    const evaluate = ['evaluate', '--model-dir', 'm'];
    expect(parseCommandLine(evaluate).options.metrics).toEqual(['accuracy', 'precision', 'recall', 'f1']);
    expect(parseCommandLine([...evaluate, '--metrics', 'f1,accuracy,top5']).options.metrics).toEqual([
      'f1',
      'accuracy',
      'top5',
    ]);
    expect(parseCommandLine([...evaluate, '--metrics=recall']).options.metrics).toEqual(['recall']);
    const accepts = '--metrics must be a comma-separated list of accuracy, precision, recall, f1, top3, top5';
    expect(usageError([...evaluate, '--metrics', 'accuracy,,f1'])).toBe(`${accepts}, got accuracy,,f1 (an empty item)`);
    expect(usageError([...evaluate, '--metrics', 'f1,'])).toBe(`${accepts}, got f1, (an empty item)`);
    expect(usageError([...evaluate, '--metrics', 'f1,f1'])).toBe(`${accepts}, got f1,f1 (f1 is listed twice)`);
    expect(usageError([...evaluate, '--metrics', 'accuracy,f2'])).toBe(
      `${accepts}, got accuracy,f2 (unknown item f2; did you mean f1?)`,
    );
    expect(usageError(['train', '--metrics', 'f1'])).toMatch(/^--metrics is not an option of convkit train/);
  });

  it('paths must not be empty', () => {
    expect(usageError(['train', '--out='])).toBe('--out must be a path, got ""');
    expect(usageError(['evaluate', '--model-dir', ''])).toBe('--model-dir must be a directory path, got ""');
    expect(parseCommandLine(['train', '--out', '-weird dir']).options.out).toBe('-weird dir');
    expect(parseCommandLine(['train', '--out=--x']).options.out).toBe('--x');
  });
});

describe('parseCommandLine: the shape of the command line', () => {
  it('fills in the defaults', () => {
    const { command, options, help, debug } = parseCommandLine(['train']);
    expect({ command, help, debug }).toEqual({ command: 'train', help: false, debug: false });
    expect(options).toMatchObject({
      model: 'lenet',
      data: 'mnist',
      epochs: 1,
      batchSize: 64,
      learningRate: 0.001,
      schedule: 'cosine',
      augment: 'none',
      backend: 'wasm',
      seed: 42,
      quiet: false,
      prune: 0,
      pruneEpochs: 2,
      structured: 0,
      cluster: 0,
      quantize: 'int8',
      qatEpochs: 0,
      fineTuneLearningRate: 0.0003,
    });
    expect(options.trainCount).toBeUndefined();
    expect(options.out).toBeUndefined();
  });

  it('--data cifar10 defaults to the cifar preset and flip-shift augmentation; given flags win', () => {
    expect(parseCommandLine(['train', '--data', 'cifar10']).options).toMatchObject({
      model: 'cifar',
      augment: 'flip-shift',
    });
    expect(
      parseCommandLine(['train', '--data', 'cifar10', '--model', 'small', '--augment', 'none']).options,
    ).toMatchObject({ model: 'small', augment: 'none' });
    expect(parseCommandLine(['train', '--data', 'fashion-mnist']).options).toMatchObject({
      model: 'lenet',
      augment: 'none',
    });
  });

  it('--data-url takes an http(s) URL, a file:// URL or a folder', () => {
    for (const url of [
      'https://example.com/mirror/',
      'http://127.0.0.1:8080/x',
      'file:///srv/data/',
      './mirror',
      '/srv/m',
    ]) {
      expect(parseCommandLine(['train', '--data', 'cifar10', '--data-url', url]).options.dataUrl).toBe(url);
    }
    expect(usageError(['train', '--data-url', 'ftp://example.com/'])).toBe(
      '--data-url must be an http(s):// URL, a file:// URL or a folder, got ftp://example.com/',
    );
    expect(usageError(['train', '--data-url', 'https://'])).toMatch(/^--data-url must be an http\(s\):\/\/ URL/);
    expect(usageError(['summary', '--data-url', 'x'])).toMatch(/--data-url is not an option of convkit summary/);
  });

  it('flags may come before the command and in any order', () => {
    const { command, options } = parseCommandLine(['--epochs=4', 'train', '--quiet', '--seed', '-3']);
    expect(command).toBe('train');
    expect(options).toMatchObject({ epochs: 4, quiet: true, seed: -3 });
  });

  it('a missing value names the flag and what it takes', () => {
    const message =
      '--epochs needs a value (a positive integer): --epochs N, or --epochs=VALUE for a value starting with --';
    expect(usageError(['train', '--epochs'])).toBe(message);
    expect(usageError(['train', '--epochs', '--quiet'])).toBe(message);
    // -h is the help switch, not a value: the help wins
    expect(parseCommandLine(['train', '--epochs', '-h'])).toMatchObject({ command: 'train', help: true });
    expect(usageError(['compress', '--out'])).toMatch(/^--out needs a value \(a path\)/);
  });

  it('a repeated flag is an error that shows both', () => {
    expect(usageError(['train', '--epochs', '3', '--epochs=5'])).toBe(
      '--epochs is given twice (--epochs 3, then --epochs 5); give it once',
    );
    expect(usageError(['train', '--quiet', '--quiet'])).toBe(
      '--quiet is given twice (--quiet, then --quiet); give it once',
    );
  });

  it('an unknown flag gets a "did you mean" among the flags of the command', () => {
    expect(usageError(['train', '--epoch', '3'])).toBe(
      'unknown option --epoch for convkit train (did you mean --epochs?)',
    );
    expect(usageError(['train', '--bacth-size=3'])).toBe(
      'unknown option --bacth-size for convkit train (did you mean --batch-size?)',
    );
    expect(usageError(['train', '-epochs', '3'])).toBe(
      'unknown option -epochs for convkit train (did you mean --epochs?)',
    );
    expect(usageError(['compress', '--qat', '2'])).toBe(
      'unknown option --qat for convkit compress (did you mean --qat-epochs?)',
    );
    expect(usageError(['train', '--frobnicate'])).toBe(
      'unknown option --frobnicate for convkit train (run convkit train --help for the options)',
    );
    expect(usageError(['train', '--constructor'])).toMatch(/^unknown option --constructor/);
    expect(usageError(['train', '--__proto__=1'])).toMatch(/^unknown option --__proto__/);
  });

  it('a switch takes no value', () => {
    expect(usageError(['train', '--quiet=true'])).toBe('--quiet is a switch and takes no value, got --quiet=true');
    expect(usageError(['train', '--quiet', 'false'])).toBe(
      'unexpected argument false; --quiet is a switch and takes no value',
    );
  });

  it('an unknown command or a stray argument is an error', () => {
    expect(usageError(['trian'])).toBe(
      'unknown command trian (did you mean train?); the commands are train, evaluate, summary, compress, quickstart, attack, export, import, tune',
    );
    expect(usageError(['frobnicate', '--epochs', '3'])).toMatch(/^unknown command frobnicate; the commands are/);
    expect(usageError(['train', 'extra'])).toBe(
      'unexpected argument extra; convkit train takes no arguments besides its --options',
    );
    expect(usageError(['train', '--epochs', '3', '5'])).toMatch(/^unexpected argument 5;/);
    expect(usageError(['summary', '--', '--model'])).toMatch(/^unexpected argument --model;/);
    expect(usageError(['train', '-1'])).toMatch(/^unexpected argument -1;/);
  });

  it('required and conflicting flags are checked at parse time', () => {
    expect(usageError(['evaluate'])).toBe(
      'evaluate needs --model-dir DIR (a directory written by `convkit train --out DIR`)',
    );
    expect(usageError(['summary', '--model', 'small', '--model-dir', 'm'])).toMatch(
      /^--model and --model-dir cannot be given together/,
    );
    expect(usageError(['compress', '--model-dir', 'm', '--epochs', '3'])).toMatch(
      /^--model-dir and --epochs cannot be given together: it compresses the saved model/,
    );
    expect(parseCommandLine(['compress', '--model-dir', 'm', '--batch-size', '16']).options).toMatchObject({
      modelDir: 'm',
      batchSize: 16,
    });
  });

  it('the first problem in argument order is reported', () => {
    expect(usageError(['train', '--epochs', '-1', '--lr', '0'])).toMatch(/^--epochs must be/);
    expect(usageError(['train', '--lr', '0', '--epochs', '-1'])).toMatch(/^--lr must be/);
  });

  it('--help and help COMMAND win over other problems and name the command', () => {
    for (const command of COMMANDS) {
      expect(parseCommandLine([command, '--help'])).toMatchObject({ command, help: true });
      expect(parseCommandLine([command, '-h', '--epochs', '-1', '--bogus'])).toMatchObject({ command, help: true });
      expect(parseCommandLine(['help', command])).toMatchObject({ command, help: true });
    }
    expect(parseCommandLine(['--help'])).toMatchObject({ command: undefined, help: true });
    expect(parseCommandLine(['help'])).toMatchObject({ command: undefined, help: true });
    expect(usageError(['help', 'trian'])).toMatch(/^unknown command trian \(did you mean train\?\)/);
    expect(usageError(['help', 'train', 'compress'])).toMatch(/^convkit help takes at most one command/);
    expect(parseCommandLine(['train', '--debug']).debug).toBe(true);
  });
});

describe('convkit COMMAND --help', () => {
  const flagsOf = (command: Command): string[] => [
    ...NUMERIC.filter((c) => c.commands.includes(command)).map((c) => c.flag),
    ...CHOICES.filter((c) => c.commands.includes(command)).map((c) => c.flag),
  ];

  for (const command of COMMANDS) {
    it(`${command} --help lists exactly the flags ${command} accepts, with what each accepts`, async () => {
      const lines: string[] = [];
      expect(await runCli([command, '--help'], (l) => lines.push(l))).toBe(0);
      const text = lines.join('\n');
      expect(text).toMatch(new RegExp(`^convkit ${command} — `));
      for (const flag of flagsOf(command)) expect(text).toMatch(new RegExp(`^  --${flag} \\S+ +\\S`, 'm'));
      for (const c of NUMERIC.filter((k) => k.commands.includes(command))) {
        expect(text).toMatch(new RegExp(`^  --${c.flag} .*${c.accepts.replace(/[[\]()]/g, '\\$&')}`, 'm'));
      }
      const others = [...NUMERIC, ...CHOICES].filter((c) => !c.commands.includes(command)).map((c) => c.flag);
      for (const flag of others) expect(text).not.toMatch(new RegExp(`^  --${flag} `, 'm'));
      expect(text).toMatch(/^ {2}-h, --help/m);
    });
  }
});
