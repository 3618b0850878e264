/** The tune guide's figure (docs/scripts/render-tune-figures.mjs): log-scale regret curves from the bench's JSON. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRegretSvg } from '../scripts/render-tune-figures.mjs';

const data = {
  seeds: 3,
  trials: 3,
  functions: {
    branin: {
      random: { median: [1, 0.1, 0.01], q1: [0.5, 0.05, 0.005], q3: [2, 0.2, 0.02] },
      tpe: { median: [1, 1, 0.1], q1: [1, 1, 0.1], q3: [1, 1, 0.1] },
    },
  },
};

const points = (svg: string, cls: string, sampler: string) => {
  const m = svg.match(
    new RegExp(
      `<${cls === 'median' ? 'polyline' : 'polygon'} class="${cls}" data-sampler="${sampler}" points="([^"]+)"`,
    ),
  );
  if (!m) throw new Error(`no ${cls} for ${sampler}`);
  return m[1].split(' ').map((p) => p.split(',').map(Number));
};

describe('render-tune-figures', () => {
  it('draws one median line and one quartile band per sampler, on a log scale', () => {
    const svg: string = renderRegretSvg(data, ['branin']);
    expect(svg.startsWith('<svg')).toBe(true);
    const random = points(svg, 'median', 'random');
    expect(random).toHaveLength(3);
    // x evenly spaced; each decade of regret the same height, lower regret lower on the page (larger y).
    expect(random[1][0] - random[0][0]).toBeCloseTo(random[2][0] - random[1][0], 1);
    expect(random[1][1] - random[0][1]).toBeGreaterThan(0);
    expect(random[2][1] - random[1][1]).toBeCloseTo(random[1][1] - random[0][1], 1);
    // TPE's flat start sits on random's first point; its last on random's second level.
    const tpe = points(svg, 'median', 'tpe');
    expect(tpe[1][1]).toBeCloseTo(random[0][1], 5);
    expect(tpe[2][1]).toBeCloseTo(random[1][1], 5);
    // The band runs along q3 and back along q1: 6 points, q3 above (smaller y than) q1.
    const band = points(svg, 'band', 'random');
    expect(band).toHaveLength(6);
    expect(band[0][1]).toBeLessThan(band[5][1]);
    expect(svg).toContain('TPE (independent)');
  });

  it('names a function the data lacks', () => {
    expect(() => renderRegretSvg(data, ['hartmann6'])).toThrow(/no function "hartmann6"/);
  });

  it('the committed figure is the one the committed data draws', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../guide/generated/tune-samplers-regret.json', import.meta.url), 'utf8'),
    );
    const svg = readFileSync(new URL('../public/tune/samplers-regret.svg', import.meta.url), 'utf8');
    expect(renderRegretSvg(committed)).toBe(svg);
    expect(committed.seeds).toBe(30);
    expect(Object.keys(committed.functions).sort()).toEqual(['branin', 'hartmann6']);
  });
});
