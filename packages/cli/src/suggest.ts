/** "Did you mean …?" for mistyped commands, flags and choices. */

/** Inputs longer than this are not compared (a typo is short; this keeps every call fast). */
const MAX_COMPARED = 64;

/** Levenshtein distance with adjacent transpositions counted as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[(i - 2) * cols + j - 2] + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1];
}

/**
 * The candidate closest to `input` (case-insensitive), if it is close enough
 * to be a typo: at most one edit per three characters (at least one), or
 * `input` is the start of exactly one candidate (`--ep` → `epochs`).
 */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const x = input.toLowerCase();
  if (x.length === 0 || x.length > MAX_COMPARED) return undefined;
  const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(x));
  if (prefixed.length === 1 && x.length >= 2) return prefixed[0];
  const limit = Math.max(1, Math.floor(x.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    if (Math.abs(c.length - x.length) > limit) continue;
    const distance = editDistance(x, c.toLowerCase());
    if (distance < bestDistance) {
      best = c;
      bestDistance = distance;
    }
  }
  return best;
}
