/**
 * `@convkit/layers/keras` — {@link loadKerasModel}: Keras 3 `.keras` files and
 * Keras 2 / legacy `.h5` files as convkit models. A separate entry point, so
 * that only its users load the zip and HDF5 readers (fflate, jsfive).
 *
 * @packageDocumentation
 */

export type { KerasLayerMapping } from './models/io/keras/keras-layers';
export { KERAS_LAYER_CLASSES } from './models/io/keras/keras-layers';
export type { KerasSource, LoadKerasOptions } from './models/io/keras/load-keras';
export { loadKerasModel } from './models/io/keras/load-keras';
