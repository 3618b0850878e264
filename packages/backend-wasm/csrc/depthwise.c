/*
 * Depthwise conv2d (NHWC input, filter [fH, fW, inC, mult], output channel
 * c*mult+q) forward and gradients. Direct loops, SIMD across channels when
 * mult == 1 (the MobileNet case); scalar over q otherwise.
 */
#include "ck.h"

/* Calls body(ih, iw, oh, ow, kh, kw) for every in-bounds tap of image rows. */
#define FOR_TAPS(p, BODY)                                                   \
  for (int oh = 0; oh < (p)->outH; oh++)                                    \
    for (int ow = 0; ow < (p)->outW; ow++)                                  \
      for (int kh = 0; kh < (p)->fH; kh++) {                                \
        int ih = oh * (p)->strideH - (p)->padTop + kh * (p)->dilH;          \
        if (ih < 0 || ih >= (p)->inH) continue;                             \
        for (int kw = 0; kw < (p)->fW; kw++) {                              \
          int iw = ow * (p)->strideW - (p)->padLeft + kw * (p)->dilW;       \
          if (iw < 0 || iw >= (p)->inW) continue;                           \
          BODY                                                              \
        }                                                                   \
      }

/* acc[c*mult+q] += a[c] * b[c*mult+q] over channels (the filter-gradient and forward shape). */
static inline void mac_cq(float *acc, const float *a, const float *b, int C, int mult) {
  if (mult == 1) {
    int c = 0;
    for (; c + 4 <= C; c += 4)
      wasm_v128_store(acc + c, wasm_f32x4_add(wasm_v128_load(acc + c),
                                              wasm_f32x4_mul(wasm_v128_load(a + c), wasm_v128_load(b + c))));
    for (; c < C; c++) acc[c] += a[c] * b[c];
  } else {
    for (int c = 0; c < C; c++)
      for (int q = 0; q < mult; q++) acc[c * mult + q] += a[c] * b[c * mult + q];
  }
}

CK_EXPORT(ck_depthwise_conv2d)
void ck_depthwise_conv2d(const ck_conv_params *p, int tid, int nt) {
  const int C = p->inC, Co = C * p->mult;
  int nb, ne;
  ck_split(p->batch, tid, nt, &nb, &ne);
  for (int n = nb; n < ne; n++) {
    const float *xn = p->x + (int64_t)n * p->inH * p->inW * C;
    float *on = p->out + (int64_t)n * p->outH * p->outW * Co;
    ck_zero(on, p->outH * p->outW * Co);
    FOR_TAPS(p, {
      mac_cq(on + (oh * p->outW + ow) * Co, xn + (ih * p->inW + iw) * C, p->w + (kh * p->fW + kw) * Co, C, p->mult);
    })
  }
}

CK_EXPORT(ck_depthwise_conv2d_backprop_filter)
void ck_depthwise_conv2d_backprop_filter(const ck_conv_params *p, int tid, int nt) {
  const int C = p->inC, Co = C * p->mult, size = p->fH * p->fW * Co;
  float *dw = tid == 0 ? p->out : p->partial + (int64_t)(tid - 1) * size;
  ck_zero(dw, size);
  int nb, ne;
  ck_split(p->batch, tid, nt, &nb, &ne);
  for (int n = nb; n < ne; n++) {
    const float *xn = p->x + (int64_t)n * p->inH * p->inW * C;
    const float *gn = p->dy + (int64_t)n * p->outH * p->outW * Co;
    FOR_TAPS(p, {
      mac_cq(dw + (kh * p->fW + kw) * Co, xn + (ih * p->inW + iw) * C, gn + (oh * p->outW + ow) * Co, C, p->mult);
    })
  }
}

CK_EXPORT(ck_depthwise_conv2d_backprop_input)
void ck_depthwise_conv2d_backprop_input(const ck_conv_params *p, int tid, int nt) {
  const int C = p->inC, mult = p->mult, Co = C * mult;
  int nb, ne;
  ck_split(p->batch, tid, nt, &nb, &ne);
  for (int n = nb; n < ne; n++) {
    float *dxn = p->out + (int64_t)n * p->inH * p->inW * C;
    const float *gn = p->dy + (int64_t)n * p->outH * p->outW * Co;
    ck_zero(dxn, p->inH * p->inW * C);
    FOR_TAPS(p, {
      float *d = dxn + (ih * p->inW + iw) * C;
      const float *g = gn + (oh * p->outW + ow) * Co;
      const float *w = p->w + (kh * p->fW + kw) * Co;
      if (mult == 1) {
        int c = 0;
        for (; c + 4 <= C; c += 4)
          wasm_v128_store(d + c, wasm_f32x4_add(wasm_v128_load(d + c),
                                                wasm_f32x4_mul(wasm_v128_load(g + c), wasm_v128_load(w + c))));
        for (; c < C; c++) d[c] += g[c] * w[c];
      } else {
        for (int c = 0; c < C; c++) {
          float s = 0.0f;
          for (int q = 0; q < mult; q++) s += g[c * mult + q] * w[c * mult + q];
          d[c] += s;
        }
      }
    })
  }
}
