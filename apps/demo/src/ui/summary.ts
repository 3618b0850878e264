/** The model summary view: one row per layer from `model.summaryData()`. */
import type { ModelSummary } from '@convkit/layers';
import { byId, el } from './dom';

function shape(s: readonly (number | null)[]): string {
  return `[${s.map((d) => (d === null ? 'batch' : d)).join(' × ')}]`;
}

/** Renders `summary` into `#summary`. */
export function showSummary(summary: ModelSummary): void {
  const table = el('table', 'summary');
  const head = table.createTHead().insertRow();
  for (const h of ['layer', 'type', 'output shape', 'parameters']) head.append(el('th', undefined, h));
  const body = table.createTBody();
  for (const l of summary.layers) {
    const tr = body.insertRow();
    tr.dataset.params = String(l.params);
    tr.append(
      el('td', undefined, l.name),
      el('td', undefined, l.className),
      el('td', undefined, shape(l.outputShape)),
      el('td', 'num', l.params.toLocaleString('en-US')),
    );
  }
  const foot = table.createTFoot().insertRow();
  foot.append(
    el('th', undefined, 'total'),
    el('td'),
    el('td'),
    el('td', 'num', summary.totalParams.toLocaleString('en-US')),
  );
  table.dataset.total = String(summary.totalParams);
  byId('summary').replaceChildren(el('p', 'caption', `${summary.name}, input ${shape(summary.inputShape)}`), table);
}
