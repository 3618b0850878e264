/**
 * Colour maps for heat maps: a value in [0, 1] to an RGB colour. The
 * perceptually uniform maps (viridis, inferno, magma) are matplotlib's,
 * sampled at 11 evenly spaced stops and interpolated linearly; `coolwarm` is
 * Moreland's diverging map for signed maps (0.5 = zero).
 */
import { ConfigError } from '@convkit/core';

/** A colour map: `t` in [0, 1] to `[r, g, b]`, each 0–255. */
export type Colormap = (t: number) => [number, number, number];

/** Names of the built-in colour maps. */
export type ColormapName = 'viridis' | 'inferno' | 'magma' | 'gray' | 'coolwarm';

const STOPS: Record<ColormapName, string[]> = {
  viridis: [
    '440154',
    '482475',
    '414487',
    '355f8d',
    '2a788e',
    '21918c',
    '22a884',
    '44bf70',
    '7ad151',
    'bddf26',
    'fde725',
  ],
  inferno: [
    '000004',
    '160b39',
    '420a68',
    '6a176e',
    '932667',
    'bc3754',
    'dd513a',
    'f37819',
    'fca50a',
    'f6d746',
    'fcffa4',
  ],
  magma: ['000004', '140e36', '3b0f70', '641a80', '8c2981', 'b73779', 'de4968', 'f7705c', 'fe9f6d', 'fecf92', 'fcfdbf'],
  gray: ['000000', 'ffffff'],
  coolwarm: ['3b4cc0', '8db0fe', 'dddcdc', 'f49a7b', 'b40426'],
};

function fromStops(hex: string[]): Colormap {
  const rgb = hex.map((h) => [0, 2, 4].map((k) => Number.parseInt(h.slice(k, k + 2), 16)));
  const last = rgb.length - 1;
  return (t) => {
    const x = Math.min(Math.max(Number.isFinite(t) ? t : 0, 0), 1) * last;
    const i = Math.min(Math.floor(x), last - 1);
    const f = x - i;
    const a = rgb[i];
    const b = rgb[i + 1];
    return [0, 1, 2].map((c) => Math.round(a[c] + (b[c] - a[c]) * f)) as [number, number, number];
  };
}

const CACHE = new Map<ColormapName, Colormap>();

/**
 * The built-in colour map `name`.
 * @param name - `'viridis'`, `'inferno'`, `'magma'`, `'gray'` or `'coolwarm'` (diverging).
 * @returns a function from [0, 1] to `[r, g, b]` (values outside [0, 1] are clamped).
 * @throws ConfigError for an unknown name, listing the known ones.
 */
export function colormap(name: ColormapName): Colormap {
  if (!Object.hasOwn(STOPS, name)) {
    throw new ConfigError(`Unknown colormap '${name}'; known: ${Object.keys(STOPS).join(', ')}`);
  }
  let map = CACHE.get(name);
  if (!map) {
    map = fromStops(STOPS[name]);
    CACHE.set(name, map);
  }
  return map;
}
