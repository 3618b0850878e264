#!/usr/bin/env node
// Batch-1 profile of the reference CNN: per-layer time, float vs int8 on the per-layer integer
// routes; then whole predicts at batch 1 and 64 of float, int8 per-layer routes and int8 as one
// whole-model chain (ops.quantizedSequence), the three taking turns run by run.
// Usage: pnpm build && node packages/compress/bench/profile-int8-b1.mjs [--threads 2] [--runs 400]
import '@convkit/backend-wasm';
import { parseArgs } from 'node:util';
import { getThreadsCount, setThreadsCount } from '@convkit/backend-wasm';
import { clearInferenceKernels, quantizeModel, useIntegerKernels } from '@convkit/compress';
import { randomUniform, setBackend, setSeed, tidy } from '@convkit/core';
import * as layers from '@convkit/layers';
import { referenceCnn } from '../../../bench/reference-cnn.mjs';

const { values: args } = parseArgs({
  options: { threads: { type: 'string', default: '2' }, runs: { type: 'string', default: '400' } },
});
await setBackend('wasm');
await setThreadsCount(Number(args.threads));
setSeed(1);
const model = referenceCnn(layers);
const calib = tidy(() => randomUniform([256, 28, 28, 1]));
const q = await quantizeModel(model, { calibrationData: calib });
const x = tidy(() => randomUniform([1, 28, 28, 1]));
const x64 = tidy(() => randomUniform([64, 28, 28, 1]));
const chain = q.model.inferenceOverride;
if (!chain) throw new Error('profile-int8-b1: the quantized model has no whole-model chain');
const runs = Number(args.runs);

// Layer by layer, as predict runs them (each layer's apply on the previous output), timed with a sync read.
// The two models take turns run by run, so a change in the machine's load hits them alike.
async function perLayer(models) {
  const all = models.map((m) => ({ m, times: m.layers.map(() => []) }));
  for (let i = 0; i < runs + 20; i++) {
    for (const { m, times } of all) {
      let h = x;
      const made = [];
      for (const [k, l] of m.layers.entries()) {
        const t0 = performance.now();
        const y = l.inferenceOverride?.(h) ?? l.call(h, { training: false });
        await y.data();
        if (i >= 20) times[k].push(performance.now() - t0);
        made.push(y);
        h = y;
      }
      for (const t of made) t.dispose();
    }
  }
  const med = (t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)];
  return all.map(({ m, times }) => ({
    layers: m.layers.map((l, k) => [l.name, med(times[k])]),
  }));
}

// Whole predicts: float, int8 on the per-layer routes (chain off), int8 chain; in turn, run by run.
async function wholePredicts(input, n) {
  const variants = [
    ['float32', model, null],
    ['int8 per-layer routes', q.model, undefined],
    ['int8 chain', q.model, chain],
  ];
  const times = variants.map(() => []);
  for (let i = 0; i < n + 10; i++) {
    for (const [k, [, m, override]] of variants.entries()) {
      if (override !== null) m.inferenceOverride = override;
      const t0 = performance.now();
      const y = m.predict(input, { batchSize: input.shape[0] });
      await y.data();
      y.dispose();
      if (i >= 10) times[k].push(performance.now() - t0);
    }
  }
  q.model.inferenceOverride = chain;
  const med = (t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)];
  return variants.map(([label], k) => [label, med(times[k])]);
}
clearInferenceKernels(q.model);
useIntegerKernels(q.model, q.spec);
const [f, i8] = await perLayer([model, q.model]);
const w1 = await wholePredicts(x, runs);
const w64 = await wholePredicts(x64, Math.max(10, Math.round(runs / 10)));
console.log('layer'.padEnd(20), 'float ms'.padStart(9), 'int8 ms'.padStart(9));
for (let k = 0; k < f.layers.length; k++)
  console.log(f.layers[k][0].padEnd(20), f.layers[k][1].toFixed(4).padStart(9), i8.layers[k][1].toFixed(4).padStart(9));
console.log('');
console.log(
  `whole predict, ${getThreadsCount()} thread(s), medians:`.padEnd(40),
  'batch 1'.padStart(9),
  'batch 64'.padStart(9),
);
for (let k = 0; k < w1.length; k++) {
  const r1 = k ? `${(w1[0][1] / w1[k][1]).toFixed(2)}×` : '';
  const r64 = k ? `${(w64[0][1] / w64[k][1]).toFixed(2)}×` : '';
  console.log(
    w1[k][0].padEnd(24),
    `${w1[k][1].toFixed(4)} ms`.padStart(12),
    r1.padStart(6),
    `${w64[k][1].toFixed(3)} ms`.padStart(12),
    r64.padStart(6),
  );
}
process.exit(0);
