/**
 * Grad-CAM (Selvaraju et al., 2017): the activations of a convolutional
 * layer weighted by how much each channel's mean gradient raises the class
 * score, summed over the channels, kept where positive and resized to the
 * image. Coarse (the layer's resolution) but class-discriminative.
 */
import { ConfigError, formatShape, grad, keep, ops, ShapeError, type Tensor, tidy, zeros } from '@convkit/core';
import { Conv2D, DepthwiseConv2D, type Layer, type LayersModel, SeparableConv2D } from '@convkit/layers';
import { checkCall, checkTarget } from './checks';
import { targetMask } from './scores';
import type { AttributionOptions } from './types';
import { resizeBilinear } from './upsample';

/** Options of `gradCam`. */
export interface GradCamOptions extends AttributionOptions {
  /**
   * Name of the layer whose activations are weighted: any layer with an
   * output `[N, h, w, channels]`. Default: the last convolution (Conv2D,
   * DepthwiseConv2D or SeparableConv2D) in execution order.
   */
  layer?: string;
  /** Keep only the positive part of the weighted sum (the paper's ReLU). Default true. */
  relu?: boolean;
}

/** The convolution layers of `model`, in execution order. */
export function convLayers(model: LayersModel): Layer[] {
  return model.layers.filter(
    (l) => l instanceof Conv2D || l instanceof DepthwiseConv2D || l instanceof SeparableConv2D,
  );
}

/** The layer Grad-CAM uses and its output shape. @throws ConfigError / ShapeError naming the convolution layers. */
function chooseLayer(method: string, model: LayersModel, name: string | undefined): { layer: Layer; shape: number[] } {
  const convs = convLayers(model);
  const listed = convs.length
    ? `Convolution layers: ${convs.map((l) => l.name).join(', ')}`
    : 'It has no convolution layer';
  let layer: Layer | undefined;
  if (name === undefined) {
    layer = convs[convs.length - 1];
    if (!layer)
      throw new ConfigError(
        `${method}: ${model.describe()} has no convolution layer; name a layer with an [N, h, w, channels] output`,
      );
  } else {
    layer = model.layers.find((l) => l.name === name);
    if (!layer) throw new ConfigError(`${method}: ${model.describe()} has no layer '${name}'. ${listed}`);
  }
  const shape = model.layerOutputShapes()[model.layers.indexOf(layer)];
  if (shape.length !== 4) {
    throw new ShapeError(
      `${method}: layer '${layer.name}' outputs ${formatShape(shape)}; Grad-CAM needs a layer with an [N, h, w, channels] output. ${listed}`,
    );
  }
  return { layer, shape: shape.slice(1) as number[] };
}

/**
 * Grad-CAM map of each image's class score on a convolutional layer,
 * bilinearly resized to the image's height and width. Works on `Sequential`
 * and functional models (the layer's output is read and differentiated
 * through `model.call`'s `tap`). Values are the raw weighted activations
 * (not normalised); render them with `renderHeatmap`.
 *
 * @param model - a classifier whose output is `[N, classes]`.
 * @param images - float32 batch `[N, H, W, C]` the model takes.
 * @param options - `layer` (default: the last convolution), `target` (default: predicted class), `relu`.
 * @returns a map `[N, H, W]` the caller owns.
 * @throws ConfigError for an unknown layer name (the message lists the convolution layers) or a layer called more than once; ShapeError for a layer without a spatial output or images of the wrong shape.
 * @example
 * ```ts no-run
 * const cam = await gradCam(model, images, { layer: 'conv2d_2' });
 * ```
 */
export async function gradCam(model: LayersModel, images: Tensor, options: GradCamOptions = {}): Promise<Tensor> {
  const method = 'gradCam';
  const call = checkCall(method, model, images, options.score);
  const targets = checkTarget(method, options.target, call);
  const { layer, shape } = chooseLayer(method, model, options.layer);
  return tidy(() => {
    const mask = targetMask(model, images, call.classes, targets);
    let activation: Tensor | undefined;
    let calls = 0;
    // The gradient with respect to a zero added to the layer's output is the gradient with respect to the output.
    const delta = zeros([call.n, ...shape]);
    let gradient: Tensor;
    try {
      gradient = grad((d: Tensor) => {
        const out = model.call(images, {
          logits: call.logits,
          tap: (l, o) => {
            if (l !== layer) return o;
            calls++;
            activation?.dispose();
            activation = keep(ops.add(o, 0));
            return ops.add(o, d);
          },
        });
        return ops.sum(ops.mul(out, mask));
      })(delta);
    } catch (err) {
      activation?.dispose();
      throw err;
    }
    const act = activation;
    try {
      if (!act || calls !== 1) {
        throw new ConfigError(
          `${method}: layer '${layer.name}' is called ${calls} times in ${model.describe()}; Grad-CAM needs a layer called once`,
        );
      }
      const weights = ops.mean(gradient!, [1, 2], true); // [N, 1, 1, channels]
      let cam = ops.sum(ops.mul(act, weights), -1); // [N, h, w]
      if (options.relu ?? true) cam = ops.relu(cam);
      return resizeBilinear(cam, call.height, call.width);
    } finally {
      act?.dispose();
    }
  });
}
