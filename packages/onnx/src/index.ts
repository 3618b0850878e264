/**
 * `@convkit/onnx` — exports a convkit model's inference graph as an ONNX
 * model (opset 13) for ONNX Runtime and other ONNX tools: {@link exportOnnx}
 * gives the bytes (browser and Node); `@convkit/onnx/node` writes a file.
 *
 * @example
 * ```ts no-run
 * import { exportOnnx } from '@convkit/onnx';
 * const bytes = await exportOnnx(model);
 * ```
 *
 * @packageDocumentation
 */
export { EXPORTED_ACTIVATIONS } from './activations';
export { EXPORTED_LAYERS } from './dispatch';
export { UnsupportedLayerError } from './errors';
export { type ExportOnnxOptions, exportOnnx } from './export';
export { OPSET } from './graph-builder';
export type { OnnxQuantizationSpec } from './quantization';
