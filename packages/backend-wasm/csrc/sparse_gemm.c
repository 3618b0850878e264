/*
 * Sparse inference kernels: out[M x N] = act(A[M x K] * W[K x N] + bias) with W
 * stored column by column (CSC: for output column n, the rows k and values of
 * its nonzeros). A is a dense matrix (Dense layers) or the im2col rows of an
 * NHWC convolution input, gathered on the fly. Rows are processed in tiles of
 * MT (16, or 4 for small M), transposed into a [K][MT] scratch so that each
 * nonzero costs MT/4 vector multiply-adds over MT output rows.
 */
#include "ck.h"

typedef struct {
  int32_t M, N, K, act;
  int32_t conv; /* 0: A is [M][K] rows; 1: gather im2col rows from x (geometry below) */
  int32_t batch, inH, inW, inC, outH, outW;
  int32_t fH, fW, strideH, strideW, dilH, dilW, padTop, padLeft;
  const float *A; /* dense rows, or the NHWC input when conv */
  const int32_t *colPtr;
  const int32_t *rowIdx;
  const float *vals;
  const float *bias; /* N floats, or 0 */
  float *out;
  float *scratch;        /* per thread: scratchFloats floats */
  int32_t scratchFloats; /* K*16 + N*16 */
} ck_sparse_params;

CK_EXPORT(ck_sparse_scratch_floats)
int ck_sparse_scratch_floats(int K, int N) { return K * 16 + N * 16 + 16; }

/* Fills at[k*MT + i] with row m0+i of A (zero past M). */
static void gather_tile(const ck_sparse_params *p, int m0, int MT, float *at) {
  const int K = p->K;
  const int rows = ck_min(MT, p->M - m0);
  if (rows < MT) ck_zero(at, K * MT);
  if (!p->conv) {
    for (int i = 0; i < rows; i++) {
      const float *a = p->A + (int64_t)(m0 + i) * K;
      for (int k = 0; k < K; k++) at[k * MT + i] = a[k];
    }
    return;
  }
  const int C = p->inC, hw = p->outH * p->outW;
  for (int i = 0; i < rows; i++) {
    int m = m0 + i;
    int b = m / hw, rem = m - b * hw;
    int oh = rem / p->outW, ow = rem - oh * p->outW;
    int k = 0;
    for (int kh = 0; kh < p->fH; kh++) {
      int ih = oh * p->strideH + kh * p->dilH - p->padTop;
      for (int kw = 0; kw < p->fW; kw++, k += C) {
        int iw = ow * p->strideW + kw * p->dilW - p->padLeft;
        float *d = at + k * MT + i;
        if (ih < 0 || ih >= p->inH || iw < 0 || iw >= p->inW) {
          for (int c = 0; c < C; c++) d[c * MT] = 0.0f;
        } else {
          const float *s = p->A + (((int64_t)b * p->inH + ih) * p->inW + iw) * C;
          for (int c = 0; c < C; c++) d[c * MT] = s[c];
        }
      }
    }
  }
}

static void write_tile(const ck_sparse_params *p, int m0, int MT, int n0, int n1, const float *ot) {
  const int rows = ck_min(MT, p->M - m0);
  for (int i = 0; i < rows; i++) {
    float *o = p->out + (int64_t)(m0 + i) * p->N;
    for (int n = n0; n < n1; n++) o[n] = ot[n * MT + i];
  }
}

static void tile16(const ck_sparse_params *p, int m0, int n0, int n1, float *at, float *ot) {
  gather_tile(p, m0, 16, at);
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (int n = n0; n < n1; n++) {
    v128_t b = p->bias ? wasm_f32x4_splat(p->bias[n]) : zero;
    v128_t v0 = b, v1 = b, v2 = b, v3 = b;
    for (int j = p->colPtr[n], e = p->colPtr[n + 1]; j < e; j++) {
      const float *a = at + p->rowIdx[j] * 16;
      v128_t w = wasm_f32x4_splat(p->vals[j]);
      v0 = wasm_f32x4_add(v0, wasm_f32x4_mul(wasm_v128_load(a), w));
      v1 = wasm_f32x4_add(v1, wasm_f32x4_mul(wasm_v128_load(a + 4), w));
      v2 = wasm_f32x4_add(v2, wasm_f32x4_mul(wasm_v128_load(a + 8), w));
      v3 = wasm_f32x4_add(v3, wasm_f32x4_mul(wasm_v128_load(a + 12), w));
    }
    if (p->act == 1) {
      v0 = wasm_f32x4_max(v0, zero);
      v1 = wasm_f32x4_max(v1, zero);
      v2 = wasm_f32x4_max(v2, zero);
      v3 = wasm_f32x4_max(v3, zero);
    }
    float *o = ot + n * 16;
    wasm_v128_store(o, v0);
    wasm_v128_store(o + 4, v1);
    wasm_v128_store(o + 8, v2);
    wasm_v128_store(o + 12, v3);
  }
  write_tile(p, m0, 16, n0, n1, ot);
}

static void tile4(const ck_sparse_params *p, int m0, int n0, int n1, float *at, float *ot) {
  gather_tile(p, m0, 4, at);
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (int n = n0; n < n1; n++) {
    v128_t v0 = p->bias ? wasm_f32x4_splat(p->bias[n]) : zero, v1 = zero;
    int j = p->colPtr[n];
    const int e = p->colPtr[n + 1];
    for (; j + 2 <= e; j += 2) {
      v0 = wasm_f32x4_add(v0, wasm_f32x4_mul(wasm_v128_load(at + p->rowIdx[j] * 4), wasm_f32x4_splat(p->vals[j])));
      v1 = wasm_f32x4_add(v1,
                          wasm_f32x4_mul(wasm_v128_load(at + p->rowIdx[j + 1] * 4), wasm_f32x4_splat(p->vals[j + 1])));
    }
    if (j < e) v0 = wasm_f32x4_add(v0, wasm_f32x4_mul(wasm_v128_load(at + p->rowIdx[j] * 4), wasm_f32x4_splat(p->vals[j])));
    v0 = wasm_f32x4_add(v0, v1);
    if (p->act == 1) v0 = wasm_f32x4_max(v0, zero);
    wasm_v128_store(ot + n * 4, v0);
  }
  write_tile(p, m0, 4, n0, n1, ot);
}

CK_EXPORT(ck_sparse_gemm)
void ck_sparse_gemm(const ck_sparse_params *p, int tid, int nt) {
  const int MT = p->M >= 16 ? 16 : 4;
  const int tiles = (p->M + MT - 1) / MT;
  float *at = p->scratch + (int64_t)tid * p->scratchFloats;
  float *ot = at + p->K * 16;
  int t0 = 0, t1 = tiles, n0 = 0, n1 = p->N;
  if (tiles >= nt) ck_split(tiles, tid, nt, &t0, &t1);
  else ck_split(p->N, tid, nt, &n0, &n1);
  for (int t = t0; t < t1; t++) {
    if (MT == 16) tile16(p, t * 16, n0, n1, at, ot);
    else tile4(p, t * 4, n0, n1, at, ot);
  }
}
