/*
 * convkit WebAssembly SIMD kernels: shared declarations.
 *
 * Every exported kernel takes (params, tid, nthreads) and does its share of
 * the work, so the JS side can run it on one thread or on several instances
 * over one shared memory. No static data: the module must not own any byte of
 * memory besides its stack, which the host places.
 */
#ifndef CK_H
#define CK_H

#include <stdint.h>
#include <wasm_simd128.h>

#define CK_EXPORT(name) __attribute__((export_name(#name))) __attribute__((used))

static inline int ck_min(int a, int b) { return a < b ? a : b; }
static inline int ck_max(int a, int b) { return a > b ? a : b; }

/* Convolution geometry and buffers, NHWC input/output, HWIO (or HWCM) filter.
 * Laid out as 4-byte fields so JS fills it through an Int32Array. */
typedef struct {
  int32_t batch, inH, inW, inC;
  int32_t outH, outW, outC;
  int32_t fH, fW, strideH, strideW, dilH, dilW, padTop, padLeft;
  int32_t mult;          /* depthwise channel multiplier */
  int32_t act;           /* forward epilogue: 0 none, 1 relu */
  const float *x, *w, *dy, *bias;
  float *out;
  float *scratch;        /* nthreads blocks of scratchFloats floats */
  int32_t scratchFloats;
  float *partial;        /* nthreads blocks of out-sized partial sums (reductions) */
} ck_conv_params;

/* C[MxN] (+)= A[MxK] * B[KxN], A and B given by element strides (row, col). */
void ck_sgemm(int M, int N, int K, const float *A, int rsA, int csA, const float *B, int rsB, int csB, float *C,
              int ldc, int accumulate, float *work);

/* Floats of `work` ck_sgemm needs. */
#define CK_GEMM_WORK_FLOATS (96 * 256 + 256 * 128 + 64)

static inline void ck_zero(float *p, int n) {
  int i = 0;
  v128_t z = wasm_f32x4_splat(0.0f);
  for (; i + 4 <= n; i += 4) wasm_v128_store(p + i, z);
  for (; i < n; i++) p[i] = 0.0f;
}

static inline void ck_copy(float *dst, const float *src, int n) {
  int i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(dst + i, wasm_v128_load(src + i));
  for (; i < n; i++) dst[i] = src[i];
}

static inline void ck_add_to(float *dst, const float *src, int n) {
  int i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(dst + i, wasm_f32x4_add(wasm_v128_load(dst + i), wasm_v128_load(src + i)));
  for (; i < n; i++) dst[i] += src[i];
}

/* [begin, end) of `total` items for thread `tid` of `nt`. */
static inline void ck_split(int total, int tid, int nt, int *begin, int *end) {
  *begin = (int)((int64_t)total * tid / nt);
  *end = (int)((int64_t)total * (tid + 1) / nt);
}

#endif
