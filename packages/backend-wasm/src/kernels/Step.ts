/**
 * Step, as tfjs-backend-wasm computes it, remembering which tensor (and alpha)
 * each result is the step of. The gradient of a ReLU is `Multiply(dy, Step(y))`;
 * when `dy` and `y` are both in convkit's memory (MaxPoolGrad's result and a
 * conv's output, in the copy cache) Multiply.ts computes that product from `dy`
 * and `y` on the thread pool instead of on tfjs-backend-wasm's single thread.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  type KernelConfig,
  type KernelFunc,
  Step,
  type StepAttrs,
  type StepInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { originalKernel } from './originals';

/** What a Step result is the step of. */
export interface StepSource {
  /** dataId of the Step input. */
  y: object;
  /** The value for inputs <= 0. */
  alpha: number;
}

const sources = new WeakMap<object, StepSource>();

/** The Step input behind tensor data `dataId`, when a Step kernel made it. */
export function stepSource(dataId: object): StepSource | undefined {
  return sources.get(dataId);
}

function step(args: { inputs: StepInputs; backend: BackendWasm; attrs: StepAttrs }) {
  const fallback = originalKernel(Step);
  if (!fallback) throw new Error('convkit wasm: tfjs-backend-wasm has no Step kernel');
  const out = fallback(args) as TensorInfo;
  const { x } = args.inputs as { x: TensorInfo };
  if (x.dtype === 'float32' && out.dtype === 'float32' && out.dataId !== x.dataId) {
    sources.set(out.dataId, { y: x.dataId, alpha: args.attrs.alpha ?? 0 });
  }
  return out;
}

/** Kernel config for tfjs-core's registry (tfjs-backend-wasm's Step, plus the bookkeeping above). */
export const stepConfig: KernelConfig = {
  kernelName: Step,
  backendName: 'wasm',
  kernelFunc: step as unknown as KernelFunc,
};
