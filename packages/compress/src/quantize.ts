/**
 * Quantization: symmetric per-channel b-bit weights (b in 2..8, int8 by
 * default; `./quant-weights`), asymmetric per-tensor int8 activations
 * calibrated on data (`./calibrate`), post-training (`quantizeModel`,
 * `./ptq`) or learned during training with fake quantization and a
 * straight-through estimator (`prepareQat`, `./qat`).
 *
 * convkit simulates integer arithmetic in float32: a quantized model's kernels
 * hold exactly `q × scale` (q an integer in [−qmax, qmax], qmax = 2^(b−1) − 1)
 * and every quantized layer output is rounded to one of 256 levels, so its
 * predictions are the ones an integer engine computes (up to float rounding of
 * the accumulation); `encodeCompressed(model, { weights: 'int4' })` stores the
 * kernels as bit-packed 4-bit codes plus scales. Biases and batch-norm
 * parameters stay float32 (int32 and folded in integer engines; they are a
 * tiny fraction of the size).
 */
export * from './calibrate';
export * from './ptq';
export * from './qat';
export * from './quant-weights';
