import type { Layer, LayerWeight } from '@convkit/layers';
import { UnsupportedLayerError } from './errors';
import type { GraphBuilder } from './graph-builder';
import type { Layouts } from './values';

/** What the layer emitters share: the graph, its layout Transposes and the weight values read from the model. */
export interface EmitContext {
  /** The graph under construction. */
  readonly g: GraphBuilder;
  /** The NCHW / NHWC conversions. */
  readonly layouts: Layouts;
  /** The values of one of `layer`'s weights (read once, for the whole model). */
  weight(layer: Layer, w: LayerWeight | undefined): Float32Array;
}

/** An `EmitContext` over weight values already read. */
export function emitContext(
  g: GraphBuilder,
  layouts: Layouts,
  values: ReadonlyMap<LayerWeight, Float32Array>,
): EmitContext {
  return {
    g,
    layouts,
    weight(layer, w) {
      const v = w && values.get(w);
      if (!v) throw new UnsupportedLayerError(layer.name, layer.className, 'it has not been built (no weights)');
      return v;
    },
  };
}
