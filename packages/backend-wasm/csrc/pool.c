/*
 * MaxPool forward and gradient (NHWC), images split across threads.
 * Forward: the largest value of each window (cells outside the input are
 * skipped; a NaN never wins, as in tfjs-cpu), four channels at a time.
 * Gradient: each dy value goes to the first maximum of its window in (kh, kw)
 * scan order, as TensorFlow's and tfjs-cpu's kernels do. Arg-max is tracked
 * four channels at a time with SIMD compare + select.
 */
#include "ck.h"

CK_EXPORT(ck_max_pool)
void ck_max_pool(const ck_conv_params *p, int tid, int nt) {
  const int C = p->inC;
  const int C4 = C & ~3;
  int nb, ne;
  ck_split(p->batch, tid, nt, &nb, &ne);
  for (int n = nb; n < ne; n++) {
    const float *xn = p->x + (int64_t)n * p->inH * p->inW * C;
    float *yn = p->out + (int64_t)n * p->outH * p->outW * C;
    for (int oh = 0; oh < p->outH; oh++) {
      int h0 = oh * p->strideH - p->padTop;
      int kh0 = ck_max(0, -h0), kh1 = ck_min(p->fH, p->inH - h0);
      for (int ow = 0; ow < p->outW; ow++) {
        int w0 = ow * p->strideW - p->padLeft;
        int kw0 = ck_max(0, -w0), kw1 = ck_min(p->fW, p->inW - w0);
        float *y = yn + (oh * p->outW + ow) * C;
        /* Up to 16 vectors (64 channels) of running maxima at a time; pmax(best, v) is
         * best < v ? v : best, so a NaN v never wins. */
        for (int c0 = 0; c0 < C4; c0 += 64) {
          const int nv = ck_min(64, C4 - c0) >> 2;
          v128_t best[16];
          for (int j = 0; j < nv; j++) best[j] = wasm_f32x4_splat(-__builtin_inff());
          for (int kh = kh0; kh < kh1; kh++)
            for (int kw = kw0; kw < kw1; kw++) {
              const float *src = xn + ((h0 + kh) * p->inW + (w0 + kw)) * C + c0;
              for (int j = 0; j < nv; j++) best[j] = wasm_f32x4_pmax(best[j], wasm_v128_load(src + 4 * j));
            }
          for (int j = 0; j < nv; j++) wasm_v128_store(y + c0 + 4 * j, best[j]);
        }
        for (int c = C4; c < C; c++) {
          float best = -__builtin_inff();
          for (int kh = kh0; kh < kh1; kh++)
            for (int kw = kw0; kw < kw1; kw++) {
              float v = xn[((h0 + kh) * p->inW + (w0 + kw)) * C + c];
              if (v > best) best = v;
            }
          y[c] = best;
        }
      }
    }
  }
}

CK_EXPORT(ck_max_pool_grad)
void ck_max_pool_grad(const ck_conv_params *p, int tid, int nt) {
  const int C = p->inC;
  int nb, ne;
  ck_split(p->batch, tid, nt, &nb, &ne);
  for (int n = nb; n < ne; n++) {
    const float *xn = p->x + (int64_t)n * p->inH * p->inW * C;
    float *dxn = p->out + (int64_t)n * p->inH * p->inW * C;
    const float *gn = p->dy + (int64_t)n * p->outH * p->outW * C;
    ck_zero(dxn, p->inH * p->inW * C);
    for (int oh = 0; oh < p->outH; oh++) {
      int h0 = oh * p->strideH - p->padTop;
      int kh0 = ck_max(0, -h0), kh1 = ck_min(p->fH, p->inH - h0);
      for (int ow = 0; ow < p->outW; ow++) {
        int w0 = ow * p->strideW - p->padLeft;
        int kw0 = ck_max(0, -w0), kw1 = ck_min(p->fW, p->inW - w0);
        const float *g = gn + (oh * p->outW + ow) * C;
        int c = 0;
        for (; c + 4 <= C; c += 4) {
          v128_t best = wasm_f32x4_splat(-__builtin_inff());
          v128_t bestIdx = wasm_i32x4_splat(-1);
          for (int kh = kh0; kh < kh1; kh++)
            for (int kw = kw0; kw < kw1; kw++) {
              int off = ((h0 + kh) * p->inW + (w0 + kw)) * C + c;
              v128_t v = wasm_v128_load(xn + off);
              v128_t m = wasm_f32x4_gt(v, best);
              best = wasm_v128_bitselect(v, best, m);
              bestIdx = wasm_v128_bitselect(wasm_i32x4_add(wasm_i32x4_splat(off), wasm_i32x4_make(0, 1, 2, 3)), bestIdx, m);
            }
          int i0 = wasm_i32x4_extract_lane(bestIdx, 0), i1 = wasm_i32x4_extract_lane(bestIdx, 1);
          int i2 = wasm_i32x4_extract_lane(bestIdx, 2), i3 = wasm_i32x4_extract_lane(bestIdx, 3);
          if (i0 >= 0) dxn[i0] += g[c];
          if (i1 >= 0) dxn[i1] += g[c + 1];
          if (i2 >= 0) dxn[i2] += g[c + 2];
          if (i3 >= 0) dxn[i3] += g[c + 3];
        }
        for (; c < C; c++) {
          float best = -__builtin_inff();
          int bestIdx = -1;
          for (int kh = kh0; kh < kh1; kh++)
            for (int kw = kw0; kw < kw1; kw++) {
              int off = ((h0 + kh) * p->inW + (w0 + kw)) * C + c;
              if (xn[off] > best) {
                best = xn[off];
                bestIdx = off;
              }
            }
          if (bestIdx >= 0) dxn[bestIdx] += g[c];
        }
      }
    }
  }
}
