/**
 * int8 models as QuantizeLinear / DequantizeLinear (QDQ) pairs. The spec is
 * the plain-JSON `QuantizationSpec` that `@convkit/compress`'s
 * `quantizeModel` returns (the same shape, declared here so this package
 * does not depend on compress): per-channel symmetric kernel codes become
 * int8 initializers behind a DequantizeLinear, and each quantized layer
 * output goes through QuantizeLinear → DequantizeLinear with its scale and
 * zero point, which is what the convkit model simulates.
 */
import { ConfigError } from '@convkit/core';
import type { Layer, LayerWeight } from '@convkit/layers';
import type { GraphBuilder } from './graph-builder';

/** Quantization parameters of a model, as `quantizeModel(...).spec` gives them. */
export interface OnnxQuantizationSpec {
  /** Per kernel weight name (`layer/kernel`): the convkit channel axis, one scale per channel, the code width. */
  weights: Record<string, { axis: number; scales: readonly number[]; bits?: number }>;
  /** Per layer name: its output's int8 scale and zero point (`x ≈ (q − zeroPoint) × scale`). */
  activations: Record<string, { scale: number; zeroPoint: number }>;
}

/** Checks the spec's shape (not its values against the model: that happens per weight). */
export function checkSpec(spec: unknown): OnnxQuantizationSpec | undefined {
  if (spec === undefined) return undefined;
  const s = spec as Partial<OnnxQuantizationSpec> | null;
  if (typeof s !== 'object' || s === null || typeof s.weights !== 'object' || typeof s.activations !== 'object') {
    throw new ConfigError(
      'exportOnnx: quantization must be { weights, activations }, as quantizeModel returns in `spec`',
    );
  }
  for (const [layer, p] of Object.entries(s.activations ?? {})) {
    const ok =
      typeof p?.scale === 'number' &&
      p.scale > 0 &&
      Number.isFinite(p.scale) &&
      Number.isInteger(p.zeroPoint) &&
      p.zeroPoint >= -128 &&
      p.zeroPoint <= 127;
    if (!ok)
      throw new ConfigError(`exportOnnx: quantization.activations['${layer}'] needs scale > 0 and an int8 zeroPoint`);
  }
  return s as OnnxQuantizationSpec;
}

/**
 * A kernel already laid out for ONNX (`values`, `dims`), as an initializer:
 * float32, or with a spec entry for `w`, int8 codes behind a per-channel
 * DequantizeLinear on ONNX axis `axis`. `repeat` maps the spec's channels to
 * that axis (a depthwise kernel's input channel covers `multiplier` output channels).
 *
 * @returns The name of the float32 kernel value.
 * @throws {ConfigError} when the kernel's values are not the spec's codes times its scales.
 */
export function kernelValue(
  g: GraphBuilder,
  spec: OnnxQuantizationSpec | undefined,
  layer: Layer,
  w: LayerWeight,
  dims: readonly number[],
  values: Float32Array,
  axis: number,
  repeat = 1,
): string {
  const q = spec?.weights[w.name];
  if (!q) return g.addFloat(w.name, dims, values);
  const channels = dims[axis];
  if (q.scales.length * repeat !== channels) {
    throw new ConfigError(
      `exportOnnx: quantization.weights['${w.name}'] has ${q.scales.length} scales; ${layer.describe()} has ${channels / repeat} channels`,
    );
  }
  const scales = Float32Array.from({ length: channels }, (_, c) => q.scales[Math.floor(c / repeat)]);
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const codes = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const s = scales[Math.floor(i / inner) % channels];
    const code = Math.round(values[i] / s);
    if (Math.abs(code) > 127 || Math.abs(values[i] - code * s) > 1e-6 * Math.max(1, Math.abs(values[i]))) {
      throw new ConfigError(
        `exportOnnx: ${layer.describe()}: weight '${w.name}' is not on the grid of its quantization scales (export the model quantizeModel returned, with its spec)`,
      );
    }
    codes[i] = code;
  }
  const name = g.node(
    'DequantizeLinear',
    [
      g.addInt8(`${w.name}/codes`, dims, codes),
      g.addFloat(`${w.name}/scale`, [channels], scales),
      g.addInt8(`${w.name}/zero_point`, [channels], new Int8Array(channels)),
    ],
    w.name,
    { axis: { int: axis } },
  );
  return name;
}

/** `x` through QuantizeLinear → DequantizeLinear with the layer's int8 output parameters, if the spec has them. */
export function quantizeOutput(
  g: GraphBuilder,
  spec: OnnxQuantizationSpec | undefined,
  layer: Layer,
  x: string,
): string {
  const p = spec?.activations[layer.name];
  if (!p) return x;
  const scale = g.addFloat(`${layer.name}/output_scale`, [], new Float32Array([p.scale]));
  const zero = g.addInt8(`${layer.name}/output_zero_point`, [], new Int8Array([p.zeroPoint]));
  const q = g.node('QuantizeLinear', [x, scale, zero], `${layer.name}/quantized`);
  return g.node('DequantizeLinear', [q, scale, zero], `${layer.name}/dequantized`);
}
