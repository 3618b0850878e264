/*
 * int8 inference kernels: activations quantized to int8 (per tensor, with a
 * zero point), weights symmetric per-channel int8, products accumulated in
 * int32 with i32x4.dot_i16x8_s (baseline SIMD), then requantized in the
 * epilogue: y = acc * (inScale * wScale[n]) + bias[n], optional ReLU, and
 * optionally rounded to the output's int8 grid (written back as the float
 * value of that level, so float layers can follow).
 *
 * Operands are int16: an activation code minus its zero point lies in
 * [-255, 255] and a weight code in [-127, 127], so every product and every
 * pair sum of dot_i16x8_s is exact.
 */
#include "ck.h"

/* Quantize float rows to int16 codes minus the zero point. */
typedef struct {
  int32_t rows, cols, ldDst; /* ldDst >= cols; the columns [cols, ldDst) are zeroed */
  int32_t lo, hi;            /* clamp range of q - zeroPoint: [-128 - zp, 127 - zp] */
  float invScale;            /* unused: kept for layout stability */
  float scale;               /* the input's step */
  const float *src;
  int16_t *dst;
} ck_quantize_params;

CK_EXPORT(ck_q_quantize)
void ck_q_quantize(const ck_quantize_params *p, int tid, int nt) {
  int r0, r1;
  ck_split(p->rows, tid, nt, &r0, &r1);
  const v128_t s = wasm_f32x4_splat(p->scale);
  const v128_t lo = wasm_i32x4_splat(p->lo), hi = wasm_i32x4_splat(p->hi);
  for (int r = r0; r < r1; r++) {
    const float *x = p->src + (int64_t)r * p->cols;
    int16_t *d = p->dst + (int64_t)r * p->ldDst;
    int c = 0;
    for (; c + 8 <= p->cols; c += 8) {
      v128_t a = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_f32x4_div(wasm_v128_load(x + c), s)));
      v128_t b = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_f32x4_div(wasm_v128_load(x + c + 4), s)));
      a = wasm_i32x4_min(wasm_i32x4_max(a, lo), hi);
      b = wasm_i32x4_min(wasm_i32x4_max(b, lo), hi);
      wasm_v128_store(d + c, wasm_i16x8_narrow_i32x4(a, b));
    }
    for (; c < p->cols; c++) {
      float q = __builtin_nearbyintf(x[c] / p->scale);
      int v = (int)q;
      d[c] = (int16_t)(v < p->lo ? p->lo : v > p->hi ? p->hi : v);
    }
    for (; c < p->ldDst; c++) d[c] = 0;
  }
}

/* im2col of int16 codes (NHWC input, HWIO order of the reduction axis). */
typedef struct {
  int32_t batch, inH, inW, inC, outH, outW;
  int32_t fH, fW, strideH, strideW, dilH, dilW, padTop, padLeft;
  int32_t Kp; /* row length of the output (fH*fW*inC rounded up to even) */
  const int16_t *x;
  int16_t *out;
} ck_qim2col_params;

CK_EXPORT(ck_q_im2col)
void ck_q_im2col(const ck_qim2col_params *p, int tid, int nt) {
  const int M = p->batch * p->outH * p->outW;
  const int C = p->inC;
  const int K = p->fH * p->fW * C;
  int m0, m1;
  ck_split(M, tid, nt, &m0, &m1);
  for (int m = m0; m < m1; m++) {
    int b = m / (p->outH * p->outW);
    int rem = m - b * p->outH * p->outW;
    int oh = rem / p->outW, ow = rem - (rem / p->outW) * p->outW;
    int16_t *row = p->out + (int64_t)m * p->Kp;
    int k = 0;
    for (int kh = 0; kh < p->fH; kh++) {
      int ih = oh * p->strideH + kh * p->dilH - p->padTop;
      for (int kw = 0; kw < p->fW; kw++) {
        int iw = ow * p->strideW + kw * p->dilW - p->padLeft;
        int16_t *d = row + k;
        if (ih < 0 || ih >= p->inH || iw < 0 || iw >= p->inW) {
          for (int c = 0; c < C; c++) d[c] = 0;
        } else {
          const int16_t *s = p->x + (((int64_t)b * p->inH + ih) * p->inW + iw) * C;
          int c = 0;
          for (; c + 8 <= C; c += 8) wasm_v128_store(d + c, wasm_v128_load(s + c));
          for (; c < C; c++) d[c] = s[c];
        }
        k += C;
      }
    }
    for (; k < p->Kp; k++) row[k] = 0;
    (void)K;
  }
}

/* C[M x N] = epilogue(A[M x Kp] * B), B packed in panels of 8 columns: for each
 * k pair, [w(k,n0) w(k+1,n0) w(k,n1) w(k+1,n1) ... w(k+1,n7)]. */
typedef struct {
  int32_t M, N, Kp, act, outQuant, outZero;
  float outScale, outInv; /* the output's step and its reciprocal */
  const int16_t *A;
  const int16_t *B;
  float *out;
  const float *scale; /* N rounded up to 8: inScale * wScale[n] (0 in the padding) */
  const float *bias;  /* N rounded up to 8 */
} ck_qgemm_params;

static inline v128_t epilogue(v128_t acc, const ck_qgemm_params *p, int n) {
  v128_t y = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_convert_i32x4(acc), wasm_v128_load(p->scale + n)),
                            wasm_v128_load(p->bias + n));
  if (p->act == 1) y = wasm_f32x4_max(y, wasm_f32x4_splat(0.0f));
  if (p->outQuant) {
    /* y * (1/s) instead of y / s: they differ by at most one ulp, which moves a
     * value to the neighbouring level only at an exact rounding tie. */
    const v128_t s = wasm_f32x4_splat(p->outScale), z = wasm_f32x4_splat((float)p->outZero);
    v128_t q = wasm_f32x4_add(wasm_f32x4_nearest(wasm_f32x4_mul(y, wasm_f32x4_splat(p->outInv))), z);
    q = wasm_f32x4_min(wasm_f32x4_max(q, wasm_f32x4_splat(-128.0f)), wasm_f32x4_splat(127.0f));
    y = wasm_f32x4_mul(wasm_f32x4_sub(q, z), s);
  }
  return y;
}

static inline void store_cols(float *dst, v128_t y, int n, int N) {
  if (n + 4 <= N) {
    wasm_v128_store(dst + n, y);
    return;
  }
  float t[4];
  wasm_v128_store(t, y);
  for (int i = 0; n + i < N; i++) dst[n + i] = t[i];
}

static void qgemm_rows4(const ck_qgemm_params *p, int m, int panel) {
  const int Kp = p->Kp, N = p->N;
  const int16_t *bp = p->B + (int64_t)panel * Kp * 8;
  const int16_t *a0 = p->A + (int64_t)m * Kp, *a1 = a0 + Kp, *a2 = a1 + Kp, *a3 = a2 + Kp;
  v128_t c00 = wasm_i32x4_splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
  for (int k = 0; k < Kp; k += 2) {
    v128_t b0 = wasm_v128_load(bp), b1 = wasm_v128_load(bp + 8);
    bp += 16;
    v128_t x0 = wasm_v128_load32_splat(a0 + k), x1 = wasm_v128_load32_splat(a1 + k);
    v128_t x2 = wasm_v128_load32_splat(a2 + k), x3 = wasm_v128_load32_splat(a3 + k);
    c00 = wasm_i32x4_add(c00, wasm_i32x4_dot_i16x8(x0, b0));
    c01 = wasm_i32x4_add(c01, wasm_i32x4_dot_i16x8(x0, b1));
    c10 = wasm_i32x4_add(c10, wasm_i32x4_dot_i16x8(x1, b0));
    c11 = wasm_i32x4_add(c11, wasm_i32x4_dot_i16x8(x1, b1));
    c20 = wasm_i32x4_add(c20, wasm_i32x4_dot_i16x8(x2, b0));
    c21 = wasm_i32x4_add(c21, wasm_i32x4_dot_i16x8(x2, b1));
    c30 = wasm_i32x4_add(c30, wasm_i32x4_dot_i16x8(x3, b0));
    c31 = wasm_i32x4_add(c31, wasm_i32x4_dot_i16x8(x3, b1));
  }
  const int n = panel * 8;
  float *o = p->out + (int64_t)m * N;
  store_cols(o, epilogue(c00, p, n), n, N);
  store_cols(o, epilogue(c01, p, n + 4), n + 4, N);
  o += N;
  store_cols(o, epilogue(c10, p, n), n, N);
  store_cols(o, epilogue(c11, p, n + 4), n + 4, N);
  o += N;
  store_cols(o, epilogue(c20, p, n), n, N);
  store_cols(o, epilogue(c21, p, n + 4), n + 4, N);
  o += N;
  store_cols(o, epilogue(c30, p, n), n, N);
  store_cols(o, epilogue(c31, p, n + 4), n + 4, N);
}

static void qgemm_row1(const ck_qgemm_params *p, int m, int panel) {
  const int Kp = p->Kp, N = p->N;
  const int16_t *bp = p->B + (int64_t)panel * Kp * 8;
  const int16_t *a0 = p->A + (int64_t)m * Kp;
  v128_t c0 = wasm_i32x4_splat(0), c1 = c0, d0 = c0, d1 = c0;
  int k = 0;
  for (; k + 4 <= Kp; k += 4) {
    v128_t x0 = wasm_v128_load32_splat(a0 + k), x1 = wasm_v128_load32_splat(a0 + k + 2);
    c0 = wasm_i32x4_add(c0, wasm_i32x4_dot_i16x8(x0, wasm_v128_load(bp)));
    c1 = wasm_i32x4_add(c1, wasm_i32x4_dot_i16x8(x0, wasm_v128_load(bp + 8)));
    d0 = wasm_i32x4_add(d0, wasm_i32x4_dot_i16x8(x1, wasm_v128_load(bp + 16)));
    d1 = wasm_i32x4_add(d1, wasm_i32x4_dot_i16x8(x1, wasm_v128_load(bp + 24)));
    bp += 32;
  }
  for (; k < Kp; k += 2) {
    v128_t x0 = wasm_v128_load32_splat(a0 + k);
    c0 = wasm_i32x4_add(c0, wasm_i32x4_dot_i16x8(x0, wasm_v128_load(bp)));
    c1 = wasm_i32x4_add(c1, wasm_i32x4_dot_i16x8(x0, wasm_v128_load(bp + 8)));
    bp += 16;
  }
  c0 = wasm_i32x4_add(c0, d0);
  c1 = wasm_i32x4_add(c1, d1);
  const int n = panel * 8;
  float *o = p->out + (int64_t)m * N;
  store_cols(o, epilogue(c0, p, n), n, N);
  store_cols(o, epilogue(c1, p, n + 4), n + 4, N);
}

CK_EXPORT(ck_qgemm)
void ck_qgemm(const ck_qgemm_params *p, int tid, int nt) {
  const int panels = (p->N + 7) / 8;
  const int quads = p->M / 4;
  const int tail0 = quads * 4;
  if (quads >= 2 * nt || panels < nt) {
    /* split the row quads (and the tail rows go to the last thread) */
    int q0, q1;
    ck_split(quads, tid, nt, &q0, &q1);
    for (int q = q0; q < q1; q++)
      for (int j = 0; j < panels; j++) qgemm_rows4(p, q * 4, j);
    if (tid == nt - 1)
      for (int m = tail0; m < p->M; m++)
        for (int j = 0; j < panels; j++) qgemm_row1(p, m, j);
  } else {
    /* few rows: split the column panels */
    int j0, j1;
    ck_split(panels, tid, nt, &j0, &j1);
    for (int q = 0; q < quads; q++)
      for (int j = j0; j < j1; j++) qgemm_rows4(p, q * 4, j);
    for (int m = tail0; m < p->M; m++)
      for (int j = j0; j < j1; j++) qgemm_row1(p, m, j);
  }
}

/* Rounds floats to an int8 grid in place: (clamp(round(x / s) + z, -128, 127) - z) * s,
 * the forward pass of fake quantization, in one pass. */
typedef struct {
  int32_t n, zero;
  float scale, inv;
  float *x;
} ck_fake_quant_params;

CK_EXPORT(ck_fake_quant)
void ck_fake_quant(const ck_fake_quant_params *p, int tid, int nt) {
  int i0, i1;
  ck_split(p->n / 4, tid, nt, &i0, &i1);
  i0 *= 4;
  i1 = tid == nt - 1 ? p->n : i1 * 4;
  const v128_t s = wasm_f32x4_splat(p->scale), inv = wasm_f32x4_splat(p->inv), z = wasm_f32x4_splat((float)p->zero);
  const v128_t lo = wasm_f32x4_splat(-128.0f), hi = wasm_f32x4_splat(127.0f);
  int i = i0;
  for (; i + 4 <= i1; i += 4) {
    v128_t q = wasm_f32x4_add(wasm_f32x4_nearest(wasm_f32x4_mul(wasm_v128_load(p->x + i), inv)), z);
    q = wasm_f32x4_min(wasm_f32x4_max(q, lo), hi);
    wasm_v128_store(p->x + i, wasm_f32x4_mul(wasm_f32x4_sub(q, z), s));
  }
  for (; i < i1; i++) {
    float q = __builtin_nearbyintf(p->x[i] * p->inv) + (float)p->zero;
    q = q < -128.0f ? -128.0f : q > 127.0f ? 127.0f : q;
    p->x[i] = (q - (float)p->zero) * p->scale;
  }
}
