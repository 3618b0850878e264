#!/usr/bin/env node
// Bit widths and the random-pruning baseline on the reference CNN (Conv 32 → pool → Conv 64 → pool →
// Dense 128 → Dense 10): trains it on wasm, then prints held-out accuracy and file size (raw and gzip)
// for float32 and int8, int6, int4, int3, int2 weights (post-training, per channel), and for magnitude
// vs random pruning at 50, 75 and 90% (global; right after pruning and after fine-tuning).
//
//   pnpm turbo run build --filter=@convkit/compress... && node packages/compress/bench/bits.mjs
//       [--data-dir DIR] [--epochs 2] [--finetune 1] [--train-count N] [--test-count N]
//       [--bits 8,6,4,3,2] [--sparsities 0.5,0.75,0.9] [--seed 1] [--markdown DIR]
//
// Data: the 10,000 embedded MNIST digits (8,000 to train, 2,000 held out) unless --data-dir names the
// Fashion-MNIST IDX files (e.g. ../shared/datasets/fashion-mnist; all 60,000 / 10,000 by default).
// --finetune E, --finetune-count N: after pruning, fine-tune E epochs (0: none) on the first N training
//   images (default 1 epoch of 2,000), with the pruned weights held at zero; the same for both methods.
// --markdown DIR: also write DIR/compress-bits.md for the docs site.
import '@convkit/backend-wasm';
import { parseArgs } from 'node:util';
import { accuracyOf, compressedSize, pruneOneShot, pruneRandom, quantizeModel } from '@convkit/compress';
import { dispose, setBackend, setSeed } from '@convkit/core';
import { loadMnistDigits } from '@convkit/data/mnist';
import { loadFashionMnist } from '@convkit/data/node';
import { Conv2D, cloneModel, Dense, Flatten, MaxPool2D, Sequential } from '@convkit/layers';
import { Adam } from '@convkit/optim';
import { machineLine, mdTable, writeMarkdown } from '../../../bench/markdown.mjs';

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    epochs: { type: 'string', default: '2' },
    finetune: { type: 'string', default: '1' },
    'finetune-count': { type: 'string', default: '2000' },
    'train-count': { type: 'string' },
    'test-count': { type: 'string' },
    bits: { type: 'string', default: '8,6,4,3,2' },
    sparsities: { type: 'string', default: '0.5,0.75,0.9' },
    seed: { type: 'string', default: '1' },
    markdown: { type: 'string' },
  },
});
const t0 = performance.now();
const log = (s) => console.error(`[${((performance.now() - t0) / 60000).toFixed(1)} min] ${s}`);
const SEED = Number(args.seed);
const EPOCHS = Number(args.epochs);
const FT = Number(args.finetune);
const BATCH = 64;

await setBackend('wasm');
setSeed(SEED);
const firstN = (set, n) => (n < set.size ? set.subset(Int32Array.from({ length: n }, (_, i) => i)) : set);
let train;
let test;
let source;
if (args['data-dir']) {
  ({ train, test } = await loadFashionMnist(args['data-dir']));
  source = `Fashion-MNIST (${args['data-dir']})`;
} else {
  const all = await loadMnistDigits({ count: 10_000, seed: SEED });
  train = all.subset(Int32Array.from({ length: 8000 }, (_, i) => i));
  test = all.subset(Int32Array.from({ length: 2000 }, (_, i) => 8000 + i));
  source = 'embedded MNIST digits';
}
train = firstN(train, Number(args['train-count'] ?? train.size));
test = firstN(test, Number(args['test-count'] ?? test.size));
const testBatch = test.toBatch();
const testData = [testBatch.xs, testBatch.ys];
const calib = train.subset(Int32Array.from({ length: 512 }, (_, i) => i * Math.floor(train.size / 512))).toBatch();
log(`${source}: ${train.size} training, ${test.size} held-out images; wasm backend`);

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
const ftSet = firstN(train, Number(args['finetune-count']));
async function fit(m, set, epochs, lr, callbacks = []) {
  m.optimizer?.dispose();
  m.compile({ optimizer: new Adam({ learningRate: lr }), loss: 'sparseCategoricalCrossentropy' });
  await m.fit(set.shuffle(set.size).batch(BATCH), { epochs, callbacks });
}
const pct = (a) => `${(100 * a).toFixed(2)}%`;
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const pts = (a, b) => `${a >= b ? '+' : ''}${(100 * (a - b)).toFixed(2)}`;

log(`training the reference CNN for ${EPOCHS} epoch(s)`);
await fit(model, train, EPOCHS, 1e-3);
const FLOAT = { weights: 'float32', sparse: false, clustered: false };
const baseSize = await compressedSize(model, FLOAT);
const baseAcc = await accuracyOf(model, testData);
log(`float32: ${pct(baseAcc)}, ${kb(baseSize.gzipped)} gzipped`);

// 1. Bit widths: post-training quantization, per-channel weights; activations int8 (calibrated on 512 images).
const bitRows = [['float32', kb(baseSize.raw), kb(baseSize.gzipped), '1.00×', pct(baseAcc), '', pct(baseAcc), '']];
for (const bits of args.bits.split(',').map(Number)) {
  const wOnly = await quantizeModel(model, { bits });
  const accW = await accuracyOf(wOnly.model, testData);
  wOnly.model.dispose();
  const q = await quantizeModel(model, { bits, calibrationData: calib.xs });
  const size = await compressedSize(q.model, {
    weights: `int${bits}`,
    int8Scales: q.int8Scales,
    metadata: { quantization: q.spec },
    sparse: false,
    clustered: false,
  });
  const acc = await accuracyOf(q.model, testData);
  q.model.dispose();
  bitRows.push([
    `int${bits}`,
    kb(size.raw),
    kb(size.gzipped),
    `${(baseSize.gzipped / size.gzipped).toFixed(2)}×`,
    pct(accW),
    pts(accW, baseAcc),
    pct(acc),
    pts(acc, baseAcc),
  ]);
  log(`int${bits}: weights only ${pct(accW)}, with int8 activations ${pct(acc)}, ${kb(size.gzipped)} gzipped`);
}
const bitHead = [
  'weights',
  'size',
  'gzip',
  'vs float32',
  'accuracy (weights only)',
  'Δ',
  'accuracy (+ int8 activations)',
  'Δ',
];

// 2. Magnitude vs random pruning at the same sparsity (global over all kernels), float32 sparse files.
const pruneRows = [];
for (const sparsity of args.sparsities.split(',').map(Number)) {
  for (const method of ['magnitude', 'random']) {
    const m = cloneModel(model);
    const pruner =
      method === 'magnitude'
        ? await pruneOneShot(m, { sparsity, scope: 'global' })
        : pruneRandom(m, { sparsity, seed: SEED, scope: 'global' });
    const oneShot = await accuracyOf(m, testData);
    if (FT > 0) await fit(m, ftSet, FT, 3e-4, [pruner.callback()]);
    const { overall } = await pruner.sparsity();
    pruner.strip();
    const tuned = FT > 0 ? await accuracyOf(m, testData) : oneShot;
    const size = await compressedSize(m, { weights: 'float32', sparse: 'auto', clustered: false });
    m.dispose();
    pruneRows.push([
      `${Math.round(sparsity * 100)}%`,
      method,
      pct(overall),
      kb(size.gzipped),
      pct(oneShot),
      pts(oneShot, baseAcc),
      FT > 0 ? pct(tuned) : '—',
      FT > 0 ? pts(tuned, baseAcc) : '—',
    ]);
    log(`${method} ${Math.round(sparsity * 100)}%: one-shot ${pct(oneShot)}, fine-tuned ${pct(tuned)}`);
  }
}
const pruneHead = [
  'sparsity',
  'method',
  'kernel zeros',
  'gzip',
  'accuracy (one-shot)',
  'Δ',
  `accuracy (+ ${FT} ep fine-tune on ${ftSet.size})`,
  'Δ',
];

const text = (head, rows, labels) => {
  const w = head.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c]).length)));
  const line = (r) => r.map((v, c) => (c < labels ? String(v).padEnd(w[c]) : String(v).padStart(w[c]))).join('  ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
};
console.log(`\n${source}: ${train.size} training, ${test.size} held-out images; reference CNN, ${EPOCHS} epoch(s)\n`);
console.log(text(bitHead, bitRows, 1));
console.log('');
console.log(text(pruneHead, pruneRows, 2));
console.log(`\n${machineLine()}; ${((performance.now() - t0) / 60000).toFixed(1)} min`);
if (args.markdown) {
  const align = (n) => ['l', ...Array(n - 1).fill('r')];
  const body = [
    `${source}: ${train.size} training, ${test.size} held-out images; the reference CNN trained ${EPOCHS} epoch(s) on wasm.`,
    '',
    mdTable(bitHead, bitRows, align(bitHead.length)),
    '',
    mdTable(pruneHead, pruneRows, ['l', 'l', ...Array(pruneHead.length - 2).fill('r')]),
    '',
    `Measured on ${machineLine()}.`,
  ].join('\n');
  log(
    `wrote ${await writeMarkdown(args.markdown, 'compress-bits', body, 'pnpm turbo run build --filter=@convkit/compress... && ')}`,
  );
}
dispose([testBatch.xs, testBatch.ys, calib.xs, calib.ys]);
model.dispose();
