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

/* out[M x N] = epilogue(rows(A) * B). The rows of A are built on the fly, per thread and in
 * chunks of CK_QROWS, from the float input: rows of K floats (a Dense layer) or the im2col
 * rows of an NHWC convolution input, each value rounded to its int8 grid and stored as the
 * int16 code minus the zero point, the row padded with zeros to Kp (K rounded up to even).
 * B is packed in panels of 8 columns: for each k pair, [w(k,n0) w(k+1,n0) w(k,n1) w(k+1,n1)
 * ... w(k+1,n7)]: int8 (16 bytes, widened to two int16 vectors as they are loaded) for products
 * over built rows, which a batch-1 Dense layer streams from memory once per call; int16 (widened
 * once, no widening in the inner loop) for the direct convolution, which reuses each panel for
 * every output pixel. One call does the whole layer, so the threads meet once. */
#define CK_QROWS 64

typedef struct {
  int32_t M, N, Kp, act, outQuant, outZero;
  float outScale, outInv; /* the output's step and its reciprocal */
  const void *B; /* int8 panels (im2col rows, matrix products) or int16 panels (direct convolution) */
  float *out;
  const float *scale; /* N rounded up to 8: inScale * wScale[n] (0 in the padding) */
  const float *bias;  /* N rounded up to 8 */
  int32_t conv, K, lo, hi; /* lo, hi: clamp range of q - zeroPoint: [-128 - zp, 127 - zp] */
  float inScale, pad0;
  const float *x;
  int32_t batch, inH, inW, inC, outH, outW;
  int32_t fH, fW, strideH, strideW, dilH, dilW, padTop, padLeft;
  int16_t *scratch; /* per thread: CK_QROWS * Kp codes */
  const int16_t *codes; /* or null: the whole input already as codes (ck_chain_quant, or a previous layer of a chain) */
  int16_t *outCodes;    /* or null: with outQuant, write the output as codes minus outZero instead of floats */
  /* direct convolution (no im2col rows): `codes` is the input as codes laid out [batch, PH, PW, inC],
   * already padded (padTop/padLeft then unused), and inC is even so no k pair straddles two taps */
  int32_t direct, PH, PW;
} ck_qgemm_params;

CK_EXPORT(ck_qgemm_scratch_elems)
int ck_qgemm_scratch_elems(int Kp) { return CK_QROWS * Kp; }

/* n floats rounded to codes: clamp(round(x / s), lo, hi). */
static void quant_run(const ck_qgemm_params *p, const float *x, int16_t *d, int n) {
  const v128_t s = wasm_f32x4_splat(p->inScale);
  const v128_t lo = wasm_i32x4_splat(p->lo), hi = wasm_i32x4_splat(p->hi);
  int c = 0;
  for (; c + 8 <= n; c += 8) {
    v128_t a = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_f32x4_div(wasm_v128_load(x + c), s)));
    v128_t b = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_f32x4_div(wasm_v128_load(x + c + 4), s)));
    a = wasm_i32x4_min(wasm_i32x4_max(a, lo), hi);
    b = wasm_i32x4_min(wasm_i32x4_max(b, lo), hi);
    wasm_v128_store(d + c, wasm_i16x8_narrow_i32x4(a, b));
  }
  for (; c < n; c++) {
    float q = __builtin_nearbyintf(x[c] / p->inScale);
    int v = q < -32768.0f ? -32768 : q > 32767.0f ? 32767 : (int)q;
    d[c] = (int16_t)(v < p->lo ? p->lo : v > p->hi ? p->hi : v);
  }
}

static inline void copy_i16(int16_t *d, const int16_t *s, int n) {
  int c = 0;
  for (; c + 8 <= n; c += 8) wasm_v128_store(d + c, wasm_v128_load(s + c));
  for (; c < n; c++) d[c] = s[c];
}

static inline void zero_i16(int16_t *d, int n) {
  int c = 0;
  for (; c + 8 <= n; c += 8) wasm_v128_store(d + c, wasm_i16x8_splat(0));
  for (; c < n; c++) d[c] = 0;
}

/* Rows [m0, m0 + rows) of A into dst (rows of Kp codes). */
static void build_rows(const ck_qgemm_params *p, int m0, int rows, int16_t *dst) {
  const int Kp = p->Kp;
  for (int r = 0; r < rows; r++) {
    const int m = m0 + r;
    int16_t *row = dst + (int64_t)r * Kp;
    int k = 0;
    if (!p->conv) {
      if (p->codes)
        copy_i16(row, p->codes + (int64_t)m * p->K, p->K);
      else
        quant_run(p, p->x + (int64_t)m * p->K, row, p->K);
      k = p->K;
    } else {
      const int C = p->inC, hw = p->outH * p->outW;
      const int b = m / hw, rem = m - b * hw;
      const int oh = rem / p->outW, ow = rem - oh * p->outW;
      for (int kh = 0; kh < p->fH; kh++) {
        const int ih = oh * p->strideH + kh * p->dilH - p->padTop;
        for (int kw = 0; kw < p->fW; kw++, k += C) {
          const int iw = ow * p->strideW + kw * p->dilW - p->padLeft;
          if (ih < 0 || ih >= p->inH || iw < 0 || iw >= p->inW) {
            zero_i16(row + k, C);
          } else if (p->codes) {
            copy_i16(row + k, p->codes + (((int64_t)b * p->inH + ih) * p->inW + iw) * C, C);
          } else {
            quant_run(p, p->x + (((int64_t)b * p->inH + ih) * p->inW + iw) * C, row + k, C);
          }
        }
      }
    }
    for (; k < Kp; k++) row[k] = 0;
  }
}

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

/* The requantized codes (minus the output zero point) of 8 columns: row `m`, columns [n, n + 8). */
static inline void store_codes8(const ck_qgemm_params *p, int m, int n, v128_t acc0, v128_t acc1) {
  const v128_t inv = wasm_f32x4_splat(p->outInv), z = wasm_f32x4_splat((float)p->outZero);
  const v128_t lo = wasm_f32x4_splat(-128.0f), hi = wasm_f32x4_splat(127.0f), zero = wasm_f32x4_splat(0.0f);
  v128_t y0 = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_convert_i32x4(acc0), wasm_v128_load(p->scale + n)),
                             wasm_v128_load(p->bias + n));
  v128_t y1 = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_convert_i32x4(acc1), wasm_v128_load(p->scale + n + 4)),
                             wasm_v128_load(p->bias + n + 4));
  if (p->act == 1) {
    y0 = wasm_f32x4_max(y0, zero);
    y1 = wasm_f32x4_max(y1, zero);
  }
  v128_t q0 = wasm_f32x4_add(wasm_f32x4_nearest(wasm_f32x4_mul(y0, inv)), z);
  v128_t q1 = wasm_f32x4_add(wasm_f32x4_nearest(wasm_f32x4_mul(y1, inv)), z);
  q0 = wasm_f32x4_sub(wasm_f32x4_min(wasm_f32x4_max(q0, lo), hi), z);
  q1 = wasm_f32x4_sub(wasm_f32x4_min(wasm_f32x4_max(q1, lo), hi), z);
  v128_t c = wasm_i16x8_narrow_i32x4(wasm_i32x4_trunc_sat_f32x4(q0), wasm_i32x4_trunc_sat_f32x4(q1));
  int16_t *dst = p->outCodes + (int64_t)m * p->N;
  if (n + 8 <= p->N) {
    wasm_v128_store(dst + n, c);
    return;
  }
  int16_t t[8];
  wasm_v128_store(t, c);
  for (int i = 0; n + i < p->N; i++) dst[n + i] = t[i];
}

/* Stores the accumulators of one row (8 columns from n) as floats into o or as codes. */
static inline void store_row8(const ck_qgemm_params *p, float *o, int m, int n, v128_t acc0, v128_t acc1) {
  if (p->outCodes) {
    store_codes8(p, m, n, acc0, acc1);
    return;
  }
  store_cols(o, epilogue(acc0, p, n), n, p->N);
  store_cols(o, epilogue(acc1, p, n + 4), n + 4, p->N);
}

/* One k pair of a 4-row × 8-column int8 tile: rows x0..x3 (a pair of int16 codes, splat) times the
 * panel's two halves b0, b1 into the accumulators c[2r] (columns 0-3) and c[2r+1] (columns 4-7).
 * Inlined, the array stays in registers. */
static inline __attribute__((always_inline)) void dot4x8(v128_t c[8], v128_t x0, v128_t x1, v128_t x2, v128_t x3,
                                                         v128_t b0, v128_t b1) {
  const v128_t x[4] = {x0, x1, x2, x3};
  for (int r = 0; r < 4; r++) {
    c[2 * r] = wasm_i32x4_add(c[2 * r], wasm_i32x4_dot_i16x8(x[r], b0));
    c[2 * r + 1] = wasm_i32x4_add(c[2 * r + 1], wasm_i32x4_dot_i16x8(x[r], b1));
  }
}

/* Rows a[0..3] (each Kp codes) times panel `panel` into o (row stride N), rows m.. m + 3. */
static void qgemm_rows4(const ck_qgemm_params *p, const int16_t *a0, float *o, int m, int panel) {
  const int Kp = p->Kp, N = p->N;
  const int8_t *bp = (const int8_t *)p->B + (int64_t)panel * Kp * 8;
  const int16_t *a1 = a0 + Kp, *a2 = a1 + Kp, *a3 = a2 + Kp;
  v128_t acc[8];
  for (int i = 0; i < 8; i++) acc[i] = wasm_i32x4_splat(0);
  for (int k = 0; k < Kp; k += 2) {
    v128_t bb = wasm_v128_load(bp);
    v128_t b0 = wasm_i16x8_extend_low_i8x16(bb), b1 = wasm_i16x8_extend_high_i8x16(bb);
    bp += 16;
    v128_t x0 = wasm_v128_load32_splat(a0 + k), x1 = wasm_v128_load32_splat(a1 + k);
    v128_t x2 = wasm_v128_load32_splat(a2 + k), x3 = wasm_v128_load32_splat(a3 + k);
    dot4x8(acc, x0, x1, x2, x3, b0, b1);
  }
  const int n = panel * 8;
  for (int r = 0; r < 4; r++) store_row8(p, o + r * N, m + r, n, acc[2 * r], acc[2 * r + 1]);
}

static void qgemm_row1(const ck_qgemm_params *p, const int16_t *a0, float *o, int m, int panel) {
  const int Kp = p->Kp;
  const int8_t *bp = (const int8_t *)p->B + (int64_t)panel * Kp * 8;
  v128_t c0 = wasm_i32x4_splat(0), c1 = c0, d0 = c0, d1 = c0;
  int k = 0;
  for (; k + 4 <= Kp; k += 4) {
    v128_t x0 = wasm_v128_load32_splat(a0 + k), x1 = wasm_v128_load32_splat(a0 + k + 2);
    v128_t b = wasm_v128_load(bp), e = wasm_v128_load(bp + 16);
    c0 = wasm_i32x4_add(c0, wasm_i32x4_dot_i16x8(x0, wasm_i16x8_extend_low_i8x16(b)));
    c1 = wasm_i32x4_add(c1, wasm_i32x4_dot_i16x8(x0, wasm_i16x8_extend_high_i8x16(b)));
    d0 = wasm_i32x4_add(d0, wasm_i32x4_dot_i16x8(x1, wasm_i16x8_extend_low_i8x16(e)));
    d1 = wasm_i32x4_add(d1, wasm_i32x4_dot_i16x8(x1, wasm_i16x8_extend_high_i8x16(e)));
    bp += 32;
  }
  for (; k < Kp; k += 2) {
    v128_t x0 = wasm_v128_load32_splat(a0 + k);
    v128_t b = wasm_v128_load(bp);
    c0 = wasm_i32x4_add(c0, wasm_i32x4_dot_i16x8(x0, wasm_i16x8_extend_low_i8x16(b)));
    c1 = wasm_i32x4_add(c1, wasm_i32x4_dot_i16x8(x0, wasm_i16x8_extend_high_i8x16(b)));
    bp += 16;
  }
  c0 = wasm_i32x4_add(c0, d0);
  c1 = wasm_i32x4_add(c1, d1);
  store_row8(p, o, m, panel * 8, c0, c1);
}

/* Rows [m0, m0 + rows) (already built in a) times panels [j0, j1). */
static void qgemm_block(const ck_qgemm_params *p, const int16_t *a, int m0, int rows, int j0, int j1) {
  const int Kp = p->Kp, N = p->N;
  int r = 0;
  for (; r + 4 <= rows; r += 4)
    for (int j = j0; j < j1; j++) qgemm_rows4(p, a + (int64_t)r * Kp, p->out + (int64_t)(m0 + r) * N, m0 + r, j);
  for (; r < rows; r++)
    for (int j = j0; j < j1; j++) qgemm_row1(p, a + (int64_t)r * Kp, p->out + (int64_t)(m0 + r) * N, m0 + r, j);
}

/* Direct convolution: the 4 (or 1) A rows of a tile read straight from the padded input codes,
 * tap by tap (C codes each), instead of from im2col rows; same products, same order. */
static inline const int16_t *direct_row(const ck_qgemm_params *p, int m) {
  const int hw = p->outH * p->outW;
  const int b = m / hw, rem = m - b * hw, oh = rem / p->outW, ow = rem - oh * p->outW;
  return p->codes + (((int64_t)b * p->PH + oh * p->strideH) * p->PW + ow * p->strideW) * p->inC;
}

static void qconv_rows4(const ck_qgemm_params *p, const int16_t *r0, const int16_t *r1, const int16_t *r2,
                        const int16_t *r3, float *o, int m, int panel) {
  const int C = p->inC, N = p->N;
  const int16_t *bp = (const int16_t *)p->B + (int64_t)panel * p->Kp * 8;
  v128_t acc[8];
  for (int i = 0; i < 8; i++) acc[i] = wasm_i32x4_splat(0);
  for (int kh = 0; kh < p->fH; kh++) {
    for (int kw = 0; kw < p->fW; kw++) {
      const int off = (kh * p->dilH * p->PW + kw * p->dilW) * C;
      const int16_t *a0 = r0 + off, *a1 = r1 + off, *a2 = r2 + off, *a3 = r3 + off;
      for (int c = 0; c < C; c += 2) {
        v128_t b0 = wasm_v128_load(bp), b1 = wasm_v128_load(bp + 8);
        bp += 16;
        v128_t x0 = wasm_v128_load32_splat(a0 + c), x1 = wasm_v128_load32_splat(a1 + c);
        v128_t x2 = wasm_v128_load32_splat(a2 + c), x3 = wasm_v128_load32_splat(a3 + c);
        dot4x8(acc, x0, x1, x2, x3, b0, b1);
      }
    }
  }
  const int n = panel * 8;
  for (int r = 0; r < 4; r++) store_row8(p, o + r * N, m + r, n, acc[2 * r], acc[2 * r + 1]);
}

static void qconv_row1(const ck_qgemm_params *p, const int16_t *r0, float *o, int m, int panel) {
  const int C = p->inC;
  const int16_t *bp = (const int16_t *)p->B + (int64_t)panel * p->Kp * 8;
  v128_t c0 = wasm_i32x4_splat(0), c1 = c0;
  for (int kh = 0; kh < p->fH; kh++) {
    for (int kw = 0; kw < p->fW; kw++) {
      const int16_t *a0 = r0 + (kh * p->dilH * p->PW + kw * p->dilW) * C;
      for (int c = 0; c < C; c += 2) {
        v128_t x0 = wasm_v128_load32_splat(a0 + c);
        c0 = wasm_i32x4_add(c0, wasm_i32x4_dot_i16x8(x0, wasm_v128_load(bp)));
        c1 = wasm_i32x4_add(c1, wasm_i32x4_dot_i16x8(x0, wasm_v128_load(bp + 8)));
        bp += 16;
      }
    }
  }
  store_row8(p, o, m, panel * 8, c0, c1);
}

/* Rows [m0, m1) times panels [j0, j1), directly from the padded codes. */
static void qconv_direct(const ck_qgemm_params *p, int m0, int m1, int j0, int j1) {
  const int N = p->N;
  int m = m0;
  for (; m + 4 <= m1; m += 4) {
    const int16_t *r0 = direct_row(p, m), *r1 = direct_row(p, m + 1), *r2 = direct_row(p, m + 2),
                  *r3 = direct_row(p, m + 3);
    for (int j = j0; j < j1; j++) qconv_rows4(p, r0, r1, r2, r3, p->out + (int64_t)m * N, m, j);
  }
  for (; m < m1; m++) {
    const int16_t *r0 = direct_row(p, m);
    for (int j = j0; j < j1; j++) qconv_row1(p, r0, p->out + (int64_t)m * N, m, j);
  }
}

CK_EXPORT(ck_qgemm)
void ck_qgemm(const ck_qgemm_params *p, int tid, int nt) {
  const int panels = (p->N + 7) / 8;
  const int quads = (p->M + 3) / 4;
  int16_t *a = p->scratch + (int64_t)tid * CK_QROWS * p->Kp;
  if (p->direct) {
    int q0, q1, j0 = 0, j1 = panels;
    if (quads >= 2 * nt || panels < nt) {
      ck_split(quads, tid, nt, &q0, &q1);
    } else {
      q0 = 0;
      q1 = quads;
      ck_split(panels, tid, nt, &j0, &j1);
    }
    qconv_direct(p, q0 * 4, ck_min(p->M, q1 * 4), j0, j1);
    return;
  }
  if (quads >= 2 * nt || panels < nt) {
    /* split the rows, in whole quads; each thread builds and multiplies its own rows */
    int q0, q1;
    ck_split(quads, tid, nt, &q0, &q1);
    const int m1 = ck_min(p->M, q1 * 4);
    for (int m = q0 * 4; m < m1; m += CK_QROWS) {
      const int rows = ck_min(CK_QROWS, m1 - m);
      build_rows(p, m, rows, a);
      qgemm_block(p, a, m, rows, 0, panels);
    }
  } else {
    /* few rows (M < 8 nt <= CK_QROWS): every thread builds them, and takes a share of the panels */
    int j0, j1;
    ck_split(panels, tid, nt, &j0, &j1);
    if (j0 == j1) return;
    build_rows(p, 0, p->M, a);
    qgemm_block(p, a, 0, p->M, j0, j1);
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
