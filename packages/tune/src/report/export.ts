/** Trials as CSV and JSON. */
import type { TrialRecord } from '../types';

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Trials as CSV (RFC 4180): `number,state,value,duration_ms,params_<name>…,user_attrs_<key>…,error`,
 * one row per trial, parameter and attribute columns sorted by name, empty cells for missing values,
 * JSON for structured attributes.
 *
 * @param trials - Trial records.
 * @returns The CSV text, with a header row and a final newline.
 *
 * @example
 * ```ts
 * await writeFile('trials.csv', trialsToCsv(await study.trials()));
 * ```
 */
export function trialsToCsv(trials: readonly TrialRecord[]): string {
  const params = [...new Set(trials.flatMap((t) => Object.keys(t.params)))].sort();
  const attrs = [...new Set(trials.flatMap((t) => Object.keys(t.userAttrs ?? {})))].sort();
  const header = [
    'number',
    'state',
    'value',
    'duration_ms',
    ...params.map((p) => `params_${p}`),
    ...attrs.map((a) => `user_attrs_${a}`),
    'error',
  ];
  const lines = [header.map(csvCell).join(',')];
  for (const t of [...trials].sort((a, b) => a.number - b.number)) {
    const duration = t.finishedAt ? Date.parse(t.finishedAt) - Date.parse(t.startedAt) : undefined;
    const row = [
      t.number,
      t.state,
      t.value,
      duration !== undefined && Number.isFinite(duration) ? duration : undefined,
      ...params.map((p) => t.params[p]),
      ...attrs.map((a) => t.userAttrs?.[a]),
      t.error,
    ];
    lines.push(row.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Trials as pretty-printed JSON (an array of the stored records).
 *
 * @param trials - Trial records.
 * @returns The JSON text.
 */
export function trialsToJson(trials: readonly TrialRecord[]): string {
  return `${JSON.stringify(
    [...trials].sort((a, b) => a.number - b.number),
    null,
    2,
  )}\n`;
}
