#!/usr/bin/env node
// Compressed inference on the wasm backend: the reference CNN (Conv 32 → pool → Conv 64 → pool →
// Dense 128 → Dense 10) trained briefly on real MNIST digits, then timed at batch 1 and 64 as
//   float · int8 on the integer kernels (the whole model as one int8 chain, ops.quantizedSequence)
//   · int8 on the per-layer integer routes (chain off) · int8 simulated on float kernels (the pre-kernel path)
//   dense vs sparse kernels at 80% and 90% unstructured sparsity and at 2:4,
// every row measured in this one run, with ratios against its baseline (float, or the same
// pruned weights run dense). Also checks that the integer kernels predict what the simulated
// int8 model predicts (same classes on the held-out digits, max |Δlogit| against one int8 step).
//
//   pnpm build && node bench/compressed-inference.mjs [--threads 2] [--rounds 3] [--burst 10]
//       [--quick] [--no-train] [--no-sweep] [--markdown DIR]
//
// --threads N: kernel threads (default 2). --rounds R: multiplies the timed runs (default 3); the rows
// take turns run by run, so a change in the machine's load hits them alike.
// --burst B: calls per row per round in the warm batch-1 measurement (default 10).
//
// Two batch-1 figures per row, both measured in this run on every row alike (float included):
//   cold (round robin): each round calls each of the 10 rows once, so every call starts with the
//     caches holding the other rows' weights and activations; the figure is the median of all calls.
//   warm (bursts): each round calls each row B times back to back (rows still take turns round by
//     round, so load drift hits them alike); a round's figure for a row is the median of its burst
//     (the first call of a burst is the cold one), the row's figure the median over rounds. This is
//     how a deployed model that serves one request after another runs.
// Batch 64 is measured cold (round robin) only: there the caches hold little of a call's data anyway.
// Every row has its own model, routed once before timing (the three int8 rows are copies of one
// quantized model; each pruned dense row a copy of its pruned weights): nothing is re-routed between calls.
// --no-sweep: skip the kernel-level table of sparse vs dense time by density (which sets the
// thresholds at which the sparse kernels take over, sparseTuning).
// --markdown DIR: also write the tables to DIR/compressed-inference.md for the docs site
// (e.g. --markdown docs/guide/generated; docs/guide/performance.md includes it).
// --quick: fewer timed runs. --no-train: random weights (no MNIST needed; accuracy columns meaningless).
import '@convkit/backend-wasm';
import { parseArgs } from 'node:util';
import { getThreadsCount, setThreadsCount, sparseTuning } from '@convkit/backend-wasm';
import {
  accuracyOf,
  clearInferenceKernels,
  inferenceKernelsOf,
  logitsOf,
  pruneOneShot,
  quantizeModel,
  useIntegerKernels,
} from '@convkit/compress';
import { ops, randomUniform, setBackend, setSeed, tensor, tidy } from '@convkit/core';
import * as layers from '@convkit/layers';
import { Adam } from '@convkit/optim';
import { machineLine, mdTable, writeMarkdown } from '../../../bench/markdown.mjs';
import { referenceCnn } from '../../../bench/reference-cnn.mjs';

const { values: args } = parseArgs({
  options: {
    threads: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    burst: { type: 'string', default: '10' },
    quick: { type: 'boolean', default: false },
    'no-train': { type: 'boolean', default: false },
    'no-sweep': { type: 'boolean', default: false },
    markdown: { type: 'string' },
  },
});

await setBackend('wasm');
await setThreadsCount(Number(args.threads));
setSeed(1);
const threads = getThreadsCount();
const rounds = Math.max(1, Number(args.rounds));
const runs1 = args.quick ? 30 : 150;
const runs64 = args.quick ? 5 : 25;

const model = referenceCnn(layers);
model.compile({ optimizer: new Adam({ learningRate: 1e-3 }), loss: 'sparseCategoricalCrossentropy' });

let trainX;
let trainY;
let testX;
let testY;
if (args['no-train']) {
  trainX = tidy(() => randomUniform([512, 28, 28, 1]));
  testX = tidy(() => randomUniform([512, 28, 28, 1]));
  testY = tensor(new Int32Array(512), [512], 'int32');
} else {
  const { loadMnistDigits } = await import('@convkit/data/mnist');
  const digits = await loadMnistDigits({ count: 10000, seed: 1 });
  const n = digits.size ?? digits.length ?? 10000;
  const all = digits.toBatch();
  const nTrain = Math.floor(n * 0.8);
  trainX = layers.sliceBatch(all.xs, 0, nTrain);
  trainY = layers.sliceBatch(all.ys, 0, nTrain);
  testX = layers.sliceBatch(all.xs, nTrain, n - nTrain);
  testY = layers.sliceBatch(all.ys, nTrain, n - nTrain);
  all.xs.dispose();
  all.ys.dispose();
  const t0 = performance.now();
  await model.fit(trainX, trainY, { epochs: args.quick ? 1 : 2, batchSize: 64, verbose: 0 });
  console.error(`trained on ${nTrain} MNIST digits in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

// Variants: [label, model, setup before timing, baseline label]
const variants = [];
const q = await quantizeModel(model, { calibrationData: layers.sliceBatch(trainX, 0, 512) });
const qRouted = inferenceKernelsOf(q.model).int8;
const qChain = inferenceKernelsOf(q.model).chain;
variants.push({ label: 'float32', model, base: null });
variants.push({ label: 'int8, integer kernels', model: q.model, base: 'float32' });
// The other two int8 rows get their own copies of the same quantized model (quantizeModel is
// deterministic), each routed once here: nothing is re-routed between timed calls.
const qLayers = await quantizeModel(model, { calibrationData: layers.sliceBatch(trainX, 0, 512) });
qLayers.model.inferenceOverride = undefined;
variants.push({ label: 'int8, per-layer routes (no chain)', model: qLayers.model, base: 'float32' });
const qSim = await quantizeModel(model, { calibrationData: layers.sliceBatch(trainX, 0, 512) });
clearInferenceKernels(qSim.model);
variants.push({ label: 'int8, simulated (float kernels)', model: qSim.model, base: 'float32' });

const pruned = [];
for (const [label, opts] of [
  ['80%', { sparsity: 0.8 }],
  ['90%', { sparsity: 0.9 }],
  ['2:4', { sparsity: 0.5, blockSparsity: [2, 4] }],
]) {
  const m = layers.cloneModel(model);
  const pruner = await pruneOneShot(m, opts);
  pruner.strip();
  pruned.push({ label, model: m, routed: inferenceKernelsOf(m).sparse });
  // The dense row runs a copy of the same pruned weights with no routes.
  const dense = layers.cloneModel(m);
  clearInferenceKernels(dense);
  variants.push({ label: `pruned ${label}, dense kernels`, model: dense, base: null });
  variants.push({ label: `pruned ${label}, sparse kernels`, model: m, base: `pruned ${label}, dense kernels` });
}

const x1 = layers.sliceBatch(testX, 0, 1);
const x64 = layers.sliceBatch(testX, 0, 64);
// Round robin: each timed run goes through every variant once, so a change in the machine's load
// (other programs) hits all rows alike; a row's figure is the median of its runs.
const median = (t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)];
// `burst` calls per row per round: 1 is the cold round robin; more is the warm figure (median of each
// burst, then median over rounds). The first 5 rounds are warm-up.
async function roundRobin(x, runs, burst = 1) {
  const times = variants.map(() => []);
  for (let i = 0; i < runs + 5; i++) {
    for (const [k, v] of variants.entries()) {
      const inBurst = [];
      for (let b = 0; b < burst; b++) {
        const t0 = performance.now();
        const y = v.model.predict(x, { batchSize: x.shape[0] });
        await y.data();
        y.dispose();
        inBurst.push(performance.now() - t0);
      }
      if (i >= 5) times[k].push(burst === 1 ? inBurst[0] : median(inBurst));
    }
  }
  return times.map(median);
}
const burst = Math.max(2, Number(args.burst));
const warmRounds = Math.max(10, Math.round((runs1 * rounds) / burst));
const t1s = await roundRobin(x1, runs1 * rounds);
const t1w = await roundRobin(x1, warmRounds, burst);
const t64s = await roundRobin(x64, runs64 * rounds);
const best = new Map(variants.map((v, k) => [v.label, { t1: t1s[k], t1w: t1w[k], t64: t64s[k] }]));

// Agreement of the integer kernels with the simulated int8 model, and accuracies.
clearInferenceKernels(q.model);
const simLogits = logitsOf(q.model, testX);
const sim = await simLogits.data();
const simAcc = args['no-train'] ? Number.NaN : await accuracyOf(q.model, [testX, testY]);
useIntegerKernels(q.model, q.spec);
const intLogits = logitsOf(q.model, testX);
const int = await intLogits.data();
const intAcc = args['no-train'] ? Number.NaN : await accuracyOf(q.model, [testX, testY]);
const floatAcc = args['no-train'] ? Number.NaN : await accuracyOf(model, [testX, testY]);
simLogits.dispose();
intLogits.dispose();
let lo = Infinity;
let hi = -Infinity;
for (const v of sim) {
  lo = Math.min(lo, v);
  hi = Math.max(hi, v);
}
let same = 0;
let worst = 0;
const samples = sim.length / 10;
for (let i = 0; i < samples; i++) {
  const a = sim.subarray(i * 10, i * 10 + 10);
  const b = int.subarray(i * 10, i * 10 + 10);
  if (a.indexOf(Math.max(...a)) === b.indexOf(Math.max(...b))) same++;
  for (let c = 0; c < 10; c++) worst = Math.max(worst, Math.abs(a[c] - b[c]));
}

const fmt = (v, d) => (Number.isFinite(v) ? v.toFixed(d) : '–');
const rows = variants.map((v) => {
  const t = best.get(v.label);
  const b = v.base ? best.get(v.base) : null;
  return [
    v.label,
    `${fmt(t.t1, 3)} ms`,
    `${fmt(1000 / t.t1, 0)}`,
    b ? `${fmt(b.t1 / t.t1, 2)}×` : '',
    `${fmt(t.t1w, 3)} ms`,
    `${fmt(1000 / t.t1w, 0)}`,
    b ? `${fmt(b.t1w / t.t1w, 2)}×` : '',
    `${fmt(t.t64, 2)} ms`,
    `${fmt((64 * 1000) / t.t64, 0)}`,
    b ? `${fmt(b.t64 / t.t64, 2)}×` : '',
    v.base ?? '(baseline)',
  ];
});
const head = [
  'model',
  'batch-1 cold',
  'img/s',
  'speed-up',
  'batch-1 warm',
  'img/s',
  'speed-up',
  'batch-64',
  'img/s',
  'speed-up',
  'vs',
];
const last = head.length - 1;
const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
const line = (cells) =>
  cells.map((v, c) => (c === 0 || c === last ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
const md = [];
const how = `batch 1 cold: median of ${runs1 * rounds} calls, every row once per round in turn (each call follows the other rows' calls); batch 1 warm: ${warmRounds} rounds of ${burst} back-to-back calls per row, rows in turn round by round, median over rounds of each burst's median; batch 64: median of ${runs64 * rounds} calls, every row once per round in turn`;
const title = `Compressed inference of the reference CNN on @convkit/backend-wasm, ${threads} thread(s); ${how}.`;
md.push(title, '', `Machine: ${machineLine()}.`, '');
md.push(mdTable(head, rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l']), '');
console.log(
  `Compressed inference of the reference CNN on @convkit/backend-wasm, ${threads} thread(s), Node ${process.version}; ${how}`,
);
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
console.log('');
console.log(
  `int8 layers on integer kernels: ${qRouted.join(', ')} (the first conv sees the raw image: float conv, fused int8 rounding)`,
);
console.log(`whole-model int8 chain: ${qChain.length ? qChain.join(' → ') : 'none'}`);
for (const p of pruned)
  console.log(`pruned ${p.label}: layers routed to the sparse ops: ${p.routed.join(', ') || 'none'}`);
const agreement = `integer kernels vs simulated int8 on ${samples} held-out ${args['no-train'] ? 'random images' : 'digits'}: same class ${same}/${samples}, max |Δlogit| ${worst.toExponential(2)} (one int8 step of the logit range: ${((hi - lo) / 255).toExponential(2)})`;
console.log(agreement);
md.push(
  `- ${qRouted.length} layers on integer kernels (${qRouted.join(', ')}); the first conv sees the raw image and runs in float. ${qChain.length ? `The whole model runs as one int8 chain (ops.quantizedSequence: int8 codes kept in kernel memory between layers); the per-layer row turns the chain off.` : 'No whole-model chain.'}`,
);
md.push(`- ${agreement}.`);
if (!args['no-train']) {
  const acc = `accuracy on the held-out digits: float ${(100 * floatAcc).toFixed(2)}%, int8 simulated ${(100 * simAcc).toFixed(2)}%, int8 integer kernels ${(100 * intAcc).toFixed(2)}%`;
  console.log(acc);
  md.push(`- ${acc}.`);
}

if (!args['no-sweep']) {
  // Kernel level: the sparse kernel (forced) against the dense fused kernel on the same weights,
  // for the reference CNN's second conv and first Dense layer, by fraction of nonzeros.
  const saved = { ...sparseTuning };
  Object.assign(sparseTuning, { maxDensityConv: 1, maxDensityMatMul: 1, maxDensityFewRows: 1 });
  const densities = [0.5, 0.4, 0.3, 0.2, 0.1];
  const cases = [
    ['conv 13×13×32→64, batch 1', [1, 13, 13, 32], [3, 3, 32, 64]],
    ['conv 13×13×32→64, batch 64', [64, 13, 13, 32], [3, 3, 32, 64]],
    ['dense 1600→128, batch 1', [1, 1600], [1600, 128]],
    ['dense 1600→128, batch 64', [64, 1600], [1600, 128]],
  ];
  // The two kernels take turns run by run (see roundRobin above).
  const pairMedians = async (fa, fb, reps) => {
    const ta = [];
    const tb = [];
    for (let i = 0; i < reps * rounds + 3; i++) {
      for (const [fn, into] of [
        [fa, ta],
        [fb, tb],
      ]) {
        const t0 = performance.now();
        const y = fn();
        await y.data();
        y.dispose();
        if (i >= 3) into.push(performance.now() - t0);
      }
    }
    const med = (t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)];
    return [med(ta), med(tb)];
  };
  const sweepTitle =
    'Sparse kernel against the dense fused kernel on the same weights (speed-up = dense / sparse), by fraction of nonzeros:';
  const sweepRows = [];
  console.log('');
  console.log(sweepTitle);
  console.log(['layer'.padEnd(28), ...densities.map((d) => `${Math.round(100 * d)}% nz`.padStart(9))].join(' '));
  for (const [label, xs, ws] of cases) {
    const x = tidy(() => randomUniform(xs));
    const cells = [];
    for (const d of densities) {
      const w = tidy(() => ops.mul(randomUniform(ws, -1, 1), ops.cast(ops.less(randomUniform(ws), d), 'float32')));
      const conv = xs.length === 4;
      const reps = xs[0] === 1 ? 100 : 10;
      const [sparse, dense] = await pairMedians(
        () =>
          conv
            ? ops.sparseConv2d(x, w, null, { activation: 'relu' })
            : ops.sparseMatMul(x, w, null, { activation: 'relu' }),
        () =>
          conv
            ? ops.fused.conv2d({ x, filter: w, strides: 1, pad: 'valid', activation: 'relu' })
            : ops.fused.matMul({ a: x, b: w, activation: 'relu' }),
        reps,
      );
      cells.push(`${(dense / sparse).toFixed(2)}×`);
      w.dispose();
    }
    console.log([label.padEnd(28), ...cells.map((c) => c.padStart(9))].join(' '));
    sweepRows.push([label, ...cells]);
    x.dispose();
  }
  Object.assign(sparseTuning, saved);
  md.push(
    '',
    sweepTitle,
    '',
    mdTable(['layer', ...densities.map((d) => `${Math.round(100 * d)}% nonzero`)], sweepRows, [
      'l',
      'r',
      'r',
      'r',
      'r',
      'r',
    ]),
  );
  console.log(
    `(the sparse kernels take over at ≤ ${Math.round(100 * saved.maxDensityConv)}% nonzeros for convs, ≤ ${Math.round(100 * saved.maxDensityMatMul)}% for products of 4 rows or more, ≤ ${Math.round(100 * saved.maxDensityFewRows)}% for fewer rows: sparseTuning)`,
  );
}
if (args.markdown) console.error(`wrote ${await writeMarkdown(args.markdown, 'compressed-inference', md.join('\n'))}`);
process.exit(0);
