import type { Layer, LayerWeight } from '@convkit/layers';
import { UnsupportedLayerError } from './errors';
import type { GraphBuilder } from './graph-builder';
import { kernelValue, type OnnxQuantizationSpec } from './quantization';
import type { Layouts } from './values';

/** What the layer emitters share: the graph, its layout Transposes and the weight values read from the model. */
export interface EmitContext {
  /** The graph under construction. */
  readonly g: GraphBuilder;
  /** The NCHW / NHWC conversions. */
  readonly layouts: Layouts;
  /** The values of one of `layer`'s weights (read once, for the whole model). */
  weight(layer: Layer, w: LayerWeight | undefined): Float32Array;
  /** int8 parameters, when exporting a quantized model. */
  readonly quantization?: OnnxQuantizationSpec;
  /**
   * A kernel of `layer`, already laid out for ONNX (`values` of `dims`), as a
   * float32 value: an initializer, or int8 codes behind a DequantizeLinear
   * (channels on ONNX axis `axis`, `repeat` of them per quantization scale).
   */
  kernel(
    layer: Layer,
    w: LayerWeight | undefined,
    dims: readonly number[],
    values: Float32Array,
    axis: number,
    repeat?: number,
  ): string;
}

/** An `EmitContext` over weight values already read. */
export function emitContext(
  g: GraphBuilder,
  layouts: Layouts,
  values: ReadonlyMap<LayerWeight, Float32Array>,
  quantization?: OnnxQuantizationSpec,
): EmitContext {
  const ctx: EmitContext = {
    g,
    layouts,
    quantization,
    kernel(layer, w, dims, v, axis, repeat = 1) {
      return kernelValue(g, quantization, layer, w as LayerWeight, dims, v, axis, repeat);
    },
    weight(layer, w) {
      const v = w && values.get(w);
      if (!v) throw new UnsupportedLayerError(layer.name, layer.className, 'it has not been built (no weights)');
      return v;
    },
  };
  return ctx;
}
