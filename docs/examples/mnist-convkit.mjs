// The convkit side of the migration guide (docs/guide/from-tfjs-keras.md): the program of
// mnist-tfjs.mjs, line for line, in convkit. Run: node docs/examples/mnist-convkit.mjs
import '@convkit/backend-wasm';
import { setBackend, tensor } from '@convkit/core';
import { layers, Sequential } from '@convkit/layers';
import { Adam } from '@convkit/optim';

/**
 * Trains the CNN on `data` (flat Float32Array images in [0, 1], 28×28×1, and integer labels) and
 * returns the training time and the accuracy on the held-out images.
 *
 * @param {{ xTrain: Float32Array, yTrain: Int32Array, xTest: Float32Array, yTest: Int32Array }} data
 * @param {{ epochs?: number, batchSize?: number, backend?: string, log?: (line: string) => void }} [options]
 */
export async function trainConvkit(data, { epochs = 2, batchSize = 64, backend = 'wasm', log = () => {} } = {}) {
  await setBackend(backend);
  const model = new Sequential({
    layers: [
      layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu' }),
      layers.maxPooling2d({ poolSize: 2 }),
      layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }),
      layers.maxPooling2d({ poolSize: 2 }),
      layers.flatten(),
      layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({
    optimizer: new Adam({ learningRate: 1e-3 }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });

  const xs = tensor(data.xTrain, [data.yTrain.length, 28, 28, 1]);
  const ys = tensor(data.yTrain, [data.yTrain.length], 'int32');
  const start = performance.now();
  await model.fit(xs, ys, {
    epochs,
    batchSize,
    shuffle: true,
    verbose: 0,
    callbacks: [{ onEpochEnd: (epoch, logs) => log(`epoch ${epoch + 1}: loss ${logs.loss.toFixed(3)}`) }],
  });
  const seconds = (performance.now() - start) / 1000;

  const xTest = tensor(data.xTest, [data.yTest.length, 28, 28, 1]);
  const yTest = tensor(data.yTest, [data.yTest.length], 'int32');
  const { accuracy } = await model.evaluate(xTest, yTest, { batchSize: 256 });
  for (const t of [xs, ys, xTest, yTest]) t.dispose();
  const params = model.countParams();
  model.dispose();
  return { seconds, accuracy, images: data.yTrain.length * epochs, params };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { mnistSplit } = await import('./mnist-data.mjs');
  const result = await trainConvkit(await mnistSplit(), { log: console.log });
  console.log(`convkit: ${result.seconds.toFixed(1)} s, held-out accuracy ${(100 * result.accuracy).toFixed(1)} %`);
}
