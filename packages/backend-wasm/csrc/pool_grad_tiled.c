/*
 * MaxPool gradient for windows that do not overlap (stride >= window, the
 * usual 2x2/2 pool), NHWC, images split across threads.
 *
 * Each input cell lies in at most one window, so the gradient of a window is
 * written directly, in one pass over the input: per four channels, the
 * window's maximum (a NaN never wins), then, scanning the cells in (kh, kw)
 * order again, dy goes to the first cell equal to it and 0 to the others
 * (the first maximum, as TensorFlow's and tfjs-cpu's kernels choose; a window
 * with no cell above -inf gets no gradient, as in ck_max_pool_grad). No
 * zeroing pass and no scattered writes, unlike ck_max_pool_grad; only cells
 * that no window covers are zeroed.
 *
 * With p->act == 1 the result is multiplied by step(x) (the gradient of a
 * ReLU whose output is the pool input): p->partial then receives that product,
 * bit for bit what ck_mul_step makes from the plain gradient with alpha 0
 * (NaN x gives NaN), while p->out still receives the plain gradient.
 */
#include "ck.h"

/* step(x) as tfjs computes it (alpha 0): 1 where x > 0, x where x is NaN, else 0. */
static inline v128_t step4(v128_t v) {
  v128_t s = wasm_v128_and(wasm_f32x4_splat(1.0f), wasm_f32x4_gt(v, wasm_f32x4_splat(0.0f)));
  return wasm_v128_bitselect(v, s, wasm_f32x4_ne(v, v));
}

static inline float step1(float v) { return v != v ? v : (v > 0.0f ? 1.0f : 0.0f); }

/* Zeroes the cells of image plane `d` (and `r`, when not null) outside [0, rows) x [0, cols). */
static void zero_uncovered(float *d, float *r, const ck_conv_params *p, int rows, int cols) {
  const int C = p->inC;
  for (int h = 0; h < p->inH; h++) {
    int from = h < rows ? cols : 0;
    if (from >= p->inW) continue;
    int off = (h * p->inW + from) * C, n = (p->inW - from) * C;
    ck_zero(d + off, n);
    if (r) ck_zero(r + off, n);
  }
}

/* One 2x2 window at element offset `o` (row pitch `rp` floats): the gradient of every channel. */
static void window2x2(const float *x, float *dx, float *r, const float *g, int o, int rp, int C) {
  const float *x0 = x + o, *x1 = x0 + C, *x2 = x0 + rp, *x3 = x2 + C;
  float *d0 = dx + o, *d1 = d0 + C, *d2 = d0 + rp, *d3 = d2 + C;
  const v128_t ninf = wasm_f32x4_splat(-__builtin_inff()), zero = wasm_f32x4_splat(0.0f);
  int c = 0;
  for (; c + 4 <= C; c += 4) {
    v128_t a = wasm_v128_load(x0 + c), b = wasm_v128_load(x1 + c);
    v128_t e = wasm_v128_load(x2 + c), f = wasm_v128_load(x3 + c);
    v128_t best = wasm_v128_bitselect(a, ninf, wasm_f32x4_gt(a, ninf));
    best = wasm_v128_bitselect(b, best, wasm_f32x4_gt(b, best));
    best = wasm_v128_bitselect(e, best, wasm_f32x4_gt(e, best));
    best = wasm_v128_bitselect(f, best, wasm_f32x4_gt(f, best));
    v128_t done = wasm_v128_not(wasm_f32x4_gt(best, ninf));
    v128_t gv = wasm_v128_load(g + c);
    v128_t ma = wasm_v128_andnot(wasm_f32x4_eq(a, best), done);
    done = wasm_v128_or(done, ma);
    v128_t mb = wasm_v128_andnot(wasm_f32x4_eq(b, best), done);
    done = wasm_v128_or(done, mb);
    v128_t me = wasm_v128_andnot(wasm_f32x4_eq(e, best), done);
    done = wasm_v128_or(done, me);
    v128_t mf = wasm_v128_andnot(wasm_f32x4_eq(f, best), done);
    v128_t da = wasm_f32x4_add(zero, wasm_v128_and(gv, ma)), db = wasm_f32x4_add(zero, wasm_v128_and(gv, mb));
    v128_t de = wasm_f32x4_add(zero, wasm_v128_and(gv, me)), df = wasm_f32x4_add(zero, wasm_v128_and(gv, mf));
    wasm_v128_store(d0 + c, da);
    wasm_v128_store(d1 + c, db);
    wasm_v128_store(d2 + c, de);
    wasm_v128_store(d3 + c, df);
    if (r) {
      wasm_v128_store(r + o + c, wasm_f32x4_mul(da, step4(a)));
      wasm_v128_store(r + o + C + c, wasm_f32x4_mul(db, step4(b)));
      wasm_v128_store(r + o + rp + c, wasm_f32x4_mul(de, step4(e)));
      wasm_v128_store(r + o + rp + C + c, wasm_f32x4_mul(df, step4(f)));
    }
  }
  for (; c < C; c++) {
    const float v[4] = {x0[c], x1[c], x2[c], x3[c]};
    float *d[4] = {d0 + c, d1 + c, d2 + c, d3 + c};
    const int off[4] = {o + c, o + C + c, o + rp + c, o + rp + C + c};
    float best = -__builtin_inff();
    for (int i = 0; i < 4; i++)
      if (v[i] > best) best = v[i];
    int done = !(best > -__builtin_inff());
    for (int i = 0; i < 4; i++) {
      int m = !done && v[i] == best;
      done |= m;
      float dv = 0.0f + (m ? g[c] : 0.0f);
      *d[i] = dv;
      if (r) r[off[i]] = dv * step1(v[i]);
    }
  }
}

CK_EXPORT(ck_max_pool_grad_tiled)
void ck_max_pool_grad_tiled(const ck_conv_params *p, int tid, int nt) {
  const int C = p->inC, C4 = C & ~3;
  const int relu = p->act == 1;
  const int tiles = p->strideH == p->fH && p->strideW == p->fW;
  /* Windows tile [0, rows) x [0, cols) when stride == window; otherwise zero everything first. */
  const int rows = tiles ? ck_min(p->inH, p->outH * p->fH - p->padTop) : 0;
  const int cols = tiles ? ck_min(p->inW, p->outW * p->fW - p->padLeft) : 0;
  const v128_t ninf = wasm_f32x4_splat(-__builtin_inff());
  int nb, ne;
  ck_split(p->batch, tid, nt, &nb, &ne);
  for (int n = nb; n < ne; n++) {
    const int64_t plane = (int64_t)p->inH * p->inW * C;
    const float *xn = p->x + n * plane;
    float *dxn = p->out + n * plane;
    float *rn = relu ? p->partial + n * plane : 0;
    const float *gn = p->dy + (int64_t)n * p->outH * p->outW * C;
    zero_uncovered(dxn, rn, p, rows, cols);
    for (int oh = 0; oh < p->outH; oh++) {
      int h0 = oh * p->strideH - p->padTop;
      int kh0 = ck_max(0, -h0), kh1 = ck_min(p->fH, p->inH - h0);
      for (int ow = 0; ow < p->outW; ow++) {
        int w0 = ow * p->strideW - p->padLeft;
        int kw0 = ck_max(0, -w0), kw1 = ck_min(p->fW, p->inW - w0);
        const float *g = gn + (oh * p->outW + ow) * C;
        if (kh1 - kh0 == 2 && kw1 - kw0 == 2) {
          window2x2(xn, dxn, rn, g, ((h0 + kh0) * p->inW + (w0 + kw0)) * C, p->inW * C, C);
          continue;
        }
        for (int c = 0; c < C4; c += 4) {
          v128_t best = ninf;
          for (int kh = kh0; kh < kh1; kh++)
            for (int kw = kw0; kw < kw1; kw++) {
              v128_t v = wasm_v128_load(xn + ((h0 + kh) * p->inW + (w0 + kw)) * C + c);
              best = wasm_v128_bitselect(v, best, wasm_f32x4_gt(v, best));
            }
          /* Lanes with no winner count as done: they get 0 everywhere. */
          v128_t done = wasm_v128_not(wasm_f32x4_gt(best, ninf));
          v128_t gv = wasm_v128_load(g + c);
          for (int kh = kh0; kh < kh1; kh++)
            for (int kw = kw0; kw < kw1; kw++) {
              int off = ((h0 + kh) * p->inW + (w0 + kw)) * C + c;
              v128_t v = wasm_v128_load(xn + off);
              v128_t m = wasm_v128_andnot(wasm_f32x4_eq(v, best), done);
              done = wasm_v128_or(done, m);
              /* 0 + g, as the scatter-add computes it (so -0 becomes +0). */
              v128_t d = wasm_f32x4_add(wasm_f32x4_splat(0.0f), wasm_v128_and(gv, m));
              wasm_v128_store(dxn + off, d);
              if (relu) wasm_v128_store(rn + off, wasm_f32x4_mul(d, step4(v)));
            }
        }
        for (int c = C4; c < C; c++) {
          float best = -__builtin_inff();
          for (int kh = kh0; kh < kh1; kh++)
            for (int kw = kw0; kw < kw1; kw++) {
              float v = xn[((h0 + kh) * p->inW + (w0 + kw)) * C + c];
              if (v > best) best = v;
            }
          int done = !(best > -__builtin_inff());
          for (int kh = kh0; kh < kh1; kh++)
            for (int kw = kw0; kw < kw1; kw++) {
              int off = ((h0 + kh) * p->inW + (w0 + kw)) * C + c;
              float v = xn[off];
              int m = !done && v == best;
              done |= m;
              float d = 0.0f + (m ? g[c] : 0.0f);
              dxn[off] = d;
              if (relu) rn[off] = d * step1(v);
            }
        }
      }
    }
  }
}
