/**
 * Rotation, zoom, flips, cutout, brightness and contrast: checked against
 * hand-computed images and an independent plain-JS bilinear reference
 * (explicitly padded image, coordinates rotated as vectors).
 */
import { ConfigError, ShapeError } from '@convkit/core';
import {
  adjustBrightness,
  adjustContrast,
  cutoutImage,
  type FillMode,
  flipImageHorizontal,
  flipImageVertical,
  type ImageSample,
  type ImageShape,
  type ImageTransform,
  randomBrightness,
  randomContrast,
  randomCutout,
  randomFlip,
  randomRotation,
  randomZoom,
  rotateImage,
  warpImage,
  zoomImage,
} from '@convkit/data';
import { describe, expect, it } from 'vitest';

/** n×n×2 image: channel 0 is 10y + x, channel 1 is 100 − y·x (so the channels differ). */
function square(n: number): Float32Array {
  const img = new Float32Array(n * n * 2);
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      img[(y * n + x) * 2] = 10 * y + x;
      img[(y * n + x) * 2 + 1] = 100 - y * x;
    }
  return img;
}

/** Pixel (y, x, c) of an HWC image. */
const at = (img: Float32Array, shape: ImageShape, y: number, x: number, c = 0) =>
  img[(y * shape[1] + x) * shape[2] + c];

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-4): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (Math.abs(actual[i] - expected[i]) > tol * (1 + Math.abs(expected[i]))) {
      throw new Error(`element ${i}: got ${actual[i]}, expected ${expected[i]}`);
    }
  }
}

/**
 * Reference: the image padded by `pad` pixels on every side, built one pixel
 * at a time from the fill-mode rule written as explicit cases, then sampled
 * bilinearly at (sy, sx) + pad.
 */
function padded(img: Float32Array, [h, w, c]: ImageShape, pad: number, mode: FillMode, fill: number) {
  const mirror = (i: number, n: number) => {
    let k = i;
    // reflect about the pixel edges: … 1 0 | 0 1 … n−1 | n−1 n−2 …
    while (k < 0 || k >= n) k = k < 0 ? -k - 1 : 2 * n - 1 - k;
    return k;
  };
  const source = (i: number, n: number): number | null => {
    if (i >= 0 && i < n) return i;
    if (mode === 'constant') return null;
    if (mode === 'nearest') return Math.min(Math.max(i, 0), n - 1);
    if (mode === 'wrap') return ((i % n) + n) % n;
    return mirror(i, n);
  };
  const H = h + 2 * pad;
  const W = w + 2 * pad;
  const out = new Float64Array(H * W * c);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const sy = source(y - pad, h);
      const sx = source(x - pad, w);
      for (let ch = 0; ch < c; ch++)
        out[(y * W + x) * c + ch] = sy === null || sx === null ? fill : img[(sy * w + sx) * c + ch];
    }
  return (py: number, px: number, ch: number) => out[((py + pad) * W + (px + pad)) * c + ch];
}

function referenceRotate(
  img: Float32Array,
  shape: ImageShape,
  degrees: number,
  mode: FillMode,
  fill: number,
): Float64Array {
  const [h, w, c] = shape;
  const pad = h + w;
  const p = padded(img, shape, pad, mode, fill);
  const t = (degrees * Math.PI) / 180;
  const out = new Float64Array(h * w * c);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      // Output pixel as a vector from the centre (x right, y down); undo a
      // counter-clockwise turn on screen, i.e. turn the vector back.
      const vx = x - (w - 1) / 2;
      const vy = y - (h - 1) / 2;
      const ux = Math.cos(t) * vx - Math.sin(t) * vy;
      const uy = Math.sin(t) * vx + Math.cos(t) * vy;
      const sx = ux + (w - 1) / 2;
      const sy = uy + (h - 1) / 2;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const ax = sx - x0;
      const ay = sy - y0;
      for (let ch = 0; ch < c; ch++) {
        const top = (1 - ax) * p(y0, x0, ch) + ax * p(y0, x0 + 1, ch);
        const bottom = (1 - ax) * p(y0 + 1, x0, ch) + ax * p(y0 + 1, x0 + 1, ch);
        out[(y * w + x) * c + ch] = (1 - ay) * top + ay * bottom;
      }
    }
  return out;
}

/** np.rot90 (counter-clockwise): out[y, x] = in[x, n − 1 − y], i.e. transpose then flip top–bottom. */
function rot90(img: Float32Array, n: number, c: number): Float32Array {
  const out = new Float32Array(img.length);
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++)
      for (let ch = 0; ch < c; ch++) out[(y * n + x) * c + ch] = img[(x * n + (n - 1 - y)) * c + ch];
  return out;
}

const MODES: FillMode[] = ['constant', 'nearest', 'reflect', 'wrap'];

describe('rotation', () => {
  const n = 5;
  const shape: ImageShape = [n, n, 2];

  it('90° with nearest is exactly transpose + flip; 180° flips both axes; 360° is the identity', () => {
    const img = square(n);
    const r90 = rotateImage(img, shape, 90, { interpolation: 'nearest' });
    expect(Array.from(r90)).toEqual(Array.from(rot90(img, n, 2)));
    const r180 = rotateImage(img, shape, 180, { interpolation: 'nearest' });
    expect(Array.from(r180)).toEqual(Array.from(flipImageVertical(flipImageHorizontal(img, shape), shape)));
    const back = rotateImage(img, shape, -90, { interpolation: 'nearest' });
    expect(Array.from(rot90(back, n, 2))).toEqual(Array.from(img));
    expect(Array.from(rotateImage(img, shape, 360, { interpolation: 'nearest' }))).toEqual(Array.from(img));
    // Even size: the centre falls between pixels and a quarter turn still maps pixels onto pixels.
    const even = square(4);
    expect(Array.from(rotateImage(even, [4, 4, 2], 90, { interpolation: 'nearest' }))).toEqual(
      Array.from(rot90(even, 4, 2)),
    );
    // Bilinear lands on the same pixels up to rounding of cos(90°).
    expectClose(rotateImage(img, shape, 90), rot90(img, n, 2), 1e-5);
  });

  it('0° is the identity for every interpolation and fill mode', () => {
    const img = square(n);
    for (const fillMode of MODES)
      for (const interpolation of ['bilinear', 'nearest'] as const) {
        expect(Array.from(rotateImage(img, shape, 0, { fillMode, interpolation }))).toEqual(Array.from(img));
      }
  });

  it('an arbitrary angle matches a plain-JS bilinear reference in every fill mode', () => {
    const img = square(n);
    const rect: ImageShape = [4, 6, 1];
    const rectImg = Float32Array.from({ length: 24 }, (_, i) => Math.sin(i) * 3);
    for (const fillMode of MODES) {
      for (const degrees of [23, -61, 137]) {
        expectClose(
          rotateImage(img, shape, degrees, { fillMode, fillValue: -2 }),
          referenceRotate(img, shape, degrees, fillMode, -2),
        );
        expectClose(
          rotateImage(rectImg, rect, degrees, { fillMode, fillValue: 0.5 }),
          referenceRotate(rectImg, rect, degrees, fillMode, 0.5),
        );
      }
    }
  });

  it('randomRotation draws in the range (degrees or fraction of a turn), seeded', async () => {
    const s: ImageSample = { image: square(n), shape, label: 1 };
    const fixed = randomRotation({ degrees: [90, 90], interpolation: 'nearest', seed: 1 })(s);
    expect(Array.from(fixed.image)).toEqual(Array.from(rot90(s.image, n, 2)));
    expect(fixed.label).toBe(1);
    const quarter = randomRotation({ factor: [0.25, 0.25], interpolation: 'nearest' })(s);
    expect(Array.from(quarter.image)).toEqual(Array.from(rot90(s.image, n, 2)));
    // The angle: rotating a single bright pixel at distance 2 from the centre by θ ∈ [−30°, 30°].
    const dot = new Float32Array(25);
    dot[2 * 5 + 4] = 1; // right of the centre
    const t = randomRotation({ degrees: 30, interpolation: 'nearest', fillMode: 'constant', seed: 5 });
    const seen = new Set<number>();
    for (let i = 0; i < 60; i++) {
      const out = t({ image: dot, shape: [5, 5, 1], label: 0 }).image;
      const idx = out.indexOf(1);
      seen.add(idx);
      // within ±30° the dot stays in column 4 (rows 1..3 at radius 2)
      expect([1 * 5 + 4, 2 * 5 + 4, 3 * 5 + 4]).toContain(idx);
    }
    expect(seen.size).toBeGreaterThan(1);
    expectSeeded((seed) => randomRotation({ degrees: 45, seed }), s);
  });

  it('rejects bad arguments with ConfigError / ShapeError', () => {
    expect(() => randomRotation({} as never)).toThrow(/exactly one of options.degrees/);
    expect(() => randomRotation({ degrees: 10, factor: 0.1 })).toThrow(ConfigError);
    expect(() => randomRotation({ factor: 1.5 })).toThrow(/options.factor/);
    expect(() => randomRotation({ degrees: [20, 10] })).toThrow(/min ≤ max/);
    expect(() => randomRotation({ degrees: -5 })).toThrow(ConfigError);
    expect(() => randomRotation({ degrees: 5, fillMode: 'mirror' as never })).toThrow(/fillMode/);
    expect(() => rotateImage(square(n), shape, Number.NaN)).toThrow(/degrees/);
    expect(() => rotateImage(square(n), [5, 4, 2], 10)).toThrow(ShapeError);
    expect(() => warpImage(square(n), shape, [1, 0, 0] as never)).toThrow(/6 finite numbers/);
  });
});

describe('zoom', () => {
  /** 4×4 image whose value is 10y + x: bilinear sampling of a linear image is exact. */
  const shape: ImageShape = [4, 4, 1];
  const linear = Float32Array.from({ length: 16 }, (_, i) => 10 * Math.floor(i / 4) + (i % 4));

  it('zoom 1 is the identity', () => {
    for (const fillMode of MODES) {
      expect(Array.from(zoomImage(linear, shape, 1, 1, { fillMode }))).toEqual(Array.from(linear));
    }
    expect(Array.from(zoomImage(linear, shape, 1))).toEqual(Array.from(linear));
  });

  it('zooms in and out about the centre, as computed by hand', () => {
    // zoom 2: a window half as large, centred at 1.5: rows 0.75, 1.25, 1.75, 2.25 (same for columns).
    const zin = zoomImage(linear, shape, 2);
    const coord = (i: number) => 1.5 + (i - 1.5) * 0.5;
    for (let y = 0; y < 4; y++)
      for (let x = 0; x < 4; x++) expect(at(zin, shape, y, x)).toBeCloseTo(10 * coord(y) + coord(x), 5);
    // Height only: columns stay.
    const tall = zoomImage(linear, shape, 2, 1);
    for (let y = 0; y < 4; y++)
      for (let x = 0; x < 4; x++) expect(at(tall, shape, y, x)).toBeCloseTo(10 * coord(y) + x, 5);
    // zoom 0.5: a window twice as large, rows −1.5, 0.5, 2.5, 4.5 — outer ones from outside the image.
    const zout = zoomImage(linear, shape, 0.5, 0.5, { fillMode: 'constant', fillValue: 0 });
    expect(at(zout, shape, 1, 1)).toBeCloseTo(10 * 0.5 + 0.5, 5);
    expect(at(zout, shape, 1, 2)).toBeCloseTo(10 * 0.5 + 2.5, 5);
    expect(at(zout, shape, 0, 1)).toBe(0);
    const near = zoomImage(linear, shape, 0.5, 0.5, { fillMode: 'nearest' });
    expect(at(near, shape, 0, 0)).toBe(0); // clamped to pixel (0, 0)
    expect(at(near, shape, 3, 3)).toBe(33);
  });

  it('randomZoom keeps the aspect ratio without widthFactor, and is seeded', () => {
    const s: ImageSample = { image: linear, shape, label: 0 };
    const fixed = randomZoom({ heightFactor: [-0.5, -0.5], seed: 3 })(s);
    expectClose(fixed.image, zoomImage(linear, shape, 2)); // Keras factor −0.5 = zoom 1 / (1 − 0.5)
    const t = randomZoom({ heightFactor: 0.3, seed: 3, fillMode: 'nearest' });
    for (let i = 0; i < 20; i++) {
      const out = t(s).image;
      // same factor on both axes ⇒ the zoomed image stays symmetric under transpose (linear image: 10y + x)
      const rowStep = at(out, shape, 2, 1) - at(out, shape, 1, 1);
      const colStep = at(out, shape, 1, 2) - at(out, shape, 1, 1);
      expect(rowStep).toBeCloseTo(10 * colStep, 4);
    }
    const wide = randomZoom({ heightFactor: [0, 0], widthFactor: [-0.5, -0.5] })(s);
    expectClose(wide.image, zoomImage(linear, shape, 1, 2));
    expectSeeded((seed) => randomZoom({ heightFactor: 0.2, widthFactor: 0.2, seed }), s);
  });

  it('rejects factors at or below −1 and zooms ≤ 0', () => {
    expect(() => randomZoom({ heightFactor: 1 })).toThrow(/options.heightFactor/);
    expect(() => randomZoom({ heightFactor: [-1, 0] })).toThrow(ConfigError);
    expect(() => randomZoom({ heightFactor: 0.1, widthFactor: 'x' as never })).toThrow(/widthFactor/);
    expect(() => zoomImage(linear, shape, 0)).toThrow(/zoom must be a finite number > 0/);
  });
});

describe('flips', () => {
  const shape: ImageShape = [3, 4, 2];
  const img = Float32Array.from({ length: 24 }, (_, i) => i);

  it('flipImageVertical reverses the rows, keeping channels together', () => {
    const f = flipImageVertical(img, shape);
    for (let y = 0; y < 3; y++)
      for (let x = 0; x < 4; x++)
        for (let c = 0; c < 2; c++) expect(at(f, shape, y, x, c)).toBe(at(img, shape, 2 - y, x, c));
  });

  it('randomFlip flips the axes of its mode, each with the probability', () => {
    const s: ImageSample = { image: img, shape, label: 0 };
    const h = flipImageHorizontal(img, shape);
    const v = flipImageVertical(img, shape);
    const hv = flipImageVertical(h, shape);
    expect(Array.from(randomFlip({ mode: 'vertical', probability: 1 })(s).image)).toEqual(Array.from(v));
    expect(Array.from(randomFlip({ mode: 'horizontal', probability: 1 })(s).image)).toEqual(Array.from(h));
    expect(Array.from(randomFlip({ probability: 1 })(s).image)).toEqual(Array.from(hv));
    expect(randomFlip({ probability: 0 })(s)).toBe(s);
    const counts = new Map<string, number>();
    const t = randomFlip({ seed: 4 });
    const key = (a: Float32Array) => [img, h, v, hv].findIndex((b) => b.every((x, i) => x === a[i])).toString();
    for (let i = 0; i < 800; i++) {
      const k = key(t(s).image);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['0', '1', '2', '3']);
    for (const c of counts.values()) expect(Math.abs(c / 800 - 0.25)).toBeLessThan(0.06);
    expectSeeded((seed) => randomFlip({ seed }), s);
    expect(() => randomFlip({ mode: 'diagonal' as never })).toThrow(/options.mode/);
  });
});

describe('cutout', () => {
  const shape: ImageShape = [10, 12, 3];
  const ones = () => new Float32Array(10 * 12 * 3).fill(1);
  const zerosPerChannel = (img: Float32Array) =>
    [0, 1, 2].map((c) => img.filter((v, i) => i % 3 === c && v === 0).length);

  it('cutoutImage zeroes exactly k × size² pixels per channel at the given places', () => {
    const out = cutoutImage(
      ones(),
      shape,
      [
        { top: 0, left: 0 },
        { top: 6, left: 8 },
        { top: 3, left: 4 },
      ],
      4,
    );
    expect(zerosPerChannel(out)).toEqual([48, 48, 48]);
    expect(at(out, shape, 3, 3, 1)).toBe(0);
    expect(at(out, shape, 4, 3, 2)).toBe(1); // below the first patch, left of the third
    expect(at(out, shape, 6, 7, 0)).toBe(0);
    expect(at(out, shape, 9, 11, 0)).toBe(0);
    expect(at(out, shape, 5, 11, 0)).toBe(1);
    const filled = cutoutImage(ones(), shape, [{ top: 2, left: 2 }], 2, 0.5);
    expect(filled.filter((v) => v === 0.5).length).toBe(2 * 2 * 3);
    expect(() => cutoutImage(ones(), shape, [{ top: 8, left: 0 }], 4)).toThrow(ShapeError);
    expect(() => cutoutImage(ones(), shape, [{ top: 0.5, left: 0 }], 4)).toThrow(/patches\[0\].top/);
  });

  it('randomCutout erases whole squares inside the image, the same in every channel', () => {
    const s: ImageSample = { image: ones(), shape, label: 0 };
    const one = randomCutout({ size: 4, seed: 2 });
    const two = randomCutout({ size: 3, count: 2, seed: 2 });
    for (let i = 0; i < 30; i++) {
      const out = one(s).image;
      expect(zerosPerChannel(out)).toEqual([16, 16, 16]);
      // the zeros form one 4×4 square
      const ys: number[] = [];
      const xs: number[] = [];
      for (let y = 0; y < 10; y++)
        for (let x = 0; x < 12; x++) {
          if (at(out, shape, y, x) !== 0) continue;
          ys.push(y);
          xs.push(x);
        }
      expect(Math.max(...ys) - Math.min(...ys)).toBe(3);
      expect(Math.max(...xs) - Math.min(...xs)).toBe(3);
      const z = zerosPerChannel(two(s).image);
      expect(z[0]).toBeGreaterThanOrEqual(9); // the two 3×3 squares may overlap
      expect(z[0]).toBeLessThanOrEqual(18);
      expect(new Set(z).size).toBe(1);
    }
    expect(Array.from(s.image).every((v) => v === 1)).toBe(true); // input untouched
    expectSeeded((seed) => randomCutout({ size: 3, seed }), s);
    expect(() => randomCutout({ size: 11 })(s)).toThrow(ShapeError);
    expect(() => randomCutout({ size: 0 })).toThrow(/options.size/);
    expect(() => randomCutout({ size: 2, count: -1 })).toThrow(/options.count/);
  });
});

describe('brightness and contrast', () => {
  const shape: ImageShape = [2, 2, 2];
  // channel 0: 0.1 0.3 0.5 0.9 (mean 0.45); channel 1: 1 2 3 6 (mean 3)
  const img = Float32Array.from([0.1, 1, 0.3, 2, 0.5, 3, 0.9, 6]);

  it('adjustBrightness adds the offset and clips into the value range', () => {
    expectClose(adjustBrightness(img, shape, 0.2), [0.3, 1.2, 0.5, 2.2, 0.7, 3.2, 1.1, 6.2], 1e-6);
    expectClose(adjustBrightness(img, shape, 0.2, [0, 1]), [0.3, 1, 0.5, 1, 0.7, 1, 1, 1], 1e-6);
  });

  it('randomBrightness adds one offset per image, scaled by the value range', () => {
    const s: ImageSample = { image: img, shape, label: 0 };
    const t = randomBrightness({ factor: 0.1, valueRange: [-10, 10], seed: 1 });
    const deltas: number[] = [];
    for (let i = 0; i < 100; i++) {
      const out = t(s).image;
      const d = out[1] - img[1];
      for (let k = 0; k < 8; k++) expect(out[k] - img[k]).toBeCloseTo(d, 5);
      expect(Math.abs(d)).toBeLessThanOrEqual(2 + 1e-6); // 0.1 × (10 − (−10))
      deltas.push(d);
    }
    expect(Math.min(...deltas)).toBeLessThan(-1);
    expect(Math.max(...deltas)).toBeGreaterThan(1);
    const up = randomBrightness({ factor: [0.5, 0.5], valueRange: [0, 1] })(s).image;
    expectClose(up, [0.6, 1, 0.8, 1, 1, 1, 1, 1], 1e-6);
    expectSeeded((seed) => randomBrightness({ factor: 0.3, seed }), s);
    expect(() => randomBrightness({ factor: 2 })).toThrow(/options.factor/);
    expect(() => randomBrightness({ factor: 0.1, valueRange: [1, 0] })).toThrow(/valueRange/);
  });

  it('adjustContrast scales each channel about its own mean', () => {
    // factor 2: mean + 2 (x − mean)
    expectClose(adjustContrast(img, shape, 2), [-0.25, -1, 0.15, 1, 0.55, 3, 1.35, 9], 1e-5);
    expectClose(adjustContrast(img, shape, 0), [0.45, 3, 0.45, 3, 0.45, 3, 0.45, 3], 1e-6);
    expectClose(adjustContrast(img, shape, 2, [0, 5]), [0, 0, 0.15, 1, 0.55, 3, 1.35, 5], 1e-5);
    expect(Array.from(adjustContrast(img, shape, 1))).toEqual(Array.from(img));
    expect(() => adjustContrast(img, shape, -1)).toThrow(/factor/);
  });

  it('randomContrast draws the factor from [1 − lower, 1 + upper], one per image', () => {
    const s: ImageSample = { image: img, shape, label: 0 };
    const t = randomContrast({ factor: [0.2, 0.5], seed: 9 });
    const ks: number[] = [];
    for (let i = 0; i < 100; i++) {
      const out = t(s).image;
      const k = (out[0] - 0.45) / (0.1 - 0.45);
      expect(k).toBeGreaterThanOrEqual(0.8 - 1e-5);
      expect(k).toBeLessThanOrEqual(1.5 + 1e-5);
      expect((out[7] - 3) / (6 - 3)).toBeCloseTo(k, 4); // the same factor in channel 1
      ks.push(k);
    }
    expect(Math.min(...ks)).toBeLessThan(0.95);
    expect(Math.max(...ks)).toBeGreaterThan(1.3);
    expectSeeded((seed) => randomContrast({ factor: 0.5, seed }), s);
    expect(() => randomContrast({ factor: 1.2 })).toThrow(/options.factor must be a number in \[0, 1\]/);
    expect(() => randomContrast({ factor: [0.1] as never })).toThrow(ConfigError);
  });
});

/** Same seed ⇒ same sequence of outputs; another seed ⇒ a different one. */
function expectSeeded(make: (seed: number) => ImageTransform, s: ImageSample): void {
  const run = (seed: number) => {
    const t = make(seed);
    return Array.from({ length: 6 }, () => Array.from(t(s).image));
  };
  expect(run(11)).toEqual(run(11));
  expect(run(11)).not.toEqual(run(12));
}
