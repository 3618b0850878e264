// Kernel profile of one training step of the reference CNN (Conv 32 → pool → Conv 64 → pool →
// Dense 128 → Dense 10, Adam) on @convkit/backend-webgpu: per tfjs kernel the calls, the GPU
// dispatches it made and their GPU time from timestamp queries (tf.profile; on an adapter without
// 'timestamp-query' the GPU times read 0 and only the counts are meaningful), sorted by share.
// Then the Adam update alone: @convkit/optim's Adam.applyGradients against one ConvkitFusedAdam
// call on the same parameter shapes. Not a test.
// Run after building: pnpm turbo run build --filter=@convkit/backend-webgpu... --filter=@convkit/layers...
//   node bench/webgpu-profile.mjs [--swiftshader] [--batch N] [--callers] [--markdown DIR]
// --swiftshader: point VK_ICD_FILENAMES at Chromium's SwiftShader driver (Linux without a GPU).
// --batch N: images per step (default 16; a software adapter takes seconds per batch-64 step).
// --callers: also print where the Identity kernel calls of the step come from (stack samples).
// --gradient-kernels auto|convkit|tfjs: configureWebGPU's choice (default convkit, to profile convkit's kernels;
//   auto is what bench/webgpu-train.mjs's convkit row runs: tfjs's gradient kernels on a software adapter).
// --markdown DIR: also write DIR/webgpu-profile.md (e.g. docs/guide/generated).

import { machineLine, mdTable, writeMarkdown } from '../../../bench/markdown.mjs';
import { findSwiftShaderIcd } from '../../../scripts/tools/find.mjs';

const argv = process.argv.slice(2);
const args = new Set(argv);
const flagValue = (flag) => {
  const at = argv.indexOf(flag);
  if (at < 0) return undefined;
  const v = argv[at + 1];
  if (!v || v.startsWith('--')) throw new Error(`${flag} needs a value`);
  return v;
};
const MARKDOWN = flagValue('--markdown');
const B = Number(flagValue('--batch') ?? 16);
if (!Number.isInteger(B) || B < 1) throw new Error(`--batch must be a positive integer, got ${flagValue('--batch')}`);
if (args.has('--swiftshader')) {
  const icd = findSwiftShaderIcd();
  if (!icd)
    throw new Error('--swiftshader: no vk_swiftshader_icd.json found (install Chromium: apt-get install chromium)');
  process.env.VK_ICD_FILENAMES = icd;
  process.env.XDG_RUNTIME_DIR ??= '/tmp';
}

const { configureWebGPU, webgpuAdapterInfo } = await import('@convkit/backend-webgpu');
// convkit's gradient kernels even on a software adapter (where 'auto' keeps tfjs's), to compare them
configureWebGPU({ gradientKernels: flagValue('--gradient-kernels') ?? 'convkit' });
const { setBackend } = await import('@convkit/core');
const tf = await import('@tensorflow/tfjs-core');
const { Conv2D, Dense, Flatten, MaxPool2D, Sequential } = await import('../../layers/dist/index.js');
const { Adam } = await import('../../optim/dist/index.js');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (v, d = 1) => (v == null || Number.isNaN(v) ? '—' : v.toFixed(d));
const PARAM_SHAPES = [[3, 3, 1, 32], [32], [3, 3, 32, 64], [64], [1600, 128], [128], [128, 10], [10]];

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

/** Programs a kernel ran, from the backend's timer info: `'Conv2DMMProgram: 1.2, ...'`. */
function programsOf(kernel) {
  const info = String(kernel.extraInfo ?? '');
  return info ? info.split(', ').map((s) => s.slice(0, s.lastIndexOf(':'))) : [];
}

/** Profiles `fn` (async) and returns per-kernel rows plus totals. */
async function profileRows(fn) {
  const profile = await tf.profile(async () => {
    await fn();
    return [];
  });
  const by = new Map();
  for (const k of profile.kernels) {
    const r = by.get(k.name) ?? { name: k.name, calls: 0, dispatches: 0, ms: 0, programs: new Set() };
    r.calls++;
    const programs = programsOf(k);
    r.dispatches += programs.length;
    for (const p of programs) r.programs.add(p);
    r.ms += Number(k.kernelTimeMs) || 0;
    by.set(k.name, r);
  }
  const rows = [...by.values()].sort((a, b) => b.ms - a.ms || b.dispatches - a.dispatches || b.calls - a.calls);
  const total = {
    calls: profile.kernels.length,
    dispatches: rows.reduce((a, r) => a + r.dispatches, 0),
    ms: rows.reduce((a, r) => a + r.ms, 0),
  };
  return { rows, total };
}

/** Wall ms of async `fn`, median of `reps` after one warm-up. */
async function wall(fn, reps) {
  await fn();
  const ts = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await fn();
    ts.push(performance.now() - t);
  }
  return median(ts);
}

await setBackend('webgpu');
const adapter = webgpuAdapterInfo();
const backend = tf.backend();
const timestamps = Boolean(backend.supportTimestampQuery);
console.log(
  `adapter: ${adapter.summary}${adapter.software ? ' (software: a proxy for a GPU, figures for shares only)' : ''}; timestamp queries: ${timestamps ? 'yes' : 'no (GPU ms read 0)'}`,
);

// ---- one training step
const model = buildModel();
const x = tf.randomUniform([B, 28, 28, 1]);
const y = tf.randomUniform([B], 0, 10, 'int32');
const stepMs = await wall(() => model.trainOnBatch(x, y), 3); // the warm-up compiles every shader
const step = await profileRows(() => model.trainOnBatch(x, y));

const head = ['kernel', 'calls', 'GPU dispatches', 'GPU ms', 'share', 'programs'];
const rows = step.rows.map((r) => [
  r.name,
  String(r.calls),
  String(r.dispatches),
  fmt(r.ms, 2),
  `${fmt((100 * r.ms) / (step.total.ms || 1), 1)}%`,
  [...r.programs].join(' '),
]);
rows.push(['**total**', String(step.total.calls), String(step.total.dispatches), fmt(step.total.ms, 2), '100%', '']);
const align = ['l', 'r', 'r', 'r', 'r', 'l'];
console.log(`\nOne trainOnBatch step, batch ${B} (wall ${fmt(stepMs)} ms unprofiled, median of 3)`);
console.log(mdTable(head, rows, align));

// ---- the same step in plain tfjs (raw ops + tf.train.adam, tfjs's own kernels), kernel by kernel
/** Runs `fn` with tfjs-backend-webgpu's own kernels in place of convkit's. */
async function withAllTfjsKernels(fn) {
  const ours = tf.getKernelsForBackend('webgpu').filter((k) => k.kernelFunc.original);
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
const plainStep = await withAllTfjsKernels(async () => {
  const v = (shape, scale) => tf.variable(tf.mul(tf.randomNormal(shape), scale));
  const m = [v([3, 3, 1, 32], 0.3), tf.variable(tf.zeros([32])), v([3, 3, 32, 64], 0.06), tf.variable(tf.zeros([64]))];
  m.push(v([1600, 128], 0.035), tf.variable(tf.zeros([128])), v([128, 10], 0.12), tf.variable(tf.zeros([10])));
  const forward = (xb) => {
    let h = tf.relu(tf.add(tf.conv2d(xb, m[0], 1, 'valid'), m[1]));
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.relu(tf.add(tf.conv2d(h, m[2], 1, 'valid'), m[3]));
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.reshape(h, [xb.shape[0], -1]);
    h = tf.relu(tf.add(tf.matMul(h, m[4]), m[5]));
    return tf.softmax(tf.add(tf.matMul(h, m[6]), m[7]));
  };
  const opt = tf.train.adam(1e-3);
  const yHot = tf.oneHot(y, 10);
  const run = async () => {
    const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(yHot, forward(x)), true);
    await loss.data();
    loss.dispose();
  };
  const ms = await wall(run, 3);
  const p = await profileRows(run);
  tf.dispose([yHot, ...m]);
  opt.dispose();
  return { ms, ...p };
});
const names = [...new Set([...step.rows.map((r) => r.name), ...plainStep.rows.map((r) => r.name)])];
const sideRows = names.map((name) => {
  const a = step.rows.find((r) => r.name === name);
  const b = plainStep.rows.find((r) => r.name === name);
  const cell = (r) => (r ? [String(r.calls), String(r.dispatches), fmt(r.ms, 2)] : ['0', '0', '—']);
  return [name, ...cell(a), ...cell(b), String((a?.dispatches ?? 0) - (b?.dispatches ?? 0))];
});
const tot = (t) => [String(t.calls), String(t.dispatches), fmt(t.ms, 2)];
sideRows.push([
  '**total**',
  ...tot(step.total),
  ...tot(plainStep.total),
  String(step.total.dispatches - plainStep.total.dispatches),
]);
sideRows.push(['**wall ms (unprofiled)**', '', '', fmt(stepMs), '', '', fmt(plainStep.ms), '']);
const sideHead = [
  'kernel',
  'convkit calls',
  'dispatches',
  'GPU ms',
  'plain tfjs calls',
  'dispatches',
  'GPU ms',
  'extra dispatches',
];
const sideAlign = ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'];
console.log(
  `\nThe same step side by side: convkit trainOnBatch against plain tfjs (raw ops + tf.train.adam, tfjs's kernels)`,
);
console.log(mdTable(sideHead, sideRows, sideAlign));

// ---- where the Identity calls come from
let callers = [];
if (args.has('--callers')) {
  const kernel = tf.getKernel('Identity', 'webgpu');
  const counts = new Map();
  tf.unregisterKernel('Identity', 'webgpu');
  tf.registerKernel({
    ...kernel,
    kernelFunc: (a) => {
      const frames = (new Error().stack ?? '').split('\n').slice(2);
      const names = frames
        .map((f) => /at (?:async )?([\w$.<>]+) /.exec(f)?.[1])
        .filter(
          (n) => n && !/^(Engine\.)?(runKernel|runKernelFunc|scopedRun|tidy|kernelFunc|Object\.kernelFunc)$/.test(n),
        );
      const key = names.slice(0, 3).join(' ← ');
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return kernel.kernelFunc(a);
    },
  });
  await model.trainOnBatch(x, y);
  tf.unregisterKernel('Identity', 'webgpu');
  tf.registerKernel(kernel);
  callers = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  console.log('\nIdentity calls of one step by caller (the webgpu Identity kernel only adds a reference: no dispatch)');
  console.log(
    mdTable(
      ['calls', 'caller (innermost first)'],
      callers.map(([k, n]) => [String(n), k]),
      ['r', 'l'],
    ),
  );
}

// ---- the Adam update alone: optim's per-parameter ops against one ConvkitFusedAdam call
const vars = PARAM_SHAPES.map((s) => tf.variable(tf.randomNormal(s)));
const grads = PARAM_SHAPES.map((s) => tf.mul(tf.randomNormal(s), 0.01));
const moments = PARAM_SHAPES.flatMap((s) => [tf.zeros(s), tf.zeros(s)]);
const adam = new Adam({ learningRate: 1e-3 });
const flush = async () => {
  await vars[vars.length - 1].data();
};
const optimUpdate = async () => {
  adam.applyGradients(vars.map((variable, i) => ({ variable, gradient: grads[i] })));
  await flush();
};
let stepNo = 0;
const fusedUpdate = async () => {
  const inputs = {};
  PARAM_SHAPES.forEach((_, i) => {
    inputs[`p${i}`] = vars[i];
    inputs[`g${i}`] = grads[i];
    inputs[`m${i}`] = moments[2 * i];
    inputs[`v${i}`] = moments[2 * i + 1];
  });
  const n = PARAM_SHAPES.length;
  const outs = tf.engine().runKernel('ConvkitFusedAdam', inputs, {
    n,
    lr: 1e-3,
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-7,
    step: ++stepNo,
    weightDecay: 0,
  });
  outs.slice(0, n).forEach((o, i) => {
    vars[i].assign(o);
  });
  outs.slice(n).forEach((o, i) => {
    const k = i < n ? 2 * i : 2 * (i - n) + 1;
    moments[k].dispose();
    moments[k] = o;
  });
  tf.dispose(outs.slice(0, n));
  await flush();
};
const adamRows = [];
for (const [name, fn] of [
  ['@convkit/optim Adam.applyGradients', optimUpdate],
  ['ConvkitFusedAdam (one call)', fusedUpdate],
]) {
  const wallMs = await wall(fn, 5);
  const p = await profileRows(fn);
  adamRows.push({ name, wall: wallMs, ...p.total });
}
const adamHead = [
  'Adam update of the 8 parameters (225,034 values)',
  'kernel calls',
  'GPU dispatches',
  'GPU ms',
  'wall ms',
];
console.log('\nThe Adam update alone (wall: median of 5, each ended by one async read)');
const adamPrinted = adamRows.map((r) => [r.name, String(r.calls), String(r.dispatches), fmt(r.ms, 2), fmt(r.wall, 2)]);
console.log(mdTable(adamHead, adamPrinted, ['l', 'r', 'r', 'r', 'r']));
// ---- convkit's kernels against tfjs's on the reference CNN's shapes (GPU ms, median of 3)
/** GPU ms of one run of `fn` under tf.profile. */
const gpuMs = async (fn) => (await profileRows(fn)).total.ms;
/** Runs `fn` with tfjs's own kernel for `name` in place of convkit's. */
async function withTfjsKernel(name, fn) {
  const ours = tf.getKernel(name, 'webgpu');
  const original = ours.kernelFunc.original;
  if (!original) return fn();
  tf.unregisterKernel(name, 'webgpu');
  tf.registerKernel({ ...ours, kernelFunc: original });
  try {
    return await fn();
  } finally {
    tf.unregisterKernel(name, 'webgpu');
    tf.registerKernel(ours);
  }
}
const abRows = [];
const abCases = [
  ...[
    [
      [B, 28, 28, 1],
      [3, 3, 1, 32],
    ],
    [
      [B, 13, 13, 32],
      [3, 3, 32, 64],
    ],
  ].map(([xs, fs]) => ({
    kernel: 'Conv2DBackpropFilter',
    label: `x ${xs.join('×')} → dw ${fs.join('×')}`,
    inputs: () => ({ x: tf.randomNormal(xs), dy: tf.randomNormal([B, xs[1] - 2, xs[2] - 2, fs[3]]) }),
    attrs: { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', filterShape: fs },
  })),
  ...[
    [B, 26, 26, 32],
    [B, 11, 11, 64],
  ].map((xs) => ({
    kernel: 'MaxPoolGrad',
    label: `pool 2×2 of x ${xs.join('×')}`,
    inputs: () => {
      const input = tf.randomNormal(xs);
      const output = tf.maxPool(input, 2, 2, 'valid');
      return { input, output, dy: tf.randomNormal(output.shape) };
    },
    attrs: { filterSize: [2, 2], strides: [2, 2], pad: 'valid' },
  })),
];
for (const c of abCases) {
  const inputs = c.inputs();
  const call = async () => {
    const out = tf.engine().runKernel(c.kernel, inputs, c.attrs);
    await out.data();
    out.dispose();
  };
  // warm-up of both, then 5 alternating runs of each (the load of a shared machine drifts)
  const tfjsRuns = [await withTfjsKernel(c.kernel, () => gpuMs(call))];
  const convkitRuns = [await gpuMs(call)];
  tfjsRuns.length = 0;
  convkitRuns.length = 0;
  for (let i = 0; i < 5; i++) {
    tfjsRuns.push(await withTfjsKernel(c.kernel, () => gpuMs(call)));
    convkitRuns.push(await gpuMs(call));
  }
  const tfjsMs = median(tfjsRuns);
  const convkitMs = median(convkitRuns);
  abRows.push([`${c.kernel} ${c.label}`, fmt(tfjsMs, 2), fmt(convkitMs, 2), `${fmt(tfjsMs / convkitMs, 2)}×`]);
  tf.dispose(Object.values(inputs));
}
const abHead = ['kernel and shape', 'tfjs GPU ms', 'convkit GPU ms', 'speed-up'];
console.log('\nconvkit kernels against tfjs-backend-webgpu on the same inputs (GPU ms, median of 5 alternating runs)');
console.log(mdTable(abHead, abRows, ['l', 'r', 'r', 'r']));
tf.dispose([...vars, ...grads, ...moments, x, y]);
adam.dispose();
model.dispose();

if (MARKDOWN) {
  const body = [
    `One \`trainOnBatch\` step of the reference CNN (Adam 1e-3, batch ${B}), profiled with \`tf.profile\`: GPU time per kernel from timestamp queries, after a warm-up step that compiles the shaders. Unprofiled wall time of the step: ${fmt(stepMs)} ms.`,
    '',
    `Adapter: ${adapter.summary}${adapter.software ? ' (software)' : ''}. Machine: ${machineLine()}.`,
    '',
    mdTable(head, rows, align),
    '',
    "The same step side by side with plain tfjs (raw ops + `tf.train.adam` on tfjs-backend-webgpu's own kernels):",
    '',
    mdTable(sideHead, sideRows, sideAlign),
    '',
    mdTable(adamHead, adamPrinted, ['l', 'r', 'r', 'r', 'r']),
    '',
    mdTable(abHead, abRows, ['l', 'r', 'r', 'r']),
  ];
  console.error(`wrote ${await writeMarkdown(MARKDOWN, 'webgpu-profile', body.join('\n'))}`);
}
process.exit(0);
