/** Automatic layer names: `conv2d_1`, `conv2d_2`, ... unique in the process. */
const nameCounters = new Map<string, number>();

/**
 * `Conv2D` → `conv2d`, `BatchNormalization` → `batch_normalization`.
 *
 * @param name - A class name.
 * @returns The snake-case name.
 */
export function toSnakeCase(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * A fresh name `prefix_N`, unique in this process (until `resetLayerNames`).
 *
 * @param prefix - Name stem, e.g. `'conv2d'`.
 * @returns e.g. `'conv2d_3'`.
 */
export function uniqueLayerName(prefix: string): string {
  const n = (nameCounters.get(prefix) ?? 0) + 1;
  nameCounters.set(prefix, n);
  return `${prefix}_${n}`;
}

/** Resets the automatic name counters (useful in tests and notebooks). */
export function resetLayerNames(): void {
  nameCounters.clear();
}
