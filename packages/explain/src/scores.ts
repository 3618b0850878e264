/**
 * The score a map explains and its gradient with respect to the input. The
 * score of image i is the model's output for its target class (for a softmax
 * head: the class probability). Targets travel as a one-hot mask `[N,
 * classes]`, so the predicted class is found on the device without a read.
 */
import { grad, ops, type Tensor, tensor2d, tidy } from '@convkit/core';
import type { LayersModel } from '@convkit/layers';

/**
 * One-hot mask `[N, classes]` of the targets, or of the predicted classes
 * when `targets` is undefined. The caller owns the result.
 */
export function targetMask(model: LayersModel, images: Tensor, classes: number, targets?: number[]): Tensor {
  if (targets) {
    const values = new Float32Array(targets.length * classes);
    targets.forEach((c, i) => {
      values[i * classes + c] = 1;
    });
    return tensor2d(values, [targets.length, classes]);
  }
  return tidy(() => ops.cast(ops.oneHot(ops.argMax(model.call(images), 1), classes), 'float32'));
}

/** Scores `[N]` of `images` for the classes in `mask` (logits when `logits`). Creates intermediates in the caller's scope. */
export function maskedScores(model: LayersModel, images: Tensor, mask: Tensor, logits: boolean): Tensor {
  return ops.sum(ops.mul(model.call(images, { logits }), mask), 1);
}

/**
 * Gradient of each row's score with respect to that row of `inputs`
 * (`[M, H, W, C]`, `mask` `[M, classes]`), computed `batchSize` rows at a
 * time. Rows are independent in inference mode, so the gradient of the summed
 * score is every row's own gradient. The caller owns the result.
 */
export function inputGradients(
  model: LayersModel,
  inputs: Tensor,
  mask: Tensor,
  batchSize: number,
  logits: boolean,
): Tensor {
  const m = inputs.shape[0];
  const of = (x: Tensor, k: Tensor) => grad((xi: Tensor) => ops.sum(maskedScores(model, xi, k, logits)))(x);
  if (m <= batchSize) return tidy(() => of(inputs, mask));
  const parts: Tensor[] = [];
  try {
    for (let start = 0; start < m; start += batchSize) {
      const size = Math.min(batchSize, m - start);
      parts.push(
        tidy(() =>
          of(ops.slice(inputs, [start, 0, 0, 0], [size, -1, -1, -1]), ops.slice(mask, [start, 0], [size, -1])),
        ),
      );
    }
    return ops.concat(parts, 0);
  } finally {
    for (const p of parts) p.dispose();
  }
}
