// Training speed of the reference CNN, convkit against PyTorch, in alternating rounds: the ratio the
// performance target is judged on. wasm-train.mjs measures each system once, one after the other, so a
// burst of load from other programs can land on one of them only; here every round measures convkit
// (2 threads, then 1 thread) and then each PyTorch build (2 threads, then 1), the rounds repeat, and
// the table gives each system's median over rounds and the median of the per-round ratios.
// Run after building: node packages/backend-wasm/bench/train-vs-torch.mjs [--rounds 7] [--steps 20]
//   [--torch-python PATH ...] (also CONVKIT_TORCH_PYTHON=a:b; Debian's /usr/bin/python3 is always tried:
//   python3-torch, on OpenBLAS when libopenblas0-pthread is installed).
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setThreadsCount } from '@convkit/backend-wasm';
import { setBackend } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { machineLine } from '../../../bench/markdown.mjs';
import { referenceCnn } from '../../../bench/reference-cnn.mjs';

const layers = await import('../../layers/dist/index.js');
const { Adam } = await import('../../optim/dist/index.js');

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? Number(argv[i + 1]) : dflt;
};
const ROUNDS = opt('--rounds', 7);
const STEPS = opt('--steps', 20);
const BATCH = 64;
const pythons = [
  '/usr/bin/python3',
  ...argv.flatMap((a, i) => (a === '--torch-python' && argv[i + 1] ? [argv[i + 1]] : [])),
  ...(process.env.CONVKIT_TORCH_PYTHON ?? '').split(':').filter(Boolean),
].filter((p, i, all) => all.indexOf(p) === i);
const script = fileURLToPath(new URL('./torch-train.py', import.meta.url));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (v, d = 1) => (v == null || Number.isNaN(v) ? '—' : v.toFixed(d));

function torchTrain(py, threads) {
  const r = spawnSync(py, [script, String(STEPS)], {
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', TORCH_THREADS: String(threads), TORCH_TRAIN_ONLY: '1' },
    encoding: 'utf8',
  });
  if (r.status !== 0) return null;
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

await setBackend('wasm');
const model = referenceCnn(layers);
model.compile({ optimizer: new Adam({ learningRate: 1e-3 }), loss: 'sparseCategoricalCrossentropy' });
const x = tf.randomUniform([BATCH, 28, 28, 1]);
const y = tf.randomUniform([BATCH], 0, 10, 'int32');

/** img/s of trainOnBatch on `threads` threads: median of STEPS steps after 3 warm-up steps. */
async function convkitTrain(threads) {
  await setThreadsCount(threads);
  for (let i = 0; i < 3; i++) await model.trainOnBatch(x, y);
  const ts = [];
  for (let i = 0; i < STEPS; i++) {
    const t = performance.now();
    await model.trainOnBatch(x, y);
    ts.push(performance.now() - t);
  }
  return (BATCH / median(ts)) * 1000;
}

const rows = new Map(); // label → img/s per round
const push = (label, v) => rows.set(label, [...(rows.get(label) ?? []), v]);
const ratios = new Map(); // build label → convkit 2 threads ÷ its faster run, per round
const loads = [];
await model.trainOnBatch(x, y); // creates the optimizer's slots before the tensor count is taken
const before = tf.memory().numTensors;
for (let r = 0; r < ROUNDS; r++) {
  loads.push(loadavg()[0]);
  const ck2 = await convkitTrain(2);
  push('convkit trainOnBatch, wasm 2 threads', ck2);
  push('convkit trainOnBatch, wasm 1 thread', await convkitTrain(1));
  for (const py of pythons) {
    const t2 = torchTrain(py, 2);
    const t1 = torchTrain(py, 1);
    if (!t2 && !t1) continue;
    const label = `PyTorch ${(t2 ?? t1).version} + ${(t2 ?? t1).blas}`;
    if (t2) push(`${label}, 2 threads (BLAS 1 thread)`, t2.train);
    if (t1) push(`${label}, 1 thread`, t1.train);
    const best = Math.max(t2?.train ?? 0, t1?.train ?? 0);
    ratios.set(label, [...(ratios.get(label) ?? []), ck2 / best]);
  }
  process.stderr.write(`round ${r + 1}/${ROUNDS} done\n`);
}
const leaked = tf.memory().numTensors - before;

console.log(`\nReference CNN training (Adam 1e-3, batch ${BATCH}), ${ROUNDS} alternating rounds of ${STEPS} steps`);
console.log(`(${machineLine()}; 1-minute load at each round's start: ${loads.map((l) => fmt(l)).join(' ')})`);
console.log('| system | median img/s | min | max |');
console.log('| --- | ---: | ---: | ---: |');
for (const [label, v] of rows)
  console.log(`| ${label} | ${fmt(median(v))} | ${fmt(Math.min(...v))} | ${fmt(Math.max(...v))} |`);
const ck = rows.get('convkit trainOnBatch, wasm 2 threads');
const ck1 = rows.get('convkit trainOnBatch, wasm 1 thread');
console.log(`\nconvkit 1 → 2 threads: median of per-round ratios ${fmt(median(ck.map((v, i) => v / ck1[i])), 2)}×`);
for (const [label, v] of ratios)
  console.log(
    `convkit 2 threads ÷ ${label} (its faster run in the same round): median ${fmt(median(v), 2)}×, rounds ${v.map((r) => fmt(r, 2)).join(' ')}`,
  );
if (ratios.size === 0) console.log(`no torch importable from ${pythons.join(', ')}: no comparison`);
console.log(`(tensors left after the rounds: ${leaked})`);
tf.dispose([x, y]);
process.exit(0);
