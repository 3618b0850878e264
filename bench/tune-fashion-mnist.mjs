// Hyper-parameter search on a Fashion-MNIST subset with `convkit tune`'s code: TPE + ASHA over the
// learning rate, batch size, filters, dropout and optimizer, N trials of E epochs, run once with one
// trial at a time and once with two in parallel (worker threads, single-threaded wasm each); the
// tuned configuration and the CLI defaults are both scored on the same held-out test images.
// Trials are scored on a validation part of the training subset, never on the test set.
// Usage: pnpm turbo run build --filter=@convkit/cli... && node bench/tune-fashion-mnist.mjs
//   [--trials 20] [--epochs 2] [--subset 6000] [--test-count 2000] [--parallel 1,2] [--seed 42]
//   [--data-dir DIR] [--quick] [--markdown DIR]
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  defaultConfig,
  formatTable,
  loadTuneSets,
  parseCommandLine,
  trainWithConfig,
  tune,
  useBackend,
} from '../packages/cli/dist/index.js';
import { machineLine, mdTable, writeMarkdown } from './markdown.mjs';

const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '20' },
    epochs: { type: 'string', default: '2' },
    subset: { type: 'string', default: '6000' },
    'test-count': { type: 'string', default: '2000' },
    parallel: { type: 'string', default: '1,2' },
    seed: { type: 'string', default: '42' },
    'data-dir': { type: 'string' },
    quick: { type: 'boolean', default: false },
    markdown: { type: 'string' },
  },
});
if (values.quick) Object.assign(values, { trials: '6', subset: '1500', 'test-count': '1000' });

const repo = dirname(dirname(fileURLToPath(import.meta.url)));
// The shared copy beside the repository, else the system's; otherwise the CLI's own look-up
// ($CONVKIT_DATA_DIR, then the download cache).
const dataDir =
  values['data-dir'] ??
  [join(repo, '..', 'shared', 'datasets', 'fashion-mnist'), '/usr/share/datasets/fashion-mnist'].find((d) =>
    existsSync(d),
  );

const scratch = mkdtempSync(join(tmpdir(), 'convkit-tune-bench-'));
const space = join(scratch, 'search.json');
writeFileSync(
  space,
  JSON.stringify({
    lr: { type: 'float', low: 0.0003, high: 0.01, log: true },
    batchSize: { type: 'categorical', choices: [32, 64, 128] },
    filters: { type: 'int', low: 8, high: 32, step: 8 },
    dropout: { type: 'float', low: 0, high: 0.5 },
    optimizer: { type: 'categorical', choices: ['adam', 'adamw', 'rmsprop'] },
  }),
);
const common = [
  '--config',
  space,
  '--trials',
  values.trials,
  '--epochs',
  values.epochs,
  '--data',
  'fashion-mnist',
  '--data-dir',
  dataDir,
  '--subset',
  values.subset,
  '--test-count',
  values['test-count'],
  '--seed',
  values.seed,
  '--sampler',
  'tpe',
  '--pruner',
  'asha',
  '--backend',
  'wasm',
  '--quiet',
];

const rows = [];
try {
  // The CLI defaults (lenet, Adam 0.001, batch 64, cosine decay), trained on the same training part.
  const { options } = parseCommandLine(['tune', ...common]);
  await useBackend('wasm');
  const sets = await loadTuneSets({
    data: 'fashion-mnist',
    dataDir,
    subset: options.subset,
    testCount: options.testCount,
    validationFraction: 0.2,
    seed: options.seed,
  });
  const t0 = performance.now();
  const base = await trainWithConfig(
    defaultConfig(options),
    { train: sets.train, scoreOn: sets.test },
    {
      model: 'lenet',
      data: 'fashion-mnist',
      seed: options.seed,
    },
  );
  base.model.dispose();
  const baseSeconds = (performance.now() - t0) / 1000;
  rows.push({
    run: 'CLI defaults (no search)',
    trials: '-',
    pruned: '-',
    'search s': '-',
    'val acc': '-',
    'test acc': `${(base.accuracy * 100).toFixed(2)} %`,
    'vs defaults': '1.000',
    config: `lenet lr=0.001 batch=64 adam, ${baseSeconds.toFixed(1)} s`,
  });
  let serial;
  for (const p of values.parallel.split(',').map(Number)) {
    const r = await tune(
      parseCommandLine(['tune', ...common, '--parallel', String(p), '--study', `bench-${p}`]).options,
      () => {},
    );
    const best = r.summary.best;
    serial ??= r.searchSeconds;
    rows.push({
      run: `TPE + ASHA, ${p} at a time`,
      trials: r.trials.length,
      pruned: r.trials.filter((t) => t.state === 'pruned').length,
      'search s': `${r.searchSeconds.toFixed(1)} (×${(serial / r.searchSeconds).toFixed(2)})`,
      'val acc': best ? `${(best.value * 100).toFixed(2)} %` : '-',
      'test acc': r.summary.test ? `${(r.summary.test.accuracy * 100).toFixed(2)} %` : '-',
      'vs defaults': r.summary.test ? (r.summary.test.accuracy / base.accuracy).toFixed(3) : '-',
      config: best
        ? Object.entries(best.params)
            .map(([k, v]) => `${k}=${typeof v === 'number' && !Number.isInteger(v) ? v.toPrecision(3) : v}`)
            .join(' ')
        : '-',
    });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const header = `Fashion-MNIST, ${values.subset} training images (a stratified fifth held out for validation), ${values['test-count']} test images, ${values.trials} trials × ${values.epochs} epochs, wasm backend`;
const table = formatTable(rows, [
  'run',
  'trials',
  'pruned',
  'search s',
  'val acc',
  'test acc',
  'vs defaults',
  'config',
]);
console.log(header);
console.log(machineLine());
console.log(table);
if (values.markdown) {
  const cols = ['run', 'trials', 'pruned', 'search s', 'val acc', 'test acc', 'vs defaults', 'config'];
  const body = `${header}.\n\n${machineLine()}\n\n${mdTable(
    cols,
    rows.map((r) => cols.map((c) => r[c])),
  )}`;
  console.log(
    `wrote ${await writeMarkdown(values.markdown, 'tune-fashion-mnist', body, 'pnpm turbo run build --filter=@convkit/cli... && ')}`,
  );
}
