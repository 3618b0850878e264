export { Layer, LayerWeight, SymbolicTensor, isShapeList, isSymbolic, resetLayerNames, toSnakeCase, uniqueLayerName } from './layer';
export type { LayerArgs } from './layer';
export { ClassRegistry } from './registry';
export type { ActivationFn, CallContext, Initializer, Regularizer, Serialized } from './types';
