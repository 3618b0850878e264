// Benchmark of @convkit/backend-wasm on the reference CNN (see /work/shared/BENCHMARKS.md):
// per-kernel GFLOP/s (convkit vs tfjs-backend-wasm vs tfjs cpu), training img/s
// (wasm 2 threads / 1 thread, tfjs cpu, PyTorch side by side) and inference.
// Run after building: pnpm --filter @convkit/backend-wasm build && node bench/wasm-train.mjs
// Options: --quick (fewer repetitions), --no-torch, --no-cpu.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { replacedTfjsWasmKernel, setThreadsCount } from '@convkit/backend-wasm';
import { setBackend } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';

const args = new Set(process.argv.slice(2));
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

/** Runs kernel `name` on the active backend; returns ms (median). */
function timeKernel(name, inputs, attrs, reps) {
  return timeIt(() => {
    const out = tf.engine().runKernel(name, inputs, attrs);
    out.dataSync();
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
    prof = await tf.profile(step);
  }
  const ms = timeIt(step, steps);
  tf.dispose([x, y, ...Object.values(m)]);
  opt.dispose();
  return { imgs: (batch / ms) * 1000, ms, prof };
}

async function inference(batch, reps) {
  const m = initModel();
  const x = tf.randomUniform([batch, 28, 28, 1]);
  const ms = timeIt(() => {
    const y = tf.tidy(() => tf.softmax(forward(m, x)));
    y.dataSync();
    tf.dispose(y);
  }, reps);
  tf.dispose([x, ...Object.values(m)]);
  return ms;
}

function torchSide() {
  if (args.has('--no-torch')) return null;
  const py = '/usr/bin/python3';
  if (spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore' }).status !== 0) return null;
  const script = fileURLToPath(new URL('./torch-train.py', import.meta.url));
  const r = spawnSync(py, [script, QUICK ? '20' : '40'], {
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', TORCH_THREADS: '2' },
    encoding: 'utf8',
  });
  if (r.status !== 0) return null;
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

// ---------- run ----------
await setBackend('wasm');
await kernelTable();
await denseTable();
await setBackend('wasm');
console.log('\nPer-kernel GFLOP/s, reference CNN layers, batch 64 (cpu timed on 8 images)');
console.log('| kernel | convkit wasm | tfjs-backend-wasm | tfjs cpu | implementation |');
console.log('| --- | ---: | ---: | ---: | --- |');
for (const [n, ours, , tw, cpu, impl] of rows)
  console.log(`| ${n} | ${fmt(ours)} | ${fmt(tw)} | ${fmt(cpu, 3)} | ${impl} |`);

const train = {};
for (const threads of [2, 1]) {
  await setBackend('wasm');
  await setThreadsCount(threads);
  train[`wasm${threads}`] = await trainImgPerSec(B, QUICK ? 8 : 20, threads === 2);
}
await setThreadsCount(2);
const inf1 = await inference(1, 200);
const inf256 = await inference(256, QUICK ? 5 : 15);
if (!args.has('--no-cpu')) {
  await setBackend('cpu');
  train.cpu = await trainImgPerSec(8, 1);
}
const torch = torchSide();

const FLOP_PER_IMG = 15.8e6;
console.log('\nReference CNN training (Adam, batch 64), img/s');
console.log('| system | img/s | GFLOP/s | ms/step | vs PyTorch | vs tfjs cpu |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
const line = (name, imgs, ms) =>
  console.log(
    `| ${name} | ${fmt(imgs)} | ${fmt((imgs * FLOP_PER_IMG) / 1e9)} | ${fmt(ms)} | ${torch ? fmt(imgs / torch.train, 2) : '—'} | ${train.cpu ? fmt(imgs / train.cpu.imgs, 0) : '—'} |`,
  );
line('convkit wasm, 2 threads', train.wasm2.imgs, train.wasm2.ms);
line('convkit wasm, 1 thread', train.wasm1.imgs, train.wasm1.ms);
if (train.cpu) line('tfjs cpu (batch 8)', train.cpu.imgs, train.cpu.ms);
if (torch) line('PyTorch CPU, 2 threads, OpenBLAS 1 thread', torch.train, (64 / torch.train) * 1000);

console.log('\nInference, 2 threads (convkit conv/matmul for batch ≥ 2, XNNPACK for batch 1)');
console.log('| system | batch-1 ms | batch-256 img/s |');
console.log('| --- | ---: | ---: |');
console.log(`| convkit wasm | ${fmt(inf1, 3)} | ${fmt((256 / inf256) * 1000, 0)} |`);
if (torch) console.log(`| PyTorch | ${fmt(torch.infer1_ms, 3)} | ${fmt(torch.infer256, 0)} |`);

if (train.wasm2.prof) {
  const byKernel = new Map();
  for (const k of train.wasm2.prof.kernels) byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + k.kernelTimeMs);
  const total = [...byKernel.values()].reduce((a, b) => a + b, 0);
  console.log(`\nProfile of one wasm training step (2 threads): ${fmt(total)} ms in kernels`);
  console.log('| kernel | ms | share |');
  console.log('| --- | ---: | ---: |');
  for (const [n, ms] of [...byKernel].sort((a, b) => b[1] - a[1]).slice(0, 14))
    console.log(`| ${n} | ${fmt(ms, 2)} | ${fmt((100 * ms) / total)}% |`);
}
process.exit(0);
