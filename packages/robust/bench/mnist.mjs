#!/usr/bin/env node
// Adversarial robustness on the embedded MNIST digits: trains the reference CNN (Conv 32 → pool →
// Conv 64 → pool → Dense 128 → Dense 10) on wasm twice with the same budget of epochs, once
// normally and once adversarially (fast FGSM or PGD), then measures clean and PGD-20 (L∞) accuracy
// at ε = 0.1, 0.2, 0.3 on held-out digits (disjoint from the training ones), and the training time.
//
//   pnpm build && node bench/robust-mnist.mjs [--train-count 4000] [--test-count 500] [--epochs 4]
//       [--method fgsm|pgd] [--train-eps 0.3] [--train-steps 5] [--ramp 1] [--eval-steps 20]
//       [--markdown docs/guide/generated/robust-mnist.md] [--quick]
//
// --quick: 1,000 training and 100 held-out digits, 1 epoch, PGD-5: checks the script, not the numbers.
// --method: fgsm (default) is fast adversarial training (Wong et al., 2020): one FGSM step of
//   1.25·ε from a random start per batch; pgd is Madry et al.'s PGD training with --train-steps.
// --ramp E: ε grows linearly from 0 to --train-eps over the first E epochs of the adversarial run.
// --markdown FILE: also write the table as Markdown, its first line the command that regenerates it.
import '@convkit/backend-wasm';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dispose, setBackend, setSeed } from '@convkit/core';
import { loadMnistDigits } from '@convkit/data/mnist';
import { Conv2D, Dense, Flatten, MaxPool2D, Sequential } from '@convkit/layers';
import { Adam } from '@convkit/optim';
import { adversarialTraining, formatRobustTable, robustAccuracy } from '@convkit/robust';

const { values: args } = parseArgs({
  options: {
    'train-count': { type: 'string', default: '4000' },
    'test-count': { type: 'string', default: '500' },
    epochs: { type: 'string', default: '4' },
    method: { type: 'string', default: 'fgsm' },
    'train-eps': { type: 'string', default: '0.3' },
    'train-steps': { type: 'string', default: '5' },
    ramp: { type: 'string', default: '1' },
    'eval-steps': { type: 'string', default: '20' },
    'batch-size': { type: 'string', default: '64' },
    seed: { type: 'string', default: '1' },
    markdown: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});

const quick = args.quick;
const trainCount = quick ? 1000 : Number(args['train-count']);
const testCount = quick ? 100 : Number(args['test-count']);
const epochs = quick ? 1 : Number(args.epochs);
const method = args.method;
if (method !== 'fgsm' && method !== 'pgd') throw new Error(`--method must be fgsm or pgd, got ${method}`);
const trainEps = Number(args['train-eps']);
const trainSteps = Number(args['train-steps']);
const ramp = Math.min(Number(args.ramp), epochs);
const evalSteps = quick ? 5 : Number(args['eval-steps']);
const batchSize = Number(args['batch-size']);
const seed = Number(args.seed);
const EPS = [0.1, 0.2, 0.3];

await setBackend('wasm');
const all = await loadMnistDigits({ count: trainCount + testCount, seed });
const train = all.subset(Int32Array.from({ length: trainCount }, (_, i) => i));
const test = all.subset(Int32Array.from({ length: testCount }, (_, i) => trainCount + i));

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

const adversarialName =
  method === 'pgd' ? `PGD-${trainSteps} training, ε ${trainEps}` : `fast FGSM training, ε ${trainEps}`;
const runs = [
  { name: 'standard', transform: () => undefined },
  {
    name: adversarialName,
    transform: (model) =>
      adversarialTraining(model, {
        method,
        eps: trainEps,
        steps: method === 'pgd' ? trainSteps : undefined,
        epsRampEpochs: ramp,
        seed,
      }),
  },
];

const { xs, ys } = test.toBatch();
const results = [];
for (const run of runs) {
  setSeed(seed);
  const model = referenceCnn();
  model.compile({ optimizer: new Adam({ learningRate: 1e-3 }), loss: 'sparseCategoricalCrossentropy' });
  const t0 = performance.now();
  await model.fit(train.shuffle(train.size).batch(batchSize), {
    epochs,
    batchTransform: run.transform(model),
    callbacks: [
      {
        onEpochEnd: (epoch, logs) =>
          console.error(`${run.name}: epoch ${epoch + 1}/${epochs}, loss ${logs.loss.toFixed(4)}`),
      },
    ],
  });
  const trainSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const rows = await robustAccuracy(model, xs, ys, {
    eps: EPS,
    attack: 'pgd',
    steps: evalSteps,
    seed: seed + 1,
    batchSize: 100,
  });
  const attackSeconds = (performance.now() - t1) / 1000;
  console.error(`${run.name}: trained in ${trainSeconds.toFixed(1)} s, attacked in ${attackSeconds.toFixed(1)} s`);
  results.push({ name: run.name, rows, trainSeconds });
  model.dispose();
}
dispose([xs, ys]);

const pct = (v) => `${(v * 100).toFixed(1)} %`;
const head = ['model', 'clean', ...EPS.map((e) => `PGD-${evalSteps} ε=${e}`), 'training time'];
const body = results.map((r) => [
  r.name,
  pct(r.rows[0].cleanAccuracy),
  ...r.rows.map((row) => pct(row.robustAccuracy)),
  `${r.trainSeconds.toFixed(0)} s`,
]);
const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
const text = [head, widths.map((w) => '-'.repeat(w)), ...body]
  .map((cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '))
  .join('\n');
const setup = `${trainCount} training and ${testCount} held-out embedded MNIST digits, ${epochs} epoch(s) each, batch ${batchSize}, Adam 1e-3, wasm backend; L∞ PGD-${evalSteps} with a random start, step 2.5·ε/${evalSteps}; ${method === 'fgsm' ? 'fast FGSM: one step of 1.25·ε from a random start' : `PGD training: ${trainSteps} steps of 2.5·ε/${trainSteps}`}${ramp > 0 ? `, ε ramped up over ${ramp} epoch(s)` : ''}`;
console.log(text);
console.log(setup);
console.log('');
console.log(
  formatRobustTable(results.flatMap((r) => r.rows.map((row) => ({ ...row, attack: `${r.name}: ${row.attack}` })))),
);

if (args.markdown) {
  const argv = process.argv.slice(2).join(' ');
  const md = [
    `<!-- generated by: pnpm build && node bench/robust-mnist.mjs ${argv} -->`,
    '',
    `| ${head.join(' | ')} |`,
    `| --- | ${head
      .slice(1)
      .map(() => '---:')
      .join(' | ')} |`,
    ...body.map((b) => `| ${b.join(' | ')} |`),
    '',
    `${setup}; measured on ${new Date().toISOString().slice(0, 10)}.`,
    '',
  ].join('\n');
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), args.markdown);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, md);
  console.error(`wrote ${file}`);
}
