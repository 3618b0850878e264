/**
 * Grad-CAM against a computation by hand (the model split at the layer),
 * the same map from a Sequential and the equivalent functional model, and
 * typed errors for a layer that cannot be used.
 */
import { ConfigError, dispose, grad, ops, ShapeError, setSeed, type Tensor, tidy } from '@convkit/core';
import { Conv2D, Dense, Flatten, Input, MaxPool2D, Model, Sequential } from '@convkit/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { convLayers, gradCam } from '../src/index';
import { resizeBilinear } from '../src/upsample';
import { uniformImages } from './helpers';

function net(): Sequential {
  return new Sequential({
    layers: [
      new Conv2D({ name: 'c1', filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [8, 8, 1] }),
      new MaxPool2D({ name: 'pool', poolSize: 2 }),
      new Conv2D({ name: 'c2', filters: 4, kernelSize: 3, padding: 'same', activation: 'tanh' }),
      new Flatten({ name: 'flat' }),
      new Dense({ name: 'out', units: 3, activation: 'softmax' }),
    ],
  });
}

describe('gradCam', () => {
  beforeAll(() => setSeed(2));

  it('equals the weighted activations computed by hand on the model split at the last conv layer', async () => {
    const model = net();
    const images = uniformImages([2, 8, 8, 1], 1);
    const targets = [1, 2];
    const cam = await gradCam(model, images, { target: targets, relu: false, score: 'output' });
    expect(cam.shape).toEqual([2, 8, 8]);
    const [c1, pool, c2, flat, out] = model.layers;
    const expected = tidy(() => {
      const a = c2.apply(pool.apply(c1.apply(images))) as Tensor; // [2, 4, 4, 4]
      const mask = ops.oneHot(targets as unknown as Tensor, 3);
      const head = (act: Tensor) => ops.sum(ops.mul(out.apply(flat.apply(act)) as Tensor, ops.cast(mask, 'float32')));
      const g = grad(head)(a);
      const w = ops.mean(g, [1, 2], true);
      return resizeBilinear(ops.sum(ops.mul(a, w), -1), 8, 8);
    });
    const [got, want] = await Promise.all([cam.data(), expected.data()]);
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(want[i], 6);
    expect(Array.from(want).some((v) => Math.abs(v) > 1e-4)).toBe(true);
    // Default: the ReLU of the same map; `layer` names the conv layer.
    const relu = await gradCam(model, images, { target: targets, layer: 'c2', score: 'output' });
    const r = await relu.data();
    // resizeBilinear is linear with non-negative weights, so relu before resizing keeps the map ≥ 0.
    expect(Array.from(r).every((v) => v >= 0)).toBe(true);
    dispose([images, cam, expected, relu]);
    model.dispose();
  });

  it('gives the same map for a Sequential and the equivalent functional model, on any layer with a spatial output', async () => {
    const seq = net();
    const input = Input({ shape: [8, 8, 1] });
    const layers = [
      new Conv2D({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' }),
      new MaxPool2D({ poolSize: 2 }),
      new Conv2D({ filters: 4, kernelSize: 3, padding: 'same', activation: 'tanh' }),
      new Flatten(),
      new Dense({ units: 3, activation: 'softmax' }),
    ];
    let h = input;
    for (const l of layers) h = l.apply(h) as typeof input;
    const fn = new Model({ inputs: input, outputs: h });
    const weights = seq.getWeights();
    fn.setWeights(weights);
    dispose(weights);
    const images = uniformImages([3, 8, 8, 1], 6);
    for (const [seqLayer, fnLayer] of [
      [undefined, undefined],
      ['c1', layers[0].name],
      ['pool', layers[1].name],
    ]) {
      const a = await gradCam(seq, images, { layer: seqLayer });
      const b = await gradCam(fn, images, { layer: fnLayer });
      const [va, vb] = await Promise.all([a.data(), b.data()]);
      for (let i = 0; i < va.length; i++) expect(vb[i]).toBeCloseTo(va[i], 6);
      dispose([a, b]);
    }
    expect(convLayers(fn).map((l) => l.name)).toEqual([layers[0].name, layers[2].name]);
    images.dispose();
    seq.dispose();
    fn.dispose();
  });

  it('rejects an unknown layer (listing the conv layers), a layer without a spatial output, a model without convs', async () => {
    const model = net();
    const images = uniformImages([1, 8, 8, 1], 2);
    const err = await gradCam(model, images, { layer: 'conv9' }).catch((e) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(/has no layer 'conv9'\. Convolution layers: c1, c2/);
    const dense = await gradCam(model, images, { layer: 'out' }).catch((e) => e);
    expect(dense).toBeInstanceOf(ShapeError);
    expect(dense.message).toMatch(/layer 'out' outputs \[null, 3\]; Grad-CAM needs .* Convolution layers: c1, c2/);
    const mlp = new Sequential({ layers: [new Flatten({ inputShape: [8, 8, 1] }), new Dense({ units: 2 })] });
    await expect(gradCam(mlp, images)).rejects.toThrow(/has no convolution layer/);
    images.dispose();
    model.dispose();
    mlp.dispose();
  });
});
