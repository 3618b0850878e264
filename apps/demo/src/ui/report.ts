/** The compression report table: one row per step, measured by @convkit/compress's `measureModel`. */
import type { ReportRow } from '@convkit/compress';
import { byId, el } from './dom';

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function count(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return String(n);
}

/** Renders the rows into `#report`. */
export function showReport(rows: readonly ReportRow[]): void {
  if (rows.length === 0) {
    byId('report').replaceChildren();
    return;
  }
  const table = el('table', 'report');
  const head = table.createTHead().insertRow();
  for (const h of ['step', 'params', 'nonzero', 'FLOPs', 'size', 'gzip', 'held-out acc.', 'batch-1 latency'])
    head.append(el('th', undefined, h));
  const body = table.createTBody();
  const base = rows[0];
  for (const r of rows) {
    const tr = body.insertRow();
    tr.dataset.step = r.step;
    const delta =
      r === base
        ? ''
        : ` (${r.accuracy >= base.accuracy ? '+' : ''}${(100 * (r.accuracy - base.accuracy)).toFixed(2)})`;
    tr.append(
      el('td', undefined, r.step),
      el('td', 'num', count(r.params)),
      el('td', 'num', count(r.nonzeroParams)),
      el('td', 'num', count(r.flops)),
      el('td', 'num', kb(r.sizeBytes)),
      el('td', 'num', kb(r.gzipBytes)),
      el('td', 'num', `${(100 * r.accuracy).toFixed(2)} %${delta}`),
      el('td', 'num', `${r.latencyBatch1Ms.toFixed(2)} ms${r.latencyMode === 'float-kernels' ? '*' : ''}`),
    );
  }
  const note = rows.some((r) => r.latencyMode === 'float-kernels')
    ? el(
        'p',
        'caption',
        '* int8 weights timed on float kernels; the accuracy includes the int8 rounding of activations.',
      )
    : el('span');
  byId('report').replaceChildren(table, note);
}
