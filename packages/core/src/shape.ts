/** Shape helpers used across packages. */
import { formatShape, ShapeError } from './errors';

/** A tensor shape; `null` marks an unknown (batch) dimension in symbolic shapes. */
export type Shape = (number | null)[];

/** Number of elements of a fully known shape. */
export function sizeFromShape(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** True when both shapes have the same rank and equal known dimensions (`null` matches anything). */
export function shapesCompatible(a: readonly (number | null)[], b: readonly (number | null)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== null && b[i] !== null && a[i] !== b[i]) return false;
  }
  return true;
}

/** Throws a `ShapeError` naming `what` unless `actual` is compatible with `expected`. */
export function assertShape(
  what: string,
  expected: readonly (number | null)[],
  actual: readonly (number | null)[],
): void {
  if (!shapesCompatible(expected, actual)) {
    throw new ShapeError(`${what}: expected shape ${formatShape(expected)}, received ${formatShape(actual)}`);
  }
}
