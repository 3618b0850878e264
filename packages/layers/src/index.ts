/**
 * @convkit/layers — layers, Sequential and functional models, the training
 * loop, losses, metrics, callbacks and save/load.
 */
export * from './engine/index';
export * from './layers/index';
export * from './models/index';
