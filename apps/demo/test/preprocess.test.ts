/**
 * The drawing pad's MNIST-style preprocessing (bounding box → 20×20 box →
 * centre of mass at the centre of 28×28) and the URL state, in Node.
 */
import { describe, expect, it } from 'vitest';
import { BOX, inkBox, SIDE, toMnistInput } from '../src/preprocess';
import { backendFromQuery, configFromQuery, DEFAULT_CONFIG, heldoutFromQuery, queryFromConfig } from '../src/state';

/** A `w × h` blank image with the rectangle [x0, x1) × [y0, y1) filled with 1. */
function rect(w: number, h: number, x0: number, y0: number, x1: number, y1: number): Float32Array {
  const img = new Float32Array(w * h);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) img[y * w + x] = 1;
  return img;
}

function centreOfMass(img: Float32Array): [number, number] {
  let m = 0;
  let cx = 0;
  let cy = 0;
  for (let y = 0; y < SIDE; y++)
    for (let x = 0; x < SIDE; x++) {
      const v = img[y * SIDE + x];
      m += v;
      cx += v * (x + 0.5);
      cy += v * (y + 0.5);
    }
  return [cx / m, cy / m];
}

describe('toMnistInput', () => {
  it('returns undefined for a blank drawing', () => {
    expect(toMnistInput(new Float32Array(280 * 280), 280, 280)).toBeUndefined();
    expect(inkBox(new Float32Array(9), 3, 3)).toBeUndefined();
  });

  it('scales a tall bar in a corner to 20 rows, keeps its aspect ratio and centres its mass', () => {
    // 40 × 200 bar at the top left of a 280 × 280 pad: scale 20/200 → 4 × 20 pixels.
    const img = toMnistInput(rect(280, 280, 10, 5, 50, 205), 280, 280)!;
    expect(img).toHaveLength(SIDE * SIDE);
    const box = inkBox(img, SIDE, SIDE)!;
    expect(box.h).toBe(BOX);
    expect(box.w).toBe(4);
    const [cx, cy] = centreOfMass(img);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    // A full rectangle stays full: every covered pixel is 1, the rest 0.
    expect(img.reduce((a, b) => a + b, 0)).toBeCloseTo(4 * 20, 5);
  });

  it('averages the pixels each output pixel covers (anti-aliased edges)', () => {
    // 200 × 200 square whose right half is at 0.5: the right half of the 20 × 20 output is 0.5.
    const img = rect(280, 280, 40, 40, 240, 240);
    for (let y = 40; y < 240; y++) for (let x = 140; x < 240; x++) img[y * 280 + x] = 0.5;
    const out = toMnistInput(img, 280, 280)!;
    const box = inkBox(out, SIDE, SIDE)!;
    expect([box.w, box.h]).toEqual([20, 20]);
    // The mass is off-centre to the left, so the square shifts right of the 4..24 placement.
    const row = Array.from(out.subarray((box.y + 10) * SIDE + box.x, (box.y + 10) * SIDE + box.x + 20));
    expect(row.slice(0, 10).every((v) => v === 1)).toBe(true);
    expect(row.slice(10).every((v) => Math.abs(v - 0.5) < 1e-6)).toBe(true);
    const [cx] = centreOfMass(out);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
  });

  it('scales a small drawing up to the 20-pixel box', () => {
    const out = toMnistInput(rect(28, 28, 10, 10, 15, 20), 28, 28)!;
    const box = inkBox(out, SIDE, SIDE)!;
    expect([box.w, box.h]).toEqual([10, 20]);
  });
});

describe('URL state', () => {
  it('round-trips a configuration and names only what differs from the defaults', () => {
    const config = { model: 'small', epochs: 3, batchSize: 64, learningRate: 0.003, optimizer: 'rmsprop' } as const;
    const query = queryFromConfig(config);
    expect(query).toBe('?model=small&epochs=3&batch=64&lr=0.003&opt=rmsprop');
    expect(configFromQuery(query)).toEqual(config);
    expect(queryFromConfig(DEFAULT_CONFIG)).toBe('');
  });

  it('keeps the backend in the URL: wasm by default, webgpu when asked, anything else is wasm', () => {
    expect(queryFromConfig(DEFAULT_CONFIG, 'webgpu')).toBe('?backend=webgpu');
    expect(queryFromConfig(DEFAULT_CONFIG, 'wasm')).toBe('');
    expect(backendFromQuery('?backend=webgpu&model=small')).toBe('webgpu');
    expect(backendFromQuery('?model=small')).toBe('wasm');
    expect(backendFromQuery('?backend=cuda')).toBe('wasm');
  });

  it('reads ?heldout= as an integer in 10..10000, otherwise all held-out digits', () => {
    expect(heldoutFromQuery('?heldout=64')).toBe(64);
    expect(['', '?heldout=5', '?heldout=2.5', '?heldout=x', '?heldout=20000'].map(heldoutFromQuery)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('falls back to the defaults for unknown or out-of-range values', () => {
    expect(configFromQuery('?model=huge&epochs=0&batch=33&lr=-1&opt=lbfgs')).toEqual(DEFAULT_CONFIG);
    expect(configFromQuery('')).toEqual(DEFAULT_CONFIG);
  });
});
