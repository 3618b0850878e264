/**
 * Argument checks shared by the attribution methods: the images, the model's
 * input and output shapes, targets and numeric options. Each error names the
 * method, the model and the shapes involved, and is thrown before any tensor
 * is created.
 */
import { ConfigError, DataFormatError, formatShape, ShapeError, type Tensor } from '@convkit/core';
import type { LayersModel } from '@convkit/layers';
import type { ScoreKind, Target } from './types';

/** What a method needs to know about a checked call. */
export interface CheckedCall {
  /** Images in the batch. */
  n: number;
  height: number;
  width: number;
  channels: number;
  /** Classes of the model's output `[N, classes]`. */
  classes: number;
  /** Whether the explained score is the logit (the output layer run without its softmax). */
  logits: boolean;
}

/**
 * Checks that `images` is a float32 `[N, H, W, C]` batch the model takes and
 * that the model outputs class scores `[N, classes]`.
 * @throws ShapeError for a wrong rank or a shape the model does not take; DataFormatError for a non-float32 batch.
 */
export function checkCall(
  method: string,
  model: LayersModel,
  images: Tensor,
  score: ScoreKind | undefined = 'auto',
): CheckedCall {
  if (images === null || typeof images !== 'object' || !Array.isArray((images as Tensor).shape)) {
    throw new ConfigError(`${method}: images must be a tensor of shape [N, H, W, C]`);
  }
  if (images.rank !== 4) {
    throw new ShapeError(
      `${method}: images must be a batch of shape [N, H, W, C]; received a rank-${images.rank} tensor of shape ${formatShape(images.shape)}` +
        (images.rank === 3 ? ' (add the batch dimension: ops.expandDims(image, 0))' : ''),
    );
  }
  if (images.dtype !== 'float32') {
    throw new DataFormatError(`${method}: images must be float32; received ${images.dtype}`);
  }
  const expected = model.inputShape;
  const [n, height, width, channels] = images.shape;
  if (n === 0) throw new ShapeError(`${method}: the batch of images is empty (shape ${formatShape(images.shape)})`);
  if (expected.length !== 4 || expected.slice(1).some((d, i) => d !== null && d !== images.shape[i + 1])) {
    throw new ShapeError(
      `${method}: ${model.describe()} takes inputs of shape ${formatShape(expected)}; images have shape ${formatShape(images.shape)}`,
    );
  }
  const out = model.outputShape;
  if (out.length !== 2 || typeof out[1] !== 'number') {
    throw new ShapeError(
      `${method}: ${model.describe()} outputs ${formatShape(out)}; attribution needs class scores of shape [N, classes]`,
    );
  }
  const softmax = model.outputActivation() === 'softmax';
  if (score !== 'auto' && score !== 'logit' && score !== 'output') {
    throw new ConfigError(`${method}: score must be 'auto', 'logit' or 'output'; got '${score as string}'`);
  }
  if (score === 'logit' && !softmax) {
    throw new ConfigError(
      `${method}: score 'logit' needs a model whose output layer has a softmax activation; ${model.describe()}'s is '${model.outputActivation() ?? 'none'}' (use score: 'output')`,
    );
  }
  return { n, height, width, channels, classes: out[1], logits: softmax && score !== 'output' };
}

/**
 * The target class of every image, or undefined for "predicted".
 * @throws ConfigError for a class outside `[0, classes)` or a list of the wrong length.
 */
export function checkTarget(method: string, target: Target | undefined, call: CheckedCall): number[] | undefined {
  if (target === undefined) return undefined;
  const list = typeof target === 'number' ? new Array<number>(call.n).fill(target) : [...target];
  if (list.length !== call.n) {
    throw new ConfigError(`${method}: target lists ${list.length} classes for ${call.n} images; give one per image`);
  }
  for (const [i, c] of list.entries()) {
    if (!Number.isInteger(c) || c < 0 || c >= call.classes) {
      throw new ConfigError(
        `${method}: target ${c} (image ${i}) is not a class of the model; classes are 0 … ${call.classes - 1}`,
      );
    }
  }
  return list;
}

/** A positive integer option, or its default. @throws ConfigError otherwise. */
export function positiveInt(method: string, name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1) throw new ConfigError(`${method}: ${name} must be a positive integer; got ${v}`);
  return v;
}

/** A finite number option, or its default. @throws ConfigError otherwise. */
export function finiteNumber(method: string, name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new ConfigError(`${method}: ${name} must be a finite number; got ${v}`);
  return v;
}
