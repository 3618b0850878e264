#!/usr/bin/env node
/**
 * Draws the figure of the tune guide (docs/guide/tune.md): the regret of the best trial so far
 * against the number of trials, per sampler, on Branin and Hartmann-6 — the median over the
 * bench's seeds as a line and the quartiles (q1–q3) as a band, on a log scale. The data is the
 * JSON that the sampler benchmark writes with `--json` (committed next to the figure); this script
 * only draws it, as a plain SVG with no dependencies.
 *
 * Regenerate the data (a few minutes; the Optuna rows need a Python with optuna), then the figure:
 *
 *   pnpm turbo run build --filter=@convkit/tune... && node packages/tune/bench/samplers.mjs \
 *     --functions branin,hartmann6 --python /path/to/python --json docs/guide/generated/tune-samplers-regret.json
 *   node docs/scripts/render-tune-figures.mjs
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Line colours and dashes per sampler (samplers not listed get grey). */
export const STYLES = {
  random: { color: '#6b7280', dash: '6 4', label: 'random' },
  tpe: { color: '#60a5fa', dash: '', label: 'TPE (independent)' },
  'tpe-mv': { color: '#1d4ed8', dash: '', label: 'TPE (multivariate)' },
  evolutionary: { color: '#ea580c', dash: '', label: 'evolutionary' },
  'optuna-tpe': { color: '#15803d', dash: '2 3', label: 'Optuna TPE (multivariate)' },
  'optuna-tpe-indep': { color: '#86efac', dash: '2 3', label: 'Optuna TPE (independent)' },
};

const TITLES = {
  branin: 'Branin (2-D)',
  hartmann6: 'Hartmann-6 (6-D)',
  'noisy-hparams': 'noisy hyper-parameter surface',
};
/** Regrets below this are drawn at it (log scale). */
const FLOOR = 1e-3;

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (x) => Number(x.toFixed(1));

/**
 * The SVG of the regret curves in `data` (the bench's `--json` output) for `functions`.
 *
 * @param {{ seeds: number, trials: number, functions: Record<string, Record<string, { median: number[], q1: number[], q3: number[] }>> }} data
 * @param {string[]} functions - Functions to draw, one panel each.
 * @returns {string} An SVG document.
 */
export function renderRegretSvg(data, functions = ['branin', 'hartmann6']) {
  for (const f of functions) {
    if (!data.functions?.[f]) throw new Error(`render-tune-figures: the data has no function ${JSON.stringify(f)}`);
  }
  const panelW = 440;
  const panelH = 300;
  const m = { l: 56, r: 14, t: 30, b: 42 };
  const legendH = 54;
  const W = panelW * functions.length;
  const H = panelH + legendH;
  const parts = [];
  const samplers = [...new Set(functions.flatMap((f) => Object.keys(data.functions[f])))];
  functions.forEach((f, k) => {
    const series = data.functions[f];
    const x0 = k * panelW;
    const all = Object.values(series).flatMap((s) => [...s.q1, ...s.q3, ...s.median]);
    const lo = Math.floor(Math.log10(Math.max(FLOOR, Math.min(...all.filter((v) => v > 0)))));
    const hi = Math.ceil(Math.log10(Math.max(...all)));
    const n = data.trials;
    const x = (t) => x0 + m.l + ((panelW - m.l - m.r) * (t - 1)) / Math.max(1, n - 1);
    const y = (v) => m.t + ((panelH - m.t - m.b) * (hi - Math.log10(Math.max(FLOOR, v)))) / Math.max(1, hi - lo);
    parts.push(`<g class="panel" data-function="${esc(f)}">`);
    parts.push(
      `<text x="${x0 + panelW / 2}" y="18" text-anchor="middle" font-weight="600">${esc(TITLES[f] ?? f)}</text>`,
    );
    for (let e = lo; e <= hi; e++) {
      const yy = num(y(10 ** e));
      parts.push(`<line x1="${x0 + m.l}" x2="${x0 + panelW - m.r}" y1="${yy}" y2="${yy}" stroke="#e5e7eb"/>`);
      parts.push(`<text x="${x0 + m.l - 6}" y="${yy + 4}" text-anchor="end">1e${e}</text>`);
    }
    for (const t of [1, ...[20, 40, 60, 80, 100, 150, 200].filter((t) => t <= n)]) {
      parts.push(`<text x="${num(x(t))}" y="${panelH - m.b + 16}" text-anchor="middle">${t}</text>`);
    }
    parts.push(
      `<text x="${x0 + (m.l + panelW - m.r) / 2}" y="${panelH - 8}" text-anchor="middle">trials</text>`,
      `<text transform="translate(${x0 + 14} ${(m.t + panelH - m.b) / 2}) rotate(-90)" text-anchor="middle">regret of the best trial so far</text>`,
      `<rect x="${x0 + m.l}" y="${m.t}" width="${panelW - m.l - m.r}" height="${panelH - m.t - m.b}" fill="none" stroke="#9ca3af"/>`,
    );
    for (const s of samplers) {
      const d = series[s];
      if (!d) continue;
      const style = STYLES[s] ?? { color: '#9ca3af', dash: '' };
      const upper = d.q3.map((v, i) => `${num(x(i + 1))},${num(y(v))}`);
      const lower = d.q1.map((v, i) => `${num(x(i + 1))},${num(y(v))}`).reverse();
      parts.push(
        `<polygon class="band" data-sampler="${esc(s)}" points="${[...upper, ...lower].join(' ')}" fill="${style.color}" fill-opacity="0.08"/>`,
      );
      parts.push(
        `<polyline class="median" data-sampler="${esc(s)}" points="${d.median.map((v, i) => `${num(x(i + 1))},${num(y(v))}`).join(' ')}" fill="none" stroke="${style.color}" stroke-width="2"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`,
      );
    }
    parts.push('</g>');
  });
  const perRow = 3;
  samplers.forEach((s, i) => {
    const style = STYLES[s] ?? { color: '#9ca3af', dash: '', label: s };
    const lx = 40 + (i % perRow) * ((W - 80) / perRow);
    const ly = panelH + 16 + Math.floor(i / perRow) * 20;
    parts.push(
      `<line x1="${lx}" x2="${lx + 28}" y1="${ly}" y2="${ly}" stroke="${style.color}" stroke-width="2"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`,
      `<text x="${lx + 34}" y="${ly + 4}">${esc(style.label ?? s)}</text>`,
    );
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="system-ui, sans-serif" font-size="12" role="img">`,
    `<title>Regret of the best trial so far per sampler: median (line) and quartiles (band) over ${data.seeds} seeds</title>`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const input =
    process.argv[2] ?? fileURLToPath(new URL('../guide/generated/tune-samplers-regret.json', import.meta.url));
  const output = process.argv[3] ?? fileURLToPath(new URL('../public/tune/samplers-regret.svg', import.meta.url));
  const data = JSON.parse(await readFile(input, 'utf8'));
  const tmp = `${output}.${process.pid}.tmp`;
  await writeFile(tmp, renderRegretSvg(data));
  await rename(tmp, output);
  console.log(`wrote ${output}`);
}
