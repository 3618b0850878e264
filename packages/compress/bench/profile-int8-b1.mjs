#!/usr/bin/env node
// Per-layer time of a batch-1 predict of the reference CNN: float vs int8 on the integer kernels.
// Usage: pnpm build && node packages/compress/bench/profile-int8-b1.mjs [--threads 2] [--runs 400]
import '@convkit/backend-wasm';
import { parseArgs } from 'node:util';
import { setThreadsCount } from '@convkit/backend-wasm';
import { clearInferenceKernels, quantizeModel, useIntegerKernels } from '@convkit/compress';
import { randomUniform, setBackend, setSeed, tidy } from '@convkit/core';
import { Conv2D, Dense, Flatten, MaxPool2D, Sequential } from '@convkit/layers';

const { values: args } = parseArgs({
  options: { threads: { type: 'string', default: '2' }, runs: { type: 'string', default: '400' } },
});
await setBackend('wasm');
await setThreadsCount(Number(args.threads));
setSeed(1);
const model = new Sequential({
  layers: [
    new Conv2D({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
    new MaxPool2D({ poolSize: 2 }),
    new Conv2D({ filters: 64, kernelSize: 3, activation: 'relu' }),
    new MaxPool2D({ poolSize: 2 }),
    new Flatten(),
    new Dense({ units: 128, activation: 'relu' }),
    new Dense({ units: 10, activation: 'softmax' }),
  ],
});
const calib = tidy(() => randomUniform([256, 28, 28, 1]));
const q = await quantizeModel(model, { calibrationData: calib });
const x = tidy(() => randomUniform([1, 28, 28, 1]));
const runs = Number(args.runs);

// Layer by layer, as predict runs them (each layer's apply on the previous output), timed with a sync read.
// The two models take turns run by run, so a change in the machine's load hits them alike.
async function perLayer(models) {
  const all = models.map((m) => ({ m, times: m.layers.map(() => []), whole: [] }));
  for (let i = 0; i < runs + 20; i++) {
    for (const { m, times, whole } of all) {
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
      const t0 = performance.now();
      const y = m.predict(x, { batchSize: 1 });
      await y.data();
      y.dispose();
      if (i >= 20) whole.push(performance.now() - t0);
    }
  }
  const med = (t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)];
  return all.map(({ m, times, whole }) => ({
    layers: m.layers.map((l, k) => [l.name, med(times[k])]),
    whole: med(whole),
  }));
}
clearInferenceKernels(q.model);
useIntegerKernels(q.model, q.spec);
const [f, i8] = await perLayer([model, q.model]);
console.log('layer'.padEnd(20), 'float ms'.padStart(9), 'int8 ms'.padStart(9));
for (let k = 0; k < f.layers.length; k++)
  console.log(f.layers[k][0].padEnd(20), f.layers[k][1].toFixed(4).padStart(9), i8.layers[k][1].toFixed(4).padStart(9));
console.log(
  'predict'.padEnd(20),
  f.whole.toFixed(4).padStart(9),
  i8.whole.toFixed(4).padStart(9),
  `ratio ${(f.whole / i8.whole).toFixed(2)}×`,
);
process.exit(0);
