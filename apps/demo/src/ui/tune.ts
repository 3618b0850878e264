/**
 * The tune panel's views: the table of finished trials, the best-so-far curve and the parameter
 * importances, drawn as plain SVG from the data @convkit/tune's `bestSoFar` and
 * `paramImportances` return (the worker computes them; the page imports no tune code).
 */
import type { TuneTrialRow } from '../protocol';
import { byId, el, percent } from './dom';

const SVG = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Learning rates as `3.2e-3`. */
export function formatLr(lr: number): string {
  return lr.toExponential(1);
}

/** Renders the finished trials into `#tune-trials`, the best one marked. */
export function showTuneTrials(rows: readonly TuneTrialRow[], best?: TuneTrialRow): void {
  const table = el('table', 'tune-trials');
  const head = table.createTHead().insertRow();
  for (const h of ['trial', 'learning rate', 'filters', 'dropout', 'epochs', 'held-out acc.', 'state'])
    head.append(el('th', undefined, h));
  const body = table.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    tr.dataset.trial = String(r.number);
    tr.dataset.state = r.state;
    if (best && r.number === best.number) tr.classList.add('best');
    for (const text of [
      `#${r.number}`,
      formatLr(r.params.lr),
      String(r.params.filters),
      r.params.dropout.toFixed(2),
      String(r.epochs),
      r.valAccuracy === undefined ? '–' : percent(r.valAccuracy),
      r.state === 'pruned' ? 'pruned (ASHA)' : r.state,
    ])
      tr.append(el('td', undefined, text));
  }
  byId('tune-trials').replaceChildren(table);
}

/**
 * Draws the best-so-far curve into `#tune-best-curve`: each complete trial's accuracy as a dot and
 * the best accuracy so far as a step line, against the trial number.
 */
export function drawBestSoFar(
  points: readonly { number: number; value: number; best: number }[],
  trials: number,
): void {
  const W = 320;
  const H = 180;
  const m = { l: 40, r: 10, t: 10, b: 28 };
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'tune-chart' });
  root.append(svg('title', {}, 'Best held-out accuracy so far, by trial'));
  const values = points.flatMap((p) => [p.value, p.best]);
  const lo = values.length ? Math.max(0, Math.floor(Math.min(...values) * 10) / 10) : 0;
  const hi = values.length ? Math.min(1, Math.ceil(Math.max(...values) * 10) / 10 + 1e-9) : 1;
  const span = hi - lo || 0.1;
  const x = (n: number) => m.l + ((W - m.l - m.r) * n) / Math.max(1, trials - 1);
  const y = (v: number) => m.t + (H - m.t - m.b) * (1 - (v - lo) / span);
  root.append(svg('line', { x1: m.l, y1: H - m.b, x2: W - m.r, y2: H - m.b, class: 'axis' }));
  root.append(svg('line', { x1: m.l, y1: m.t, x2: m.l, y2: H - m.b, class: 'axis' }));
  for (const v of [lo, (lo + hi) / 2, hi])
    root.append(svg('text', { x: m.l - 4, y: y(v) + 4, 'text-anchor': 'end' }, percent(v, 0)));
  const step = Math.max(1, Math.ceil(trials / 6));
  for (let n = 0; n < trials; n += step)
    root.append(svg('text', { x: x(n), y: H - m.b + 14, 'text-anchor': 'middle' }, `#${n}`));
  root.append(svg('text', { x: (m.l + W - m.r) / 2, y: H - 2, 'text-anchor': 'middle' }, 'trial'));
  if (points.length) {
    let d = `M${x(points[0].number)},${y(points[0].best)}`;
    for (let i = 1; i < points.length; i++) d += ` H${x(points[i].number)} V${y(points[i].best)}`;
    root.append(svg('path', { d, class: 'best-line' }));
    for (const p of points) root.append(svg('circle', { cx: x(p.number), cy: y(p.value), r: 3, class: 'trial-dot' }));
  }
  const box = byId('tune-best-curve');
  box.dataset.points = String(points.length);
  box.replaceChildren(root);
}

/** Draws the parameter importances into `#tune-importances` as horizontal bars, most important first. */
export function drawImportances(importances: Record<string, number>): void {
  const entries = Object.entries(importances);
  const W = 320;
  const row = 26;
  const H = Math.max(1, entries.length) * row + 10;
  const left = 70;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'tune-chart' });
  root.append(svg('title', {}, 'Parameter importances (share of the variance of the accuracy)'));
  entries.forEach(([name, v], i) => {
    const yTop = 5 + i * row;
    root.append(svg('text', { x: left - 6, y: yTop + 16, 'text-anchor': 'end' }, name));
    root.append(
      svg('rect', { x: left, y: yTop + 4, width: Math.max(1, (W - left - 50) * v), height: 16, class: 'tune-bar' }),
    );
    root.append(svg('text', { x: left + (W - left - 50) * v + 4, y: yTop + 16 }, percent(v, 0)));
  });
  const box = byId('tune-importances');
  box.dataset.params = entries.map(([n]) => n).join(',');
  box.replaceChildren(root);
  // paramImportances gives 0 to a parameter seen in fewer than 4 complete trials.
  if (entries.length > 0 && entries.every(([, v]) => v === 0))
    box.append(el('p', 'hint', 'All 0 so far: importances need at least 4 complete (not pruned) trials.'));
}
