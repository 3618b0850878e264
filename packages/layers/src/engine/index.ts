export type { LayerArgs, WeightSpec } from './layer';
export {
  isShapeList,
  isSymbolic,
  Layer,
  LayerWeight,
  resetLayerNames,
  SymbolicTensor,
  toSnakeCase,
  uniqueLayerName,
} from './layer';
export { preview } from './preview';
export { ClassRegistry } from './registry';
export type { ActivationFn, CallContext, Initializer, Regularizer, Serialized } from './types';
