/**
 * Identity and same-dtype Cast without a copy: the result shares the input's
 * data (reference counted), as tfjs's cpu backend does. tfjs-backend-wasm
 * copies, and the gradient tape clones every tensor it saves through
 * Identity, so a training step of the reference CNN spends ~4% in memcpy.
 * Tensors are immutable (a variable's `assign` swaps its data), so sharing is safe.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  Cast,
  type CastAttrs,
  type CastInputs,
  Identity,
  type IdentityInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { originalKernel } from './originals';

function share(backend: BackendWasm, x: TensorInfo): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}

function identity(args: { inputs: IdentityInputs; backend: BackendWasm }) {
  const { x } = args.inputs as { x: TensorInfo };
  const fallback = originalKernel(Identity);
  if (fallback && x.dtype === 'string') return fallback(args);
  return share(args.backend, x);
}

function cast(args: { inputs: CastInputs; backend: BackendWasm; attrs: CastAttrs }) {
  const { x } = args.inputs as { x: TensorInfo };
  const { dtype } = args.attrs;
  const fallback = originalKernel(Cast);
  if (dtype === 'bool' && (x.dtype === 'float32' || x.dtype === 'int32')) {
    // tfjs-backend-wasm 4.22 stores the raw value truncated to a byte (2 -> 2, -1 -> 255).
    const out = args.backend.makeOutput([...x.shape], 'bool');
    const src = args.backend.typedArrayFromHeap(x);
    const dst = args.backend.typedArrayFromHeap(out);
    for (let i = 0; i < src.length; i++) dst[i] = src[i] !== 0 ? 1 : 0;
    return out;
  }
  if (fallback && (x.dtype !== dtype || x.dtype === 'string')) return fallback(args);
  return share(args.backend, x);
}

/** Kernel config for tfjs-core's registry (replaces tfjs-backend-wasm's copying Identity). */
export const identityConfig: KernelConfig = {
  kernelName: Identity,
  backendName: 'wasm',
  kernelFunc: identity as unknown as KernelFunc,
};

/** Kernel config for tfjs-core's registry (same-dtype casts share, casts to bool test != 0, others go to tfjs-backend-wasm). */
export const castConfig: KernelConfig = {
  kernelName: Cast,
  backendName: 'wasm',
  kernelFunc: cast as unknown as KernelFunc,
};
