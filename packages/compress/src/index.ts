/**
 * @convkit/compress — make a trained CNN smaller and faster: magnitude and
 * structured pruning, int8 quantization (post-training and quantization-aware),
 * float16, knowledge distillation, weight clustering, a compact export format
 * and a before/after report.
 */
export * from './cluster';
export * from './distill';
export * from './evaluate';
export * from './float16';
export * from './format';
export * from './pipeline';
export * from './pruning';
export * from './quantize';
export * from './report';
export * from './stats';
export * from './structured';
