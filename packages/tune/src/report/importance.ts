/** Parameter importances by the correlation ratio over quantile bins. */
import { ConfigError } from '@convkit/core';
import type { ParamValue, TrialRecord } from '../types';

/** Options of {@link paramImportances}. */
export interface ParamImportanceOptions {
  /** Bins per numeric parameter (default 4; fewer when there are few trials). */
  bins?: number;
}

/**
 * How much of the objective's variance each parameter explains, from the complete trials. For each
 * parameter, the trials that have it are grouped — by category, or into `bins` equal-count bins of
 * the value (quantiles; log scale does not matter for ranks) — and the **correlation ratio**
 * η² = (variance of the group means, weighted by group size) / (total variance) is computed. η² is 0
 * when the groups have the same mean and 1 when the parameter alone determines the objective. The
 * importances are the η² values normalised to sum to 1 (all 0 when the objective does not vary),
 * sorted from most to least important. Deterministic; a coarse but honest first look (fANOVA would
 * also capture interactions). Fewer than 4 trials with a parameter give it 0.
 *
 * @param trials - Trial records.
 * @param options - `bins` (default 4).
 * @returns Importances by parameter name, most important first.
 * @throws {ConfigError} when `bins` is not an integer >= 2.
 *
 * @example
 * ```ts
 * paramImportances(await study.trials()); // { lr: 0.81, filters: 0.15, dropout: 0.04 }
 * ```
 */
export function paramImportances(
  trials: readonly TrialRecord[],
  options: ParamImportanceOptions = {},
): Record<string, number> {
  const bins = options?.bins ?? 4;
  if (!Number.isSafeInteger(bins) || bins < 2)
    throw new ConfigError(`paramImportances: bins must be an integer >= 2, got ${String(bins)}`);
  const complete = trials.filter(
    (t) => t.state === 'complete' && typeof t.value === 'number' && Number.isFinite(t.value),
  );
  const names = [...new Set(complete.flatMap((t) => Object.keys(t.params)))].sort();
  const eta: Record<string, number> = {};
  for (const name of names) {
    const rows = complete
      .filter((t) => t.params[name] !== undefined)
      .map((t) => ({ p: t.params[name], v: t.value as number }));
    eta[name] = rows.length < 4 ? 0 : correlationRatio(rows, bins);
  }
  const total = Object.values(eta).reduce((a, b) => a + b, 0);
  const out = names.map((n) => [n, total > 0 ? eta[n] / total : 0] as const);
  out.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return Object.fromEntries(out);
}

function groupKey(p: ParamValue): string {
  return JSON.stringify(p);
}

/** η² of `v` grouped by `p`. */
function correlationRatio(rows: readonly { p: ParamValue; v: number }[], bins: number): number {
  const numeric = rows.every((r) => typeof r.p === 'number');
  const groups = new Map<string, number[]>();
  if (numeric) {
    const sorted = [...rows].sort((a, b) => (a.p as number) - (b.p as number));
    const k = Math.max(2, Math.min(bins, Math.floor(rows.length / 2)));
    // Equal-count bins by rank; equal values always share a bin.
    let bin = 0;
    sorted.forEach((r, i) => {
      const target = Math.floor((i * k) / sorted.length);
      if (target > bin && r.p !== sorted[i - 1].p) bin = target;
      const key = String(bin);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)?.push(r.v);
    });
  } else {
    for (const r of rows) {
      const key = groupKey(r.p);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)?.push(r.v);
    }
  }
  const n = rows.length;
  const mean = rows.reduce((a, r) => a + r.v, 0) / n;
  const total = rows.reduce((a, r) => a + (r.v - mean) ** 2, 0);
  if (!(total > 0)) return 0;
  let between = 0;
  for (const g of groups.values()) {
    const m = g.reduce((a, b) => a + b, 0) / g.length;
    between += g.length * (m - mean) ** 2;
  }
  return between / total;
}
