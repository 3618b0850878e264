/**
 * The kernels a CNN trains with give the same values and gradients on
 * 'webgpu' (SwiftShader in CI) as on 'cpu': convolution (forward, input and
 * filter gradients), dense layers, max and average pooling, ReLU and softmax
 * cross-entropy. Tiny shapes: each new shape compiles new shaders.
 */
import { icdInUse } from './setup';
import '@convkit/backend-webgpu';
import { webgpuAdapterInfo } from '@convkit/backend-webgpu';
import { setBackend } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, expectParity, input, runOn, valueAndGrads } from './helpers';

beforeAll(async () => {
  await setBackend('webgpu');
  const info = webgpuAdapterInfo();
  expect(info?.summary).toBeTruthy();
  // on the SwiftShader driver that test/setup.ts picks, the adapter says it is a software one
  if (icdInUse?.includes('swiftshader')) expect(info).toMatchObject({ architecture: 'swiftshader', software: true });
  await setBackend('cpu');
});

describe('webgpu matches cpu', () => {
  it('conv2d: forward, input gradient and filter gradient (stride 1 same, stride 2 valid)', async () => {
    const x = input(1, [2, 5, 5, 2]);
    const w = input(2, [3, 3, 2, 3], 0.5);
    const names = ['y', 'dx', 'dw'];
    await expectParity(
      'conv2d same',
      [x, w],
      valueAndGrads((a, b) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same')),
      names,
    );
    await expectParity(
      'conv2d stride 2 valid',
      [x, w],
      valueAndGrads((a, b) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'valid')),
      names,
    );
  });

  it('dense: matMul + bias, with gradients for input, kernel and bias', async () => {
    await expectParity(
      'dense',
      [input(3, [3, 7]), input(4, [7, 5], 0.5), input(5, [5], 0.1)],
      valueAndGrads((x, k, b) => tf.add(tf.matMul(x, k), b)),
      ['y', 'dx', 'dkernel', 'dbias'],
    );
  });

  it('max and average pooling with their gradients', async () => {
    const x = input(6, [2, 4, 4, 3]);
    await expectParity(
      'maxPool 2x2',
      [x],
      valueAndGrads((a) => tf.maxPool(a as tf.Tensor4D, 2, 2, 'valid')),
      ['y', 'dx'],
    );
    await expectParity(
      'avgPool 3x3 stride 1 same',
      [x],
      valueAndGrads((a) => tf.avgPool(a as tf.Tensor4D, 3, 1, 'same')),
      ['y', 'dx'],
    );
  });

  it('relu and softmax cross-entropy with their gradients', async () => {
    await expectParity(
      'relu',
      [input(7, [4, 6])],
      valueAndGrads((a) => tf.relu(a)),
      ['y', 'dx'],
    );
    const onehot = { values: new Float32Array(20), shape: [4, 5] };
    [2, 0, 4, 1].forEach((c, i) => {
      onehot.values[i * 5 + c] = 1;
    });
    await expectParity(
      'softmax cross-entropy',
      [input(8, [4, 5], 2), onehot],
      (logits, y) => {
        const loss = (l: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, l) as tf.Scalar;
        const { value, grad } = tf.valueAndGrad(loss)(logits);
        return [value, grad, tf.softmax(logits)];
      },
      ['loss', 'dlogits', 'softmax'],
    );
  });
});

describe('AddN beyond the storage-buffer limit', () => {
  it('sums 25 tensors in chunks that fit the device, matching cpu and a plain-JS sum', async () => {
    const inputs = Array.from({ length: 25 }, (_, i) => input(200 + i, [3, 4]));
    await expectParity('addN of 25', inputs, (...ts) => [tf.addN(ts)], ['sum']);
    const [got] = await runOn('webgpu', inputs, (...ts) => [tf.addN(ts)]);
    const ref = new Float32Array(12);
    for (const x of inputs) for (let j = 0; j < 12; j++) ref[j] += x.values[j];
    expectClose(got, ref, 'addN of 25 vs plain JS');
  });
});
