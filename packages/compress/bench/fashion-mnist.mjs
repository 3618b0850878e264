#!/usr/bin/env node
// Compression on the full Fashion-MNIST: trains the reference CNN on wasm, then
// measures every compression method against it on the 10,000 test images and
// prints the report and the acceptance checks of the compress issue.
//
//   pnpm build && node packages/compress/bench/fashion-mnist.mjs [--epochs 10] [--finetune 3]
//       [--quick] [--data-dir DIR] [--baseline DIR] [--json FILE] [--markdown DIR] [--only a,b,c]
//       [--train-count N] [--test-count N]
//
// --quick: 4,000 training and 1,000 test images, 1 epoch each: checks the script, not the numbers.
// --train-count, --test-count: use the first N training / test images (default: all; --quick: 4,000 / 1,000).
// --markdown DIR: also write the report and the checks as Markdown tables for the docs site
//   (DIR/compress-report.md, DIR/compress-checks.md; e.g. --markdown docs/guide/generated).
// --data-dir DIR: the Fashion-MNIST IDX files (default: $CONVKIT_DATA_DIR, /usr/share/datasets/fashion-mnist,
//   else the download cache ~/.cache/convkit/datasets/fashion-mnist, downloading the files once).
// --baseline DIR: reuse (or create) the trained baseline checkpoint in DIR.
// --student F1,F2,H: the distillation student (default 16,32,60). --kd-alpha, --kd-temperature: its loss.
// --teacher DIR[,DIR...]: distil from these saved models (an ensemble when several) instead of the baseline.
// --kd-train-count N, --kd-epochs E: the student (alone and distilled) trains on N training images (a fixed
//   random subset; default all) for E epochs (default --epochs): the few-labels case.
// --only: run a subset of: control,prune80,prune90,scratch80,scratch90,ptq,qat,structured,distill,cluster,pipeline
//   (scratch80/90: train from scratch with pruning during training, TFMOT's recipe; not run by default).
import '@convkit/backend-wasm';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  accuracyOf,
  clusterWeights,
  countFlops,
  distill,
  formatReport,
  logitsDifference,
  logitsOf,
  measureModel,
  PolynomialDecay,
  prepareQat,
  pruneFilters,
  pruneLowMagnitude,
  quantizeModel,
  roundToFloat16,
} from '@convkit/compress';
import { dispose, ops, setBackend, setSeed, tensor } from '@convkit/core';
import { randomShift } from '@convkit/data';
import { loadFashionMnist } from '@convkit/data/node';
import { Conv2D, cloneModel, Dense, Flatten, loadModel, MaxPool2D, Sequential, saveModel } from '@convkit/layers';
import { Adam, cosineDecay } from '@convkit/optim';
import { machineLine, mdTable, writeMarkdown } from '../../../bench/markdown.mjs';

const { values: args } = parseArgs({
  options: {
    epochs: { type: 'string', default: '10' },
    finetune: { type: 'string', default: '3' },
    quick: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    baseline: { type: 'string' },
    json: { type: 'string' },
    markdown: { type: 'string' },
    'train-count': { type: 'string' },
    'test-count': { type: 'string' },
    only: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'kd-alpha': { type: 'string', default: '0.5' },
    student: { type: 'string', default: '16,32,60' },
    teacher: { type: 'string' },
    'kd-train-count': { type: 'string' },
    'kd-epochs': { type: 'string' },
    'kd-temperature': { type: 'string', default: '1' },
  },
});
const quick = args.quick;
const EPOCHS = quick ? 1 : Number(args.epochs);
const FT = quick ? 1 : Number(args.finetune);
const BATCH = 64;
const only = args.only ? new Set(args.only.split(',')) : null;
const DEFAULT_SKIP = new Set(['scratch80', 'scratch90']);
const want = (name) => (only ? only.has(name) : !DEFAULT_SKIP.has(name));
const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 60000).toFixed(1)} min`;
const log = (s) => console.error(`[${elapsed()}] ${s}`);

await setBackend('wasm');
setSeed(Number(args.seed));
// A folder named by --data-dir or $CONVKIT_DATA_DIR must exist; otherwise the system copy, else the cache.
const named = args['data-dir'] ?? (process.env.CONVKIT_DATA_DIR || undefined);
if (named && !existsSync(named)) throw new Error(`Fashion-MNIST: ${named} does not exist`);
const dir = named ?? ['/usr/share/datasets/fashion-mnist'].find((d) => existsSync(d));
const shown = new Map();
const onProgress = (p) => {
  const tenth = p.totalBytes ? Math.floor((10 * p.receivedBytes) / p.totalBytes) : 0;
  if (shown.get(p.file) === tenth) return;
  shown.set(p.file, tenth);
  log(`downloading ${p.file}: ${tenth * 10} %`);
};
let { train, test } = dir ? await loadFashionMnist(dir) : await loadFashionMnist({ onProgress });
const firstN = (set, n) => (n < set.size ? set.subset(Int32Array.from({ length: n }, (_, i) => i)) : set);
train = firstN(train, Number(args['train-count'] ?? (quick ? 4000 : train.size)));
test = firstN(test, Number(args['test-count'] ?? (quick ? 1000 : test.size)));
const testBatch = test.toBatch();
const testData = [testBatch.xs, testBatch.ys];
const calib = train.subset(Int32Array.from({ length: 512 }, (_, i) => i * Math.floor(train.size / 512))).toBatch();
const stepsPerEpoch = Math.ceil(train.size / BATCH);
const trainData = () =>
  train
    .shuffle(train.size)
    .map(randomShift({ maxShift: 2 }))
    .batch(BATCH);
log(
  `Fashion-MNIST from ${dir ?? 'the download cache'}: ${train.size} training, ${test.size} test images; wasm backend`,
);

function convNet([f1, f2], hidden) {
  return new Sequential({
    layers: [
      new Conv2D({ filters: f1, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
      new MaxPool2D({ poolSize: 2 }),
      new Conv2D({ filters: f2, kernelSize: 3, activation: 'relu' }),
      new MaxPool2D({ poolSize: 2 }),
      new Flatten(),
      new Dense({ units: hidden, activation: 'relu' }),
      new Dense({ units: 10, activation: 'softmax' }),
    ],
  });
}
const compile = (m, lr, epochs) =>
  m.compile({
    optimizer: new Adam({
      learningRate: cosineDecay({ initialLearningRate: lr, decaySteps: epochs * stepsPerEpoch, alpha: 0.05 }),
    }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
async function fit(m, epochs, lr, callbacks = []) {
  compile(m, lr, epochs);
  const s = performance.now();
  await m.fit(trainData(), { epochs, callbacks });
  return (performance.now() - s) / 1000;
}
const FT_LR = 3e-4;
const FLOAT = { weights: 'float32', sparse: false, clustered: false };
const AUTO = { weights: 'float32', sparse: 'auto', clustered: 'auto' };
const rows = [];
const measure = async (step, m, size, extra) => {
  // Every row as evaluated: int8 models on the integer kernels, pruned ones on the sparse kernels (wasm).
  const row = await measureModel(step, m, { testData, size, extra });
  rows.push(row);
  log(`${step}: ${(row.accuracy * 100).toFixed(2)}% test accuracy, ${(row.gzipBytes / 1024).toFixed(1)} KB gzipped`);
  return row;
};

// 1. Baseline: the reference CNN, Adam 1e-3 with cosine decay, batch 64, random shifts.
let baseline;
if (args.baseline && existsSync(resolve(args.baseline, 'model.json'))) {
  baseline = await loadModel(resolve(args.baseline));
  log(`baseline loaded from ${args.baseline}`);
} else {
  baseline = convNet([32, 64], 128);
  log(`training the baseline for ${EPOCHS} epoch(s)`);
  const s = await fit(baseline, EPOCHS, 1e-3);
  log(`baseline trained in ${(s / 60).toFixed(1)} min (${((train.size * EPOCHS) / s).toFixed(0)} img/s)`);
  if (args.baseline) await saveModel(baseline, resolve(args.baseline));
}
const base = await measure('baseline (float32)', baseline, FLOAT);
const checks = [];
const check = (what, ok, detail) => checks.push({ what, ok, detail });
// Points lost from a to b, rounded to 1e-6 so that exactly 0.5 points (e.g. 78.25% → 77.75%) is not 0.50000000001.
const lost = (a, b) => Math.round(1e8 * (a - b)) / 1e6;
const pts = (a, b) => {
  const d = 100 * (a - b);
  return `${d >= 0 ? '+' : ''}${d.toFixed(2)}`;
};

let control;
if (want('control') || want('prune80') || want('prune90')) {
  control = cloneModel(baseline);
  log(`control: the baseline fine-tuned ${FT} more epoch(s) without pruning (lr ${FT_LR})`);
  await fit(control, FT, FT_LR);
  await measure(`baseline + ${FT} ep fine-tune`, control, FLOAT);
}

const pruned = {};
for (const sp of [0.8, 0.9]) {
  if (!want(`prune${sp * 100}`)) continue;
  const m = cloneModel(baseline);
  const endStep = Math.max(1, Math.floor((FT * stepsPerEpoch * 2) / 3));
  // One magnitude threshold over all kernels (the small conv kernels end up less sparse than the large Dense one).
  const pruner = pruneLowMagnitude(m, {
    schedule: new PolynomialDecay({ initialSparsity: 0, finalSparsity: sp, beginStep: 0, endStep, frequency: 100 }),
    scope: 'global',
  });
  log(
    `global magnitude pruning to ${sp * 100}% (polynomial decay over ${endStep} steps), ${FT} epoch(s) of fine-tuning`,
  );
  await fit(m, FT, FT_LR, [pruner.callback()]);
  const overall = (await pruner.sparsity()).overall;
  pruner.strip();
  const r = await measure(`pruned ${sp * 100}% (sparse file)`, m, AUTO, { 'kernel sparsity': overall });
  const ref = rows.find((x) => x.step.startsWith('baseline +')) ?? base;
  check(
    `pruned ${sp * 100}%: loses ≤ ${sp === 0.8 ? 0.5 : 1.5} points vs the unpruned model trained the same way`,
    lost(ref.accuracy, r.accuracy) <= (sp === 0.8 ? 0.5 : 1.5),
    `${(r.accuracy * 100).toFixed(2)}% vs ${(ref.accuracy * 100).toFixed(2)}% (${pts(r.accuracy, ref.accuracy)}), vs baseline ${pts(r.accuracy, base.accuracy)}`,
  );
  pruned[sp] = m;
}

// Pruning during training from scratch (TFMOT's recipe): the same training as the baseline, with
// sparsity rising from 0 after two epochs to its target two epochs before the end (masks updated
// every 100 steps), against the baseline trained the same way without pruning.
for (const sp of [0.8, 0.9]) {
  if (!want(`scratch${sp * 100}`)) continue;
  setSeed(Number(args.seed));
  const m = convNet([32, 64], 128);
  const beginStep = Math.min(2 * stepsPerEpoch, Math.floor((EPOCHS * stepsPerEpoch) / 5));
  const endStep = Math.max(beginStep + 1, (EPOCHS - 2) * stepsPerEpoch);
  const pruner = pruneLowMagnitude(m, {
    schedule: new PolynomialDecay({ initialSparsity: 0, finalSparsity: sp, beginStep, endStep, frequency: 100 }),
    scope: 'global',
  });
  log(
    `training from scratch for ${EPOCHS} epoch(s) with global pruning to ${sp * 100}% between steps ${beginStep} and ${endStep}`,
  );
  await fit(m, EPOCHS, 1e-3, [pruner.callback()]);
  const overall = (await pruner.sparsity()).overall;
  pruner.strip();
  const r = await measure(`trained pruned ${sp * 100}% (sparse file)`, m, AUTO, { 'kernel sparsity': overall });
  check(
    `trained with pruning to ${sp * 100}%: loses ≤ ${sp === 0.8 ? 0.5 : 1.5} points vs the baseline trained the same way`,
    lost(base.accuracy, r.accuracy) <= (sp === 0.8 ? 0.5 : 1.5),
    `${(r.accuracy * 100).toFixed(2)}% vs ${(base.accuracy * 100).toFixed(2)}% (${pts(r.accuracy, base.accuracy)})`,
  );
  m.dispose();
}

if (want('ptq')) {
  log('int8 post-training quantization, activations calibrated on 512 training images (min/max)');
  const q = await quantizeModel(baseline, { calibrationData: calib.xs });
  const diff = await logitsDifference(baseline, q.model, testBatch.xs);
  const r = await measure(
    'int8 PTQ',
    q.model,
    { weights: 'int8', int8Scales: q.int8Scales, sparse: false, clustered: false },
    {
      'max |Δlogit|': diff.max,
      'mean |Δlogit|': diff.mean,
    },
  );
  const kernelBytes = (m) =>
    m.weights.filter((w) => w.name.endsWith('kernel')).reduce((a, w) => a + w.shape.reduce((x, y) => x * y, 1), 0);
  const nK = kernelBytes(baseline);
  check(
    'int8 PTQ: file ≥ 3.9× smaller than float32',
    base.sizeBytes / r.sizeBytes >= 3.9,
    `${(base.sizeBytes / r.sizeBytes).toFixed(2)}× (kernels: ${nK * 4} → ${nK} bytes + scales)`,
  );
  check(
    'int8 PTQ: loses ≤ 0.5 points',
    lost(base.accuracy, r.accuracy) <= 0.5,
    `${pts(r.accuracy, base.accuracy)} points`,
  );
  const qp = await quantizeModel(baseline, { calibrationData: calib.xs, method: 'percentile', percentile: 99.99 });
  await measure('int8 PTQ (99.99th pct)', qp.model, {
    weights: 'int8',
    int8Scales: qp.int8Scales,
    sparse: false,
    clustered: false,
  });
  qp.model.dispose();
  q.model.dispose();
  const f16 = cloneModel(baseline);
  for (const w of f16.weights) {
    const v = roundToFloat16(w.variable.dataSync());
    const t = tensor(v, w.shape, 'float32');
    w.write(t);
    t.dispose();
  }
  await measure('float16', f16, { weights: 'float16', sparse: false, clustered: false });
  f16.dispose();
}

if (want('qat')) {
  const m = cloneModel(baseline);
  log('quantization-aware training: 1 epoch from the baseline (lr 1e-4)');
  const qat = await prepareQat(m, { calibrationData: calib.xs });
  await fit(m, 1, 1e-4);
  const q = await qat.finalize();
  const diff = await logitsDifference(baseline, q.model, testBatch.xs);
  const r = await measure(
    'int8 QAT (1 epoch)',
    q.model,
    { weights: 'int8', int8Scales: q.int8Scales, sparse: false, clustered: false },
    {
      'max |Δlogit|': diff.max,
      'mean |Δlogit|': diff.mean,
    },
  );
  check(
    'int8 QAT: loses ≤ 0.2 points',
    lost(base.accuracy, r.accuracy) <= 0.2,
    `${pts(r.accuracy, base.accuracy)} points`,
  );
  q.model.dispose();
  m.dispose();
}

if (want('structured')) {
  log(`structured pruning: 50% of both conv layers' filters by L1 norm, ${FT} epoch(s) of fine-tuning`);
  const res = await pruneFilters(baseline, {
    fraction: 0.5,
    criterion: 'l1',
    layers: baseline.layers.filter((l) => l.className === 'Conv2D').map((l) => l.name),
  });
  const m = res.model;
  const before = await measure('filters −50% (before fine-tune)', m, FLOAT);
  void before;
  await fit(m, FT, FT_LR);
  const r = await measure(`filters −50% + ${FT} ep fine-tune`, m, FLOAT);
  const flopRatio = countFlops(baseline) / countFlops(m);
  check(
    'structured 50%: ≥ 2× fewer FLOPs',
    flopRatio >= 2,
    `${flopRatio.toFixed(2)}× (${countFlops(baseline)} → ${countFlops(m)})`,
  );
  check(
    'structured 50%: loses ≤ 1.5 points after fine-tuning',
    lost(base.accuracy, r.accuracy) <= 1.5,
    `${pts(r.accuracy, base.accuracy)} points`,
  );
  check(
    'structured 50%: lower batch-1 latency',
    r.latencyBatch1Ms < base.latencyBatch1Ms,
    `${r.latencyBatch1Ms.toFixed(3)} vs ${base.latencyBatch1Ms.toFixed(3)} ms`,
  );
  m.dispose();
}

/** A seeded permutation of 0..n-1 (Fisher–Yates on a 32-bit LCG). */
function permutation(n, seed) {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  let st = (seed * 2654435761) >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    st = (Math.imul(st, 1664525) + 1013904223) >>> 0;
    const j = st % (i + 1);
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

if (want('distill')) {
  const [s1, s2, sh] = args.student.split(',').map(Number);
  const studentArch = () => convNet([s1, s2], sh);
  const teachers = args.teacher
    ? await Promise.all(args.teacher.split(',').map((d) => loadModel(resolve(d))))
    : [baseline];
  const teacherParams = teachers.reduce((n, t) => n + t.countParams(), 0);
  if (args.teacher) {
    for (const [i, t] of teachers.entries())
      log(`teacher ${i + 1}: ${t.countParams()} parameters, ${((await accuracyOf(t, testData)) * 100).toFixed(2)}%`);
    const [tx, ty] = testData;
    const z = teachers.map((t) => logitsOf(t, tx));
    const hits = ops.equal(ops.argMax(ops.addN(z), -1), ops.cast(ty, 'int32'));
    const acc = ops.mean(ops.cast(hits, 'float32')).dataSync()[0];
    dispose([...z, hits]);
    log(
      `teacher ensemble of ${teachers.length}: ${teacherParams} parameters, ${(acc * 100).toFixed(2)}% test accuracy`,
    );
  }
  const probe = studentArch();
  const ratio = probe.countParams() / teacherParams;
  probe.dispose();
  // The student's training set: all of it, or a fixed random subset (the few-labels case).
  const kdCount = Math.min(train.size, Number(args['kd-train-count'] ?? train.size));
  const kdTrain =
    kdCount < train.size ? train.subset(permutation(train.size, Number(args.seed)).slice(0, kdCount)) : train;
  const KD_EPOCHS = quick ? 1 : Number(args['kd-epochs'] ?? EPOCHS);
  const kdData = () =>
    kdTrain
      .shuffle(kdTrain.size)
      .map(randomShift({ maxShift: 2 }))
      .batch(BATCH);
  const kdCompile = (m) =>
    m.compile({
      optimizer: new Adam({
        learningRate: cosineDecay({
          initialLearningRate: 1e-3,
          decaySteps: KD_EPOCHS * Math.ceil(kdTrain.size / BATCH),
          alpha: 0.05,
        }),
      }),
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
    });
  const on = kdCount < train.size ? ` on ${kdCount} training images` : '';
  log(
    `student (Conv ${s1} → Conv ${s2} → Dense ${sh}: ${(ratio * 100).toFixed(1)}% of the teacher's parameters), ${KD_EPOCHS} epoch(s)${on} alone`,
  );
  setSeed(Number(args.seed) + 1);
  const alone = studentArch();
  kdCompile(alone);
  await alone.fit(kdData(), { epochs: KD_EPOCHS });
  const a = await measure(`student alone${on}`, alone, FLOAT);
  const alpha = Number(args['kd-alpha']);
  const temperature = Number(args['kd-temperature']);
  const from = args.teacher ? `the ${teachers.length > 1 ? 'ensemble' : 'teacher'} ${args.teacher}` : 'the baseline';
  log(`the same student distilled from ${from} (T = ${temperature}, α = ${alpha}), ${KD_EPOCHS} epoch(s)${on}`);
  setSeed(Number(args.seed) + 1);
  const student = studentArch();
  kdCompile(student);
  await distill({
    teacher: teachers.length > 1 ? teachers : teachers[0],
    student,
    data: kdData,
    epochs: KD_EPOCHS,
    temperature,
    alpha,
  });
  const d = await measure(`student distilled${on}`, student, FLOAT);
  check(
    `distilled student (${(ratio * 100).toFixed(1)}% of the parameters) beats the same student trained alone`,
    d.accuracy > a.accuracy && ratio <= 0.25,
    `${(d.accuracy * 100).toFixed(2)}% vs ${(a.accuracy * 100).toFixed(2)}%`,
  );
  alone.dispose();
  student.dispose();
  if (args.teacher) for (const t of teachers) t.dispose();
}

if (want('cluster')) {
  const m = cloneModel(baseline);
  log('clustering every kernel into 16 values, 1 epoch of fine-tuning');
  const c = await clusterWeights(m, { clusters: 16 });
  await fit(m, 1, FT_LR, [c.callback()]);
  c.strip();
  await measure('clustered k=16 (codebook file)', m, AUTO);
  m.dispose();
}

if (want('pipeline') && pruned[0.8]) {
  log('pipeline: pruned 80% → int8 PTQ, stored sparse');
  const q = await quantizeModel(pruned[0.8], { calibrationData: calib.xs });
  await measure('pruned 80% + int8 (sparse file)', q.model, {
    weights: 'int8',
    int8Scales: q.int8Scales,
    sparse: 'auto',
    clustered: false,
  });
  q.model.dispose();
}

console.log(
  `\nconvkit compress on Fashion-MNIST (${train.size} train / ${test.size} test), reference CNN, wasm backend, ${EPOCHS} epoch baseline\n`,
);
console.log(formatReport(rows));
console.log('\nacceptance checks:');
for (const c of checks) console.log(`  [${c.ok ? 'pass' : 'FAIL'}] ${c.what}: ${c.detail}`);
console.log(`\ntotal ${elapsed()}`);
if (args.json) await writeFile(args.json, JSON.stringify({ rows, checks }, null, 2));
if (args.markdown) {
  const title = `Fashion-MNIST (${train.size} training / ${test.size} test images), the reference CNN trained ${EPOCHS} epoch(s) on the wasm backend, ${FT} epoch(s) of fine-tuning per method`;
  for (const file of await writeMarkdownTables(args.markdown, title)) log(`wrote ${file}`);
}
for (const m of Object.values(pruned)) m.dispose();
control?.dispose();
baseline.dispose();
dispose([testBatch.xs, testBatch.ys, calib.xs, calib.ys]);

/** The report and the checks as Markdown (see bench/markdown.mjs); resolves to the files written. */
async function writeMarkdownTables(dir, title) {
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  const compact = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : String(n));
  const star = (r) => (r.latencyMode === 'float-kernels' ? '*' : '');
  const b = rows[0];
  const table = mdTable(
    [
      'step',
      'params',
      'nonzero',
      'FLOPs',
      'file',
      'gzip',
      'smaller (gzip)',
      'accuracy',
      'Δ points',
      'batch-1',
      'batch-64',
    ],
    rows.map((r) => [
      r.step,
      compact(r.params),
      compact(r.nonzeroParams),
      compact(r.flops),
      kb(r.sizeBytes),
      kb(r.gzipBytes),
      `${(b.gzipBytes / r.gzipBytes).toFixed(2)}×`,
      `${(100 * r.accuracy).toFixed(2)}%`,
      r === b ? '' : `${r.accuracy >= b.accuracy ? '+' : ''}${(100 * (r.accuracy - b.accuracy)).toFixed(2)}`,
      `${r.latencyBatch1Ms.toFixed(3)} ms${star(r)}`,
      `${r.latencyBatch64Ms.toFixed(2)} ms${star(r)}`,
    ]),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
  const extras = rows
    .filter((r) => r.extra && Object.keys(r.extra).length > 0)
    .map(
      (r) =>
        `- ${r.step}: ${Object.entries(r.extra)
          .map(([k, v]) => `${k} ${typeof v === 'number' ? +v.toPrecision(4) : v}`)
          .join(', ')}`,
    );
  const notes = [
    `${title}. Accuracy on the ${test.size} test images; sizes of the \`.ckz\` file; latency: median \`predict\` time.`,
    '',
    `Machine: ${machineLine()}.`,
    '',
    table,
    '',
    ...(rows.some((r) => r.latencyMode === 'float-kernels')
      ? [
          '\\* int8 weights timed on the float kernels; the accuracy includes the simulated int8 rounding of activations.',
          '',
        ]
      : []),
    ...extras,
  ];
  const checkTable = mdTable(
    ['check', 'result', 'measured'],
    checks.map((c) => [c.what, c.ok ? 'pass' : '**FAIL**', c.detail]),
  );
  return [
    await writeMarkdown(dir, 'compress-report', notes.join('\n')),
    await writeMarkdown(
      dir,
      'compress-checks',
      `${title}.\n\nMachine: ${machineLine()}.\n\n${checks.length ? checkTable : '(no checks ran)'}`,
    ),
  ];
}
