/** `Sequential`: a plain stack of single-input layers. */
import { ConfigError, formatShape, type Shape, ShapeError, type Tensor } from '@convkit/core';
import { isShapeList, type Layer, uniqueLayerName } from '../engine/layer';
import type { Serialized } from '../engine/types';
import { deserializeLayer, serializeLayer } from '../layers/registry';
import { LayersModel, type LayerTap } from './layers-model';
import { type PlanOptions, planTopology, withinLimits } from './topology-plan';

/** Options of `Sequential`. */
export interface SequentialArgs {
  /** The layers, first to last; the first needs `inputShape` (or call `build`). */
  layers?: Layer[];
  /**
   * Model name; defaults to `sequential_N`.
   *
   * @defaultValue `sequential_N`
   */
  name?: string;
}

/**
 * A linear stack of layers (Keras `Sequential`).
 *
 * @example
 * ```ts
 * import { Conv2D, Dense, Flatten, MaxPool2D, Sequential } from '@convkit/layers';
 *
 * const model = new Sequential({ layers: [
 *   new Conv2D({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
 *   new MaxPool2D({ poolSize: 2 }),
 *   new Flatten(),
 *   new Dense({ units: 10, activation: 'softmax' }),
 * ] });
 * model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
 * model.summary();
 * ```
 */
export class Sequential extends LayersModel {
  private readonly stack: Layer[] = [];
  private batchInputShape?: Shape;
  private shapes: Shape[] = [];

  /**
   * @param args - `layers` (first to last) and `name`.
   * @throws {ConfigError} when a layer is added twice.
   * @throws {ShapeError} when consecutive layers' shapes do not fit (the message names the layer).
   */
  constructor(args: SequentialArgs = {}) {
    super(args.name ?? uniqueLayerName('sequential'));
    for (const layer of args.layers ?? []) this.add(layer);
  }

  /**
   * Appends a layer, building it when the input shape is known, and checking shapes as it goes.
   * The model's input shape comes from the first layer's `inputShape`, or from
   * the shape it was built for when it is already built (a layer taken from
   * another model, e.g. a loaded base for transfer learning).
   *
   * @param layer - The next layer.
   * @throws {ConfigError} when the layer is already in the model.
   * @throws {ShapeError} when it cannot take the previous layer's output.
   */
  add(layer: Layer): void {
    if (this.stack.includes(layer)) throw new ConfigError(`${this.describe()}: layer "${layer.name}" was added twice`);
    if (this.stack.length === 0) this.batchInputShape = layer.batchInputShape ?? builtSampleInput(layer);
    this.stack.push(layer);
    if (this.batchInputShape) this.propagate();
  }

  /**
   * Builds every layer for inputs of `[null, ...sampleShape]` (needed when no layer has `inputShape`).
   *
   * @param sampleShape - Shape of one sample, e.g. `[28, 28, 1]`.
   * @throws {ShapeError} when a layer cannot take its input.
   */
  build(sampleShape: number[]): void {
    this.batchInputShape = [null, ...sampleShape];
    this.propagate();
  }

  private propagate(): void {
    let shape = this.batchInputShape!;
    this.shapes = [];
    for (const layer of this.stack) {
      try {
        layer.ensureBuilt(shape);
        shape = layer.computeOutputShape(shape);
      } catch (err) {
        if (err instanceof ShapeError || err instanceof ConfigError) {
          throw new ShapeError(
            `${this.describe()}: ${layer.describe()} cannot take input of shape ${formatShape(shape)}: ${err.message}`,
            { cause: err },
          );
        }
        throw err;
      }
      this.shapes.push(shape);
    }
  }

  get layers(): Layer[] {
    return [...this.stack];
  }

  get inputShape(): Shape {
    if (!this.batchInputShape) {
      throw new ConfigError(
        `${this.describe()} has no input shape: give the first layer inputShape or call build([h, w, c])`,
      );
    }
    return this.batchInputShape;
  }

  get outputShape(): Shape {
    this.inputShape;
    return this.shapes[this.shapes.length - 1] ?? this.inputShape;
  }

  layerOutputShapes(): Shape[] {
    this.inputShape;
    return this.shapes;
  }

  protected forward(x: Tensor, training: boolean, tap?: LayerTap): Tensor {
    if (this.stack.length === 0) throw new ConfigError(`${this.describe()} has no layers`);
    let out = x;
    for (const layer of this.stack) {
      out = layer.apply(out, { training });
      if (tap) out = tap(layer, out);
    }
    return out;
  }

  toConfig(): Serialized {
    return {
      className: 'Sequential',
      config: {
        name: this.name,
        batchInputShape: this.batchInputShape,
        layers: this.stack.map(serializeLayer),
      },
    };
  }

  /**
   * Rebuilds a `Sequential` (fresh weights) from `toConfig()`. The config is
   * validated and sized first (`planTopology`: a `SerializationError` when it
   * is invalid or past `options.maxParams` / `maxActivationElements`), then
   * built under that parameter budget.
   *
   * @param config - The `config` of `toConfig()`'s result.
   * @param options - Limits on the rebuilt model (`maxParams`, ...).
   * @returns The model, not compiled, with fresh weights.
   * @throws {SerializationError} when the config is malformed or exceeds the limits.
   */
  static fromConfig(config: Record<string, unknown>, options: PlanOptions = {}): Sequential {
    planTopology({ className: 'Sequential', config }, options);
    return withinLimits(options, () => Sequential.assemble(config));
  }

  private static assemble(config: Record<string, unknown>): Sequential {
    const layers = (config.layers as Serialized[] | undefined) ?? [];
    const model = new Sequential({ name: config.name as string | undefined });
    const shape = config.batchInputShape as Shape | undefined;
    try {
      for (const l of layers) {
        const layer = deserializeLayer(l);
        try {
          model.add(layer);
        } catch (e) {
          if (!model.stack.includes(layer)) layer.dispose();
          throw e;
        }
      }
      if (shape && !model.batchInputShape) model.build(shape.slice(1) as number[]);
    } catch (e) {
      // Free the weights of the layers already built: a failed rebuild leaks nothing.
      model.dispose();
      throw e;
    }
    return model;
  }
}

/** `[null, ...sample]` for a single-input layer that is already built; undefined otherwise. */
function builtSampleInput(layer: Layer): Shape | undefined {
  const shape = layer.inputShapeBuilt;
  if (shape === undefined || isShapeList(shape)) return undefined;
  return [null, ...shape.slice(1)];
}
