/**
 * What each built-in loss expects as targets, checked before anything is
 * computed: the shape against the predictions (synchronous, no tensor
 * created) and the values on the device (one count, read with the rest of a
 * training step's checks). A wrong pairing such as one-hot labels with a
 * sparse loss, or class ids outside `[0, numClasses)`, would otherwise
 * broadcast into a raw tfjs error or train silently with a loss of 0.
 */
import { DataFormatError, formatShape, ops, type Shape, ShapeError, type Tensor } from '@convkit/core';

/**
 * The kind of targets a loss takes:
 * - `sparse`: integer class ids in `[0, k)`, shaped like the predictions without their last axis (or with it as 1);
 * - `categorical`: one-hot or soft targets in `[0, 1]`, shaped exactly like the predictions;
 * - `binary`: one target in `[0, 1]` per prediction element;
 * - `regression`: one real target per prediction element.
 */
export type TargetKind = 'sparse' | 'categorical' | 'binary' | 'regression';

type Dims = readonly (number | null)[];

function sameDims(a: Dims, b: Dims): boolean {
  return a.length === b.length && a.every((d, i) => d === null || b[i] === null || d === b[i]);
}

/** Drops trailing axes of size 1 (keeping at least one axis): `[n, 1]` → `[n]`. */
function squeezeTail(s: Dims): Dims {
  let end = s.length;
  while (end > 1 && s[end - 1] === 1) end--;
  return s.slice(0, end);
}

const SPARSE_LOSS = "'sparseCategoricalCrossentropy'";
const CATEGORICAL_LOSS = "'categoricalCrossentropy'";

/**
 * Throws a `ShapeError` unless targets of shape `target` fit predictions of
 * shape `pred` for a loss of this `kind` (`null` dimensions match anything).
 * `context` starts the message (e.g. `Model "m".fit`); the message names the
 * loss, both shapes and the fix.
 */
export function checkTargetShape(
  context: string,
  lossName: string,
  kind: TargetKind | undefined,
  target: Dims,
  pred: Dims,
): void {
  if (target.length > 0 && pred.length > 0 && target[0] !== null && pred[0] !== null && target[0] !== pred[0]) {
    throw new ShapeError(
      `${context}: loss '${lossName}' received ${target[0]} targets for ${pred[0]} predictions (targets ${formatShape(target)}, predictions ${formatShape(pred)}); give one target per sample`,
    );
  }
  if (kind === undefined) return;
  if (pred.length === 0 || target.length === 0) {
    if (sameDims(target, pred)) return;
    throw new ShapeError(
      `${context}: loss '${lossName}' received targets of shape ${formatShape(target)} for predictions of shape ${formatShape(pred)}; give targets with a batch axis`,
    );
  }
  const k = pred[pred.length - 1];
  const lead = pred.slice(0, -1);
  const classIds = sameDims(target, lead) || sameDims(target, [...lead, 1]);
  const head = `${context}: loss '${lossName}' received targets of shape ${formatShape(target)} for predictions of shape ${formatShape(pred)}`;
  switch (kind) {
    case 'sparse':
      if (pred.length >= 2 && classIds) return;
      if (pred.length >= 2 && k !== 1 && sameDims(target, pred)) {
        throw new ShapeError(
          `${head}. The targets look one-hot: use loss ${CATEGORICAL_LOSS}, or pass the class ids (shape ${formatShape(lead)}, e.g. argMax of each row)`,
        );
      }
      throw new ShapeError(
        `${head}; it expects integer class ids of shape ${formatShape(lead)} (or ${formatShape([...lead, 1])}), one per sample`,
      );
    case 'categorical':
      if (sameDims(target, pred)) return;
      if (pred.length >= 2 && k !== 1 && classIds) {
        throw new ShapeError(
          `${head}. The targets look like class ids: use loss ${SPARSE_LOSS}, or one-hot encode them to ${formatShape(pred)} (ops.oneHot(labels, ${k ?? 'numClasses'}))`,
        );
      }
      throw new ShapeError(
        `${head}; it expects one-hot or soft targets of the predictions' shape ${formatShape(pred)}`,
      );
    case 'binary':
    case 'regression': {
      if (sameDims(squeezeTail(target), squeezeTail(pred))) return;
      const hint =
        kind === 'binary' && pred.length >= 2 && k !== 1 && classIds
          ? `. The targets look like class ids of ${k ?? 'several'} classes: use loss ${SPARSE_LOSS} with a softmax output, or give one 0/1 target per output`
          : `; it expects one target per prediction, of shape ${formatShape(pred)}`;
      throw new ShapeError(`${head}${hint}`);
    }
  }
}

/** Throws a `DataFormatError` unless `t` has a numeric dtype a loss or a layer can use. */
export function checkNumericDtype(context: string, what: string, t: Tensor): void {
  if (t.dtype === 'float32' || t.dtype === 'int32' || t.dtype === 'bool') return;
  throw new DataFormatError(
    `${context}: ${what} have dtype '${t.dtype}'; expected numbers (float32, int32 or bool tensors)`,
  );
}

/** True when target value `v` is valid for a loss of this `kind` with `k` outputs per sample. */
export function isValidTarget(kind: TargetKind, v: number, k: number): boolean {
  switch (kind) {
    case 'sparse':
      return Number.isInteger(v) && v >= 0 && v < k;
    case 'categorical':
    case 'binary':
      return v >= 0 && v <= 1;
    case 'regression':
      return Number.isFinite(v);
  }
}

/** What valid targets of this `kind` are, for messages. */
export function describeValidTargets(kind: TargetKind, k: number): string {
  switch (kind) {
    case 'sparse':
      return `integer class ids in [0, ${k}) (the model has ${k} outputs per sample)`;
    case 'categorical':
      return 'one-hot or soft targets with every value in [0, 1]';
    case 'binary':
      return 'targets in [0, 1]';
    case 'regression':
      return 'finite targets';
  }
}

/**
 * The number of target values invalid for a loss of this `kind` (a float32
 * scalar, computed on the device), or `null` when every value is valid by
 * construction. `k` is the size of the predictions' last axis. NaN targets
 * count as invalid. Call inside `tidy`.
 */
export function countInvalidTargets(kind: TargetKind | undefined, yTrue: Tensor, k: number): Tensor | null {
  if (kind === undefined || kind === 'regression') return null;
  const y = ops.cast(yTrue, 'float32');
  const inRange =
    kind === 'sparse'
      ? ops.logicalAnd(ops.greaterEqual(y, 0), ops.less(y, k))
      : ops.logicalAnd(ops.greaterEqual(y, 0), ops.lessEqual(y, 1));
  // NaN fails every comparison, so NaN targets are counted too.
  const valid =
    kind === 'sparse' && yTrue.dtype === 'float32' ? ops.logicalAnd(inRange, ops.equal(y, ops.floor(y))) : inRange;
  return ops.sum(ops.cast(ops.logicalNot(valid), 'float32'));
}

/**
 * Host-side description of the invalid targets in `values` (read on the
 * error path only): how many, and the first few with their sample index.
 */
export function describeInvalidTargets(
  kind: TargetKind,
  values: ArrayLike<number>,
  k: number,
  perSample: number,
): { count: number; examples: string } {
  let count = 0;
  const examples: string[] = [];
  for (let i = 0; i < values.length; i++) {
    if (isValidTarget(kind, values[i], k)) continue;
    count++;
    if (examples.length < 3) examples.push(`${values[i]} (sample ${Math.floor(i / perSample)})`);
  }
  return { count, examples: examples.join(', ') };
}

/**
 * Throws the `DataFormatError` for targets that `countInvalidTargets` found
 * invalid, naming the loss, the rule and the first offending values.
 */
export async function throwInvalidTargets(
  context: string,
  lossName: string,
  kind: TargetKind,
  yTrue: Tensor,
  k: number,
): Promise<never> {
  const values = (await yTrue.data()) as ArrayLike<number>;
  const perSample = yTrue.rank === 0 ? 1 : Math.max(1, yTrue.size / yTrue.shape[0]);
  const { count, examples } = describeInvalidTargets(kind, values, k, perSample);
  const fix =
    kind === 'sparse'
      ? `; fix the labels, or give the last layer ${k} units or more if there are more classes`
      : kind === 'binary'
        ? '; binary targets are probabilities (0 or 1 for hard labels)'
        : '';
  throw new DataFormatError(
    `${context}: loss '${lossName}' needs ${describeValidTargets(kind, k)}; received ${count} invalid target value${count === 1 ? '' : 's'} in ${formatShape(yTrue.shape)}: ${examples}${fix}`,
  );
}

/** The shape `[n, ...rest]` of a model's output for a batch of `n` samples. */
export function withBatch(shape: Shape, n: number): Dims {
  return [n, ...shape.slice(1)];
}
