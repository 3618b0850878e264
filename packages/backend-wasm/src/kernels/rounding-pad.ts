/**
 * DepthwiseConv2dNative, AvgPool and MaxPool: tfjs-backend-wasm's XNNPACK
 * kernels, with a numeric pad and a rounding mode handed over as the
 * equivalent explicit padding (see `explicit-padding.ts`); everything else
 * goes to them unchanged.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  AvgPool,
  backend_util,
  DepthwiseConv2dNative,
  type KernelConfig,
  type KernelFunc,
  MaxPool,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { withExplicitPadding } from './explicit-padding';
import { originalKernel } from './originals';

interface Attrs {
  strides: number | [number, number];
  pad: unknown;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dilations?: number | [number, number];
  filterSize?: number | [number, number];
}

type Args = { inputs: { x: TensorInfo; filter?: TensorInfo }; backend: BackendWasm; attrs: Attrs };

function wrap(kernelName: string, geometry: (args: Args) => backend_util.Conv2DInfo): KernelConfig {
  const kernelFunc = (args: Args) => {
    const original = originalKernel(kernelName);
    if (!original) throw new Error(`convkit wasm: tfjs-backend-wasm has no ${kernelName} kernel`);
    const { attrs } = args;
    if (typeof attrs.pad !== 'number' || attrs.dimRoundingMode == null) return original(args);
    return original({ ...args, attrs: withExplicitPadding(attrs, geometry(args)) });
  };
  return { kernelName, backendName: 'wasm', kernelFunc: kernelFunc as unknown as KernelFunc };
}

const pool = (args: Args) =>
  backend_util.computePool2DInfo(
    args.inputs.x.shape as [number, number, number, number],
    args.attrs.filterSize as [number, number],
    args.attrs.strides,
    1,
    args.attrs.pad as number,
    args.attrs.dimRoundingMode,
  );

/** DepthwiseConv2dNative (wraps tfjs-backend-wasm's XNNPACK kernel). */
export const depthwiseConv2dNativeConfig = wrap(DepthwiseConv2dNative, (args) =>
  backend_util.computeConv2DInfo(
    args.inputs.x.shape as [number, number, number, number],
    args.inputs.filter!.shape as [number, number, number, number],
    args.attrs.strides,
    args.attrs.dilations ?? 1,
    args.attrs.pad as number,
    args.attrs.dimRoundingMode,
    true,
  ),
);

/** AvgPool (wraps tfjs-backend-wasm's XNNPACK kernel). */
export const avgPoolConfig = wrap(AvgPool, pool);

/** MaxPool (wraps tfjs-backend-wasm's XNNPACK kernel). */
export const maxPoolConfig = wrap(MaxPool, pool);
