/**
 * The loss an attack follows and its gradient with respect to the images.
 *
 * The model runs in inference mode (dropout off, batch-norm moving
 * statistics), so an attack never changes the model, even in the middle of
 * `fit`. The loss is summed over the batch rather than averaged: each image's
 * gradient is then its own loss's gradient, not 1/n of it, which keeps small
 * gradients away from float32 underflow (the attacks only use their
 * direction).
 */
import { ConfigError, grad, ops, type Tensor } from '@convkit/core';
import { type LayersModel, Softmax } from '@convkit/layers';
import type { AttackLoss } from './options';

/** Smallest probability whose log is taken; far below the loss's 1e-7, so it never clips a confident prediction. */
const TINY = 1e-30;

/** Whether the model's last layer ends in a softmax (a `Softmax` layer or a layer with `activation: 'softmax'`). */
function endsInSoftmax(model: LayersModel): boolean {
  const last = model.layers[model.layers.length - 1];
  if (!last) return false;
  if (last instanceof Softmax) return true;
  return last.getConfig().activation === 'softmax';
}

/**
 * Cross-entropy on probabilities without clipping the predicted probability
 * of the true class at 1 − 1e-7: that clip has a zero gradient, so a
 * confident prediction would give the attack nothing to follow.
 */
function unclippedCrossentropy(sparse: boolean): AttackLoss {
  return (yTrue, yPred) => {
    const k = yPred.shape[yPred.shape.length - 1];
    const target = sparse
      ? ops.oneHot(ops.cast(ops.reshape(yTrue, [-1]), 'int32'), k)
      : ops.reshape(yTrue, yPred.shape);
    const logP = ops.log(ops.maximum(yPred, TINY));
    return ops.neg(ops.mean(ops.sum(ops.mul(ops.cast(target, 'float32'), logP), -1)));
  };
}

/**
 * The loss an attack on `model` follows: `given`, or the compiled loss (see
 * `AttackOptions.loss`).
 *
 * @throws ConfigError when no loss is given and the model is not compiled.
 */
export function resolveLoss(context: string, model: LayersModel, given?: AttackLoss): AttackLoss {
  if (given) return given;
  const lossFn = model.lossFn;
  if (!lossFn) {
    throw new ConfigError(
      `${context}: ${model.describe()} has no loss: compile it ({ optimizer, loss }) or pass options.loss`,
    );
  }
  const name = lossFn.lossName;
  if ((name === 'sparseCategoricalCrossentropy' || name === 'categoricalCrossentropy') && endsInSoftmax(model)) {
    return unclippedCrossentropy(name === 'sparseCategoricalCrossentropy');
  }
  return lossFn;
}

/**
 * The gradient of `loss(y, model(x))`, summed over the batch, with respect to
 * `x`. Creates its intermediates in the caller's scope: call inside `tidy`.
 */
export function inputGradient(model: LayersModel, loss: AttackLoss, x: Tensor, y: Tensor): Tensor {
  const n = x.shape[0];
  const f = (xi: Tensor) => ops.mul(loss(y, model.call(xi, { training: false })), n);
  return grad(f)(x);
}
