/**
 * The methods' properties on a model trained briefly (wasm backend) on
 * synthetic images whose class is decided by the top-left quadrant alone:
 * Grad-CAM, Integrated Gradients, saliency and occlusion put their mass
 * there, occluding it lowers the class score, and the maps of the trained
 * model differ from those of the same architecture with re-initialised
 * weights (the model-randomisation sanity check of Adebayo et al., 2018).
 */
import '@convkit/backend-wasm';
import { dispose, getBackend, ops, rngFrom, setBackend, setSeed, type Tensor, tensor4d } from '@convkit/core';
import { Sequential } from '@convkit/layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradCam, integratedGradients, occlusion, saliency, smoothGrad } from '../src/index';
import { quadrantData, quadrantShare, SIDE, spearman, trainedQuadrantNet } from './helpers';

let model: Sequential;
let images: Tensor;
let previous: string;
const N = 6;

beforeAll(async () => {
  previous = getBackend();
  await setBackend('wasm');
  setSeed(12);
  model = await trainedQuadrantNet();
  const data = quadrantData(N, rngFrom(99), 1); // held-out class-1 images
  images = data.x;
  data.y.dispose();
});

afterAll(async () => {
  images.dispose();
  model.dispose();
  await setBackend(previous as 'cpu');
});

/** Index of the largest value of each map lies in the top-left quadrant. */
async function peaksTopLeft(maps: Tensor): Promise<boolean[]> {
  const v = await maps.data();
  const size = SIDE * SIDE;
  return Array.from({ length: N }, (_, i) => {
    let best = 0;
    for (let p = 1; p < size; p++) if (v[i * size + p] > v[i * size + best]) best = p;
    return Math.floor(best / SIDE) < SIDE / 2 && best % SIDE < SIDE / 2;
  });
}

describe('on a model decided by the top-left quadrant', () => {
  it('Grad-CAM, Integrated Gradients, saliency, SmoothGrad and occlusion light that quadrant', async () => {
    const methods: [string, () => Promise<Tensor>, number][] = [
      ['gradCam', () => gradCam(model, images, { target: 1 }), 0.5],
      ['gradCam (first conv)', () => gradCam(model, images, { target: 1, layer: model.layers[0].name }), 0.6],
      ['integratedGradients', () => integratedGradients(model, images, { target: 1, steps: 16 }), 0.8],
      ['saliency', () => saliency(model, images, { target: 1 }), 0.6],
      ['smoothGrad', () => smoothGrad(model, images, { target: 1, samples: 8, seed: 1 }), 0.35],
      ['occlusion', () => occlusion(model, images, { target: 1, window: 4, stride: 2 }), 0.6],
    ];
    for (const [name, run, meanShare] of methods) {
      const map = await run();
      expect(map.shape, name).toEqual([N, SIDE, SIDE]);
      const share = await quadrantShare(map, 0);
      const peaks = await peaksTopLeft(map);
      map.dispose();
      // A quarter of the image would get a quarter of the mass by chance.
      expect(share.reduce((a, b) => a + b) / N, name).toBeGreaterThan(meanShare);
      expect(peaks.filter(Boolean).length, name).toBeGreaterThanOrEqual(N - 1);
    }
  });

  it('occluding the deciding quadrant lowers the class score; occluding another does not', async () => {
    const probability = async (hide: (y: number, x: number) => boolean) => {
      const keep = new Float32Array(SIDE * SIDE).map((_, p) => (hide(Math.floor(p / SIDE), p % SIDE) ? 0 : 1));
      const m = tensor4d(keep, [1, SIDE, SIDE, 1]);
      const x = ops.mul(images, m);
      const out = model.predict(x);
      const v = await out.data();
      dispose([m, x, out]);
      return Array.from({ length: N }, (_, i) => v[i * 2 + 1]);
    };
    const half = SIDE / 2;
    const clean = await probability(() => false);
    const noTopLeft = await probability((y, x) => y < half && x < half);
    const noBottomRight = await probability((y, x) => y >= half && x >= half);
    for (let i = 0; i < N; i++) {
      expect(clean[i]).toBeGreaterThan(0.9);
      expect(noTopLeft[i]).toBeLessThan(0.2);
      expect(noBottomRight[i]).toBeGreaterThan(0.9);
    }
  });

  it('passes the model-randomisation check: maps of re-initialised weights do not rank like the trained ones', async () => {
    setSeed(1234);
    const random = Sequential.fromConfig(model.toConfig().config);
    const methods: [string, (m: Sequential) => Promise<Tensor>][] = [
      ['saliency', (m) => saliency(m, images, { target: 1 })],
      ['integratedGradients', (m) => integratedGradients(m, images, { target: 1, steps: 16 })],
      ['gradCam', (m) => gradCam(m, images, { target: 1, relu: false })],
    ];
    const size = SIDE * SIDE;
    for (const [name, run] of methods) {
      const a = await run(model);
      const b = await run(random);
      const [va, vb] = await Promise.all([a.data(), b.data()]);
      dispose([a, b]);
      let mean = 0;
      for (let i = 0; i < N; i++) {
        mean += Math.abs(spearman(va.slice(i * size, (i + 1) * size), vb.slice(i * size, (i + 1) * size))) / N;
      }
      expect(mean, name).toBeLessThan(0.5);
    }
    random.dispose();
  });
});
