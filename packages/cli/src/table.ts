/** Plain-text tables for terminal reports. */

/** One row: column name → cell (numbers are printed as given; format them first). */
export type Row = Record<string, string | number>;

/**
 * Renders rows as an aligned table with a header and a rule, e.g.
 *
 * ```
 * metric        value
 * ------------  -----
 * accuracy      0.931
 * ```
 * Numbers are right-aligned, text left-aligned.
 *
 * @param rows - One object per row.
 * @param columns - Column keys, in order; default the first row's keys.
 * @returns The table, lines joined with `\n`.
 */
export function formatTable(rows: readonly Row[], columns: readonly string[] = Object.keys(rows[0] ?? {})): string {
  const cells = rows.map((r) => columns.map((c) => (r[c] === undefined ? '' : String(r[c]))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const numeric = columns.map((c) => rows.every((r) => r[c] === undefined || typeof r[c] === 'number'));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => (numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/**
 * Formats seconds as `12.3 s` or `4 min 05 s`.
 *
 * @param seconds - A duration.
 * @returns e.g. `'12.3 s'`.
 */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - m * 60);
  return `${m} min ${String(s).padStart(2, '0')} s`;
}
