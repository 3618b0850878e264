import { ConfigError, type Tensor } from '@convkit/core';
import { type ActivationIdentifier, getActivation, serializeActivation } from '../activations';
import type { LayerArgs } from '../engine/layer';
import type { ActivationFn } from '../engine/types';
import { ElementwiseLayer } from './elementwise';

/** Options of `Activation`. */
export interface ActivationArgs extends LayerArgs {
  /** A registered name (`'relu'`, `'gelu'`, `'softmax'`, ...) or an `ActivationFn`. */
  activation: ActivationIdentifier;
}

/** Applies a named activation function element-wise. */
export class Activation extends ElementwiseLayer {
  static override readonly className = 'Activation';

  /** Activation applied to the output. */
  readonly activation: ActivationFn;

  constructor(args: ActivationArgs) {
    super(args);
    if (args?.activation === undefined) throw new ConfigError(`${this.describe()}: activation is required`);
    this.activation = getActivation(args.activation);
  }

  protected forward(x: Tensor): Tensor {
    return this.activation(x);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), activation: serializeActivation(this.activation) };
  }
}
