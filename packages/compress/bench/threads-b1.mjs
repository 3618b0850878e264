#!/usr/bin/env node
// Float vs the int8 whole-model chain of the reference CNN at batch 1 and 64, on 1 and 2 kernel
// threads, all four settings in one run: each round sets 1 thread, times every (model, batch) as a
// burst of back-to-back predicts, then does the same on 2 threads; a burst's figure is its median
// (the first call of a burst is the cold one), a setting's figure the median over rounds. Rounds
// alternate the thread counts, so load drift hits them alike (the worker pool is rebuilt at each
// switch; a few untimed predicts and a 30 ms pause follow, outside the timed calls).
// Usage: pnpm build && node packages/compress/bench/threads-b1.mjs [--rounds 30] [--burst 10]
import '@convkit/backend-wasm';
import { parseArgs } from 'node:util';
import { getThreadsCount, setThreadsCount } from '@convkit/backend-wasm';
import { quantizeModel, useIntegerKernels } from '@convkit/compress';
import { randomUniform, setBackend, setSeed, tidy } from '@convkit/core';
import * as layers from '@convkit/layers';
import { referenceCnn } from '../../../bench/reference-cnn.mjs';

const { values: args } = parseArgs({
  options: { rounds: { type: 'string', default: '30' }, burst: { type: 'string', default: '10' } },
});
await setBackend('wasm');
setSeed(1);
const model = referenceCnn(layers);
const calib = tidy(() => randomUniform([256, 28, 28, 1]));
const q = await quantizeModel(model, { calibrationData: calib });
useIntegerKernels(q.model, q.spec);
if (!q.model.inferenceOverride) throw new Error('threads-b1: the quantized model has no whole-model chain');
const inputs = { 1: tidy(() => randomUniform([1, 28, 28, 1])), 64: tidy(() => randomUniform([64, 28, 28, 1])) };
const rounds = Number(args.rounds);
const burst = Math.max(2, Number(args.burst));
const median = (t) => [...t].sort((a, b) => a - b)[Math.floor(t.length / 2)];
const models = [
  ['float32', model],
  ['int8 chain', q.model],
];
const key = (t, m, b) => `${t}|${m}|${b}`;
const times = new Map();
for (let r = 0; r < rounds + 2; r++) {
  for (const t of [1, 2]) {
    await setThreadsCount(t);
    // Let the new workers start and settle (untimed): a few predicts of each model, then a pause.
    for (const [, m] of models) for (let i = 0; i < 3; i++) m.predict(inputs[1], { batchSize: 1 }).dispose();
    await new Promise((done) => setTimeout(done, 30));
    for (const b of [1, 64]) {
      for (const [label, m] of models) {
        const one = [];
        for (let i = 0; i < (b === 1 ? burst : 3); i++) {
          const t0 = performance.now();
          const y = m.predict(inputs[b], { batchSize: b });
          await y.data();
          y.dispose();
          one.push(performance.now() - t0);
        }
        if (r < 2) continue;
        const k = key(t, label, b);
        if (!times.has(k)) times.set(k, []);
        times.get(k).push(median(one));
      }
    }
  }
}
await setThreadsCount(1);
console.log(
  `float vs int8 chain, ${rounds} rounds, bursts of ${burst} (batch 1) / 3 (batch 64), medians (threads now ${getThreadsCount()}):`,
);
console.log(
  'threads'.padEnd(8),
  'batch'.padStart(5),
  'float32'.padStart(11),
  'int8 chain'.padStart(11),
  'speed-up'.padStart(9),
);
for (const t of [1, 2]) {
  for (const b of [1, 64]) {
    const f = median(times.get(key(t, 'float32', b)));
    const i8 = median(times.get(key(t, 'int8 chain', b)));
    const d = b === 1 ? 4 : 2;
    console.log(
      String(t).padEnd(8),
      String(b).padStart(5),
      `${f.toFixed(d)} ms`.padStart(11),
      `${i8.toFixed(d)} ms`.padStart(11),
      `${(f / i8).toFixed(2)}×`.padStart(9),
    );
  }
}
process.exit(0);
