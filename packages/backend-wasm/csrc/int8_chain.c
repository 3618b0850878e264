/*
 * Stages of the whole-model int8 chain (ConvkitQSequence) besides the GEMMs of
 * int8_gemm.c: activations live between stages as int16 codes minus their zero
 * point (what ck_qgemm's rows hold), so a chain converts floats to codes once
 * (after the first, float, convolution), max-pools the codes (max commutes with
 * the monotone rounding) and turns codes back into floats only at the end.
 */
#include "ck.h"

/* n floats to codes minus the zero point: clamp(round(x / scale), lo, hi), lo = -128 - zp,
 * hi = 127 - zp (the rounding of fake quantization, as quant_run in int8_gemm.c). */
typedef struct {
  int32_t n, lo, hi;
  float scale;
  const float *x;
  int16_t *codes;
} ck_chain_quant_params;

CK_EXPORT(ck_chain_quant)
void ck_chain_quant(const ck_chain_quant_params *p, int tid, int nt) {
  int i0, i1;
  ck_split(p->n / 8, tid, nt, &i0, &i1);
  i0 *= 8;
  i1 = tid == nt - 1 ? p->n : i1 * 8;
  const v128_t s = wasm_f32x4_splat(p->scale);
  const v128_t lo = wasm_i32x4_splat(p->lo), hi = wasm_i32x4_splat(p->hi);
  int c = i0;
  for (; c + 8 <= i1; c += 8) {
    v128_t a = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_f32x4_div(wasm_v128_load(p->x + c), s)));
    v128_t b = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_f32x4_div(wasm_v128_load(p->x + c + 4), s)));
    a = wasm_i32x4_min(wasm_i32x4_max(a, lo), hi);
    b = wasm_i32x4_min(wasm_i32x4_max(b, lo), hi);
    wasm_v128_store(p->codes + c, wasm_i16x8_narrow_i32x4(a, b));
  }
  for (; c < i1; c++) {
    float q = __builtin_nearbyintf(p->x[c] / p->scale);
    int v = q < -32768.0f ? -32768 : q > 32767.0f ? 32767 : (int)q;
    p->codes[c] = (int16_t)(v < p->lo ? p->lo : v > p->hi ? p->hi : v);
  }
}

/* Codes back to floats: code * scale (the value (q - zp) * scale of the level). */
typedef struct {
  int32_t n;
  float scale;
  const int16_t *codes;
  float *out;
} ck_chain_dequant_params;

CK_EXPORT(ck_chain_dequant)
void ck_chain_dequant(const ck_chain_dequant_params *p, int tid, int nt) {
  int i0, i1;
  ck_split(p->n, tid, nt, &i0, &i1);
  for (int i = i0; i < i1; i++) p->out[i] = (float)p->codes[i] * p->scale;
}

/* Max-pooling of NHWC codes; windows clipped at the borders ('same' padding never picks a pad).
 * Threads split the output rows (batch * outH). */
typedef struct {
  int32_t batch, inH, inW, C, outH, outW, fH, fW, strideH, strideW, padTop, padLeft;
  const int16_t *in;
  int16_t *out;
} ck_chain_pool_params;

CK_EXPORT(ck_chain_maxpool)
void ck_chain_maxpool(const ck_chain_pool_params *p, int tid, int nt) {
  const int C = p->C;
  int r0, r1;
  ck_split(p->batch * p->outH, tid, nt, &r0, &r1);
  for (int r = r0; r < r1; r++) {
    const int b = r / p->outH, oh = r - b * p->outH;
    const int h0 = oh * p->strideH - p->padTop;
    const int kh0 = ck_max(0, -h0), kh1 = ck_min(p->fH, p->inH - h0);
    const int16_t *xb = p->in + (int64_t)b * p->inH * p->inW * C;
    int16_t *o = p->out + (int64_t)r * p->outW * C;
    for (int ow = 0; ow < p->outW; ow++, o += C) {
      const int w0 = ow * p->strideW - p->padLeft;
      const int kw0 = ck_max(0, -w0), kw1 = ck_min(p->fW, p->inW - w0);
      int c = 0;
      for (; c + 8 <= C; c += 8) {
        v128_t m = wasm_i16x8_splat(-32768);
        for (int kh = kh0; kh < kh1; kh++)
          for (int kw = kw0; kw < kw1; kw++)
            m = wasm_i16x8_max(m, wasm_v128_load(xb + ((int64_t)(h0 + kh) * p->inW + (w0 + kw)) * C + c));
        wasm_v128_store(o + c, m);
      }
      for (; c < C; c++) {
        int m = -32768;
        for (int kh = kh0; kh < kh1; kh++)
          for (int kw = kw0; kw < kw1; kw++) {
            const int v = xb[((int64_t)(h0 + kh) * p->inW + (w0 + kw)) * C + c];
            m = v > m ? v : m;
          }
        o[c] = (int16_t)m;
      }
    }
  }
}

/* The same pooling on floats (a chain whose state is still float: no grid yet). */
typedef struct {
  int32_t batch, inH, inW, C, outH, outW, fH, fW, strideH, strideW, padTop, padLeft;
  const float *in;
  float *out;
} ck_chain_pool_f32_params;

CK_EXPORT(ck_chain_maxpool_f32)
void ck_chain_maxpool_f32(const ck_chain_pool_f32_params *p, int tid, int nt) {
  const int C = p->C;
  int r0, r1;
  ck_split(p->batch * p->outH, tid, nt, &r0, &r1);
  for (int r = r0; r < r1; r++) {
    const int b = r / p->outH, oh = r - b * p->outH;
    const int h0 = oh * p->strideH - p->padTop;
    const int kh0 = ck_max(0, -h0), kh1 = ck_min(p->fH, p->inH - h0);
    const float *xb = p->in + (int64_t)b * p->inH * p->inW * C;
    float *o = p->out + (int64_t)r * p->outW * C;
    for (int ow = 0; ow < p->outW; ow++, o += C) {
      const int w0 = ow * p->strideW - p->padLeft;
      const int kw0 = ck_max(0, -w0), kw1 = ck_min(p->fW, p->inW - w0);
      for (int c = 0; c < C; c++) {
        float m = -__builtin_inff();
        for (int kh = kh0; kh < kh1; kh++)
          for (int kw = kw0; kw < kw1; kw++) {
            const float v = xb[((int64_t)(h0 + kh) * p->inW + (w0 + kw)) * C + c];
            m = v > m ? v : m;
          }
        o[c] = m;
      }
    }
  }
}

/* Codes [batch, inH, inW, C] into a zero-bordered [batch, PH, PW, C] (the direct int8
 * convolution reads its windows from it without bounds checks). Threads split the rows. */
typedef struct {
  int32_t batch, inH, inW, C, PH, PW, padTop, padLeft;
  const int16_t *in;
  int16_t *out;
} ck_chain_pad_params;

CK_EXPORT(ck_chain_pad)
void ck_chain_pad(const ck_chain_pad_params *p, int tid, int nt) {
  const int C = p->C;
  int r0, r1;
  ck_split(p->batch * p->PH, tid, nt, &r0, &r1);
  for (int r = r0; r < r1; r++) {
    const int b = r / p->PH, ih = r - b * p->PH - p->padTop;
    int16_t *o = p->out + (int64_t)r * p->PW * C;
    const int n = p->PW * C;
    int i = 0;
    if (ih < 0 || ih >= p->inH) {
      for (; i + 8 <= n; i += 8) wasm_v128_store(o + i, wasm_i16x8_splat(0));
      for (; i < n; i++) o[i] = 0;
      continue;
    }
    const int16_t *src = p->in + ((int64_t)b * p->inH + ih) * p->inW * C;
    for (int pw = 0; pw < p->PW; pw++) {
      const int iw = pw - p->padLeft;
      int16_t *d = o + pw * C;
      if (iw < 0 || iw >= p->inW) {
        for (int c = 0; c < C; c++) d[c] = 0;
      } else {
        const int16_t *s = src + iw * C;
        int c = 0;
        for (; c + 8 <= C; c += 8) wasm_v128_store(d + c, wasm_v128_load(s + c));
        for (; c < C; c++) d[c] = s[c];
      }
    }
  }
}

/* Max-pooling of NHWC floats straight into codes (the first, float, conv of a chain): the max
 * first, then the rounding of ck_chain_quant (they commute: the rounding is monotone), so only
 * the pooled values are divided and rounded. Threads split the output rows. */
typedef struct {
  int32_t batch, inH, inW, C, outH, outW, fH, fW, strideH, strideW, padTop, padLeft;
  const float *in;
  int16_t *out;
  int32_t lo, hi;
  float scale;
} ck_chain_pool_quant_params;

static inline int16_t quant1(float v, const ck_chain_pool_quant_params *p) {
  float q = __builtin_nearbyintf(v / p->scale);
  int c = q < -32768.0f ? -32768 : q > 32767.0f ? 32767 : (int)q;
  return (int16_t)(c < p->lo ? p->lo : c > p->hi ? p->hi : c);
}

CK_EXPORT(ck_chain_maxpool_quant)
void ck_chain_maxpool_quant(const ck_chain_pool_quant_params *p, int tid, int nt) {
  const int C = p->C;
  const v128_t s = wasm_f32x4_splat(p->scale);
  const v128_t lo = wasm_i32x4_splat(p->lo), hi = wasm_i32x4_splat(p->hi);
  int r0, r1;
  ck_split(p->batch * p->outH, tid, nt, &r0, &r1);
  for (int r = r0; r < r1; r++) {
    const int b = r / p->outH, oh = r - b * p->outH;
    const int h0 = oh * p->strideH - p->padTop;
    const int kh0 = ck_max(0, -h0), kh1 = ck_min(p->fH, p->inH - h0);
    const float *xb = p->in + (int64_t)b * p->inH * p->inW * C;
    int16_t *o = p->out + (int64_t)r * p->outW * C;
    for (int ow = 0; ow < p->outW; ow++, o += C) {
      const int w0 = ow * p->strideW - p->padLeft;
      const int kw0 = ck_max(0, -w0), kw1 = ck_min(p->fW, p->inW - w0);
      int c = 0;
      for (; c + 8 <= C; c += 8) {
        v128_t m0 = wasm_f32x4_splat(-__builtin_inff()), m1 = m0;
        for (int kh = kh0; kh < kh1; kh++)
          for (int kw = kw0; kw < kw1; kw++) {
            const float *v = xb + ((int64_t)(h0 + kh) * p->inW + (w0 + kw)) * C + c;
            m0 = wasm_f32x4_pmax(m0, wasm_v128_load(v));
            m1 = wasm_f32x4_pmax(m1, wasm_v128_load(v + 4));
          }
        v128_t a = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_f32x4_div(m0, s)));
        v128_t d = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_f32x4_div(m1, s)));
        a = wasm_i32x4_min(wasm_i32x4_max(a, lo), hi);
        d = wasm_i32x4_min(wasm_i32x4_max(d, lo), hi);
        wasm_v128_store(o + c, wasm_i16x8_narrow_i32x4(a, d));
      }
      for (; c < C; c++) {
        float m = -__builtin_inff();
        for (int kh = kh0; kh < kh1; kh++)
          for (int kw = kw0; kw < kw1; kw++) {
            const float v = xb[((int64_t)(h0 + kh) * p->inW + (w0 + kw)) * C + c];
            m = v > m ? v : m;
          }
        o[c] = quant1(m, p);
      }
    }
  }
}

/* The first, float, convolution of a chain and the max-pool that rounds its output, image by
 * image: each image's conv output goes to a per-thread block (it stays in cache) and is pooled
 * and rounded to codes at once (ck_chain_maxpool_quant), instead of the whole batch's floats
 * being written out and read back. Threads split the images. */
void ck_conv2d_c1(const ck_conv_params *p, int tid, int nt);
void ck_conv2d(const ck_conv_params *p, int tid, int nt);

typedef struct {
  const ck_conv_params *conv; /* the whole batch; its out is unused */
  const ck_chain_pool_quant_params *pool; /* the whole batch; its in is unused */
  float *tmp;                 /* per thread: tmpFloats floats (one image's conv output) */
  int32_t tmpFloats, c1;      /* c1: the one-input-channel kernel (else im2col + GEMM) */
} ck_chain_conv_pool_params;

CK_EXPORT(ck_chain_conv_pool)
void ck_chain_conv_pool(const ck_chain_conv_pool_params *p, int tid, int nt) {
  const ck_conv_params *cv = p->conv;
  const ck_chain_pool_quant_params *pq = p->pool;
  float *tmp = p->tmp + (int64_t)tid * p->tmpFloats;
  int nb, ne;
  ck_split(cv->batch, tid, nt, &nb, &ne);
  for (int n = nb; n < ne; n++) {
    ck_conv_params c = *cv;
    c.batch = 1;
    c.x = cv->x + (int64_t)n * cv->inH * cv->inW * cv->inC;
    c.out = tmp;
    c.scratch = cv->scratch + (int64_t)tid * cv->scratchFloats;
    if (p->c1)
      ck_conv2d_c1(&c, 0, 1);
    else
      ck_conv2d(&c, 0, 1);
    ck_chain_pool_quant_params q = *pq;
    q.batch = 1;
    q.in = tmp;
    q.out = pq->out + (int64_t)n * pq->outH * pq->outW * pq->C;
    ck_chain_maxpool_quant(&q, 0, 1);
  }
}
