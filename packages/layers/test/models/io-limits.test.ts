/**
 * Loading is bounded: a topology is sized from its config (shape inference +
 * `weightSpecs`, no tensor) and refused before anything is allocated when it
 * asks for more than `maxParams` parameters, absurd activations, or invalid
 * option values; the parameter count matches what building really creates.
 */
import { ConfigError, numTensors, SerializationError, setSeed, zeros } from '@convkit/core';
import {
  Add,
  BatchNormalization,
  Concatenate,
  Conv2D,
  Dense,
  DepthwiseConv2D,
  Flatten,
  fromArtifacts,
  GlobalAvgPool2D,
  Input,
  Layer,
  type LayersModel,
  Model,
  modelFromConfig,
  planTopology,
  Reshape,
  registerLayer,
  SeparableConv2D,
  Sequential,
  type Serialized,
  toArtifacts,
} from '@convkit/layers';
import { afterEach, describe, expect, it } from 'vitest';

const disposables: { dispose(): void }[] = [];
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
});

function keep<M extends { dispose(): void }>(m: M): M {
  disposables.push(m);
  return m;
}

/** Runs `fn`, expects a SerializationError matching `message`, fast, with no tensor and little memory left behind. */
function expectRefused(fn: () => unknown, message: RegExp): void {
  const before = numTensors();
  const bytesBefore = process.memoryUsage().arrayBuffers;
  const t0 = performance.now();
  let error: unknown;
  try {
    const m = fn();
    if (m && typeof (m as LayersModel).dispose === 'function') (m as LayersModel).dispose();
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - t0;
  expect(error).toBeInstanceOf(SerializationError);
  expect((error as Error).message).toMatch(message);
  expect(numTensors()).toBe(before);
  expect(ms).toBeLessThan(1000);
  expect(process.memoryUsage().arrayBuffers - bytesBefore).toBeLessThan(64 * 2 ** 20);
}

function seq(layers: Serialized[], batchInputShape?: (number | null)[]): Serialized {
  return { className: 'Sequential', config: { name: 'seq', layers, ...(batchInputShape && { batchInputShape }) } };
}

function dense(config: Record<string, unknown>): Serialized {
  return { className: 'Dense', config: { name: 'd', ...config } };
}

/** A zoo of models covering every layer with weights, shared layers, merges and rank-3 Dense. */
function zoo(): LayersModel[] {
  const x = Input({ shape: [9, 9, 3] });
  const a = new Conv2D({ filters: 5, kernelSize: [3, 2], dilationRate: 2, padding: 'same' }).apply(x);
  const b = new DepthwiseConv2D({ kernelSize: 3, depthMultiplier: 3, padding: 'same', useBias: false }).apply(x);
  const c = new SeparableConv2D({ filters: 5, kernelSize: 2, depthMultiplier: 2, padding: 'same' }).apply(x);
  const shared = new Conv2D({ filters: 5, kernelSize: 1 });
  const s1 = shared.apply(a);
  const s2 = shared.apply(c);
  const sum = new Add().apply([s1, s2]);
  const cat = new Concatenate().apply([sum, b]);
  const bn = new BatchNormalization({ center: false }).apply(cat);
  const out = new Dense({ units: 4 }).apply(new GlobalAvgPool2D().apply(bn));
  const functional = new Model({ inputs: x, outputs: out });
  const sequential = new Sequential({
    layers: [
      new Reshape({ targetShape: [6, 8], inputShape: [48] }),
      new Dense({ units: 7, useBias: false }),
      new BatchNormalization({ axis: 1, scale: false }),
      new Flatten(),
      new Dense({ units: 3 }),
    ],
  });
  return [functional, sequential].map(keep);
}

describe('planTopology sizes a model exactly, without allocating', () => {
  it('matches countParams() and the built weights for every layer kind', () => {
    for (const model of zoo()) {
      const before = numTensors();
      const plan = planTopology(model.toConfig());
      expect(numTensors()).toBe(before);
      expect(plan.params).toBe(model.countParams());
      expect(plan.weights).toEqual(model.weights.map((w) => ({ name: w.name, shape: w.shape })));
    }
  });

  it('hand-computed counts: Conv2D kh·kw·c·f + f, Depthwise, Separable, BatchNorm', () => {
    const conv = seq([{ className: 'Conv2D', config: { filters: 5, kernelSize: [3, 2], inputShape: [7, 7, 7] } }]);
    expect(planTopology(conv).params).toBe(3 * 2 * 7 * 5 + 5);
    const dw = seq([
      { className: 'DepthwiseConv2D', config: { kernelSize: 3, depthMultiplier: 4, inputShape: [6, 6, 2] } },
    ]);
    expect(planTopology(dw).params).toBe(3 * 3 * 2 * 4 + 2 * 4);
    const sep = seq([
      {
        className: 'SeparableConv2D',
        config: { filters: 6, kernelSize: 3, depthMultiplier: 2, inputShape: [6, 6, 3] },
      },
    ]);
    expect(planTopology(sep).params).toBe(3 * 3 * 3 * 2 + 3 * 2 * 6 + 6);
    const bn = seq([{ className: 'BatchNormalization', config: { inputShape: [5, 11] } }]);
    expect(planTopology(bn).params).toBe(4 * 11);
  });
});

describe('absurd sizes are refused before anything is allocated', () => {
  const huge: [string, Serialized][] = [
    ['Dense units 1e7', seq([dense({ units: 1e7, inputShape: [100] })])],
    ['Dense 1e6 × 1e6', seq([dense({ units: 1e6, inputShape: [1e6] })])],
    [
      'Conv2D filters × kernel',
      seq([{ className: 'Conv2D', config: { filters: 1e5, kernelSize: 99, inputShape: [100, 100, 3] } }]),
    ],
    [
      'DepthwiseConv2D depthMultiplier',
      seq([{ className: 'DepthwiseConv2D', config: { kernelSize: 9, depthMultiplier: 1e6, inputShape: [9, 9, 64] } }]),
    ],
    [
      'SeparableConv2D pointwise',
      seq([
        {
          className: 'SeparableConv2D',
          config: { filters: 1e6, kernelSize: 1, depthMultiplier: 1000, inputShape: [1, 1, 1] },
        },
      ]),
    ],
    ['BatchNormalization on 1e8 features', seq([{ className: 'BatchNormalization', config: { inputShape: [1e8] } }])],
    ['a sum of moderate layers', seq([dense({ units: 8000, inputShape: [8000] }), dense({ name: 'e', units: 8000 })])],
  ];
  for (const [label, topology] of huge) {
    it(`${label}: modelFromConfig and fromArtifacts refuse it, naming maxParams`, async () => {
      expectRefused(() => modelFromConfig(topology), /more than maxParams = 100000000 parameters.*layer "/);
      const artifacts = await smallArtifacts();
      const text = JSON.stringify({ ...artifacts.modelJson, topology });
      expectRefused(() => fromArtifacts({ modelJson: text, weights: artifacts.weights }), /model\.json .*maxParams/);
    });
  }

  it('even with maxParams: Infinity, a topology larger than the weights it comes with is refused unbuilt', async () => {
    const artifacts = await smallArtifacts();
    const topology = structuredClone(artifacts.modelJson.topology);
    ((topology.config.layers as Serialized[])[0].config as { units: number }).units = 1e7;
    const modelJson = { ...artifacts.modelJson, topology };
    expectRefused(
      () => fromArtifacts({ modelJson, weights: artifacts.weights }, { maxParams: Number.POSITIVE_INFINITY }),
      /has shape \[4, 2\] in the manifest but \[4, 10000000\] in the topology/,
    );
  });

  it('maxParams can be lowered and raised', () => {
    const topology = seq([dense({ units: 200, inputShape: [1000] })]);
    expectRefused(() => modelFromConfig(topology, { maxParams: 1000 }), /maxParams = 1000 .*200200 in all/s);
    const m = keep(modelFromConfig(topology, { maxParams: 200_200 }));
    expect(m.countParams()).toBe(200_200);
    expect(() => modelFromConfig(topology, { maxParams: -1 })).toThrow(ConfigError);
  });

  it('huge input shapes and activations are refused (maxActivationElements)', () => {
    expectRefused(
      () =>
        modelFromConfig(seq([{ className: 'Flatten', config: { inputShape: [1e6, 1e6, 1] } }, dense({ units: 1 })])),
      /the model input outputs \[null, 1000000, 1000000, 1\].*maxActivationElements = 268435456/,
    );
    expectRefused(
      () =>
        modelFromConfig(
          seq([
            { className: 'Conv2D', config: { name: 'c', filters: 4096, kernelSize: 1, inputShape: [512, 512, 1] } },
          ]),
        ),
      /Conv2D layer "c" outputs \[null, 512, 512, 4096\]/,
    );
    const functional: Serialized = {
      className: 'Model',
      config: {
        layers: [{ className: 'InputLayer', config: { name: 'in', batchInputShape: [null, 2 ** 20, 2 ** 10] } }],
        nodes: [{ layer: 'in', inputs: [] }],
        input: 'in#0',
        output: 'in#0',
      },
    };
    expectRefused(() => modelFromConfig(functional), /InputLayer layer "in" outputs/);
    const m = keep(modelFromConfig(functional, { maxActivationElements: 2 ** 30 }));
    expect(m.inputShape).toEqual([null, 2 ** 20, 2 ** 10]);
  });

  it('a custom layer that does not describe its weights is still bounded while building', () => {
    class Greedy extends Layer {
      static override readonly className = 'GreedyTestLayer';
      readonly size: number;
      constructor(config: { size: number; name?: string }) {
        super(config);
        this.size = config.size;
      }
      override build(): void {
        this.addWeight('w', [this.size], {
          className: 'Zeros',
          init: (s) => zeros(s as number[]),
          getConfig: () => ({}),
        });
      }
      call(x: never): never {
        return x;
      }
      override getConfig(): Record<string, unknown> {
        return { ...super.getConfig(), size: this.size };
      }
    }
    registerLayer(Greedy);
    const topology = seq([{ className: 'GreedyTestLayer', config: { name: 'g', size: 3e8, inputShape: [2] } }]);
    expect(planTopology(topology).params).toBe(0); // it does not override weightSpecs
    expectRefused(() => modelFromConfig(topology), /weight 'g\/w' of shape \[300000000\].*maxParams = 100000000/);
    const ok = keep(
      modelFromConfig(seq([{ className: 'GreedyTestLayer', config: { name: 'g2', size: 5, inputShape: [2] } }])),
    );
    expect(ok.countParams()).toBe(5);
  });
});

describe('invalid option values are typed errors naming the layer and option', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['negative units', { units: -5 }, /units must be a positive integer, got -5/],
    ['fractional units', { units: 2.5 }, /units must be a positive integer, got 2\.5/],
    ['string units', { units: '8' }, /units must be a positive integer, got "8"/],
    ['1e308 units', { units: 1e308 }, /units must be a positive integer, got 1e\+308/],
    ['string useBias', { units: 2, useBias: 'false' }, /useBias must be true or false, got "false"/],
    ['string trainable', { units: 2, trainable: 'yes' }, /trainable must be true or false/],
    ['numeric name', { units: 2, name: 5 }, /name must be a non-empty string, got 5/],
    ['unknown activation', { units: 2, activation: 'constructor' }, /Unknown activation 'constructor'. Known: .*relu/],
    [
      'unknown initializer',
      { units: 2, kernelInitializer: '__proto__' },
      /Unknown initializer '__proto__'. Known: .*GlorotUniform/,
    ],
    [
      'unknown regularizer',
      { units: 2, kernelRegularizer: 'constructor' },
      /Unknown regularizer 'constructor'. Known:/,
    ],
  ];
  for (const [label, config, message] of cases) {
    it(`Dense with ${label}`, () => {
      expectRefused(() => modelFromConfig(seq([dense({ inputShape: [3], ...config })])), message);
    });
  }

  const conv: [string, Record<string, unknown>, RegExp][] = [
    [
      '1e308 kernelSize',
      { kernelSize: 1e308 },
      /kernelSize must be a positive integer or a pair of them|kernelSize must be a positive integer/,
    ],
    ['a kernel pair with 1e308', { kernelSize: [3, 1e308] }, /kernelSize must be a positive integer, got 1e\+308/],
    ['zero strides', { kernelSize: 3, strides: 0 }, /strides must be a positive integer, got 0/],
    ['unknown padding', { kernelSize: 3, padding: 'full' }, /padding must be 'valid' or 'same', got "full"/],
    ['a kernel larger than the input', { kernelSize: 9 }, /smaller than its 9×9 window/],
  ];
  for (const [label, config, message] of conv) {
    it(`Conv2D with ${label}`, () => {
      const layer = { className: 'Conv2D', config: { name: 'c', filters: 2, inputShape: [8, 8, 1], ...config } };
      expectRefused(() => modelFromConfig(seq([layer])), message);
    });
  }

  it('bad input shapes, Reshape targets and graph nodes', () => {
    expectRefused(
      () => modelFromConfig(seq([dense({ units: 2, inputShape: [1e308] })])),
      /inputShape must be an array of positive integers/,
    );
    expectRefused(
      () => modelFromConfig(seq([dense({ units: 2, inputShape: [-3] })])),
      /inputShape must be an array of positive integers/,
    );
    expectRefused(() => modelFromConfig(seq([dense({ units: 2 })], [null, 'x' as never])), /batchInputShape must be/);
    expectRefused(
      () => modelFromConfig(seq([{ className: 'Reshape', config: { targetShape: [1e308], inputShape: [4] } }])),
      /targetShape must be an array of positive integers/,
    );
    const graph = (nodes: unknown): Serialized => ({
      className: 'Model',
      config: {
        layers: [{ className: 'InputLayer', config: { name: 'in', batchInputShape: [null, 3] } }],
        nodes,
        input: 'in#0',
        output: 'in#0',
      },
    });
    expectRefused(
      () => modelFromConfig(graph([{ layer: 'in', inputs: 'x' }])),
      /nodes\[0\] must be \{ layer: string, inputs: string\[\] \}/,
    );
    expectRefused(() => modelFromConfig(graph([{ layer: 'nope', inputs: [] }])), /unknown layer 'nope'/);
    expectRefused(() => modelFromConfig(graph('nodes')), /needs a `nodes` array/);
  });
});

/** The artifacts of a tiny Dense(2) on 4 features. */
async function smallArtifacts() {
  setSeed(1);
  const model = keep(new Sequential({ layers: [new Dense({ units: 2, inputShape: [4] })] }));
  return toArtifacts(model);
}
