import { setThreadsCount, convkitKernelNames } from '@convkit/backend-wasm';
import { setBackend } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
const { Conv2D, Dense, Flatten, MaxPool2D, Sequential } = await import('../../layers/dist/index.js');
const { Adam } = await import('../../optim/dist/index.js');
await setBackend('wasm');
await setThreadsCount(1);
const model = new Sequential({ layers: [
  new Conv2D({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }), new MaxPool2D({ poolSize: 2 }),
  new Conv2D({ filters: 64, kernelSize: 3, activation: 'relu' }), new MaxPool2D({ poolSize: 2 }), new Flatten(),
  new Dense({ units: 128, activation: 'relu' }), new Dense({ units: 10, activation: 'softmax' })] });
model.compile({ optimizer: new Adam({ learningRate: 1e-3 }), loss: 'sparseCategoricalCrossentropy' });
const x = tf.randomUniform([64, 28, 28, 1]); const y = tf.randomUniform([64], 0, 10, 'int32');
for (let i = 0; i < 5; i++) await model.trainOnBatch(x, y);
const ck = new Set(convkitKernelNames());
const agg = new Map(); const N = 10; let wall = 0;
for (let i = 0; i < N; i++) { const t = performance.now(); const p = await tf.profile(() => model.trainOnBatch(x, y)); wall += performance.now() - t;
  for (const k of p.kernels) { const key = k.name + ' ' + (k.inputShapes?.[0]?.join('x') ?? ''); const e = agg.get(key) ?? { ms: 0, n: 0 }; e.ms += k.kernelTimeMs; e.n++; agg.set(key, e); } }
let tot = 0; for (const e of agg.values()) tot += e.ms;
console.log('profiled step wall', (wall / N).toFixed(2), 'kernel sum', (tot / N).toFixed(2));
for (const [k, e] of [...agg].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30)) console.log((e.ms / N).toFixed(3), (e.n / N).toFixed(0), ck.has(k.split(' ')[0]) ? 'ck' : 'tf', k);
process.exit(0);
