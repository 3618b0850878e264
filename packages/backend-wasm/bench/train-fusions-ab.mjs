// In-process A/B of the training-step fusions (layers trainOnBatch, reference CNN, batch 64): 'old' = the
// one-pass MaxPoolGrad, the ReLU gradient made with it (and its ConvkitReluGrad kernel) and the bias gradient
// of the one-input-channel filter gradient all switched off; 'new' = all on. The two alternate every STEPS
// steps (order flipped each round), 2 then 1 thread; prints medians of each round's median step and the
// median per-round speed-up, with the load average. After building:
//   node packages/backend-wasm/bench/train-fusions-ab.mjs [ROUNDS=15] [STEPS=8]
import os from 'node:os';
import { convFilterGradTuning, maxPoolGradTuning, setThreadsCount } from '@convkit/backend-wasm';
import { setBackend } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { referenceCnn } from '../../../bench/reference-cnn.mjs';

const layers = await import('../../layers/dist/index.js');
const { Adam } = await import('../../optim/dist/index.js');
await setBackend('wasm');
const rounds = Number(process.argv[2] ?? 15),
  STEPS = Number(process.argv[3] ?? 8);
const rg = tf.getKernel('ConvkitReluGrad', 'wasm');
const use = (on) => {
  Object.assign(maxPoolGradTuning, { tiled: on, fuseReluGrad: on });
  convFilterGradTuning.fuseBiasGrad = on;
  const has = !!tf.getKernel('ConvkitReluGrad', 'wasm');
  if (on && !has) tf.registerKernel(rg);
  if (!on && has) tf.unregisterKernel('ConvkitReluGrad', 'wasm');
};
const m = referenceCnn(layers);
m.compile({ optimizer: new Adam({ learningRate: 1e-3 }), loss: 'sparseCategoricalCrossentropy' });
const x = tf.randomUniform([64, 28, 28, 1]);
const y = tf.randomUniform([64], 0, 10, 'int32');
const step = () => m.trainOnBatch(x, y);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const res = {};
const ratio = { 1: [], 2: [] };
const loads = [];
let leaked = 0;
for (const t of [2, 1]) {
  await setThreadsCount(t);
  for (const on of [false, true]) {
    use(on);
    for (let i = 0; i < 3; i++) await step();
  }
}
for (let r = 0; r < rounds; r++) {
  for (const t of [2, 1]) {
    await setThreadsCount(t);
    const got = {};
    for (const on of r % 2 ? [true, false] : [false, true]) {
      use(on);
      await step();
      const before = tf.memory().numTensors;
      await step();
      leaked = Math.max(leaked, tf.memory().numTensors - before);
      const ts = [];
      for (let i = 0; i < STEPS; i++) {
        const t0 = performance.now();
        await step();
        ts.push(performance.now() - t0);
      }
      got[on] = median(ts);
      const key = `${t} ${on ? 'new' : 'old'}`;
      res[key] = [...(res[key] ?? []), got[on]];
    }
    ratio[t].push(got.false / got.true);
  }
  loads.push(os.loadavg()[0]);
}
for (const [k, v] of Object.entries(res))
  console.log(
    `${k.padEnd(6)} median step ${median(v).toFixed(2)} ms = ${(64000 / median(v)).toFixed(0)} img/s (min ${Math.min(...v).toFixed(2)})`,
  );
for (const t of [2, 1])
  console.log(
    `${t} threads: median per-round speed-up new vs old ${median(ratio[t]).toFixed(3)}x  [${ratio[t].map((v) => v.toFixed(2)).join(' ')}]`,
  );
console.log(`leaked ${leaked}; load ${loads.map((l) => l.toFixed(2)).join(' ')}`);
process.exit(0);
