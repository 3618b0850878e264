/** The rows of `robustAccuracy` as a text or Markdown table. */
import type { RobustAccuracyRow } from './robust-accuracy';

/** Options of `formatRobustTable`. */
export interface RobustTableOptions {
  /** A Markdown table instead of aligned text. Default false. */
  markdown?: boolean;
  /** Decimal places of the percentages. Default 1. */
  digits?: number;
}

/**
 * Renders `robustAccuracy` rows: one line per ε with the attack, the clean
 * and the robust accuracy (in percent) and the number of images.
 *
 * @param rows The rows of `robustAccuracy` (or several runs' rows together).
 * @param options `markdown`, `digits`.
 * @returns The table, lines joined with `\n`.
 * @example
 * ```ts no-run
 * console.log(formatRobustTable(await robustAccuracy(model, x, y, { eps: [0.1, 0.3] })));
 * ```
 */
export function formatRobustTable(rows: readonly RobustAccuracyRow[], options: RobustTableOptions = {}): string {
  const digits = options.digits ?? 1;
  const head = ['attack', 'eps', 'clean accuracy', 'robust accuracy', 'images'];
  const cells = rows.map((r) => [
    r.attack,
    String(r.eps),
    `${(r.cleanAccuracy * 100).toFixed(digits)} %`,
    `${(r.robustAccuracy * 100).toFixed(digits)} %`,
    String(r.samples),
  ]);
  if (options.markdown) {
    const line = (c: readonly string[]) => `| ${c.join(' | ')} |`;
    return [
      line(head),
      `| --- | ${head
        .slice(1)
        .map(() => '---:')
        .join(' | ')} |`,
      ...cells.map(line),
    ].join('\n');
  }
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: readonly string[]) =>
    c
      .map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
