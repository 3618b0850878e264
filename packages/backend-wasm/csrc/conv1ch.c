/*
 * Direct convolution for one input channel (the first layer of an image CNN,
 * e.g. 28x28x1 -> 32): im2col + GEMM has K = fH*fW (9) there, so packing and
 * the column buffer cost more than the arithmetic. Each image is copied into a
 * zero-padded plane (no bounds checks in the inner loops), then
 *   forward:     out[pix, co] = sum_t plane[pix + off_t] * w[t, co]   (2 pixels x 16 channels per step)
 *   grad filter: dW[t, co]   += sum_pix plane[pix + off_t] * dy[pix, co] (2 taps x 16 channels per step)
 *                (optionally with the bias gradient sum_pix dy[pix, co] as a tap of ones after the last)
 * Threads split images; filter gradients go to per-thread partials. The forward's
 * bias and relu are applied as each output vector is stored (no second pass).
 */
#include "ck.h"

static int plane_h(const ck_conv_params *p) { return (p->outH - 1) * p->strideH + (p->fH - 1) * p->dilH + 1; }
static int plane_w(const ck_conv_params *p) { return (p->outW - 1) * p->strideW + (p->fW - 1) * p->dilW + 1; }

static void fill_plane(const ck_conv_params *p, const float *xn, float *plane) {
  const int ph = plane_h(p), pw = plane_w(p);
  for (int r = 0; r < ph; r++) {
    int ih = r - p->padTop;
    float *dst = plane + r * pw;
    if (ih < 0 || ih >= p->inH) {
      ck_zero(dst, pw);
      continue;
    }
    const float *src = xn + ih * p->inW;
    for (int c = 0; c < pw; c++) {
      int iw = c - p->padLeft;
      dst[c] = iw >= 0 && iw < p->inW ? src[iw] : 0.0f;
    }
  }
}

/* Most taps (fH * fW) the direct kernels take; see C1_MAX_TAPS in conv-driver.ts. */
#define MAX_TAPS 64

/* The forward epilogue on four channels from `co`: + bias, then relu (act 1); the
 * same operations, in the same order, as a separate pass over the output would apply. */
static inline v128_t epi(v128_t v, const ck_conv_params *p, int co) {
  if (p->bias) v = wasm_f32x4_add(v, wasm_v128_load(p->bias + co));
  if (p->act == 1) v = wasm_f32x4_max(v, wasm_f32x4_splat(0.0f));
  return v;
}

static inline float epi1(float v, const ck_conv_params *p, int co) {
  if (!p->bias && p->act != 1) return v;
  v = v + (p->bias ? p->bias[co] : 0.0f);
  return p->act == 1 && v < 0.0f ? 0.0f : v;
}

CK_EXPORT(ck_conv2d_c1)
void ck_conv2d_c1(const ck_conv_params *p, int tid, int nt) {
  const int Co = p->outC, pw = plane_w(p), T = p->fH * p->fW, OW = p->outW;
  float *plane = p->scratch + tid * p->scratchFloats;
  int offs[MAX_TAPS];
  for (int kh = 0; kh < p->fH; kh++)
    for (int kw = 0; kw < p->fW; kw++) offs[kh * p->fW + kw] = kh * p->dilH * pw + kw * p->dilW;
  const v128_t z = wasm_f32x4_splat(0.0f);
  int nb, ne;
  ck_split(p->batch, tid, nt, &nb, &ne);
  for (int n = nb; n < ne; n++) {
    fill_plane(p, p->x + (int64_t)n * p->inH * p->inW, plane);
    float *on = p->out + (int64_t)n * p->outH * OW * Co;
    for (int oh = 0; oh < p->outH; oh++) {
      const float *prow = plane + oh * p->strideH * pw;
      float *orow = on + oh * OW * Co;
      for (int ow = 0; ow < OW; ow += 2) {
        const int two = ow + 1 < OW;
        const float *x0 = prow + ow * p->strideW, *x1 = two ? x0 + p->strideW : x0;
        float *o0 = orow + ow * Co, *o1 = o0 + Co;
        int co = 0;
        for (; co + 16 <= Co; co += 16) {
          v128_t a0 = z, a1 = z, a2 = z, a3 = z, b0 = z, b1 = z, b2 = z, b3 = z;
          const float *w = p->w + co;
          for (int t = 0; t < T; t++, w += Co) {
            v128_t u = wasm_v128_load32_splat(x0 + offs[t]), v = wasm_v128_load32_splat(x1 + offs[t]);
            v128_t w0 = wasm_v128_load(w), w1 = wasm_v128_load(w + 4), w2 = wasm_v128_load(w + 8),
                   w3 = wasm_v128_load(w + 12);
            a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(u, w0));
            a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(u, w1));
            a2 = wasm_f32x4_add(a2, wasm_f32x4_mul(u, w2));
            a3 = wasm_f32x4_add(a3, wasm_f32x4_mul(u, w3));
            b0 = wasm_f32x4_add(b0, wasm_f32x4_mul(v, w0));
            b1 = wasm_f32x4_add(b1, wasm_f32x4_mul(v, w1));
            b2 = wasm_f32x4_add(b2, wasm_f32x4_mul(v, w2));
            b3 = wasm_f32x4_add(b3, wasm_f32x4_mul(v, w3));
          }
          wasm_v128_store(o0 + co, epi(a0, p, co));
          wasm_v128_store(o0 + co + 4, epi(a1, p, co + 4));
          wasm_v128_store(o0 + co + 8, epi(a2, p, co + 8));
          wasm_v128_store(o0 + co + 12, epi(a3, p, co + 12));
          if (two) {
            wasm_v128_store(o1 + co, epi(b0, p, co));
            wasm_v128_store(o1 + co + 4, epi(b1, p, co + 4));
            wasm_v128_store(o1 + co + 8, epi(b2, p, co + 8));
            wasm_v128_store(o1 + co + 12, epi(b3, p, co + 12));
          }
        }
        for (; co + 4 <= Co; co += 4) {
          v128_t a = z, b = z;
          const float *w = p->w + co;
          for (int t = 0; t < T; t++, w += Co) {
            v128_t wv = wasm_v128_load(w);
            a = wasm_f32x4_add(a, wasm_f32x4_mul(wasm_v128_load32_splat(x0 + offs[t]), wv));
            b = wasm_f32x4_add(b, wasm_f32x4_mul(wasm_v128_load32_splat(x1 + offs[t]), wv));
          }
          wasm_v128_store(o0 + co, epi(a, p, co));
          if (two) wasm_v128_store(o1 + co, epi(b, p, co));
        }
        for (; co < Co; co++) {
          float a = 0.0f, b = 0.0f;
          for (int t = 0; t < T; t++) {
            a += x0[offs[t]] * p->w[t * Co + co];
            b += x1[offs[t]] * p->w[t * Co + co];
          }
          o0[co] = epi1(a, p, co);
          if (two) o1[co] = epi1(b, p, co);
        }
      }
    }
  }
}

CK_EXPORT(ck_conv2d_c1_backprop_filter)
void ck_conv2d_c1_backprop_filter(const ck_conv_params *p, int tid, int nt) {
  const int Co = p->outC, pw = plane_w(p), T = p->fH * p->fW, OW = p->outW, OH = p->outH;
  /* act 2: also the bias gradient (sum of dy), as one more tap whose input plane is all ones;
   * with an odd tap count it fills the otherwise idle second slot of the last pair. */
  const int T2 = T + (p->act == 2);
  float *dw = tid == 0 ? p->out : p->partial + (int64_t)(tid - 1) * T2 * Co;
  float *plane = p->scratch + tid * p->scratchFloats;
  float *ones = plane + p->scratchFloats / 2;
  if (T2 > T)
    for (int i = 0, n = plane_h(p) * pw; i < n; i++) ones[i] = 1.0f;
  int offs[MAX_TAPS];
  for (int kh = 0; kh < p->fH; kh++)
    for (int kw = 0; kw < p->fW; kw++) offs[kh * p->fW + kw] = kh * p->dilH * pw + kw * p->dilW;
  const v128_t z = wasm_f32x4_splat(0.0f);
  ck_zero(dw, T2 * Co);
  int nb, ne;
  ck_split(p->batch, tid, nt, &nb, &ne);
  for (int n = nb; n < ne; n++) {
    fill_plane(p, p->x + (int64_t)n * p->inH * p->inW, plane);
    const float *gn = p->dy + (int64_t)n * OH * OW * Co;
    for (int t = 0; t < T2; t += 2) {
      const int two = t + 1 < T2;
      const float *xa = t == T ? ones : plane + offs[t];
      const float *xb = t + 1 == T ? ones : two ? plane + offs[t + 1] : xa;
      float *da = dw + t * Co, *db = da + Co;
      int co = 0;
      for (; co + 16 <= Co; co += 16) {
        v128_t a0 = z, a1 = z, a2 = z, a3 = z, b0 = z, b1 = z, b2 = z, b3 = z;
        for (int oh = 0; oh < OH; oh++) {
          const int rowOff = oh * p->strideH * pw;
          const float *g = gn + (oh * OW) * Co + co;
          for (int ow = 0; ow < OW; ow++, g += Co) {
            const int o = rowOff + ow * p->strideW;
            v128_t u = wasm_v128_load32_splat(xa + o), v = wasm_v128_load32_splat(xb + o);
            v128_t g0 = wasm_v128_load(g), g1 = wasm_v128_load(g + 4), g2 = wasm_v128_load(g + 8),
                   g3 = wasm_v128_load(g + 12);
            a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(u, g0));
            a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(u, g1));
            a2 = wasm_f32x4_add(a2, wasm_f32x4_mul(u, g2));
            a3 = wasm_f32x4_add(a3, wasm_f32x4_mul(u, g3));
            b0 = wasm_f32x4_add(b0, wasm_f32x4_mul(v, g0));
            b1 = wasm_f32x4_add(b1, wasm_f32x4_mul(v, g1));
            b2 = wasm_f32x4_add(b2, wasm_f32x4_mul(v, g2));
            b3 = wasm_f32x4_add(b3, wasm_f32x4_mul(v, g3));
          }
        }
        wasm_v128_store(da + co, wasm_f32x4_add(wasm_v128_load(da + co), a0));
        wasm_v128_store(da + co + 4, wasm_f32x4_add(wasm_v128_load(da + co + 4), a1));
        wasm_v128_store(da + co + 8, wasm_f32x4_add(wasm_v128_load(da + co + 8), a2));
        wasm_v128_store(da + co + 12, wasm_f32x4_add(wasm_v128_load(da + co + 12), a3));
        if (two) {
          wasm_v128_store(db + co, wasm_f32x4_add(wasm_v128_load(db + co), b0));
          wasm_v128_store(db + co + 4, wasm_f32x4_add(wasm_v128_load(db + co + 4), b1));
          wasm_v128_store(db + co + 8, wasm_f32x4_add(wasm_v128_load(db + co + 8), b2));
          wasm_v128_store(db + co + 12, wasm_f32x4_add(wasm_v128_load(db + co + 12), b3));
        }
      }
      for (; co < Co; co++) {
        float a = 0.0f, b = 0.0f;
        for (int oh = 0; oh < OH; oh++)
          for (int ow = 0; ow < OW; ow++) {
            const int o = oh * p->strideH * pw + ow * p->strideW;
            const float g = gn[(oh * OW + ow) * Co + co];
            a += xa[o] * g;
            b += xb[o] * g;
          }
        da[co] += a;
        if (two) db[co] += b;
      }
    }
  }
}
