/**
 * Property-based tests of the argument parser (fast-check): whatever the
 * command line, `parseCommandLine` returns a valid configuration or throws a
 * one-line `UsageError`, quickly; valid configurations survive the round
 * trip through the command line; values outside a flag's range are refused
 * with a message naming the flag.
 */
import { COMMAND_NAMES, type CommandName, type CommonOptions, FLAGS, parseCommandLine, UsageError } from '@convkit/cli';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const FLAG_NAMES = Object.keys(FLAGS);

/** Words that reach the parser's deeper paths more often than random text does. */
const WORD = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...COMMAND_NAMES, 'help') },
  { weight: 6, arbitrary: fc.constantFrom(...FLAG_NAMES.map((f) => `--${f}`), '-h', '--', '-', '---', '--=') },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom(...FLAG_NAMES), fc.string({ unit: 'binary', maxLength: 12 }))
      .map(([f, v]) => `--${f}=${v}`),
  },
  {
    weight: 5,
    arbitrary: fc.constantFrom('0', '1', '-1', '2', '0.5', '-0.5', '1e3', '256', 'NaN', 'Infinity', 'wasm', 'small'),
  },
  { weight: 2, arbitrary: fc.double().map(String) },
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

/** Checks what a parsed configuration promises, whatever argv it came from. */
function checkParsed(options: CommonOptions): void {
  const positiveInt = (n: number | undefined) => n === undefined || (Number.isSafeInteger(n) && n >= 1);
  expect(positiveInt(options.epochs) && positiveInt(options.batchSize)).toBe(true);
  expect(positiveInt(options.trainCount) && positiveInt(options.testCount)).toBe(true);
  expect(Number.isSafeInteger(options.seed)).toBe(true);
  for (const lr of [options.learningRate, options.fineTuneLearningRate]) {
    expect(Number.isFinite(lr) && lr > 0).toBe(true);
  }
  for (const f of [options.prune, options.structured]) expect(f >= 0 && f < 1).toBe(true);
  expect(options.cluster === 0 || (options.cluster >= 2 && options.cluster <= 256)).toBe(true);
  for (const n of [options.pruneEpochs, options.qatEpochs])
    expect(Number.isInteger(n) && n >= 0 && n <= 1000).toBe(true);
  expect(['mnist', 'fashion-mnist', 'cifar10']).toContain(options.data);
  expect(['cpu', 'wasm', 'webgpu']).toContain(options.backend);
  expect(['int8', 'float16', 'none']).toContain(options.quantize);
  for (const p of [options.out, options.modelDir, options.dataDir, options.reportJson]) {
    expect(p === undefined || (typeof p === 'string' && p.length > 0)).toBe(true);
  }
}

/**
 * Runs the parser on `argv`; returns how long it took and whether it parsed.
 * Fails on any outcome but a valid configuration or a one-line UsageError.
 */
function parseOrUsageError(argv: string[]): { ms: number; parsed: boolean } {
  const t0 = performance.now();
  try {
    const parsed = parseCommandLine(argv);
    const ms = performance.now() - t0;
    expect(parsed.command === undefined || (COMMAND_NAMES as readonly string[]).includes(parsed.command)).toBe(true);
    checkParsed(parsed.options);
    return { ms, parsed: true };
  } catch (err) {
    const ms = performance.now() - t0;
    if (!(err instanceof UsageError)) throw new Error(`${JSON.stringify(argv)} threw ${String(err)}`);
    expect(err.code).toBe('CONFIG');
    expect(err.message.length).toBeGreaterThan(0);
    expect(err.message.length).toBeLessThan(500);
    expect(err.message).not.toMatch(/[\n\r\u2028\u2029]/);
    return { ms, parsed: false };
  }
}

describe('parseCommandLine on any argv', () => {
  it('gives a valid configuration or a one-line UsageError, never another exception, in bounded time', () => {
    let slowest = 0;
    let parsedCount = 0;
    fc.assert(
      fc.property(fc.array(WORD, { maxLength: 14 }), (argv) => {
        const { ms, parsed } = parseOrUsageError(argv);
        slowest = Math.max(slowest, ms);
        if (parsed) parsedCount++;
      }),
      { numRuns: 3000 },
    );
    // a call takes well under a millisecond; the bound leaves room for a loaded CI machine
    expect(slowest).toBeLessThan(250);
    // both outcomes are exercised, not only errors
    expect(parsedCount).toBeGreaterThan(100);
  });

  it('stays fast on huge command lines', () => {
    const long = 'x'.repeat(200_000);
    const cases = [
      ['train', ...Array.from({ length: 20_000 }, () => '--quiet')],
      ['train', `--epochs=${'9'.repeat(100_000)}`],
      ['train', `--${long}`],
      ['train', '--model', long],
      [long],
      ['train', ...Array.from({ length: 20_000 }, (_, i) => `--x${i}`)],
    ];
    for (const argv of cases) expect(parseOrUsageError(argv).ms).toBeLessThan(1000);
  });
});

// Hand-written reference arbitraries: for each value flag, values inside its
// range and the typed value the parser must give for their text.
type Gen = fc.Arbitrary<{ text: string; value: unknown }>;
const same = <T>(a: fc.Arbitrary<T>): Gen => a.map((v) => ({ text: String(v), value: v }));
const positive = same(fc.integer({ min: 1, max: 2 ** 31 }));
const rate = same(fc.double({ min: Number.MIN_VALUE, max: 1e6, noNaN: true }));
const share = same(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }).map((x) => x + 0));
const epochs = same(fc.integer({ min: 0, max: 1000 }));
const pathText = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 16 })
  .filter((s) => !s.includes('\0'))
  .map((s) => ({ text: s, value: s }));
const oneOf = (...v: string[]): Gen => same(fc.constantFrom(...v));

const VALUES: Record<string, { key: keyof CommonOptions; gen: Gen; commands: CommandName[] }> = {
  model: { key: 'model', gen: oneOf('lenet', 'small', 'cifar'), commands: ['train', 'compress', 'summary', 'tune'] },
  'model-dir': { key: 'modelDir', gen: pathText, commands: ['evaluate', 'summary', 'compress', 'attack', 'export'] },
  data: {
    key: 'data',
    gen: oneOf('mnist', 'fashion-mnist', 'cifar10'),
    commands: ['train', 'evaluate', 'compress', 'attack', 'tune'],
  },
  'data-dir': { key: 'dataDir', gen: pathText, commands: ['train', 'evaluate', 'compress', 'attack', 'tune'] },
  'data-url': {
    key: 'dataUrl',
    gen: fc.oneof(
      pathText.filter(({ text }) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)),
      fc.webUrl().map((u) => ({ text: u, value: u })),
      oneOf('file:///srv/mirror/', 'https://example.com/datasets/'),
    ),
    commands: ['train', 'evaluate', 'compress', 'attack', 'tune'],
  },
  'train-count': { key: 'trainCount', gen: positive, commands: ['train', 'evaluate', 'compress', 'attack'] },
  'test-count': { key: 'testCount', gen: positive, commands: ['train', 'evaluate', 'compress', 'attack', 'tune'] },
  epochs: { key: 'epochs', gen: positive, commands: ['train', 'compress', 'tune'] },
  'batch-size': { key: 'batchSize', gen: positive, commands: ['train', 'compress', 'tune'] },
  lr: { key: 'learningRate', gen: rate, commands: ['train', 'compress', 'tune'] },
  'lr-schedule': { key: 'schedule', gen: oneOf('cosine', 'constant'), commands: ['train', 'compress', 'tune'] },
  augment: {
    key: 'augment',
    gen: oneOf('none', 'shift', 'flip', 'flip-shift'),
    commands: ['train', 'compress', 'tune'],
  },
  backend: {
    key: 'backend',
    gen: oneOf('cpu', 'wasm', 'webgpu'),
    commands: ['train', 'evaluate', 'compress', 'attack', 'quickstart', 'tune'],
  },
  seed: {
    key: 'seed',
    gen: same(fc.maxSafeInteger()),
    commands: ['train', 'evaluate', 'compress', 'quickstart', 'attack', 'tune'],
  },
  metrics: {
    key: 'metrics',
    gen: fc
      .uniqueArray(fc.constantFrom('accuracy', 'precision', 'recall', 'f1', 'top3', 'top5'), { minLength: 1 })
      .map((m) => ({ text: m.join(','), value: m })),
    commands: ['evaluate'],
  },
  out: { key: 'out', gen: pathText, commands: ['train', 'compress', 'quickstart', 'export', 'import', 'tune'] },
  format: { key: 'format', gen: oneOf('onnx', 'tfjs'), commands: ['export'] },
  structured: { key: 'structured', gen: share, commands: ['compress', 'quickstart'] },
  prune: { key: 'prune', gen: share, commands: ['compress'] },
  'prune-epochs': { key: 'pruneEpochs', gen: epochs, commands: ['compress'] },
  cluster: {
    key: 'cluster',
    gen: same(fc.oneof(fc.constant(0), fc.integer({ min: 2, max: 256 }))),
    commands: ['compress', 'quickstart'],
  },
  quantize: { key: 'quantize', gen: oneOf('int8', 'float16', 'none'), commands: ['compress'] },
  'qat-epochs': { key: 'qatEpochs', gen: epochs, commands: ['compress', 'quickstart'] },
  'ft-lr': { key: 'fineTuneLearningRate', gen: rate, commands: ['compress', 'quickstart'] },
  'report-json': { key: 'reportJson', gen: pathText, commands: ['compress', 'quickstart'] },
  attack: { key: 'attack', gen: oneOf('pgd'), commands: ['attack'] },
  eps: {
    key: 'eps',
    gen: fc
      .array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 4 })
      .map((v) => v.map((x) => x + 0))
      .map((v) => ({ text: v.join(','), value: v })),
    commands: ['attack'],
  },
  steps: { key: 'steps', gen: positive, commands: ['attack'] },
  'step-size': { key: 'stepSize', gen: rate, commands: ['attack'] },
  norm: { key: 'norm', gen: oneOf('linf', 'l2'), commands: ['attack'] },
  config: { key: 'config', gen: pathText, commands: ['tune'] },
  trials: { key: 'trials', gen: positive, commands: ['tune'] },
  parallel: { key: 'parallel', gen: same(fc.integer({ min: 1, max: 256 })), commands: ['tune'] },
  // Redis with --parallel > 1 is refused (one trial per process), so the round trip keeps to these.
  storage: { key: 'storage', gen: oneOf('memory', 'file:study.json', 'file:/tmp/s.json'), commands: ['tune'] },
  study: {
    key: 'study',
    gen: same(fc.stringMatching(/^[\w.-]{1,40}$/).filter((s) => !s.startsWith('-'))),
    commands: ['tune'],
  },
  subset: { key: 'subset', gen: positive, commands: ['tune'] },
  sampler: { key: 'sampler', gen: oneOf('tpe', 'random', 'evolutionary'), commands: ['tune'] },
  pruner: { key: 'pruner', gen: oneOf('none', 'median', 'asha'), commands: ['tune'] },
};

const CONFLICTS: Partial<Record<CommandName, Array<[string, string]>>> = {
  summary: [['model', 'model-dir']],
  compress: [
    ['model-dir', 'model'],
    ['model-dir', 'epochs'],
    ['model-dir', 'lr'],
    ['model-dir', 'lr-schedule'],
  ],
};

/** The flags a command cannot run without. */
const REQUIRED: Partial<Record<CommandName, string[]>> = {
  evaluate: ['model-dir'],
  attack: ['model-dir'],
  export: ['model-dir', 'format', 'out'],
  import: ['out'],
  tune: ['config', 'trials'],
};

/** A path argument that is not taken for a flag (`import PATH`). */
const argumentText = pathText.filter(({ text }) => !text.startsWith('-'));

/**
 * A command, a set of its flags with valid values (no conflicting pair; the
 * required flags always), shuffled; `import` also gets its PATH argument first.
 */
const validCommandLine = fc.constantFrom(...COMMAND_NAMES).chain((command) => {
  const flags = Object.keys(VALUES).filter((f) => VALUES[f].commands.includes(command));
  return fc.tuple(fc.subarray(flags), fc.boolean(), fc.infiniteStream(fc.boolean())).chain(([chosen, quiet, glued]) => {
    let picked = [...chosen, ...(REQUIRED[command] ?? []).filter((f) => !chosen.includes(f))];
    for (const [a, b] of CONFLICTS[command] ?? []) if (picked.includes(a)) picked = picked.filter((f) => f !== b);
    return fc.tuple(...picked.map((f) => VALUES[f].gen)).chain((values) => {
      const items = picked.map((f, i) => ({ flag: f, ...values[i] }));
      const source = command === 'import' ? argumentText.map((a) => a.text) : fc.constant(undefined);
      const order = fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });
      return fc.tuple(order, source).map(([order, source]) => ({
        command,
        source,
        items: order,
        quiet: quiet && ['train', 'compress', 'quickstart', 'attack', 'tune'].includes(command),
        glued,
      }));
    });
  });
});

describe('parseCommandLine round trip', () => {
  it('every valid configuration, written as --flag value or --flag=value in any order, parses back to itself', () => {
    fc.assert(
      fc.property(validCommandLine, ({ command, source, items, quiet, glued }) => {
        const argv: string[] = source === undefined ? [command] : [command, source];
        const it = glued[Symbol.iterator]();
        for (const { flag, text } of items) {
          // a value that looks like a flag must be glued with `=`; negative numbers need not
          const mustGlue = text.startsWith('--') || text === '-h';
          if (mustGlue || it.next().value) argv.push(`--${flag}=${text}`);
          else argv.push(`--${flag}`, text);
        }
        if (quiet) argv.push('--quiet');
        const parsed = parseCommandLine(argv);
        expect(parsed.command).toBe(command);
        expect(parsed.help).toBe(false);
        for (const { flag, value } of items) expect(parsed.options[VALUES[flag].key]).toEqual(value);
        expect(parsed.options.quiet).toBe(quiet);
        expect(parsed.options.source).toBe(source);
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseCommandLine refuses out-of-range values, naming the flag', () => {
  const cases: Array<{ flag: string; command: CommandName; bad: fc.Arbitrary<number>; accepts: string }> = [
    {
      flag: 'epochs',
      command: 'train',
      bad: fc.oneof(
        fc.integer({ max: 0 }),
        fc.double({ noNaN: true }).filter((x) => !Number.isInteger(x)),
      ),
      accepts: 'a positive integer',
    },
    { flag: 'batch-size', command: 'compress', bad: fc.integer({ max: 0 }), accepts: 'a positive integer' },
    { flag: 'test-count', command: 'evaluate', bad: fc.integer({ max: 0 }), accepts: 'a positive integer' },
    { flag: 'lr', command: 'train', bad: fc.double({ max: 0 }), accepts: 'a finite positive number' },
    { flag: 'ft-lr', command: 'quickstart', bad: fc.double({ max: 0 }), accepts: 'a finite positive number' },
    {
      flag: 'prune',
      command: 'compress',
      bad: fc.oneof(
        fc.double({ min: 1 }),
        fc.double({ max: 0 }).filter((x) => x < 0),
      ),
      accepts: 'a fraction in [0, 1)',
    },
    {
      flag: 'structured',
      command: 'quickstart',
      bad: fc.oneof(
        fc.double({ min: 1 }),
        fc.double({ max: 0 }).filter((x) => x < 0),
      ),
      accepts: 'a fraction in [0, 1)',
    },
    {
      flag: 'qat-epochs',
      command: 'compress',
      bad: fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 1001 })),
      accepts: 'an integer from 0 to 1000',
    },
    {
      flag: 'cluster',
      command: 'compress',
      bad: fc.oneof(fc.constant(1), fc.integer({ max: -1 }), fc.integer({ min: 257 })),
      accepts: '0 (off) or an integer from 2 to 256',
    },
    {
      flag: 'seed',
      command: 'train',
      bad: fc.double({ noNaN: true }).filter((x) => !Number.isSafeInteger(x)),
      accepts: 'an integer',
    },
  ];
  for (const c of cases) {
    it(`${c.command} --${c.flag}`, () => {
      fc.assert(
        fc.property(c.bad, fc.boolean(), (x, glued) => {
          const text = String(x);
          const argv = glued ? [c.command, `--${c.flag}=${text}`] : [c.command, `--${c.flag}`, text];
          const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
          expect(() => parseCommandLine(argv)).toThrow(`--${c.flag} must be ${c.accepts}, got ${shown}`);
        }),
        { numRuns: 200 },
      );
    });
  }

  it('an unknown --flag is refused, whatever its name', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes('=') && !FLAG_NAMES.includes(s)),
        (name) => {
          expect(() => parseCommandLine(['train', `--${name}`])).toThrow(/^unknown option /);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a repeated flag is refused, whatever its values', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(VALUES).filter((f) => VALUES[f].commands.includes('compress'))),
        (f) => {
          const g = VALUES[f].gen;
          const [a, b] = fc.sample(g, 2);
          expect(() => parseCommandLine(['compress', `--${f}=${a.text}`, `--${f}=${b.text}`])).toThrow(
            new RegExp(`^--${f} is given twice`),
          );
        },
      ),
      { numRuns: 50 },
    );
  });
});
