// Benchmark of @convkit/backend-wasm on the reference CNN (see /work/shared/BENCHMARKS.md):
// per-kernel GFLOP/s (convkit vs tfjs-backend-wasm vs tfjs cpu), training img/s
// (wasm 2 threads / 1 thread, with the fused optimizer kernels and without, tfjs cpu,
// PyTorch side by side), the optimizer update alone, and inference at batch 1/64/256.
// Run after building: pnpm --filter @convkit/backend-wasm build && node bench/wasm-train.mjs
// Options: --quick (fewer repetitions), --no-torch, --torch-python PATH (another torch build to measure,
// repeatable; also CONVKIT_TORCH_PYTHON=a:b), --no-cpu, --no-kernels (skip the per-kernel table),
// --kernels-only, --threads-breakdown [--rounds N] (only where a step's time goes, 1 vs 2 threads, copy
// cache on/off: see threads-breakdown.mjs), --markdown DIR (also write the tables as Markdown for the docs site: DIR/wasm-train.md,
// DIR/wasm-inference.md and DIR/wasm-kernels.md; e.g. --markdown docs/guide/generated).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  convkitKernelConfigs,
  replacedTfjsWasmKernel,
  setConvkitKernelsEnabled,
  setThreadsCount,
} from '@convkit/backend-wasm';
import { ops, setBackend } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { machineLine, mdTable, writeMarkdown } from '../../../bench/markdown.mjs';
import { referenceCnn } from '../../../bench/reference-cnn.mjs';

// The user-facing API, from the sibling packages' built dist (this package does not depend on them).
const layersApi = await import('../../layers/dist/index.js');
const { Adam } = await import('../../optim/dist/index.js');

const argv = process.argv.slice(2);
const args = new Set(argv);
const mdAt = argv.indexOf('--markdown');
const MARKDOWN = mdAt >= 0 ? argv[mdAt + 1] : undefined;
if (mdAt >= 0 && (!MARKDOWN || MARKDOWN.startsWith('--'))) throw new Error('--markdown needs a directory');
const QUICK = args.has('--quick');
const REPS = QUICK ? 5 : 15;
const B = 64;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (v, d = 1) => (v == null || Number.isNaN(v) ? '—' : v.toFixed(d));

function timeIt(fn, reps = REPS) {
  fn();
  fn();
  const ts = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    fn();
    ts.push(performance.now() - t);
  }
  return median(ts);
}

/** `timeIt` for an async `fn` (a `trainOnBatch` step, which awaits its read). */
async function timeItAsync(fn, reps = REPS) {
  await fn();
  await fn();
  const ts = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await fn();
    ts.push(performance.now() - t);
  }
  return median(ts);
}

/** Training steps profiled (per-kernel time is their mean). */
const PROFILE_STEPS = QUICK ? 3 : 8;

/** A copy of what `tf.profile` returned (it reuses its record for the next call). */
const copyProfile = (prof) => ({ ...prof, kernels: prof.kernels.map((k) => ({ ...k })) });

/**
 * Runs kernel `name` on the active backend; returns ms (median). The wasm and cpu
 * kernels are synchronous, so the result is not read back: reading it would add a
 * copy of the output that the tfjs-backend-wasm column (`tfjsWasmKernel`) does not pay.
 */
function timeKernel(name, inputs, attrs, reps) {
  return timeIt(() => {
    const out = tf.engine().runKernel(name, inputs, attrs);
    tf.dispose(out);
  }, reps);
}

/** Times tfjs-backend-wasm's own kernel `name` (the one convkit replaced). */
function tfjsWasmKernel(name, inputs, attrs, reps) {
  const backend = tf.backend();
  const fn = replacedTfjsWasmKernel(name);
  return timeIt(() => {
    const info = fn({ inputs, attrs, backend });
    const t = tf.engine().makeTensorFromTensorInfo(info);
    tf.dispose(t);
  }, reps);
}

// ---------- fused optimizer kernels on / off ----------
const FUSED_OPTIMIZER_KERNELS = [ops.FUSED_ADAM_KERNEL, ops.FUSED_SGD_KERNEL, ops.FUSED_RMSPROP_KERNEL];

/**
 * Runs `fn` with convkit's fused optimizer kernels unregistered, so optim's
 * optimizers take the composite of ordinary ops (what every step ran before the
 * fused kernels), then registers them again.
 */
async function withoutFusedOptimizers(fn) {
  const configs = convkitKernelConfigs.filter((k) => FUSED_OPTIMIZER_KERNELS.includes(k.kernelName));
  for (const c of configs) tf.unregisterKernel(c.kernelName, c.backendName);
  try {
    return await fn();
  } finally {
    for (const c of configs) tf.registerKernel(c);
  }
}

/** The reference CNN's parameter shapes (225,034 floats). */
const PARAM_SHAPES = [[3, 3, 1, 32], [32], [3, 3, 32, 64], [64], [1600, 128], [128], [128, 10], [10]];

/** ms (median) and kernel calls of one Adam update of every parameter of the reference CNN (optim's Adam). */
async function adamUpdateMs() {
  const vars = PARAM_SHAPES.map((s, i) => tf.variable(tf.randomNormal(s), true, `bench_adam_${i}_${Math.random()}`));
  const grads = PARAM_SHAPES.map((s) => tf.randomNormal(s));
  const opt = new Adam({ learningRate: 1e-3 });
  const pairs = vars.map((v, i) => ({ variable: v, gradient: grads[i] }));
  const step = () => {
    opt.applyGradients(pairs);
    vars[0].dataSync();
  };
  const ms = timeIt(step, REPS * 4);
  const prof = await tf.profile(step);
  opt.dispose();
  tf.dispose([...vars, ...grads]);
  return { ms, calls: prof.kernels.length };
}

// ---------- per-kernel table ----------
const layers = [
  { name: 'conv1 3x3 1→32 @28', x: [B, 28, 28, 1], f: [3, 3, 1, 32] },
  { name: 'conv2 3x3 32→64 @13', x: [B, 13, 13, 32], f: [3, 3, 32, 64] },
];
const rows = [];
function convShapes(l) {
  const oh = l.x[1] - l.f[0] + 1;
  const ow = l.x[2] - l.f[1] + 1;
  const dy = [l.x[0], oh, ow, l.f[3]];
  const flops = 2 * l.x[0] * oh * ow * l.f[3] * l.f[0] * l.f[1] * l.f[2];
  return { dy, flops };
}

async function kernelTable() {
  const cpuBatch = 8; // tfjs-cpu's backprop-filter is a scalar loop: time it on 8 images
  for (const l of layers) {
    const { dy, flops } = convShapes(l);
    const res = {};
    for (const backend of ['wasm', 'cpu']) {
      if (backend === 'cpu' && args.has('--no-cpu')) continue;
      await setBackend(backend);
      const scale = backend === 'cpu' ? cpuBatch / B : 1;
      const xs = [...l.x];
      const dys = [...dy];
      xs[0] = dys[0] = backend === 'cpu' ? cpuBatch : B;
      const x = tf.randomNormal(xs);
      const w = tf.randomNormal(l.f);
      const g = tf.randomNormal(dys);
      const conv = { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1 };
      const reps = backend === 'cpu' ? 1 : REPS;
      const gf = (ms) => (flops * scale) / ms / 1e6;
      res[`fwd_${backend}`] = gf(timeKernel('Conv2D', { x, filter: w }, conv, reps));
      if (backend === 'wasm') res.fwd_tfjswasm = gf(tfjsWasmKernel('Conv2D', { x, filter: w }, conv, reps));
      res[`bpf_${backend}`] = gf(timeKernel('Conv2DBackpropFilter', { x, dy: g }, { ...conv, filterShape: l.f }, reps));
      if (l.f[2] > 1) {
        res[`bpi_${backend}`] = gf(
          timeKernel('Conv2DBackpropInput', { dy: g, filter: w }, { ...conv, inputShape: xs }, reps),
        );
        if (backend === 'wasm') {
          res.bpi_tfjswasm = gf(
            tfjsWasmKernel('Conv2DBackpropInput', { dy: g, filter: w }, { ...conv, inputShape: xs }, reps),
          );
        }
      }
      tf.dispose([x, w, g]);
    }
    rows.push([`${l.name} forward`, res.fwd_wasm, null, res.fwd_tfjswasm, res.fwd_cpu, 'convkit (batch ≥ 2)']);
    rows.push([`${l.name} grad filter`, res.bpf_wasm, null, null, res.bpf_cpu, 'convkit']);
    if (res.bpi_wasm) rows.push([`${l.name} grad input`, res.bpi_wasm, null, res.bpi_tfjswasm, res.bpi_cpu, 'convkit']);
  }
}

async function denseTable() {
  // dense1 of the reference CNN: forward h·W, grad W = hᵀ·dy, grad h = dy·Wᵀ
  const cases = [
    ['dense 1600→128 forward', [B, 1600], [1600, 128], false, false],
    ['dense 1600→128 grad W (hᵀ·dy)', [B, 1600], [B, 128], true, false],
    ['dense 1600→128 grad x (dy·Wᵀ)', [B, 128], [1600, 128], false, true],
  ];
  for (const [name, sa, sb, ta, tb] of cases) {
    const M = ta ? sa[1] : sa[0];
    const K = ta ? sa[0] : sa[1];
    const N = tb ? sb[0] : sb[1];
    const flops = 2 * M * N * K;
    const res = {};
    for (const backend of ['wasm', 'cpu']) {
      if (backend === 'cpu' && args.has('--no-cpu')) continue;
      await setBackend(backend);
      const a = tf.randomNormal([1, ...sa]);
      const b = tf.randomNormal([1, ...sb]);
      const attrs = { transposeA: ta, transposeB: tb };
      res[backend] = flops / timeKernel('BatchMatMul', { a, b }, attrs) / 1e6;
      if (backend === 'wasm') res.tfjswasm = flops / tfjsWasmKernel('BatchMatMul', { a, b }, attrs) / 1e6;
      tf.dispose([a, b]);
    }
    rows.push([name, res.wasm, null, res.tfjswasm, res.cpu, 'convkit']);
  }
}

// ---------- training step ----------
function initModel() {
  const v = (shape, scale) => tf.variable(tf.mul(tf.randomNormal(shape), scale));
  return {
    c1: v([3, 3, 1, 32], 0.3),
    b1: tf.variable(tf.zeros([32])),
    c2: v([3, 3, 32, 64], 0.06),
    b2: tf.variable(tf.zeros([64])),
    d1: v([1600, 128], 0.035),
    e1: tf.variable(tf.zeros([128])),
    d2: v([128, 10], 0.12),
    e2: tf.variable(tf.zeros([10])),
  };
}

function forward(m, x) {
  let h = tf.relu(tf.add(tf.conv2d(x, m.c1, 1, 'valid'), m.b1));
  h = tf.maxPool(h, 2, 2, 'valid');
  h = tf.relu(tf.add(tf.conv2d(h, m.c2, 1, 'valid'), m.b2));
  h = tf.maxPool(h, 2, 2, 'valid');
  h = tf.reshape(h, [x.shape[0], -1]);
  h = tf.relu(tf.add(tf.matMul(h, m.d1), m.e1));
  return tf.add(tf.matMul(h, m.d2), m.e2);
}

/** img/s of Adam training steps of the reference CNN on the active backend. */
async function trainImgPerSec(batch, steps, profile = false) {
  const m = initModel();
  const opt = tf.train.adam(1e-3);
  const x = tf.randomUniform([batch, 28, 28, 1]);
  const y = tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32'), 10);
  const step = () => {
    const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(y, forward(m, x)), true);
    loss.dataSync();
    tf.dispose(loss);
  };
  let prof = null;
  if (profile) {
    step();
    prof = copyProfile(await tf.profile(step));
  }
  const ms = timeIt(step, steps);
  tf.dispose([x, y, ...Object.values(m)]);
  opt.dispose();
  return { imgs: (batch / ms) * 1000, ms, prof };
}

/**
 * Python interpreters whose torch is measured: Debian's (`/usr/bin/python3`, python3-torch, which runs on
 * OpenBLAS only when libopenblas0-pthread is installed) plus every `--torch-python PATH` and the
 * colon-separated `CONVKIT_TORCH_PYTHON` (e.g. a venv with the stock MKL/oneDNN wheel).
 */
function torchPythons() {
  const out = ['/usr/bin/python3'];
  argv.forEach((a, i) => {
    if (a === '--torch-python' && argv[i + 1]) out.push(argv[i + 1]);
  });
  for (const p of (process.env.CONVKIT_TORCH_PYTHON ?? '').split(':')) if (p) out.push(p);
  return [...new Set(out)];
}

/** PyTorch from interpreter `py` with `threads` intra-op threads (OpenBLAS single-threaded, as in BENCHMARKS.md). */
function torchRun(py, threads) {
  const script = fileURLToPath(new URL('./torch-train.py', import.meta.url));
  const r = spawnSync(py, [script, QUICK ? '20' : '40'], {
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', TORCH_THREADS: String(threads) },
    encoding: 'utf8',
  });
  if (r.status !== 0) return null;
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/**
 * The PyTorch side: every build (see `torchPythons`), 2 threads and 1 thread. On a loaded 2-core
 * machine its OpenMP threads can thrash (batch-1 at ~30 ms), so each build is represented by the
 * faster of its two runs (the harder competitor); all rows are printed. The "vs PyTorch" columns
 * compare with the OpenBLAS build (the issue's target), or the first build measured.
 */
let torchMissing = '';
const torchBuilds = [];
function torchSide() {
  if (args.has('--no-torch')) {
    torchMissing = 'skipped (--no-torch)';
    return null;
  }
  for (const py of torchPythons()) {
    if (spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore' }).status !== 0) continue;
    const t2 = torchRun(py, 2);
    const t1 = torchRun(py, 1);
    if (!t2 && !t1) continue;
    const best = !t1 || (t2 && t2.train >= t1.train) ? t2 : t1;
    const label = `PyTorch ${best.version} + ${best.blas}`;
    torchBuilds.push({ ...best, t2, t1, label, py });
  }
  if (torchBuilds.length === 0) {
    torchMissing = `not importable from ${torchPythons().join(', ')} (\`import torch\` failed or packages/backend-wasm/bench/torch-train.py failed): no comparison`;
    return null;
  }
  return torchBuilds.find((b) => b.blas === 'OpenBLAS') ?? torchBuilds[0];
}

// ---------- the user path: @convkit/layers + @convkit/optim ----------
function buildModel() {
  const model = referenceCnn(layersApi);
  model.compile({ optimizer: new Adam({ learningRate: 1e-3 }), loss: 'sparseCategoricalCrossentropy' });
  return model;
}

/** img/s of `model.trainOnBatch` on the active backend (+ optional kernel profile of one step). */
async function layersTrainImgPerSec(batch, steps, profile = false) {
  const model = buildModel();
  const x = tf.randomUniform([batch, 28, 28, 1]);
  const y = tf.randomUniform([batch], 0, 10, 'int32');
  const step = () => model.trainOnBatch(x, y);
  await step(); // creates the optimizer's slots
  const before = tf.memory().numTensors;
  await step();
  const leaked = tf.memory().numTensors - before;
  const ms = await timeItAsync(step, steps);
  // Profiled after the timed steps: the first steps grow the wasm heaps and are not typical.
  // Several profiled steps, summed (one step is at the mercy of a busy machine). tf.profile
  // hands back its one live record, which the next tf.profile call empties: keep copies.
  let prof = null;
  if (profile) {
    const kernels = [];
    for (let i = 0; i < PROFILE_STEPS; i++) kernels.push(...copyProfile(await tf.profile(step)).kernels);
    prof = { kernels, steps: PROFILE_STEPS };
  }
  tf.dispose([x, y]);
  model.dispose?.();
  return { imgs: (batch / ms) * 1000, ms, prof, leaked };
}

function profileTable(title, prof) {
  const byKernel = new Map();
  for (const k of prof.kernels) {
    const e = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
    e.ms += k.kernelTimeMs;
    e.calls++;
    byKernel.set(k.name, e);
  }
  const steps = prof.steps ?? 1;
  for (const e of byKernel.values()) {
    e.ms /= steps;
    e.calls /= steps;
  }
  const total = [...byKernel.values()].reduce((a, b) => a + b.ms, 0);
  console.log(
    `\n${title}: ${fmt(total)} ms in ${prof.kernels.length / steps} kernel calls (mean of ${steps} profiled step${steps > 1 ? 's' : ''})`,
  );
  console.log('| kernel | calls | ms | share |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const [n, e] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, 16))
    console.log(`| ${n} | ${e.calls} | ${fmt(e.ms, 2)} | ${fmt((100 * e.ms) / total)}% |`);
}

// ---------- run ----------
await setBackend('wasm');
if (args.has('--threads-breakdown')) {
  const { threadsBreakdown } = await import('./threads-breakdown.mjs');
  const at = argv.indexOf('--rounds');
  await threadsBreakdown(buildModel, { rounds: at >= 0 ? Number(argv[at + 1]) : QUICK ? 3 : 7, steps: QUICK ? 5 : 10 });
  process.exit(0);
}
if (!args.has('--no-kernels')) {
  await kernelTable();
  await denseTable();
  await setBackend('wasm');
  console.log('\nPer-kernel GFLOP/s, reference CNN layers, batch 64 (cpu timed on 8 images)');
  console.log('| kernel | convkit wasm | tfjs-backend-wasm | tfjs cpu | implementation |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const [n, ours, , tw, cpu, impl] of rows)
    console.log(`| ${n} | ${fmt(ours)} | ${fmt(tw)} | ${fmt(cpu, 3)} | ${impl} |`);
  if (MARKDOWN) await writeKernelsMarkdown();
  if (args.has('--kernels-only')) process.exit(0);
}

const STEPS = QUICK ? 10 : 30;
const train = {};
await setBackend('wasm');
for (const threads of [2, 1]) {
  await setThreadsCount(threads);
  train[`layers${threads}`] = await layersTrainImgPerSec(B, STEPS, threads === 2);
}
await setThreadsCount(2);
train.composite2 = await withoutFusedOptimizers(() => layersTrainImgPerSec(B, STEPS));
train.raw2 = await trainImgPerSec(B, STEPS);
const adamUpdate = { fused: await adamUpdateMs() };
adamUpdate.composite = await withoutFusedOptimizers(adamUpdateMs);

// Inference, same model and weights: convkit's kernels vs plain tfjs-backend-wasm. The
// two alternate in short blocks many times over, so the machine's drift hits both alike.
const infModel = buildModel();
const inf = { ck1: [], tw1: [], ck64: [], tw64: [], ck256: [], tw256: [] };
const x1 = tf.randomUniform([1, 28, 28, 1]);
const x64 = tf.randomUniform([64, 28, 28, 1]);
const x256 = tf.randomUniform([256, 28, 28, 1]);
const predictOnce = (x) => {
  const y = infModel.predict(x, { batchSize: x.shape[0] });
  y.dataSync();
  tf.dispose(y);
};
for (const on of [true, false]) {
  setConvkitKernelsEnabled(on);
  for (let i = 0; i < 50; i++) predictOnce(x1);
  predictOnce(x64);
  predictOnce(x256);
}
const rounds = QUICK ? 40 : 150;
for (let round = 0; round < rounds; round++) {
  for (const on of [true, false]) {
    setConvkitKernelsEnabled(on);
    const k = on ? 'ck' : 'tw';
    predictOnce(x1);
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      predictOnce(x1);
      inf[`${k}1`].push(performance.now() - t);
    }
    if (round % 10 === 0) {
      let t = performance.now();
      predictOnce(x256);
      inf[`${k}256`].push(performance.now() - t);
      t = performance.now();
      predictOnce(x64);
      inf[`${k}64`].push(performance.now() - t);
    }
  }
}
// The second conv alone at batch 1 (FusedConv2D: conv + bias + relu, as the layer runs it).
setConvkitKernelsEnabled(true);
const conv2 = { ck: [], tw: [] };
{
  const cx = tf.randomUniform([1, 13, 13, 32]);
  const cw = tf.randomUniform([3, 3, 32, 64]);
  const cb = tf.randomUniform([64]);
  const attrs = { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1], activation: 'relu' };
  const xnn = replacedTfjsWasmKernel('FusedConv2D');
  const runs = {
    ck: () => tf.dispose(tf.engine().runKernel('FusedConv2D', { x: cx, filter: cw, bias: cb }, attrs)),
    tw: () =>
      tf.dispose(
        tf
          .engine()
          .makeTensorFromTensorInfo(xnn({ inputs: { x: cx, filter: cw, bias: cb }, attrs, backend: tf.backend() })),
      ),
  };
  for (let round = 0; round < rounds; round++)
    for (const k of ['ck', 'tw']) {
      runs[k]();
      for (let i = 0; i < 10; i++) {
        const t = performance.now();
        runs[k]();
        conv2[k].push(performance.now() - t);
      }
    }
  tf.dispose([cx, cw, cb]);
}
setConvkitKernelsEnabled(true);
tf.dispose([x1, x64, x256]);
infModel.dispose?.();

if (!args.has('--no-cpu')) {
  await setBackend('cpu');
  train.cpu = await layersTrainImgPerSec(8, 1);
}
const torch = torchSide();

const FLOP_PER_IMG = 15.8e6;
console.log('\nReference CNN training (Adam 1e-3, batch 64), img/s');
console.log('| system | img/s | GFLOP/s | ms/step | vs PyTorch | vs tfjs cpu |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
const line = (name, imgs, ms) =>
  console.log(
    `| ${name} | ${fmt(imgs)} | ${fmt((imgs * FLOP_PER_IMG) / 1e9)} | ${fmt(ms)} | ${torch ? fmt(imgs / torch.train, 2) : '—'} | ${train.cpu ? fmt(imgs / train.cpu.imgs, 0) : '—'} |`,
  );
line('convkit layers trainOnBatch, wasm 2 threads', train.layers2.imgs, train.layers2.ms);
line('convkit layers trainOnBatch, wasm 1 thread', train.layers1.imgs, train.layers1.ms);
line(
  'convkit layers trainOnBatch, wasm 2 threads, composite optimizer (fused kernels off)',
  train.composite2.imgs,
  train.composite2.ms,
);
line('raw tfjs ops + tf.train.adam, wasm 2 threads', train.raw2.imgs, train.raw2.ms);
if (train.cpu) line('convkit layers, tfjs cpu (batch 8)', train.cpu.imgs, train.cpu.ms);
for (const b of torchBuilds) {
  if (b.t2) line(`${b.label}, 2 threads (BLAS 1 thread)`, b.t2.train, (64 / b.t2.train) * 1000);
  if (b.t1) line(`${b.label}, 1 thread`, b.t1.train, (64 / b.t1.train) * 1000);
}
if (!torch) console.log(`| PyTorch CPU | ${torchMissing} | | | | |`);
if (torch)
  console.log(
    `(vs PyTorch: against ${torch.label}, its faster run, ${torch.threads} thread${torch.threads > 1 ? 's' : ''})`,
  );
for (const b of torchBuilds)
  if (b !== torch)
    console.log(
      `(convkit 2 threads ÷ ${b.label}, its faster run: ${fmt(train.layers2.imgs / b.train, 2)}× training, ${fmt(b.infer1_ms / median(inf.ck1), 2)}× batch-1 latency)`,
    );
console.log(`(tensors left after a trainOnBatch step: ${train.layers2.leaked})`);
console.log(
  `(2 threads ÷ 1 thread: ${fmt(train.layers2.imgs / train.layers1.imgs, 2)}×; fused ÷ composite optimizer: ${fmt(train.layers2.imgs / train.composite2.imgs, 2)}×)`,
);
console.log('\nOne Adam update of the 225,034 parameters (optim Adam.applyGradients, wasm 2 threads)');
console.log('| optimizer path | ms | kernel calls |');
console.log('| --- | ---: | ---: |');
console.log(`| fused (ConvkitFusedAdam) | ${fmt(adamUpdate.fused.ms, 3)} | ${adamUpdate.fused.calls} |`);
console.log(`| composite of ordinary ops | ${fmt(adamUpdate.composite.ms, 3)} | ${adamUpdate.composite.calls} |`);
console.log(`| composite ÷ fused time | ${fmt(adamUpdate.composite.ms / adamUpdate.fused.ms, 2)}× | |`);

const pct = (xs, q) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)];
console.log(
  `\nInference, same layers model and weights: model.predict, ${rounds} alternating rounds (median; 25th percentile)`,
);
console.log('| system | batch-1 ms | batch-64 img/s | batch-256 img/s | conv2 alone, batch 1 (µs) |');
console.log('| --- | ---: | ---: | ---: | ---: |');
const infRow = (name, k) =>
  console.log(
    `| ${name} | ${fmt(median(inf[`${k}1`]), 3)}; ${fmt(pct(inf[`${k}1`], 0.25), 3)} | ${fmt((64 / median(inf[`${k}64`])) * 1000, 0)} | ${fmt((256 / median(inf[`${k}256`])) * 1000, 0)} | ${fmt(median(conv2[k]) * 1000, 0)}; ${fmt(pct(conv2[k], 0.25) * 1000, 0)} |`,
  );
infRow('convkit wasm (2 threads)', 'ck');
infRow('plain tfjs-backend-wasm (XNNPACK, 1 thread)', 'tw');
console.log(
  `| convkit ÷ tfjs-backend-wasm speed | ${fmt(median(inf.tw1) / median(inf.ck1), 2)}× | ${fmt(median(inf.tw64) / median(inf.ck64), 2)}× | ${fmt(median(inf.tw256) / median(inf.ck256), 2)}× | ${fmt(median(conv2.tw) / median(conv2.ck), 2)}× |`,
);
for (const b of torchBuilds)
  for (const [k, t] of [
    ['2 threads', b.t2],
    ['1 thread', b.t1],
  ])
    if (t)
      console.log(`| ${b.label}, ${k} | ${fmt(t.infer1_ms, 3)} | ${fmt(t.infer64, 0)} | ${fmt(t.infer256, 0)} | |`);
if (torch)
  console.log(
    `| convkit ÷ ${torch.label} (faster run) speed | ${fmt(torch.infer1_ms / median(inf.ck1), 2)}× | ${fmt((64 / median(inf.ck64) / torch.infer64) * 1000, 2)}× | ${fmt((256 / median(inf.ck256) / torch.infer256) * 1000, 2)}× | |`,
  );

if (train.layers2.prof) profileTable('Profile of a trainOnBatch step (wasm, 2 threads)', train.layers2.prof);
if (MARKDOWN) await writeRunMarkdown();
process.exit(0);

// ---------- Markdown for the docs site (see bench/markdown.mjs) ----------
async function writeKernelsMarkdown() {
  const body = [
    `Per-kernel GFLOP/s on the layers of the reference CNN, batch 64 (tfjs cpu timed on 8 images), median of ${REPS} runs.`,
    '',
    `Machine: ${machineLine()}.`,
    '',
    mdTable(
      ['kernel', 'convkit wasm', 'tfjs-backend-wasm', 'tfjs cpu', 'implementation'],
      rows.map(([n, ours, , tw, cpu, impl]) => [n, fmt(ours), fmt(tw), fmt(cpu, 3), impl]),
      ['l', 'r', 'r', 'r', 'l'],
    ),
  ];
  console.error(`wrote ${await writeMarkdown(MARKDOWN, 'wasm-kernels', body.join('\n'))}`);
}

async function writeRunMarkdown() {
  const vsTorch = (imgs) => (torch ? `${fmt(imgs / torch.train, 2)}×` : '—');
  const vsCpu = (imgs) => (train.cpu ? `${fmt(imgs / train.cpu.imgs, 0)}×` : '—');
  const trow = (name, imgs, ms) => [
    name,
    fmt(imgs),
    fmt((imgs * FLOP_PER_IMG) / 1e9),
    fmt(ms),
    vsTorch(imgs),
    vsCpu(imgs),
  ];
  const trainRows = [
    trow('convkit `trainOnBatch`, wasm, 2 threads', train.layers2.imgs, train.layers2.ms),
    trow('convkit `trainOnBatch`, wasm, 1 thread', train.layers1.imgs, train.layers1.ms),
    trow(
      'convkit `trainOnBatch`, wasm, 2 threads, composite optimizer (fused kernels off)',
      train.composite2.imgs,
      train.composite2.ms,
    ),
    trow('raw tfjs ops + `tf.train.adam`, wasm, 2 threads', train.raw2.imgs, train.raw2.ms),
  ];
  if (train.cpu) trainRows.push(trow('convkit `trainOnBatch`, tfjs cpu (batch 8)', train.cpu.imgs, train.cpu.ms));
  for (const b of torchBuilds) {
    if (b.t2) trainRows.push(trow(`${b.label}, 2 threads`, b.t2.train, (64 / b.t2.train) * 1000));
    if (b.t1) trainRows.push(trow(`${b.label}, 1 thread`, b.t1.train, (64 / b.t1.train) * 1000));
  }
  if (!torch) trainRows.push(['PyTorch CPU', torchMissing, '', '', '', '']);
  const trainBody = [
    `Training the reference CNN (Conv 32 → pool → Conv 64 → pool → Dense 128 → Dense 10) with Adam 1e-3 on batches of 64 random 28×28 images: median of ${STEPS} steps after 2 warm-up steps, every system measured in this one run${torch ? ` (the "vs PyTorch" column compares with ${torch.label}, its faster run, ${torch.threads} thread${torch.threads > 1 ? 's' : ''})` : ''}.`,
    '',
    `Machine: ${machineLine()}.`,
    '',
    mdTable(['system', 'img/s', 'GFLOP/s', 'ms/step', 'vs PyTorch', 'vs tfjs cpu'], trainRows, [
      'l',
      'r',
      'r',
      'r',
      'r',
      'r',
    ]),
    '',
    `Scaling from 1 to 2 threads: ${fmt(train.layers2.imgs / train.layers1.imgs, 2)}×. One Adam update of all 225,034 parameters (\`Adam.applyGradients\`, 2 threads): ${fmt(adamUpdate.fused.ms, 3)} ms in ${adamUpdate.fused.calls} kernel call with the fused kernel, ${fmt(adamUpdate.composite.ms, 3)} ms in ${adamUpdate.composite.calls} calls as a composite of ordinary ops.`,
  ];
  const infRows = [
    ['convkit wasm (2 threads)', 'ck'],
    ['plain tfjs-backend-wasm (XNNPACK, 1 thread)', 'tw'],
  ].map(([name, k]) => [
    name,
    `${fmt(median(inf[`${k}1`]), 3)} ms`,
    fmt((64 / median(inf[`${k}64`])) * 1000, 0),
    fmt((256 / median(inf[`${k}256`])) * 1000, 0),
    `${fmt(median(conv2[k]) * 1000, 0)} µs`,
  ]);
  infRows.push([
    'convkit ÷ tfjs-backend-wasm speed',
    `${fmt(median(inf.tw1) / median(inf.ck1), 2)}×`,
    `${fmt(median(inf.tw64) / median(inf.ck64), 2)}×`,
    `${fmt(median(inf.tw256) / median(inf.ck256), 2)}×`,
    `${fmt(median(conv2.tw) / median(conv2.ck), 2)}×`,
  ]);
  for (const b of torchBuilds)
    for (const [k, t] of [
      ['2 threads', b.t2],
      ['1 thread', b.t1],
    ])
      if (t) infRows.push([`${b.label}, ${k}`, `${fmt(t.infer1_ms, 3)} ms`, fmt(t.infer64, 0), fmt(t.infer256, 0), '']);
  if (torch)
    infRows.push([
      `convkit ÷ ${torch.label} (faster run) speed`,
      `${fmt(torch.infer1_ms / median(inf.ck1), 2)}×`,
      `${fmt((64 / median(inf.ck64) / torch.infer64) * 1000, 2)}×`,
      `${fmt((256 / median(inf.ck256) / torch.infer256) * 1000, 2)}×`,
      '',
    ]);
  if (!torch) infRows.push(['PyTorch CPU', torchMissing, '', '', '']);
  const infBody = [
    `Inference with the same layers model and weights (\`model.predict\`): median over ${rounds} rounds in which convkit's kernels and plain tfjs-backend-wasm alternate, so drift of the machine hits both alike.`,
    '',
    `Machine: ${machineLine()}.`,
    '',
    mdTable(['system', 'batch-1 latency', 'batch-64 img/s', 'batch-256 img/s', 'conv2 alone, batch 1'], infRows, [
      'l',
      'r',
      'r',
      'r',
      'r',
    ]),
  ];
  console.error(`wrote ${await writeMarkdown(MARKDOWN, 'wasm-train', trainBody.join('\n'))}`);
  console.error(`wrote ${await writeMarkdown(MARKDOWN, 'wasm-inference', infBody.join('\n'))}`);
}
