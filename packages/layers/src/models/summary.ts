/**
 * The structured form of `model.summary()`: one row per layer (name, class,
 * output shape, parameters) and the totals, for apps that render their own
 * table (the web demo) or check a model's size in code.
 */
import type { Shape } from '@convkit/core';
import type { LayerWeight } from '../engine/layer';
import type { LayersModel } from './layers-model';

/** One layer of a `ModelSummary`. */
export interface LayerSummary {
  /** The layer's unique name, e.g. `'conv2d_1'`. */
  name: string;
  /** The layer's class, e.g. `'Conv2D'`. */
  className: string;
  /** Output shape with a `null` batch dimension. */
  outputShape: Shape;
  /** Parameters of the layer (trainable and not). */
  params: number;
  /** The trainable part of `params`. */
  trainableParams: number;
  /** The layer's `trainable` flag: false for a frozen layer (transfer learning). */
  trainable: boolean;
}

/** What `model.summaryData()` returns: the data behind `model.summary()`. */
export interface ModelSummary {
  /** The model's name. */
  name: string;
  /** The layers in execution order. */
  layers: LayerSummary[];
  /** Input shape with a `null` batch dimension. */
  inputShape: Shape;
  /** Every parameter of the model, each shared weight once. */
  totalParams: number;
  /** Parameters `fit` updates: the weights of trainable layers, batch-norm moving statistics excluded. */
  trainableParams: number;
  /** Parameters `fit` does not update by gradient: frozen layers' weights and batch-norm moving statistics. */
  nonTrainableParams: number;
}

function countWeights(ws: readonly LayerWeight[]): number {
  return ws.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
}

/**
 * The summary of `model` as data (see `LayersModel.summaryData`).
 *
 * @param model - A built model.
 * @returns One row per layer and the parameter totals.
 */
export function summarizeModel(model: LayersModel): ModelSummary {
  const shapes = model.layerOutputShapes();
  const layers = model.layers.map((l, i) => ({
    name: l.name,
    className: l.className,
    outputShape: shapes[i],
    params: l.countParams(),
    trainableParams: countWeights(l.weights.filter((w) => w.trainable)),
    trainable: l.trainable,
  }));
  const trainableParams = countWeights(model.trainableWeights);
  const nonTrainableParams = countWeights(model.nonTrainableWeights);
  return {
    name: model.name,
    layers,
    inputShape: model.inputShape,
    totalParams: model.countParams(),
    trainableParams,
    nonTrainableParams,
  };
}
