/**
 * Conv2D, DepthwiseConv2D, SeparableConv2D, Conv2DTranspose and the fused
 * conv ops over dilations, strides and paddings (same, valid, numeric with a
 * rounding mode, explicit), against the float64 references.
 */
import { ops, type Tensor, type Tensor4D } from '@convkit/core';
import type { OpCase } from './check-op';
import { type ConvSpec, conv2dRef, conv2dTransposeRef, depthwiseConv2dRef, type F64, type Pad } from './ops-f64';

type TfPad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];

function tfPad(pad: Pad): TfPad {
  return Array.isArray(pad) ? [[0, 0], pad[0], pad[1], [0, 0]] : pad;
}

interface ConvCase {
  x: number[];
  f: number[];
  spec: ConvSpec;
}

const label = (kind: string, c: ConvCase) =>
  `${kind} x${JSON.stringify(c.x)} f${JSON.stringify(c.f)} s${c.spec.strides} d${c.spec.dilations} pad ${JSON.stringify(c.spec.pad)}${c.spec.rounding ? ` ${c.spec.rounding}` : ''}`;

const spec = (strides: [number, number], dilations: [number, number], pad: Pad, rounding?: ConvSpec['rounding']) => ({
  strides,
  dilations,
  pad,
  rounding,
});

const CONV: ConvCase[] = [
  { x: [2, 7, 7, 2], f: [3, 3, 2, 3], spec: spec([1, 1], [2, 2], 'same') },
  { x: [1, 8, 6, 2], f: [3, 2, 2, 2], spec: spec([1, 1], [2, 1], 'valid') },
  { x: [1, 6, 9, 1], f: [2, 3, 1, 2], spec: spec([1, 1], [1, 3], 'same') },
  { x: [1, 7, 6, 2], f: [3, 3, 2, 2], spec: spec([1, 1], [2, 2], 1) },
  {
    x: [1, 6, 7, 1],
    f: [3, 3, 1, 2],
    spec: spec(
      [1, 1],
      [2, 2],
      [
        [1, 2],
        [0, 1],
      ],
    ),
  },
  { x: [2, 7, 6, 2], f: [3, 3, 2, 3], spec: spec([2, 2], [1, 1], 'same') },
  { x: [1, 8, 7, 2], f: [3, 2, 2, 2], spec: spec([2, 1], [1, 1], 'valid') },
  { x: [1, 6, 6, 1], f: [3, 3, 1, 2], spec: spec([2, 2], [1, 1], 1, 'ceil') },
  { x: [2, 8, 6, 2], f: [3, 2, 2, 3], spec: spec([2, 2], [1, 1], 1, 'round') },
  { x: [1, 9, 9, 2], f: [3, 3, 2, 2], spec: spec([1, 1], [3, 3], 'same') },
];

const DEPTHWISE: ConvCase[] = [
  { x: [2, 7, 7, 2], f: [3, 3, 2, 1], spec: spec([1, 1], [2, 2], 'same') },
  { x: [1, 6, 8, 3], f: [2, 3, 3, 2], spec: spec([1, 1], [1, 2], 'valid') },
  { x: [1, 7, 7, 2], f: [3, 3, 2, 2], spec: spec([1, 1], [3, 3], 'same') },
  { x: [1, 7, 6, 2], f: [3, 3, 2, 2], spec: spec([2, 2], [1, 1], 'same') },
  { x: [1, 6, 6, 2], f: [3, 3, 2, 1], spec: spec([2, 2], [1, 1], 1, 'ceil') },
  { x: [1, 7, 6, 1], f: [3, 3, 1, 2], spec: spec([1, 1], [2, 2], 1) },
];

const conv = (c: ConvCase) => (x: Tensor, w: Tensor) =>
  ops.conv2d(
    x as Tensor4D,
    w as Tensor4D,
    c.spec.strides,
    tfPad(c.spec.pad) as 'same',
    'NHWC',
    c.spec.dilations,
    c.spec.rounding,
  );
const depthwise = (c: ConvCase) => (x: Tensor, w: Tensor) =>
  ops.depthwiseConv2d(
    x as Tensor4D,
    w as Tensor4D,
    c.spec.strides,
    tfPad(c.spec.pad) as 'same',
    'NHWC',
    c.spec.dilations,
    c.spec.rounding,
  );

function addBias(y: F64, bias: F64, relu: boolean): F64 {
  const n = bias.values.length;
  return {
    values: y.values.map((v, i) => {
      const z = v + bias.values[i % n];
      return relu ? Math.max(z, 0) : z;
    }),
    shape: y.shape,
  };
}

const TRANSPOSE: { x: number[]; f: number[]; out: number[]; strides: [number, number]; pad: 'same' | 'valid' }[] = [
  { x: [2, 4, 3, 3], f: [3, 3, 2, 3], out: [2, 7, 6, 2], strides: [2, 2], pad: 'same' },
  { x: [1, 3, 3, 2], f: [3, 2, 1, 2], out: [1, 7, 6, 1], strides: [2, 2], pad: 'valid' },
  { x: [1, 5, 4, 2], f: [2, 3, 2, 2], out: [1, 5, 4, 2], strides: [1, 1], pad: 'same' },
];

/** Every conv case, as op cases. */
export function convCases(): OpCase[] {
  const cases: OpCase[] = [];
  for (const c of CONV) {
    cases.push({
      name: label('conv2d', c),
      shapes: [c.x, c.f],
      op: conv(c),
      ref: ([x, w]) => conv2dRef(x, w, c.spec),
    });
  }
  for (const c of DEPTHWISE) {
    cases.push({
      name: label('depthwiseConv2d', c),
      shapes: [c.x, c.f],
      op: depthwise(c),
      ref: ([x, w]) => depthwiseConv2dRef(x, w, c.spec),
    });
  }
  const sep = spec([1, 1], [2, 2], 'same');
  cases.push({
    name: 'separableConv2d x[1,7,7,2] depthwise[3,3,2,2] pointwise[1,1,4,3] d2 same',
    shapes: [
      [1, 7, 7, 2],
      [3, 3, 2, 2],
      [1, 1, 4, 3],
    ],
    op: (x, dw, pw) => ops.separableConv2d(x as Tensor4D, dw as Tensor4D, pw as Tensor4D, 1, 'same', 2),
    ref: ([x, dw, pw]) => conv2dRef(depthwiseConv2dRef(x, dw, sep), pw, spec([1, 1], [1, 1], 'valid')),
  });
  for (const t of TRANSPOSE) {
    const s = spec(t.strides, [1, 1], t.pad);
    cases.push({
      name: `conv2dTranspose x${JSON.stringify(t.x)} f${JSON.stringify(t.f)} out${JSON.stringify(t.out)} s${t.strides} ${t.pad}`,
      shapes: [t.x, t.f],
      op: (x, w) =>
        ops.conv2dTranspose(x as Tensor4D, w as Tensor4D, t.out as [number, number, number, number], t.strides, t.pad),
      ref: ([x, w]) => conv2dTransposeRef(x, w, t.out, s),
    });
  }
  const single: ConvCase = { x: [1, 7, 7, 2], f: [3, 3, 2, 3], spec: spec([1, 1], [2, 2], 'same') };
  for (const [activation, c] of [
    ['linear', CONV[0]],
    ['relu', CONV[0]],
    ['relu', single],
  ] as const) {
    cases.push({
      name: `fused.conv2d ${activation} + bias, ${label('', c)}`,
      shapes: [c.x, c.f, [c.f[3]]],
      op: (x, w, b) =>
        ops.fused.conv2d({
          x: x as Tensor4D,
          filter: w as Tensor4D,
          strides: c.spec.strides,
          pad: c.spec.pad as 'same',
          dilations: c.spec.dilations,
          bias: b,
          activation,
        }),
      ref: ([x, w, b]) => addBias(conv2dRef(x, w, c.spec), b, activation === 'relu'),
    });
  }
  const rounding = CONV[7];
  cases.push({
    name: `fused.conv2d linear + bias, ${label('', rounding)}`,
    shapes: [rounding.x, rounding.f, [rounding.f[3]]],
    op: (x, w, b) =>
      ops.fused.conv2d({
        x: x as Tensor4D,
        filter: w as Tensor4D,
        strides: rounding.spec.strides,
        pad: rounding.spec.pad as number,
        dimRoundingMode: rounding.spec.rounding,
        bias: b,
      }),
    ref: ([x, w, b]) => addBias(conv2dRef(x, w, rounding.spec), b, false),
  });
  const d = DEPTHWISE[0];
  cases.push({
    name: `fused.depthwiseConv2d linear + bias, ${label('', d)}`,
    shapes: [d.x, d.f, [d.x[3] * d.f[3]]],
    op: (x, w, b) =>
      ops.fused.depthwiseConv2d({
        x: x as Tensor4D,
        filter: w as Tensor4D,
        strides: d.spec.strides,
        pad: d.spec.pad as 'same',
        dilations: d.spec.dilations,
        bias: b,
      }),
    ref: ([x, w, b]) => addBias(depthwiseConv2dRef(x, w, d.spec), b, false),
  });
  return cases;
}
