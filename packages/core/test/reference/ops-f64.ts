/**
 * Float64 loop references of the ops whose gradients convkit corrects, and
 * central finite differences over them. Written from the definitions (TF's
 * padding rules), independent of tfjs: they are what the ops are checked
 * against on every backend.
 */

/** A dense float64 array with its shape. */
export interface F64 {
  values: Float64Array;
  shape: number[];
}

export type Pad = 'same' | 'valid' | number | [[number, number], [number, number]];
export type Rounding = 'floor' | 'round' | 'ceil' | undefined;

export function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function round(v: number, mode: Rounding): number {
  if (mode === 'ceil') return Math.ceil(v);
  if (mode === 'round') return Math.round(v);
  if (mode === 'floor') return Math.floor(v);
  return Math.trunc(v);
}

/** Output length and padding before, along one spatial axis (`pad` index 0 = height, 1 = width). */
export function axisPadding(
  input: number,
  filter: number,
  stride: number,
  dilation: number,
  pad: Pad,
  axis: number,
  rounding?: Rounding,
): { out: number; before: number } {
  const eff = (filter - 1) * dilation + 1;
  if (pad === 'same') {
    const out = Math.ceil(input / stride);
    const total = Math.max((out - 1) * stride + eff - input, 0);
    return { out, before: Math.floor(total / 2) };
  }
  if (pad === 'valid') return { out: Math.ceil((input - eff + 1) / stride), before: 0 };
  if (typeof pad === 'number') return { out: round((input + 2 * pad - eff) / stride + 1, rounding), before: pad };
  const [b, a] = pad[axis];
  return { out: Math.floor((input + b + a - eff) / stride + 1), before: b };
}

export interface ConvSpec {
  strides: [number, number];
  dilations: [number, number];
  pad: Pad;
  rounding?: Rounding;
}

function convGeometry(xShape: number[], fh: number, fw: number, s: ConvSpec) {
  const h = axisPadding(xShape[1], fh, s.strides[0], s.dilations[0], s.pad, 0, s.rounding);
  const w = axisPadding(xShape[2], fw, s.strides[1], s.dilations[1], s.pad, 1, s.rounding);
  return { outH: h.out, outW: w.out, top: h.before, left: w.before };
}

/** y[b,oh,ow,o] = Σ x[b, oh·sh − top + i·dh, ow·sw − left + j·dw, c] · w[i,j,c,o] (NHWC, zero padding). */
export function conv2dRef(x: F64, w: F64, s: ConvSpec): F64 {
  const [B, H, W, C] = x.shape;
  const [fh, fw, , O] = w.shape;
  const g = convGeometry(x.shape, fh, fw, s);
  const y = new Float64Array(B * g.outH * g.outW * O);
  for (let b = 0; b < B; b++)
    for (let oh = 0; oh < g.outH; oh++)
      for (let ow = 0; ow < g.outW; ow++)
        for (let i = 0; i < fh; i++) {
          const ih = oh * s.strides[0] - g.top + i * s.dilations[0];
          if (ih < 0 || ih >= H) continue;
          for (let j = 0; j < fw; j++) {
            const iw = ow * s.strides[1] - g.left + j * s.dilations[1];
            if (iw < 0 || iw >= W) continue;
            for (let c = 0; c < C; c++) {
              const xv = x.values[((b * H + ih) * W + iw) * C + c];
              for (let o = 0; o < O; o++)
                y[((b * g.outH + oh) * g.outW + ow) * O + o] += xv * w.values[((i * fw + j) * C + c) * O + o];
            }
          }
        }
  return { values: y, shape: [B, g.outH, g.outW, O] };
}

/** Depthwise: y[b,oh,ow,c·M+m] = Σ x[b, ih, iw, c] · w[i,j,c,m]. */
export function depthwiseConv2dRef(x: F64, w: F64, s: ConvSpec): F64 {
  const [B, H, W, C] = x.shape;
  const [fh, fw, , M] = w.shape;
  const g = convGeometry(x.shape, fh, fw, s);
  const y = new Float64Array(B * g.outH * g.outW * C * M);
  for (let b = 0; b < B; b++)
    for (let oh = 0; oh < g.outH; oh++)
      for (let ow = 0; ow < g.outW; ow++)
        for (let i = 0; i < fh; i++) {
          const ih = oh * s.strides[0] - g.top + i * s.dilations[0];
          if (ih < 0 || ih >= H) continue;
          for (let j = 0; j < fw; j++) {
            const iw = ow * s.strides[1] - g.left + j * s.dilations[1];
            if (iw < 0 || iw >= W) continue;
            for (let c = 0; c < C; c++)
              for (let m = 0; m < M; m++)
                y[((b * g.outH + oh) * g.outW + ow) * C * M + c * M + m] +=
                  x.values[((b * H + ih) * W + iw) * C + c] * w.values[((i * fw + j) * C + c) * M + m];
          }
        }
  return { values: y, shape: [B, g.outH, g.outW, C * M] };
}

/**
 * conv2dTranspose(x, w, outShape): the adjoint of conv2d(·, w) from `outShape`
 * to x's shape, i.e. y[b, oh·sh − top + i, ow·sw − left + j, c] += x[b,oh,ow,o] · w[i,j,c,o].
 */
export function conv2dTransposeRef(x: F64, w: F64, outShape: number[], s: ConvSpec): F64 {
  const [B, H, W, C] = outShape;
  const [fh, fw, , O] = w.shape;
  const g = convGeometry(outShape, fh, fw, s);
  const y = new Float64Array(size(outShape));
  for (let b = 0; b < B; b++)
    for (let oh = 0; oh < g.outH; oh++)
      for (let ow = 0; ow < g.outW; ow++)
        for (let i = 0; i < fh; i++) {
          const ih = oh * s.strides[0] - g.top + i;
          if (ih < 0 || ih >= H) continue;
          for (let j = 0; j < fw; j++) {
            const iw = ow * s.strides[1] - g.left + j;
            if (iw < 0 || iw >= W) continue;
            for (let c = 0; c < C; c++)
              for (let o = 0; o < O; o++)
                y[((b * H + ih) * W + iw) * C + c] +=
                  x.values[((b * g.outH + oh) * g.outW + ow) * O + o] * w.values[((i * fw + j) * C + c) * O + o];
          }
        }
  return { values: y, shape: [...outShape] };
}

export interface PoolSpec {
  filter: number[];
  strides: number[];
  pad: 'same' | 'valid' | number;
  rounding?: Rounding;
}

/**
 * Average (over the in-bounds elements only, as TF) or max pooling over the
 * spatial axes of a channels-last tensor of rank 4 (2-D) or 5 (3-D).
 */
export function poolRef(x: F64, p: PoolSpec, kind: 'avg' | 'max'): F64 {
  const spatial = x.shape.slice(1, -1);
  const C = x.shape[x.shape.length - 1];
  const B = x.shape[0];
  const geo = spatial.map((n, k) => axisPadding(n, p.filter[k], p.strides[k], 1, p.pad, 0, p.rounding));
  const outSpatial = geo.map((g) => g.out);
  const outShape = [B, ...outSpatial, C];
  const y = new Float64Array(size(outShape));
  const nOut = size(outSpatial);
  const nWin = size(p.filter);
  for (let b = 0; b < B; b++)
    for (let o = 0; o < nOut; o++)
      for (let c = 0; c < C; c++) {
        let acc = kind === 'max' ? Number.NEGATIVE_INFINITY : 0;
        let count = 0;
        for (let t = 0; t < nWin; t++) {
          let inIdx = 0;
          let inside = true;
          let restO = o;
          let restT = t;
          const pos: number[] = [];
          for (let k = spatial.length - 1; k >= 0; k--) {
            const ok = restO % outSpatial[k];
            const tk = restT % p.filter[k];
            restO = Math.floor(restO / outSpatial[k]);
            restT = Math.floor(restT / p.filter[k]);
            pos[k] = ok * p.strides[k] - geo[k].before + tk;
            if (pos[k] < 0 || pos[k] >= spatial[k]) inside = false;
          }
          if (!inside) continue;
          for (let k = 0; k < spatial.length; k++) inIdx = inIdx * spatial[k] + pos[k];
          const v = x.values[(b * size(spatial) + inIdx) * C + c];
          acc = kind === 'max' ? Math.max(acc, v) : acc + v;
          count++;
        }
        y[(b * nOut + o) * C + c] = kind === 'max' ? acc : acc / count;
      }
  return { values: y, shape: outShape };
}

/** Batched matrix product with NumPy broadcasting of the batch axes. */
export function matMulRef(a: F64, b: F64, transposeA = false, transposeB = false): F64 {
  const ra = a.shape.length;
  const rb = b.shape.length;
  const M = transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
  const K = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
  const N = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
  const ba = a.shape.slice(0, -2);
  const bb = b.shape.slice(0, -2);
  const rank = Math.max(ba.length, bb.length);
  const pa = [...Array(rank - ba.length).fill(1), ...ba];
  const pb = [...Array(rank - bb.length).fill(1), ...bb];
  const out = pa.map((d, i) => Math.max(d, pb[i]));
  const y = new Float64Array(size(out) * M * N);
  for (let o = 0; o < size(out); o++) {
    let ia = 0;
    let ib = 0;
    let rest = o;
    const idx: number[] = [];
    for (let k = rank - 1; k >= 0; k--) {
      idx[k] = rest % out[k];
      rest = Math.floor(rest / out[k]);
    }
    for (let k = 0; k < rank; k++) {
      ia = ia * pa[k] + (pa[k] === 1 ? 0 : idx[k]);
      ib = ib * pb[k] + (pb[k] === 1 ? 0 : idx[k]);
    }
    for (let i = 0; i < M; i++)
      for (let j = 0; j < N; j++) {
        let s = 0;
        for (let k = 0; k < K; k++) {
          const av = a.values[ia * M * K + (transposeA ? k * M + i : i * K + k)];
          const bv = b.values[ib * K * N + (transposeB ? j * K + k : k * N + j)];
          s += av * bv;
        }
        y[(o * M + i) * N + j] = s;
      }
  }
  return { values: y, shape: [...out, M, N] };
}

/**
 * Central finite differences of L = Σ r · f(inputs) with respect to
 * `inputs[which]`, in float64 (exact up to rounding for the piecewise-linear
 * ops here while `h` stays below the gaps between pooled values and the
 * distance of a ReLU input from 0).
 */
export function finiteDiff(f: (inputs: F64[]) => F64, inputs: F64[], which: number, r: Float64Array, h = 1e-6): F64 {
  const loss = (ins: F64[]) => {
    const y = f(ins).values;
    let s = 0;
    for (let i = 0; i < y.length; i++) s += r[i] * y[i];
    return s;
  };
  const target = inputs[which];
  const g = new Float64Array(target.values.length);
  for (let i = 0; i < g.length; i++) {
    const v = target.values[i];
    const plus = Float64Array.from(target.values);
    const minus = Float64Array.from(target.values);
    plus[i] = v + h;
    minus[i] = v - h;
    const with_ = (vals: Float64Array) => inputs.map((t, k) => (k === which ? { values: vals, shape: t.shape } : t));
    g[i] = (loss(with_(plus)) - loss(with_(minus))) / (2 * h);
  }
  return { values: g, shape: [...target.shape] };
}
