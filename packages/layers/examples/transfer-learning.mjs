#!/usr/bin/env node
// Transfer learning from MNIST digits to Fashion-MNIST, end to end, on the wasm backend:
//
//  1. pretrain the reference CNN (Conv 32 → pool → Conv 64 → pool → Dense 128 → Dense 10) on the
//     embedded MNIST digits and save it to a temporary folder;
//  2. load it, freeze its convolutional base (`layer.trainable = false`), put a new head on it
//     (Dense 128 → Dense 10) and train the head on a small Fashion-MNIST subset;
//  3. unfreeze the last conv block and fine-tune it with the head at a 10× lower learning rate;
//  4. train the same architecture from scratch on the same subset for the same number of epochs;
//
// then print each setting's accuracy on the 10,000 held-out Fashion-MNIST test images and its training time.
//
//   pnpm build && node packages/layers/examples/transfer-learning.mjs [--data-dir DIR] [--train-count 1000]
//       [--head-epochs 10] [--finetune-epochs 5] [--pretrain-count 8000] [--pretrain-epochs 2]
//       [--batch-size 32] [--seed 1] [--markdown DIR] [--quick]
//
// --data-dir DIR: the Fashion-MNIST IDX files (default: $CONVKIT_DATA_DIR, else ../shared/datasets/fashion-mnist
//   beside the repository, else /usr/share/datasets/fashion-mnist).
// --quick: 2,000 digits for 1 epoch, 200 Fashion images, 1 + 1 epochs: checks the script, not the numbers.
// --markdown DIR: also write DIR/transfer-learning.md (the table, for the docs' transfer-learning guide).
import '@convkit/backend-wasm';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { memory, Rng, setBackend, setSeed } from '@convkit/core';
import { loadMnistDigits } from '@convkit/data/mnist';
import { loadFashionMnist, resolveDataDir } from '@convkit/data/node';
import { Conv2D, Dense, Flatten, loadModel, MaxPool2D, Sequential, saveModel } from '@convkit/layers';
import { Adam } from '@convkit/optim';

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'train-count': { type: 'string', default: '1000' },
    'head-epochs': { type: 'string', default: '10' },
    'finetune-epochs': { type: 'string', default: '5' },
    'pretrain-count': { type: 'string', default: '8000' },
    'pretrain-epochs': { type: 'string', default: '2' },
    'batch-size': { type: 'string', default: '32' },
    seed: { type: 'string', default: '1' },
    markdown: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});
const int = (name, value, min) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got '${value}'`);
  return n;
};
const quick = args.quick;
const TRAIN = quick ? 200 : int('train-count', args['train-count'], 10);
const HEAD_EPOCHS = quick ? 1 : int('head-epochs', args['head-epochs'], 1);
const FT_EPOCHS = quick ? 1 : int('finetune-epochs', args['finetune-epochs'], 0);
const PRETRAIN = quick ? 2000 : int('pretrain-count', args['pretrain-count'], 100);
const PRETRAIN_EPOCHS = quick ? 1 : int('pretrain-epochs', args['pretrain-epochs'], 1);
const BATCH = int('batch-size', args['batch-size'], 1);
const SEED = int('seed', args.seed, 0);
const LR = 1e-3;
const FT_LR = LR / 10;
if (PRETRAIN >= 10_000) throw new Error('--pretrain-count must leave some of the 10,000 embedded digits held out');

await setBackend('wasm');
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const { dir: dataDir } = resolveDataDir({
  dir: args['data-dir'],
  dirOption: '--data-dir',
  defaults: [resolve(repoRoot, '../shared/datasets/fashion-mnist'), '/usr/share/datasets/fashion-mnist'],
  what: 'Fashion-MNIST',
});
const log = (line) => console.error(line);
const seconds = (t0) => (performance.now() - t0) / 1000;

/** The convolutional base of the reference CNN: two conv blocks, then Flatten. */
function convBase() {
  return [
    new Conv2D({ name: 'block1_conv', filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
    new MaxPool2D({ name: 'block1_pool', poolSize: 2 }),
    new Conv2D({ name: 'block2_conv', filters: 64, kernelSize: 3, activation: 'relu' }),
    new MaxPool2D({ name: 'block2_pool', poolSize: 2 }),
    new Flatten({ name: 'flatten' }),
  ];
}

/** The classifier head: Dense 128 → Dense 10. */
function head() {
  return [new Dense({ units: 128, activation: 'relu' }), new Dense({ units: 10, activation: 'softmax' })];
}

function compile(model, learningRate) {
  model.compile({
    optimizer: new Adam({ learningRate }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
}

/** Trains `model` on `data` for `epochs`, logging each epoch; resolves to the seconds it took. */
async function train(model, data, epochs, what) {
  const t0 = performance.now();
  await model.fit(data.shuffle(data.size, SEED).batch(BATCH), {
    epochs,
    callbacks: [
      {
        onEpochEnd: (epoch, logs) =>
          log(
            `${what}: epoch ${epoch + 1}/${epochs}, loss ${logs.loss.toFixed(4)}, accuracy ${logs.accuracy.toFixed(3)}`,
          ),
      },
    ],
  });
  return seconds(t0);
}

/** Accuracy of `model` on every image of `data`. */
async function accuracy(model, data) {
  const { accuracy } = await model.evaluate(data.batch(500));
  return accuracy;
}

// 1. Pretrain on the embedded MNIST digits (the rest held out), then save.
log(`pretraining on ${PRETRAIN} MNIST digits, ${PRETRAIN_EPOCHS} epoch(s)`);
const digits = await loadMnistDigits({ seed: SEED });
const digitsTrain = digits.subset(Int32Array.from({ length: PRETRAIN }, (_, i) => i));
const digitsTest = digits.subset(Int32Array.from({ length: digits.size - PRETRAIN }, (_, i) => PRETRAIN + i));
setSeed(SEED);
const source = new Sequential({ name: 'mnist_cnn', layers: [...convBase(), ...head()] });
compile(source, LR);
const pretrainSeconds = await train(source, digitsTrain, PRETRAIN_EPOCHS, 'pretraining');
const sourceAccuracy = await accuracy(source, digitsTest);
const tmp = await mkdtemp(join(tmpdir(), 'convkit-transfer-'));
const results = [];
try {
  await saveModel(source, tmp);
  source.dispose();

  // The Fashion-MNIST subset (a seeded random choice of the training images) and the full test set.
  const fashion = await loadFashionMnist(dataDir);
  const picked = new Rng(SEED).permutation(fashion.train.size).subarray(0, TRAIN);
  const subset = fashion.train.subset(picked);
  const test = fashion.test;
  log(`Fashion-MNIST: ${subset.size} training images from ${dataDir}, ${test.size} test images`);

  // 2. Load the pretrained model, keep its conv base frozen, put a new head on it and train the head.
  const loaded = await loadModel(tmp);
  const base = loaded.layers.slice(0, 5);
  for (const layer of loaded.layers.slice(5)) layer.dispose(); // the digits head is not reused
  for (const layer of base) layer.trainable = false;
  setSeed(SEED);
  const transfer = new Sequential({ name: 'fashion_transfer', layers: [...base, ...head()] });
  compile(transfer, LR);
  transfer.summary(log);
  const headSeconds = await train(transfer, subset, HEAD_EPOCHS, 'new head on the frozen base');
  results.push({
    setting: `MNIST conv base frozen, new head trained ${HEAD_EPOCHS} epoch(s)`,
    accuracy: await accuracy(transfer, test),
    seconds: headSeconds,
  });

  // 3. Unfreeze the last conv block and fine-tune it with the head at a lower learning rate.
  if (FT_EPOCHS > 0) {
    transfer.getLayer('block2_conv').trainable = true;
    compile(transfer, FT_LR); // compiling again frees the first optimizer's state
    const ftSeconds = await train(transfer, subset, FT_EPOCHS, 'last conv block unfrozen');
    results.push({
      setting: `+ block2_conv unfrozen, ${FT_EPOCHS} more epoch(s) at lr ${FT_LR}`,
      accuracy: await accuracy(transfer, test),
      seconds: headSeconds + ftSeconds,
    });
  }
  transfer.dispose();

  // 4. The same architecture from scratch on the same subset, for the same number of epochs.
  const epochs = HEAD_EPOCHS + FT_EPOCHS;
  setSeed(SEED);
  const scratch = new Sequential({ name: 'fashion_scratch', layers: [...convBase(), ...head()] });
  compile(scratch, LR);
  const scratchSeconds = await train(scratch, subset, epochs, 'from scratch');
  results.unshift({
    setting: `from scratch, ${epochs} epoch(s) at lr ${LR}`,
    accuracy: await accuracy(scratch, test),
    seconds: scratchSeconds,
  });
  scratch.dispose();
} finally {
  await rm(tmp, { recursive: true, force: true });
}

const head3 = ['setting', 'held-out accuracy', 'seconds'];
const rows = results.map((r) => [r.setting, `${(r.accuracy * 100).toFixed(1)} %`, r.seconds.toFixed(1)]);
const widths = head3.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
console.log(
  [head3, widths.map((w) => '-'.repeat(w)), ...rows]
    .map((cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '))
    .join('\n'),
);
const setup =
  `Fashion-MNIST: ${TRAIN} training images (seed ${SEED}), accuracy on the 10,000 test images; batch ${BATCH}, Adam; ` +
  `wasm backend. Source model: the reference CNN pretrained on ${PRETRAIN} embedded MNIST digits for ${PRETRAIN_EPOCHS} ` +
  `epoch(s) (${pretrainSeconds.toFixed(1)} s, not counted above), ${(sourceAccuracy * 100).toFixed(1)} % on the ` +
  `${10_000 - PRETRAIN} held-out digits. Seconds: training time on the subset (the unfrozen row includes the head phase).`;
console.log(setup);
log(`live tensors at the end: ${memory().numTensors}`);

if (args.markdown) {
  const { machineLine, mdTable, writeMarkdown } = await import('../../../bench/markdown.mjs');
  const file = await writeMarkdown(
    args.markdown,
    'transfer-learning',
    `${setup}\n\nMachine: ${machineLine()}.\n\n${mdTable(head3, rows, ['l', 'r', 'r'])}`,
  );
  log(`wrote ${file}`);
}
