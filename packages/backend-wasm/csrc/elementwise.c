/*
 * Elementwise float32 kernels, SIMD and split across threads by index range.
 */
#include "ck.h"

/* out[i] = a[i] * b[bScalar ? 0 : i] (callers swap operands so a scalar is always b). */
CK_EXPORT(ck_mul)
void ck_mul(const float *a, const float *b, float *out, int n, int bScalar, int tid, int nt) {
  int i0, i1;
  ck_split(n / 4, tid, nt, &i0, &i1);
  i0 *= 4;
  i1 = tid == nt - 1 ? n : i1 * 4;
  int i = i0;
  if (bScalar) {
    v128_t s = wasm_f32x4_splat(b[0]);
    for (; i + 4 <= i1; i += 4) wasm_v128_store(out + i, wasm_f32x4_mul(wasm_v128_load(a + i), s));
    for (; i < i1; i++) out[i] = a[i] * b[0];
  } else {
    for (; i + 4 <= i1; i += 4) wasm_v128_store(out + i, wasm_f32x4_mul(wasm_v128_load(a + i), wasm_v128_load(b + i)));
    for (; i < i1; i++) out[i] = a[i] * b[i];
  }
}

/*
 * out[i] = a[i] * step(y[i]), step(v) = NaN if v is NaN, 1 if v > 0, alpha otherwise: tfjs's
 * Multiply(dy, Step(y)) (the ReLU gradient) in one pass, bit for bit. alpha comes as its bits.
 */
CK_EXPORT(ck_mul_step)
void ck_mul_step(const float *a, const float *y, float *out, int n, int alphaBits, int tid, int nt) {
  int i0, i1;
  ck_split(n / 4, tid, nt, &i0, &i1);
  i0 *= 4;
  i1 = tid == nt - 1 ? n : i1 * 4;
  const float alpha = __builtin_bit_cast(float, alphaBits);
  const v128_t one = wasm_f32x4_splat(1.0f), va = wasm_f32x4_splat(alpha), zero = wasm_f32x4_splat(0.0f);
  int i = i0;
  for (; i + 4 <= i1; i += 4) {
    v128_t v = wasm_v128_load(y + i);
    v128_t s = wasm_v128_bitselect(one, va, wasm_f32x4_gt(v, zero));
    s = wasm_v128_bitselect(v, s, wasm_f32x4_ne(v, v)); /* NaN stays NaN */
    wasm_v128_store(out + i, wasm_f32x4_mul(wasm_v128_load(a + i), s));
  }
  for (; i < i1; i++) {
    float v = y[i];
    float s = v != v ? v : (v > 0.0f ? 1.0f : alpha);
    out[i] = a[i] * s;
  }
}
