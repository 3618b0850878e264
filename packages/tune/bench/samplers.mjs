#!/usr/bin/env node
// Sampler benchmark: random search, TPE and the evolutionary sampler of @convkit/tune (and Optuna's TPE
// when Python can import optuna) on Branin, Hartmann-6 and a noisy hyper-parameter-like surface, over
// many seeds. For every budget it prints the median and quartiles of the regret (the noise-free value
// of the best-looking trial so far minus the global optimum), and each sampler's median as a ratio of
// random search's (the baseline, measured in the same run). tpe is the independent TPE, tpe-mv the
// multivariate one ({ multivariate: true }).
//
//   pnpm turbo run build --filter=@convkit/tune... && node packages/tune/bench/samplers.mjs
//       [--seeds 30] [--budgets 20,50,100] [--functions branin,hartmann6,noisy-hparams]
//       [--python python3] [--no-optuna] [--markdown DIR] [--json FILE] [--quick]
//
// --json FILE: also writes the curves behind the table — for every function and sampler, the median
//   and quartiles of the regret after each trial 1..max(budgets) — as JSON (written atomically), the
//   data of the guide's figure (docs/scripts/render-tune-figures.mjs draws it).
// --python: the interpreter that has optuna (e.g. a venv: /tmp/venv/bin/python); rows for Optuna are
//   skipped, with a note, when it cannot import optuna.
// --quick: 3 seeds, budgets 10,20: checks the script, not the numbers.
import { spawnSync } from 'node:child_process';
import { rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Rng } from '@convkit/core';
import { createStudy, EvolutionarySampler, RandomSampler, TPESampler } from '@convkit/tune';
import { FUNCTIONS } from './functions.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    seeds: { type: 'string', default: '30' },
    budgets: { type: 'string', default: '20,50,100' },
    functions: { type: 'string', default: Object.keys(FUNCTIONS).join(',') },
    python: { type: 'string', default: 'python3' },
    'no-optuna': { type: 'boolean', default: false },
    markdown: { type: 'string' },
    json: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});
const seeds = args.quick ? 3 : Number(args.seeds);
const budgets = (args.quick ? '10,20' : args.budgets).split(',').map(Number);
const trials = Math.max(...budgets);
const functions = args.functions.split(',');
for (const f of functions)
  if (!FUNCTIONS[f]) throw new Error(`unknown function ${f} (${Object.keys(FUNCTIONS).join(', ')})`);

const SAMPLERS = {
  random: (seed) => new RandomSampler({ seed }),
  tpe: (seed) => new TPESampler({ seed }),
  'tpe-mv': (seed) => new TPESampler({ seed, multivariate: true }),
  evolutionary: (seed) => new EvolutionarySampler({ seed }),
};

/** Regret after each trial for one run. */
async function runOne(fnName, samplerName, seed) {
  const fn = FUNCTIONS[fnName];
  const noiseRng = new Rng(1000 + seed);
  const study = await createStudy({ sampler: SAMPLERS[samplerName](seed) });
  const truths = [];
  await study.optimize(
    (t) => {
      const s = {
        float: (n, lo, hi, log = false) => t.suggestFloat(n, lo, hi, { log }),
        int: (n, lo, hi, log = false) => t.suggestInt(n, lo, hi, { log }),
        categorical: (n, c) => t.suggestCategorical(n, c),
      };
      const { value, truth } = fn(s, () => noiseRng.normal());
      truths[t.number] = truth;
      return value;
    },
    { trials },
  );
  const curve = [];
  let best = Number.POSITIVE_INFINITY;
  let bestTruth = Number.POSITIVE_INFINITY;
  for (const t of await study.trials()) {
    if (t.value < best) {
      best = t.value;
      bestTruth = truths[t.number];
    }
    curve.push(bestTruth - fn.optimum);
  }
  return curve;
}

function quantile(sorted, q) {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function stats(curves, budget) {
  const v = curves.map((c) => c[budget - 1]).sort((a, b) => a - b);
  return { q1: quantile(v, 0.25), median: quantile(v, 0.5), q3: quantile(v, 0.75) };
}

const fmt = (x) => (x === 0 ? '0' : Math.abs(x) >= 0.01 ? x.toFixed(3) : x.toExponential(1));

const curves = {}; // curves[fn][sampler] = [curve per seed]
const seconds = {};
for (const f of functions) {
  curves[f] = {};
  for (const s of Object.keys(SAMPLERS)) {
    const t0 = performance.now();
    curves[f][s] = [];
    for (let seed = 0; seed < seeds; seed++) curves[f][s].push(await runOne(f, s, seed));
    seconds[`${f}/${s}`] = (performance.now() - t0) / 1000;
  }
}

let optunaNote = '';
if (!args['no-optuna']) {
  const probe = spawnSync(args.python, ['-c', 'import optuna'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    optunaNote = `Optuna rows skipped: \`${args.python} -c "import optuna"\` failed (install optuna, or pass --python PATH).`;
  } else {
    const t0 = performance.now();
    const res = spawnSync(args.python, [join(here, 'optuna_tpe.py'), JSON.stringify({ functions, seeds, trials })], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (res.status !== 0) throw new Error(`optuna_tpe.py failed: ${res.stderr}`);
    const out = JSON.parse(res.stdout);
    for (const [variant, byFn] of Object.entries(out.curves)) for (const f of functions) curves[f][variant] = byFn[f];
    seconds.optuna = (performance.now() - t0) / 1000;
    optunaNote = `Optuna ${out.optuna} TPESampler (seeded; optuna-tpe: its defaults, multivariate; optuna-tpe-indep: multivariate=False) run by ${args.python} in the same run.`;
  }
} else {
  optunaNote = 'Optuna rows skipped (--no-optuna).';
}

const head = ['function', 'budget', 'sampler', 'median regret', 'q1', 'q3', 'median / random'];
const rows = [];
for (const f of functions) {
  for (const b of budgets) {
    const base = stats(curves[f].random, b).median;
    for (const [s, c] of Object.entries(curves[f])) {
      const st = stats(c, b);
      rows.push([
        f,
        String(b),
        s,
        fmt(st.median),
        fmt(st.q1),
        fmt(st.q3),
        base > 0 ? (st.median / base).toFixed(2) : '—',
      ]);
    }
  }
}
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => r.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(`regret over ${seeds} seeds (lower is better); ${optunaNote}`);
console.log(line(head));
for (const r of rows) console.log(line(r));
console.log(
  `\nseconds: ${Object.entries(seconds)
    .map(([k, v]) => `${k} ${v.toFixed(1)}`)
    .join(', ')}`,
);

if (args.markdown) {
  const { mdTable, machineLine, writeMarkdown } = await import('../../../bench/markdown.mjs');
  const body = `Regret over ${seeds} seeds (lower is better). ${optunaNote}\n\n${mdTable(head, rows, ['l', 'r', 'l', 'r', 'r', 'r', 'r'])}\n\n${machineLine()}`;
  console.log(
    `wrote ${await writeMarkdown(args.markdown, 'tune-samplers', body, 'pnpm turbo run build --filter=@convkit/tune... && ')}`,
  );
}

if (args.json) {
  const round = (x) => Number(x.toPrecision(4));
  const data = {
    generatedBy: `node packages/tune/bench/samplers.mjs --seeds ${seeds} --budgets ${budgets.join(',')} --functions ${functions.join(',')} --json …`,
    seeds,
    trials,
    note: optunaNote,
    functions: Object.fromEntries(
      functions.map((f) => [
        f,
        Object.fromEntries(
          Object.entries(curves[f]).map(([s, c]) => {
            const per = Array.from({ length: trials }, (_, i) => stats(c, i + 1));
            return [
              s,
              {
                median: per.map((p) => round(p.median)),
                q1: per.map((p) => round(p.q1)),
                q3: per.map((p) => round(p.q3)),
              },
            ];
          }),
        ),
      ]),
    ),
  };
  const tmp = `${args.json}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(data)}\n`);
  await rename(tmp, args.json);
  console.log(`wrote ${args.json}`);
}
