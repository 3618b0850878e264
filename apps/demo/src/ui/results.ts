/** After training: the held-out accuracy, the confusion matrix and a grid of held-out digits. */
import type { DigitGrid, Evaluation } from '../protocol';
import { byId, drawDigit, el, percent } from './dom';

function confusionTable(confusion: number[][]): HTMLTableElement {
  const table = el('table', 'confusion');
  const max = Math.max(1, ...confusion.flatMap((row, i) => row.filter((_, j) => j !== i)));
  const head = table.createTHead().insertRow();
  head.append(el('th', 'corner', 'true ↓ / predicted →'));
  for (let j = 0; j < 10; j++) head.append(el('th', undefined, String(j)));
  const body = table.createTBody();
  confusion.forEach((row, i) => {
    const tr = body.insertRow();
    tr.append(el('th', undefined, String(i)));
    const total = row.reduce((a, b) => a + b, 0) || 1;
    row.forEach((count, j) => {
      const td = el('td', i === j ? 'hit' : count > 0 ? 'miss' : undefined, String(count));
      // Diagonal: share of the class found; off-diagonal: relative to the worst confusion.
      const strength = i === j ? count / total : count / max;
      td.style.setProperty('--strength', strength.toFixed(3));
      td.title = `${count} digit(s) ${i} predicted as ${j}`;
      tr.append(td);
    });
  });
  return table;
}

function digitGrid(grid: DigitGrid): HTMLElement {
  const host = el('div', 'digits');
  grid.labels.forEach((label, k) => {
    const wrong = grid.predicted[k] !== label;
    const fig = el('figure', wrong ? 'digit wrong' : 'digit');
    fig.dataset.label = String(label);
    fig.dataset.predicted = String(grid.predicted[k]);
    const canvas = el('canvas');
    drawDigit(canvas, grid.pixels.subarray(k * 784, (k + 1) * 784));
    const caption = el('figcaption', undefined, wrong ? `${grid.predicted[k]} (is ${label})` : String(label));
    fig.append(canvas, caption);
    host.append(fig);
  });
  return host;
}

/** Fills the results section. */
export function showResults(evaluation: Evaluation): void {
  byId('results').hidden = false;
  byId('heldout-accuracy').textContent = percent(evaluation.accuracy);
  byId('heldout-accuracy').dataset.value = String(evaluation.accuracy);
  byId('confusion').replaceChildren(confusionTable(evaluation.confusion));
  const grids = byId('grid');
  const toggle = byId<HTMLInputElement>('only-mistakes');
  const render = () => grids.replaceChildren(digitGrid(toggle.checked ? evaluation.mistakes : evaluation.grid));
  toggle.onchange = render;
  render();
}
