/** Shape helpers used across packages. */
import { formatShape, ShapeError } from './errors';

/** A tensor shape; `null` marks an unknown (batch) dimension in symbolic shapes. */
export type Shape = (number | null)[];

/**
 * Number of elements of a fully known shape.
 *
 * @param shape - Dimensions, all known.
 * @returns Their product (1 for a scalar).
 */
export function sizeFromShape(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Whether both shapes have the same rank and equal known dimensions (`null` matches anything).
 *
 * @param a - First shape.
 * @param b - Second shape.
 * @returns True when compatible.
 */
export function shapesCompatible(a: readonly (number | null)[], b: readonly (number | null)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== null && b[i] !== null && a[i] !== b[i]) return false;
  }
  return true;
}

/**
 * Throws unless `actual` is compatible with `expected` (see {@link shapesCompatible}).
 *
 * @param what - Names the tensor in the message, e.g. `'Dense dense_1 input'`.
 * @param expected - Expected shape; `null` matches any size.
 * @param actual - Shape received.
 * @throws {ShapeError} naming `what` and both shapes when they are incompatible.
 */
export function assertShape(
  what: string,
  expected: readonly (number | null)[],
  actual: readonly (number | null)[],
): void {
  if (!shapesCompatible(expected, actual)) {
    throw new ShapeError(`${what}: expected shape ${formatShape(expected)}, received ${formatShape(actual)}`);
  }
}
