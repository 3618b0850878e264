/**
 * `@convkit/compress` — make a trained CNN smaller and faster: magnitude
 * ({@link pruneLowMagnitude}, {@link pruneOneShot}) and structured
 * ({@link pruneFilters}) pruning with a random baseline ({@link pruneRandom}),
 * 2–8-bit weight quantization (post-training with
 * {@link quantizeModel}, quantization-aware with {@link prepareQat}), float16,
 * knowledge distillation ({@link distill}), weight clustering
 * ({@link clusterWeights}), the compact `.ckz` format ({@link saveCompressed},
 * {@link loadCompressed}) and a before/after report ({@link measureModel},
 * {@link formatReport}); {@link compressModel} chains them.
 *
 * @packageDocumentation
 */
export * from './cluster';
export * from './distill';
export * from './evaluate';
export * from './float16';
export * from './format';
export * from './inference-kernels';
export * from './pipeline';
export * from './pruning';
export * from './quantize';
export * from './random-pruning';
export * from './report';
export * from './stats';
export * from './structured';
