import { ConfigError } from '@convkit/core';

/**
 * A model holds a layer (or a layer option, or an activation) that
 * `exportOnnx` cannot express in ONNX. `layerName` and `className` name it;
 * the message says what is refused and what is supported.
 */
export class UnsupportedLayerError extends ConfigError {
  override readonly name = 'UnsupportedLayerError';

  /**
   * @param layerName - The layer's name in the model, e.g. `conv2d_3`.
   * @param className - Its class, e.g. `Conv2D`.
   * @param reason - What cannot be exported, as a sentence.
   */
  constructor(
    /** The layer's name in the model. */
    readonly layerName: string,
    /** The layer's class name. */
    readonly className: string,
    reason: string,
  ) {
    super(`exportOnnx: ${className} layer "${layerName}" cannot be exported to ONNX: ${reason}`);
  }
}
