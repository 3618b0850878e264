/**
 * convkit's 'webgpu' `Conv2DBackpropFilter` (src/kernels/conv2d-backprop-filter.ts,
 * split reduction) against the cpu backend: the kernel called directly, and
 * the filter gradient of `conv2d` through `tf.grads`, for strides, paddings,
 * filter sizes and channel counts that do not fill its 16-lane tiles. Each
 * case also checks that convkit's kernel ran, not tfjs's fallback.
 */
import './setup';
import '@convkit/backend-webgpu';
import { configureWebGPU } from '@convkit/backend-webgpu';
import { setBackend } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, expectParity, input, runOn, valueAndGrads } from './helpers';

interface Case {
  x: number[];
  filter: [number, number, number, number];
  strides: [number, number];
  pad: 'same' | 'valid';
}

const CASES: Case[] = [
  { x: [2, 5, 5, 2], filter: [3, 3, 2, 3], strides: [1, 1], pad: 'same' },
  { x: [3, 7, 6, 3], filter: [3, 3, 3, 17], strides: [2, 2], pad: 'valid' },
  { x: [1, 6, 7, 1], filter: [5, 5, 1, 4], strides: [2, 1], pad: 'same' },
  { x: [2, 4, 4, 5], filter: [1, 1, 5, 33], strides: [1, 1], pad: 'valid' },
];

const name = (c: Case) => `x ${c.x.join('×')}, filter ${c.filter.join('×')}, strides ${c.strides}, ${c.pad}`;

/** The kernel names of the programs that one webgpu call of `fn` dispatched. */
async function programs(fn: () => tf.Tensor): Promise<string> {
  await setBackend('webgpu');
  let out: tf.Tensor | undefined;
  const profile = await tf.profile(() => {
    out = fn();
    return out;
  });
  out?.dispose();
  return profile.kernels.map((k) => String(k.extraInfo)).join(', ');
}

beforeAll(async () => {
  // 'auto' keeps tfjs's kernel on a software adapter such as SwiftShader: ask for convkit's
  configureWebGPU({ gradientKernels: 'convkit' });
  await setBackend('webgpu');
});

describe('Conv2DBackpropFilter on webgpu (convkit kernel)', () => {
  it.each(CASES)('matches cpu when called directly: %#', async (c) => {
    const info = tf.backend_util.computeConv2DInfo(
      c.x as [number, number, number, number],
      c.filter,
      c.strides,
      1,
      c.pad,
    );
    const dyShape = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
    const attrs = {
      strides: c.strides,
      pad: c.pad,
      dataFormat: 'NHWC',
      dimRoundingMode: undefined,
      filterShape: c.filter,
    };
    const call = (x: tf.Tensor, dy: tf.Tensor) =>
      tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
    const inputs = [input(11, c.x), input(12, dyShape)];
    const ref = await runOn('cpu', inputs, (x, dy) => [call(x, dy)]);
    const got = await runOn('webgpu', inputs, (x, dy) => [call(x, dy)]);
    expect(ref[0].some((v) => v !== 0)).toBe(true);
    expectClose(got[0], ref[0], name(c));
    const xs = inputs.map((i) => tf.tensor(i.values, i.shape));
    expect(await programs(() => call(xs[0], xs[1]))).toContain('ConvkitConv2DBackpropFilter');
    tf.dispose(xs);
  });

  it.each(CASES)('gives conv2d the same filter gradient as cpu: %#', async (c) => {
    await expectParity(
      name(c),
      [input(21, c.x), input(22, c.filter, 0.5)],
      valueAndGrads((x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, c.strides, c.pad)),
      ['y', 'dx', 'dw'],
    );
  });
});
