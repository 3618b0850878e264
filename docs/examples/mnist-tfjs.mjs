// The TensorFlow.js side of the migration guide (docs/guide/from-tfjs-keras.md): a small CNN trained
// on MNIST digits with tfjs-layers. Its twin, mnist-convkit.mjs, is the same program in convkit.
// Run: node docs/examples/mnist-tfjs.mjs   (bench/tfjs-vs-convkit.mjs times both)
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * Trains the CNN on `data` (flat Float32Array images in [0, 1], 28×28×1, and integer labels) and
 * returns the training time and the accuracy on the held-out images.
 *
 * @param {{ xTrain: Float32Array, yTrain: Int32Array, xTest: Float32Array, yTest: Int32Array }} data
 * @param {{ epochs?: number, batchSize?: number, backend?: string, log?: (line: string) => void }} [options]
 */
export async function trainTfjs(data, { epochs = 2, batchSize = 64, backend = 'cpu', log = () => {} } = {}) {
  await tf.setBackend(backend);
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu' }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });

  const xs = tf.tensor4d(data.xTrain, [data.yTrain.length, 28, 28, 1]);
  const ys = tf.tensor1d(Float32Array.from(data.yTrain));
  const start = performance.now();
  await model.fit(xs, ys, {
    epochs,
    batchSize,
    shuffle: true,
    verbose: 0,
    callbacks: { onEpochEnd: (epoch, logs) => log(`epoch ${epoch + 1}: loss ${logs.loss.toFixed(3)}`) },
  });
  const seconds = (performance.now() - start) / 1000;

  const xTest = tf.tensor4d(data.xTest, [data.yTest.length, 28, 28, 1]);
  const yTest = tf.tensor1d(Float32Array.from(data.yTest));
  const [loss, acc] = model.evaluate(xTest, yTest, { batchSize: 256 });
  const accuracy = (await acc.data())[0];
  tf.dispose([xs, ys, xTest, yTest, loss, acc]);
  const params = model.countParams();
  model.dispose();
  return { seconds, accuracy, images: data.yTrain.length * epochs, params };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { mnistSplit } = await import('./mnist-data.mjs');
  const result = await trainTfjs(await mnistSplit(), { log: console.log });
  console.log(`tfjs: ${result.seconds.toFixed(1)} s, held-out accuracy ${(100 * result.accuracy).toFixed(1)} %`);
}
