import { numTensors, ops, randomNormal, SerializationError, setSeed, tidy, variableGrads } from '@convkit/core';
import { Conv2D, cloneModel, Dense, Flatten, Input, Model, modelFromConfig, ReLU, Sequential } from '@convkit/layers';
import { afterEach, describe, expect, it } from 'vitest';

const disposables: Array<{ dispose(): void }> = [];
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
});

function cnn(): Sequential {
  return new Sequential({
    layers: [
      new Conv2D({ filters: 3, kernelSize: 3, activation: 'relu', inputShape: [6, 6, 2] }),
      new Flatten(),
      new Dense({ units: 4, activation: 'softmax' }),
    ],
  });
}

describe('cloneModel and modelFromConfig', () => {
  it('cloneModel copies architecture and weights into independent variables', () => {
    setSeed(1);
    const model = cnn();
    const copy = cloneModel(model);
    disposables.push(model, copy);
    const x = randomNormal([2, 6, 6, 2]);
    disposables.push(x);
    const a = model.predict(x);
    const b = copy.predict(x);
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    // Changing the copy leaves the original alone.
    const w = copy.layers[0].weights[0];
    const z = ops.mul(w.variable, 0);
    w.write(z);
    expect(ops.sum(ops.abs(model.layers[0].weights[0].variable)).dataSync()[0]).toBeGreaterThan(0);
    [a, b, z].forEach((t) => t.dispose());
  });

  it('clones functional models and rejects unknown topologies with a SerializationError', () => {
    const input = Input({ shape: [4] });
    const h = new Dense({ units: 3 }).apply(input);
    const out = new Dense({ units: 2 }).apply(new ReLU().apply(h));
    const model = new Model({ inputs: input, outputs: out });
    const copy = cloneModel(model);
    disposables.push(model, copy);
    expect(copy).toBeInstanceOf(Model);
    expect(copy.countParams()).toBe(model.countParams());
    const before = numTensors();
    expect(() =>
      modelFromConfig({ className: 'Sequential', config: { layers: [{ className: 'Nope', config: {} }] } }),
    ).toThrow(SerializationError);
    expect(numTensors()).toBe(before);
  });

  it('a rebuild that fails half-way frees the layers it already built', () => {
    const model = cnn();
    disposables.push(model);
    const topology = model.toConfig();
    const layers = topology.config.layers as Array<{ className: string; config: Record<string, unknown> }>;
    layers[2].config.units = -3;
    const before = numTensors();
    expect(() => modelFromConfig(topology)).toThrow();
    expect(numTensors()).toBe(before);
    const input = Input({ shape: [4] });
    const fn = new Model({
      inputs: input,
      outputs: new Dense({ units: 2 }).apply(new Dense({ units: 3 }).apply(input)),
    });
    disposables.push(fn);
    const ft = fn.toConfig();
    (ft.config.nodes as Array<{ layer: string }>).push({ layer: 'missing', inputs: [] } as never);
    const before2 = numTensors();
    expect(() => modelFromConfig(ft)).toThrow(/unknown layer 'missing'/);
    expect(numTensors()).toBe(before2);
  });
});

describe('model.call and the layer hooks', () => {
  it('model.call runs one batch in the caller scope, like predict', () => {
    setSeed(2);
    const model = cnn();
    disposables.push(model);
    const x = randomNormal([3, 6, 6, 2]);
    disposables.push(x);
    const a = tidy(() => model.call(x));
    const b = model.predict(x);
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(() => model.call(randomNormal([1, 5, 5, 2]))).toThrow(/expected input of shape/);
    [a, b].forEach((t) => t.dispose());
  });

  it('weightTransform replaces the kernel in the forward pass and gradients flow through it', () => {
    setSeed(3);
    const model = cnn();
    disposables.push(model);
    const x = randomNormal([2, 6, 6, 2]);
    disposables.push(x);
    const dense = model.layers[2];
    const kernel = dense.weights[0];
    // Doubling the kernel inside the forward pass must equal writing 2·W.
    dense.weightTransform = (w, v) => (w === kernel ? ops.mul(v, 2) : v);
    const hooked = model.predict(x);
    dense.weightTransform = undefined;
    const plain = cloneModel(model);
    disposables.push(plain);
    const w2 = ops.mul(plain.layers[2].weights[0].variable, 2);
    plain.layers[2].weights[0].write(w2);
    const ref = plain.predict(x);
    const d = ops.max(ops.abs(ops.sub(hooked, ref))).dataSync()[0];
    expect(d).toBeLessThan(1e-6);
    // d/dW sum(f(2W)) = 2 · d/dV sum(f(V)) at V = 2W
    dense.weightTransform = (w, v) => (w === kernel ? ops.mul(v, 2) : v);
    const g1 = variableGrads(() => ops.sum(model.call(x)) as never, [kernel.variable]);
    dense.weightTransform = undefined;
    const g2 = variableGrads(() => ops.sum(plain.call(x)) as never, [plain.layers[2].weights[0].variable]);
    const a = g1.grads[kernel.variable.name].dataSync();
    const b = g2.grads[plain.layers[2].weights[0].variable.name].dataSync();
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(2 * b[i], 5);
    [hooked, w2, ref, g1.value, g2.value, ...Object.values(g1.grads), ...Object.values(g2.grads)].forEach((t) =>
      t.dispose(),
    );
  });

  it('outputTransform replaces a layer output on real tensors and leaks nothing', () => {
    setSeed(4);
    const model = cnn();
    disposables.push(model);
    const x = randomNormal([2, 6, 6, 2]);
    disposables.push(x);
    const conv = model.layers[0];
    conv.outputTransform = (out, ctx) => (ctx.training ? out : ops.mul(out, 0));
    const before = numTensors();
    const y = model.predict(x);
    // A zero conv output gives the softmax of the dense bias alone (zeros): uniform 1/4.
    for (const v of y.dataSync()) expect(v).toBeCloseTo(0.25, 6);
    y.dispose();
    expect(numTensors()).toBe(before);
    conv.outputTransform = undefined;
  });
});
