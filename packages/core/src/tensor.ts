/**
 * The tensor types and constructors convkit exposes. They are tfjs-core's
 * tensors: a curated, typed surface so users never import tfjs themselves.
 */
export type {
  DataType,
  NamedTensorMap,
  Rank,
  Scalar,
  Tensor,
  Tensor1D,
  Tensor2D,
  Tensor3D,
  Tensor4D,
  Tensor5D,
  TensorBuffer,
  TensorLike,
  TypedArray,
  Variable,
} from '@tensorflow/tfjs-core';
export {
  buffer,
  clone,
  fill,
  ones,
  onesLike,
  range,
  scalar,
  Tensor as TensorClass,
  tensor,
  tensor1d,
  tensor2d,
  tensor3d,
  tensor4d,
  Variable as VariableClass,
  variable,
  zeros,
  zerosLike,
} from '@tensorflow/tfjs-core';
