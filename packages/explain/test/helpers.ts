import { type Rng, randomUniform, rngFrom, type Tensor, tensor1d, tensor4d } from '@convkit/core';
import { Conv2D, Dense, Flatten, GlobalAvgPool2D, MaxPool2D, Sequential } from '@convkit/layers';
import { Adam } from '@convkit/optim';

/** A smooth (tanh, softmax) tiny classifier on [h, w, c] inputs, so finite differences and IG converge cleanly. */
export function smoothNet(shape: [number, number, number] = [5, 5, 2], classes = 3): Sequential {
  return new Sequential({
    layers: [
      new Conv2D({ filters: 3, kernelSize: 3, padding: 'same', activation: 'tanh', inputShape: shape }),
      new Flatten(),
      new Dense({ units: classes, activation: 'softmax' }),
    ],
  });
}

export const SIDE = 12;

/**
 * Noisy SIDE×SIDE images; those of class 1 hold a bright 3×3 square somewhere in the top-left
 * quadrant, those of class 0 none: the class is decided by that quadrant alone.
 */
export function quadrantData(n: number, rng: Rng, label?: 0 | 1): { x: Tensor; y: Tensor } {
  const px = new Float32Array(n * SIDE * SIDE);
  const ys = new Int32Array(n);
  const half = SIDE / 2;
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < SIDE * SIDE; p++) px[i * SIDE * SIDE + p] = rng.uniform(0, 0.3);
    ys[i] = label ?? (rng.next() < 0.5 ? 1 : 0);
    if (ys[i] === 1) {
      const r = rng.int(half - 2);
      const c = rng.int(half - 2);
      for (let y = r; y < r + 3; y++) for (let x = c; x < c + 3; x++) px[i * SIDE * SIDE + y * SIDE + x] = 1;
    }
  }
  return { x: tensor4d(px, [n, SIDE, SIDE, 1]), y: tensor1d(ys, 'int32') };
}

/** Conv → pool → Conv → global average pooling → Dense(2): the head Grad-CAM was designed for. */
export function quadrantNet(): Sequential {
  return new Sequential({
    layers: [
      new Conv2D({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [SIDE, SIDE, 1] }),
      new MaxPool2D({ poolSize: 2 }),
      new Conv2D({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }),
      new GlobalAvgPool2D(),
      new Dense({ units: 2, activation: 'softmax' }),
    ],
  });
}

/** quadrantNet trained briefly on 400 images; throws unless it reaches 95 % training accuracy. */
export async function trainedQuadrantNet(): Promise<Sequential> {
  const model = quadrantNet();
  const { x, y } = quadrantData(400, rngFrom(7));
  model.compile({
    optimizer: new Adam({ learningRate: 0.01 }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  try {
    const history = await model.fit(x, y, { epochs: 6, batchSize: 32, verbose: 0 });
    const acc = history.history.accuracy as number[];
    if (!(acc[acc.length - 1] > 0.95)) throw new Error(`quadrantNet did not learn: accuracy ${acc.join(', ')}`);
  } finally {
    x.dispose();
    y.dispose();
  }
  return model;
}

/** Fraction of each map's positive mass that lies in quadrant q (0 TL, 1 TR, 2 BL, 3 BR). */
export async function quadrantShare(maps: Tensor, q: number): Promise<number[]> {
  const [n, h, w] = maps.shape;
  const v = await maps.data();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let inside = 0;
    let all = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const m = Math.max(v[i * h * w + y * w + x], 0);
        all += m;
        if ((y >= h / 2 ? 2 : 0) + (x >= w / 2 ? 1 : 0) === q) inside += m;
      }
    }
    out.push(all > 0 ? inside / all : 0);
  }
  return out;
}

/** Spearman rank correlation of two equally long arrays (ties get their mean rank). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const rank = (v: ArrayLike<number>) => {
    const idx = Array.from(v, (_, i) => i).sort((i, j) => v[i] - v[j]);
    const r = new Float64Array(v.length);
    for (let s = 0; s < idx.length; ) {
      let e = s;
      while (e + 1 < idx.length && v[idx[e + 1]] === v[idx[s]]) e++;
      for (let k = s; k <= e; k++) r[idx[k]] = (s + e) / 2;
      s = e + 1;
    }
    return r;
  };
  const ra = rank(a);
  const rb = rank(b);
  const mean = (ra.length - 1) / 2;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < ra.length; i++) {
    num += (ra[i] - mean) * (rb[i] - mean);
    da += (ra[i] - mean) ** 2;
    db += (rb[i] - mean) ** 2;
  }
  return num / Math.sqrt(da * db);
}

export function uniformImages(shape: number[], seed: number): Tensor {
  return randomUniform(shape, 0, 1, rngFrom(seed));
}
