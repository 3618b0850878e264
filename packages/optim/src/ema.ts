/** The exponential moving average that Adam, RMSprop and Adadelta keep of gradients and their squares. */
import { ops, type Tensor } from '@convkit/core';

/** `decay·average + (1 − decay)·value`. */
export function ema(average: Tensor, value: Tensor, decay: number): Tensor {
  return ops.add(ops.mul(average, decay), ops.mul(value, 1 - decay));
}
