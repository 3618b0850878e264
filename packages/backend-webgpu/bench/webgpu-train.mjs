// Benchmark of @convkit/backend-webgpu on the reference CNN (Conv 32 → pool → Conv 64 → pool →
// Dense 128 → Dense 10): training img/s and batch-1 / batch-256 inference for convkit on webgpu,
// plain tfjs-backend-webgpu (raw tfjs ops + tf.train.adam on the same device, tfjs's own kernels),
// convkit on webgpu with tfjs's kernels in place of convkit's own (the "before" row) and convkit on
// wasm, in one run; prints the adapter it ran on. Not a test.
// Run after building: pnpm turbo run build --filter=@convkit/backend-webgpu... --filter=@convkit/backend-wasm
//   node bench/webgpu-train.mjs [--quick] [--swiftshader] [--no-wasm] [--markdown DIR]
// --quick: for a software adapter (SwiftShader: a batch-64 step takes seconds): batch 16, 3 timed steps.
// --swiftshader: point VK_ICD_FILENAMES at Chromium's SwiftShader driver (Linux without a GPU).
// --markdown DIR: also write DIR/webgpu-train.md (e.g. docs/guide/generated).
// --gradient-kernels auto|convkit|tfjs: configureWebGPU's choice of Conv2DBackpropFilter / MaxPoolGrad
//   (default auto: convkit's on hardware adapters, tfjs's on software ones).

import { machineLine, mdTable, writeMarkdown } from '../../../bench/markdown.mjs';
import { findSwiftShaderIcd } from '../../../scripts/tools/find.mjs';

const argv = process.argv.slice(2);
const args = new Set(argv);
const mdAt = argv.indexOf('--markdown');
const MARKDOWN = mdAt >= 0 ? argv[mdAt + 1] : undefined;
if (mdAt >= 0 && (!MARKDOWN || MARKDOWN.startsWith('--'))) throw new Error('--markdown needs a directory');
const QUICK = args.has('--quick');
if (args.has('--swiftshader')) {
  const icd = findSwiftShaderIcd();
  if (!icd)
    throw new Error('--swiftshader: no vk_swiftshader_icd.json found (install Chromium: apt-get install chromium)');
  process.env.VK_ICD_FILENAMES = icd;
  process.env.XDG_RUNTIME_DIR ??= '/tmp';
}

const { configureWebGPU, webgpuAdapterInfo } = await import('@convkit/backend-webgpu');
const gkAt = argv.indexOf('--gradient-kernels');
if (gkAt >= 0) configureWebGPU({ gradientKernels: argv[gkAt + 1] });
const { setBackend } = await import('@convkit/core');
const tf = await import('@tensorflow/tfjs-core');
// The user-facing API and the wasm backend, from the sibling packages' built dist.
const { Conv2D, Dense, Flatten, MaxPool2D, Sequential } = await import('../../layers/dist/index.js');
const { Adam } = await import('../../optim/dist/index.js');

const B = QUICK ? 16 : 64;
const STEPS = QUICK ? 3 : 20;
const INF1 = QUICK ? 5 : 50;
const INF256 = QUICK ? 1 : 10;
const FLOP_PER_IMG = 15.8e6; // forward + backward of the reference CNN, per image

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (v, d = 1) => (v == null || Number.isNaN(v) ? '—' : v.toFixed(d));

/** Median ms of `reps` runs of async `fn` after `warm` warm-up runs (the first compiles the shaders). */
async function timeAsync(fn, reps, warm = 2) {
  for (let i = 0; i < warm; i++) await fn();
  const ts = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await fn();
    ts.push(performance.now() - t);
  }
  return median(ts);
}

function buildModel() {
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
  model.compile({ optimizer: new Adam({ learningRate: 1e-3 }), loss: 'sparseCategoricalCrossentropy' });
  return model;
}

/** convkit: `model.trainOnBatch` (awaits its loss read) and `model.predict` + `await data()`. */
async function convkitRun() {
  const model = buildModel();
  const x = tf.randomUniform([B, 28, 28, 1]);
  const y = tf.randomUniform([B], 0, 10, 'int32');
  const t0 = performance.now();
  await model.trainOnBatch(x, y);
  const firstStepMs = performance.now() - t0;
  const before = tf.memory().numTensors;
  await model.trainOnBatch(x, y);
  const leaked = tf.memory().numTensors - before;
  const trainMs = await timeAsync(() => model.trainOnBatch(x, y), STEPS, 0);
  const x1 = tf.randomUniform([1, 28, 28, 1]);
  const x256 = tf.randomUniform([256, 28, 28, 1]);
  const predict = async (xb) => {
    const p = model.predict(xb, { batchSize: xb.shape[0] });
    await p.data();
    p.dispose();
  };
  const inf1Ms = await timeAsync(() => predict(x1), INF1);
  const inf256Ms = await timeAsync(() => predict(x256), INF256, 1);
  tf.dispose([x, y, x1, x256]);
  model.dispose();
  return { trainMs, firstStepMs, inf1Ms, inf256Ms, leaked };
}

/** Plain tfjs: the same network as raw tfjs ops, `tf.train.adam`, one `await loss.data()` per step. */
async function plainTfjsRun() {
  const v = (shape, scale) => tf.variable(tf.mul(tf.randomNormal(shape), scale));
  const m = {
    c1: v([3, 3, 1, 32], 0.3),
    b1: tf.variable(tf.zeros([32])),
    c2: v([3, 3, 32, 64], 0.06),
    b2: tf.variable(tf.zeros([64])),
    d1: v([1600, 128], 0.035),
    e1: tf.variable(tf.zeros([128])),
    d2: v([128, 10], 0.12),
    e2: tf.variable(tf.zeros([10])),
  };
  const forward = (x) => {
    let h = tf.relu(tf.add(tf.conv2d(x, m.c1, 1, 'valid'), m.b1));
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.relu(tf.add(tf.conv2d(h, m.c2, 1, 'valid'), m.b2));
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.reshape(h, [x.shape[0], -1]);
    h = tf.relu(tf.add(tf.matMul(h, m.d1), m.e1));
    return tf.softmax(tf.add(tf.matMul(h, m.d2), m.e2));
  };
  const opt = tf.train.adam(1e-3);
  const x = tf.randomUniform([B, 28, 28, 1]);
  const y = tf.oneHot(tf.randomUniform([B], 0, 10, 'int32'), 10);
  const step = async () => {
    const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(y, forward(x)), true);
    await loss.data();
    loss.dispose();
  };
  const t0 = performance.now();
  await step();
  const firstStepMs = performance.now() - t0;
  const trainMs = await timeAsync(step, STEPS, 1);
  const x1 = tf.randomUniform([1, 28, 28, 1]);
  const x256 = tf.randomUniform([256, 28, 28, 1]);
  const predict = async (xb) => {
    const p = tf.tidy(() => forward(xb));
    await p.data();
    p.dispose();
  };
  const inf1Ms = await timeAsync(() => predict(x1), INF1);
  const inf256Ms = await timeAsync(() => predict(x256), INF256, 1);
  tf.dispose([x, y, x1, x256, ...Object.values(m)]);
  opt.dispose();
  return { trainMs, firstStepMs, inf1Ms, inf256Ms, leaked: null };
}

/**
 * convkit's own 'webgpu' kernels that replace tfjs's for speed (each keeps tfjs's as
 * `kernelFunc.original`). The chunked AddN is a correctness fix and stays in every row: tfjs's
 * own AddN fails validation for gradients with more terms than storage-buffer bindings.
 */
const convkitKernels = () => tf.getKernelsForBackend('webgpu').filter((k) => k.kernelFunc.original);
/** Runs `fn` with tfjs-backend-webgpu's own kernels in place of convkit's (the "before" and plain-tfjs rows). */
async function withTfjsKernels(fn) {
  const ours = convkitKernels();
  for (const k of ours) {
    tf.unregisterKernel(k.kernelName, 'webgpu');
    tf.registerKernel({ ...k, kernelFunc: k.kernelFunc.original });
  }
  try {
    return await fn();
  } finally {
    for (const k of ours) {
      tf.unregisterKernel(k.kernelName, 'webgpu');
      tf.registerKernel(k);
    }
  }
}

const results = [];
await setBackend('webgpu');
const adapter = webgpuAdapterInfo();
console.log(
  `adapter: ${adapter.summary}${adapter.software ? ' — a software adapter: figures for correctness runs only' : ''}`,
);
console.log(
  `batch ${B}, ${STEPS} timed training steps, ${INF1} batch-1 and ${INF256} batch-256 predictions${QUICK ? ' (--quick)' : ''}`,
);
const replaced = convkitKernels().map((k) => k.kernelName);
console.log(
  `convkit kernels in place of tfjs's: ${replaced.length ? replaced.join(', ') : "none (configureWebGPU's gradientKernels 'auto' keeps tfjs's on a software adapter; --gradient-kernels convkit)"}; new: ConvkitFusedAdam (used by @convkit/optim's Adam once core's fused-Adam op is in)`,
);
/** Runs one row, saying on stderr which (a software adapter takes minutes per row). */
async function row(name, run) {
  console.error(`running: ${name}`);
  results.push([name, await run()]);
}
await row('convkit, webgpu', convkitRun);
await row('plain tfjs-backend-webgpu (raw ops + tf.train.adam)', () => withTfjsKernels(plainTfjsRun));
await row("convkit, webgpu on tfjs's kernels (before convkit's own)", () => withTfjsKernels(convkitRun));
if (!args.has('--no-wasm')) {
  await import('../../backend-wasm/dist/index.js');
  await setBackend('wasm');
  await row('convkit, wasm (2 threads)', convkitRun);
}

const head = ['system', 'train img/s', 'GFLOP/s', 'ms/step', 'first step ms', 'batch-1 ms', 'batch-256 img/s'];
const rows = results.map(([name, r]) => [
  name,
  fmt((B / r.trainMs) * 1000),
  fmt(((B / r.trainMs) * 1000 * FLOP_PER_IMG) / 1e9, 2),
  fmt(r.trainMs),
  fmt(r.firstStepMs, 0),
  fmt(r.inf1Ms, 2),
  fmt((256 / r.inf256Ms) * 1000, 0),
]);
console.log(`\nReference CNN, Adam 1e-3, batch ${B}; medians`);
console.log(mdTable(head, rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r']));
const ck = results[0][1];
const plain = results[1][1];
const before = results[2][1];
const wasm = results[3]?.[1];
console.log(
  `convkit webgpu ÷ plain tfjs-backend-webgpu: training ${fmt(plain.trainMs / ck.trainMs, 2)}×, batch-1 ${fmt(plain.inf1Ms / ck.inf1Ms, 2)}×, batch-256 ${fmt(plain.inf256Ms / ck.inf256Ms, 2)}×`,
);
console.log(
  `convkit webgpu ÷ the same on tfjs's kernels: training ${fmt(before.trainMs / ck.trainMs, 2)}×, batch-1 ${fmt(before.inf1Ms / ck.inf1Ms, 2)}×, batch-256 ${fmt(before.inf256Ms / ck.inf256Ms, 2)}×`,
);
if (wasm) {
  console.log(
    `convkit webgpu ÷ convkit wasm: training ${fmt(wasm.trainMs / ck.trainMs, 2)}×, batch-1 ${fmt(wasm.inf1Ms / ck.inf1Ms, 2)}×, batch-256 ${fmt(wasm.inf256Ms / ck.inf256Ms, 2)}×`,
  );
}
console.log(`(tensors left after a convkit trainOnBatch step on webgpu: ${ck.leaked})`);

if (MARKDOWN) {
  const body = [
    `The reference CNN trained with Adam 1e-3 on batches of ${B} random 28×28 images (median of ${STEPS} steps after warm-up; "first step" includes compiling the shaders), and \`predict\` at batch 1 and 256, all in one run.`,
    '',
    `Adapter: ${adapter.summary}${adapter.software ? ' (software)' : ''}. Machine: ${machineLine()}.`,
    '',
    mdTable(head, rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r']),
  ];
  console.error(`wrote ${await writeMarkdown(MARKDOWN, 'webgpu-train', body.join('\n'))}`);
}
process.exit(0);
