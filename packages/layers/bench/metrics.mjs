#!/usr/bin/env node
// What the streaming metrics cost: feeding 10,000 samples of 10 classes in batches of 250 to each
// accumulator, computing each result (RocAuc and AveragePrecision sort every score seen), and one
// epoch of fit with no metrics against one with accuracy, top5, auc and averagePrecision.
//
//   pnpm turbo run build --filter=@convkit/layers... && node packages/layers/bench/metrics.mjs [--n 10000] [--batch 250]
import { parseArgs } from 'node:util';
import { ops, randomUniform, setSeed, tensor1d, tensor2d, tidy } from '@convkit/core';
import { AveragePrecision, ConfusionMatrix, Dense, RocAuc, Sequential, TopKAccuracy } from '@convkit/layers';
import { Adam } from '@convkit/optim';

process.env.CONVKIT_BACKEND_HINT ??= '0'; // the cpu backend is fine for this
const { values } = parseArgs({
  options: { n: { type: 'string', default: '10000' }, batch: { type: 'string', default: '250' } },
});
const n = Number(values.n);
const b = Number(values.batch);
const k = 10;

let seed = 1;
const r = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const labels = Array.from({ length: n }, () => Math.floor(r() * k));
const scores = labels.map((l) => {
  const row = Array.from({ length: k }, () => r());
  row[l] += 0.5;
  const s = row.reduce((a, c) => a + c);
  return row.map((v) => v / s);
});
const batches = [];
for (let i = 0; i < n; i += b)
  batches.push([tensor1d(labels.slice(i, i + b), 'int32'), tensor2d(scores.slice(i, i + b))]);

const rows = [];
const accumulators = [
  new RocAuc(),
  new RocAuc({ average: 'micro' }),
  new AveragePrecision(),
  new TopKAccuracy(5),
  new ConfusionMatrix(),
];
for (const m of accumulators) {
  let t0 = performance.now();
  for (const [y, p] of batches) await m.update(y, p);
  const update = performance.now() - t0;
  t0 = performance.now();
  const value = 'result' in m ? m.result() : m.report().accuracy;
  rows.push({
    metric: m.name ?? 'ConfusionMatrix (report)',
    value: value.toFixed(4),
    'update all (ms)': update.toFixed(0),
    'result (ms)': (performance.now() - t0).toFixed(1),
  });
}
for (const [y, p] of batches) {
  y.dispose();
  p.dispose();
}
console.table(rows);

setSeed(1);
const { x, y } = tidy(() => {
  const x = randomUniform([n, 32]);
  return { x, y: ops.argMax(ops.slice(x, [0, 0], [n, k]), 1) };
});
for (const metrics of [[], ['accuracy', 'top5', 'auc', 'averagePrecision']]) {
  const model = new Sequential({ layers: [new Dense({ units: k, activation: 'softmax', inputShape: [32] })] });
  model.compile({ optimizer: new Adam(), loss: 'sparseCategoricalCrossentropy', metrics });
  await model.fit(x, y, { epochs: 1, batchSize: b }); // warm-up
  const t0 = performance.now();
  const history = await model.fit(x, y, { epochs: 1, batchSize: b });
  const ms = performance.now() - t0;
  const last = Object.entries(history.history)
    .map(([key, v]) => `${key} ${v[0].toFixed(3)}`)
    .join(', ');
  console.log(
    `fit, 1 epoch of ${n} samples in batches of ${b}, metrics [${metrics.join(', ')}]: ${ms.toFixed(0)} ms (${last})`,
  );
  model.dispose();
}
x.dispose();
y.dispose();
