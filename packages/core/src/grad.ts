/**
 * Automatic differentiation, delegated to the tfjs-core tape. Gradients are
 * declared per kernel in tfjs-core, so any backend that implements the
 * forward and backward kernels trains every layer.
 */
export { customGrad, grad, grads, valueAndGrad, valueAndGrads, variableGrads } from '@tensorflow/tfjs-core';
