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
