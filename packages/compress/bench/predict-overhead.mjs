#!/usr/bin/env node
// Fixed per-predict cost at batch 1 on the wasm backend: the parts of LayersModel.predict timed one
// by one (each alone, with an awaited read), all taking turns run by run in bursts so that load
// drift hits them alike. Usage: pnpm build && node packages/compress/bench/predict-overhead.mjs [--threads 2] [--runs 400]
import '@convkit/backend-wasm';
import { parseArgs } from 'node:util';
import { getThreadsCount, setThreadsCount } from '@convkit/backend-wasm';
import { quantizeModel } from '@convkit/compress';
import { memory, ops, randomUniform, setBackend, setSeed, tidy } from '@convkit/core';
import * as layers from '@convkit/layers';
import { referenceCnn } from '../../../bench/reference-cnn.mjs';

const { values: args } = parseArgs({
  options: {
    threads: { type: 'string', default: '2' },
    runs: { type: 'string', default: '400' },
    burst: { type: 'string', default: '10' },
  },
});
await setBackend('wasm');
await setThreadsCount(Number(args.threads));
setSeed(1);
const model = referenceCnn(layers);
const tiny = new layers.Sequential({ layers: [new layers.Flatten({ inputShape: [28, 28, 1] })] });
const calib = tidy(() => randomUniform([256, 28, 28, 1]));
const q = await quantizeModel(model, { calibrationData: calib });
const chain = q.model.inferenceOverride;
if (!chain) throw new Error('predict-overhead: no whole-model chain');
const x = tidy(() => randomUniform([1, 28, 28, 1]));
const out10 = tidy(() => randomUniform([1, 10]));

const cases = [
  ['read only: tidy(mul [1,10]) + await data', () => tidy(() => ops.mul(out10, 1))],
  [
    'guard only: mul·0, sum, add + data',
    () => tidy(() => ops.add(out10, ops.reshape(ops.sum(ops.reshape(ops.mul(x, 0), [1, -1]), 1), [1, 1]))),
  ],
  ['tiny model (Flatten) predict', () => tiny.predict(x, { batchSize: 1 })],
  ['float: call in tidy (no guard)', () => tidy(() => model.call(x))],
  ['float: predict', () => model.predict(x, { batchSize: 1 })],
  ['int8 chain: override alone', () => tidy(() => chain(x))],
  [
    'int8 chain: override + guard (as predict)',
    () =>
      tidy(() => {
        const o = chain(x);
        return ops.add(o, ops.reshape(ops.sum(ops.reshape(ops.mul(x, 0), [1, -1]), 1), [1, 1]));
      }),
  ],
  ['int8 chain: override + add 0', () => tidy(() => ops.add(chain(x), 0))],
  ['int8 chain: predict', () => q.model.predict(x, { batchSize: 1 })],
];
const runs = Number(args.runs);
const burst = Math.max(1, Number(args.burst));
const times = cases.map(() => []);
const before = memory().numTensors;
for (let r = 0; r < Math.ceil(runs / burst) + 2; r++) {
  for (const [k, [, f]] of cases.entries()) {
    for (let b = 0; b < burst; b++) {
      const t0 = performance.now();
      const y = f();
      await y.data();
      y.dispose();
      if (r >= 2) times[k].push(performance.now() - t0);
    }
  }
}
if (memory().numTensors !== before) throw new Error(`leak: ${memory().numTensors - before} tensors`);
const med = (t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)];
console.log(`batch-1 parts, ${getThreadsCount()} thread(s), bursts of ${burst}, medians of ${times[0].length}:`);
for (const [k, [label]] of cases.entries())
  console.log(label.padEnd(44), `${(1000 * med(times[k])).toFixed(1)} µs`.padStart(10));
process.exit(0);
