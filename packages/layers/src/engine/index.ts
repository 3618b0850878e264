export type { LayerArgs } from './layer';
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
export { ClassRegistry } from './registry';
export type { ActivationFn, CallContext, Initializer, Regularizer, Serialized } from './types';
