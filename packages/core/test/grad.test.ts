/**
 * `variableGrads` frees the tensors the tape saved for the backward pass when
 * the function throws (tfjs-core keeps them forever), and still computes the
 * same gradients as tfjs-core when it does not.
 */
import { numTensors, ops, tensor1d, tidy, variable, variableGrads } from '@convkit/core';
import { describe, expect, it } from 'vitest';

describe('variableGrads', () => {
  it('leaks nothing when the loss function throws midway', () => {
    const w = variable(tensor1d([1, 2, 3]), true, 'grad_leak_w');
    const count = numTensors();
    const failing = () => {
      const h = ops.relu(ops.mul(w, 2)); // saved for the backward pass
      const s = ops.sigmoid(h); // saved too
      // a broadcast error, as a loss given targets of the wrong shape raises
      return ops.sum(ops.add(s, tensor1d([1, 2]))) as never;
    };
    expect(() => variableGrads(failing, [w])).toThrow();
    expect(numTensors()).toBe(count);
    // the tape is usable afterwards: d/dw sum(relu(2w)) = 2
    const { value, grads } = variableGrads(() => ops.sum(ops.relu(ops.mul(w, 2))) as never, [w]);
    expect(Array.from(grads[w.name].dataSync())).toEqual([2, 2, 2]);
    expect(value.dataSync()[0]).toBe(12);
    tidy(() => [value, ...Object.values(grads)].forEach((t) => t.dispose()));
    expect(numTensors()).toBe(count);
    w.dispose();
  });
});
