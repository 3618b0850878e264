/**
 * The structured form of `model.summary()`: one row per layer (name, class,
 * output shape, parameters) and the totals, for apps that render their own
 * table (the web demo) or check a model's size in code.
 */
import { formatShape, type Shape } from '@convkit/core';
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

/**
 * The lines of `model.summary()`: a Keras-style table (layer, output shape,
 * parameters, and a Trainable column when some layer is frozen) and the totals.
 *
 * @param data - What `summarizeModel` returned.
 * @returns One string per line.
 */
export function summaryLines(data: ModelSummary): string[] {
  const showTrainable = data.layers.some((l) => !l.trainable);
  const rows = data.layers.map((l) => [
    `${l.name} (${l.className})`,
    formatShape(l.outputShape),
    String(l.params),
    ...(showTrainable ? [l.trainable ? 'Y' : 'N'] : []),
  ]);
  const head = ['Layer (type)', 'Output Shape', 'Param #', ...(showTrainable ? ['Trainable'] : [])];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)) + 2);
  // Parameters right-aligned, the Trainable flag after a gap; no trailing spaces.
  const cell = (v: string, c: number) =>
    c === 2 ? v.padStart(widths[c] - 2) : c === 3 ? `  ${v}`.padEnd(widths[c]) : v.padEnd(widths[c]);
  const fmt = (r: string[]) => r.map(cell).join('').trimEnd();
  const total = widths.reduce((a, w) => a + w, 0);
  return [
    `Model: "${data.name}"`,
    '_'.repeat(total),
    fmt(head),
    '='.repeat(total),
    ...rows.flatMap((r, i) => [fmt(r), i < rows.length - 1 ? '_'.repeat(total) : '='.repeat(total)]),
    `Total params: ${data.totalParams.toLocaleString('en-US')}`,
    `Trainable params: ${data.trainableParams.toLocaleString('en-US')}`,
    `Non-trainable params: ${data.nonTrainableParams.toLocaleString('en-US')}`,
    '_'.repeat(total),
  ];
}
