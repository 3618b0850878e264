/**
 * `SymbolicTensor`: what flows through a functional graph while it is wired
 * (`layer.apply(Input(...))`): a shape and the layer call that produced it.
 */
import type { Shape } from '@convkit/core';
import type { Layer } from './layer';

let nextSymbolicId = 0;

/**
 * A placeholder tensor flowing through a functional graph: it knows its
 * shape (batch dimension `null`) and the layer call that produced it.
 */
export class SymbolicTensor {
  /** Process-wide unique id, used to order and look up graph nodes. */
  readonly id = nextSymbolicId++;

  /**
   * Created by {@link Layer.apply} on symbolic inputs and by {@link Input}.
   *
   * @param shape - Shape with a `null` batch dimension.
   * @param sourceLayer - The layer whose call produced this tensor.
   * @param inputs - The symbolic inputs of that call.
   * @param name - Name for messages.
   */
  constructor(
    /** Shape with a `null` batch dimension. */
    readonly shape: Shape,
    /** The layer whose call produced this tensor (an `InputLayer` for model inputs). */
    readonly sourceLayer: Layer,
    /** The symbolic inputs of that call. */
    readonly inputs: readonly SymbolicTensor[],
    /** Name for messages, e.g. `'conv2d_1/output'`. */
    readonly name: string,
  ) {}
}

/**
 * Whether `x` is a symbolic tensor or a non-empty list of them (functional API) rather than real tensors.
 *
 * @param x - A layer input.
 * @returns True for symbolic inputs.
 */
export function isSymbolic(x: unknown): x is SymbolicTensor | SymbolicTensor[] {
  return x instanceof SymbolicTensor || (Array.isArray(x) && x.length > 0 && x[0] instanceof SymbolicTensor);
}
