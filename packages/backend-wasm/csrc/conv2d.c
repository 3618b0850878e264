/*
 * Conv2D forward and gradients (NHWC, HWIO filter) as im2col + packed SGEMM,
 * processed in chunks of output rows so the column buffer stays in L2.
 *   forward:      out[M x Co]  = col[M x K] * W[K x Co]          (+bias, relu)
 *   grad filter:  dW[K x Co]  += col^T[K x M] * dy[M x Co]
 *   grad input:   dcol[M x K]  = dy[M x Co] * W^T[Co x K], then col2im into dx
 * with M = batch*outH*outW and K = fH*fW*inC.
 */
#include "ck.h"

#define CHUNK_FLOATS 24576

static int chunk_rows(int K) {
  int r = CHUNK_FLOATS / (K > 0 ? K : 1);
  r = r / 6 * 6;
  return r < 6 ? 6 : r;
}

/* Rows [m0, m0+mc) of the im2col matrix of x. */
static void im2col(const ck_conv_params *p, int m0, int mc, float *col) {
  const int C = p->inC, K = p->fH * p->fW * C, ohw = p->outH * p->outW;
  for (int r = 0; r < mc; r++) {
    int m = m0 + r, n = m / ohw, rem = m - n * ohw, oh = rem / p->outW, ow = rem - oh * p->outW;
    const float *xn = p->x + (int64_t)n * p->inH * p->inW * C;
    float *dst = col + r * K;
    for (int kh = 0; kh < p->fH; kh++) {
      int ih = oh * p->strideH - p->padTop + kh * p->dilH;
      if (ih < 0 || ih >= p->inH) {
        ck_zero(dst, p->fW * C);
        dst += p->fW * C;
        continue;
      }
      const float *xrow = xn + ih * p->inW * C;
      for (int kw = 0; kw < p->fW; kw++) {
        int iw = ow * p->strideW - p->padLeft + kw * p->dilW;
        if (iw < 0 || iw >= p->inW) {
          ck_zero(dst, C);
        } else if (C == 1) {
          dst[0] = xrow[iw];
        } else {
          ck_copy(dst, xrow + iw * C, C);
        }
        dst += C;
      }
    }
  }
}

/* dx += col2im(dcol) for rows [m0, m0+mc). */
static void col2im_add(const ck_conv_params *p, int m0, int mc, const float *dcol, float *dx) {
  const int C = p->inC, K = p->fH * p->fW * C, ohw = p->outH * p->outW;
  for (int r = 0; r < mc; r++) {
    int m = m0 + r, n = m / ohw, rem = m - n * ohw, oh = rem / p->outW, ow = rem - oh * p->outW;
    float *xn = dx + (int64_t)n * p->inH * p->inW * C;
    const float *src = dcol + r * K;
    for (int kh = 0; kh < p->fH; kh++) {
      int ih = oh * p->strideH - p->padTop + kh * p->dilH;
      if (ih < 0 || ih >= p->inH) {
        src += p->fW * C;
        continue;
      }
      float *xrow = xn + ih * p->inW * C;
      for (int kw = 0; kw < p->fW; kw++) {
        int iw = ow * p->strideW - p->padLeft + kw * p->dilW;
        if (iw >= 0 && iw < p->inW) {
          if (C == 1)
            xrow[iw] += src[0];
          else
            ck_add_to(xrow + iw * C, src, C);
        }
        src += C;
      }
    }
  }
}

/* True when im2col is the identity (1x1, stride 1, no padding): x is the column matrix. */
static int is_pointwise(const ck_conv_params *p) {
  return p->fH == 1 && p->fW == 1 && p->strideH == 1 && p->strideW == 1 && p->padTop == 0 && p->padLeft == 0 &&
         p->outH == p->inH && p->outW == p->inW;
}

/* Scratch floats per thread for the conv kernels. */
CK_EXPORT(ck_conv2d_scratch_floats)
int ck_conv2d_scratch_floats(int K) { return chunk_rows(K) * K + CK_GEMM_WORK_FLOATS; }

/* Forward: out = act(conv(x, w) + bias). Threads split output rows. */
CK_EXPORT(ck_conv2d)
void ck_conv2d(const ck_conv_params *p, int tid, int nt) {
  const int K = p->fH * p->fW * p->inC, Co = p->outC, M = p->batch * p->outH * p->outW;
  float *col = p->scratch + tid * p->scratchFloats;
  float *work = col + chunk_rows(K) * K;
  int mb, me;
  ck_split(M, tid, nt, &mb, &me);
  const int pw = is_pointwise(p);
  for (int m0 = mb; m0 < me; m0 += chunk_rows(K)) {
    int mc = ck_min(chunk_rows(K), me - m0);
    const float *a = p->x + (int64_t)m0 * K;
    if (!pw) {
      im2col(p, m0, mc, col);
      a = col;
    }
    float *o = p->out + (int64_t)m0 * Co;
    ck_sgemm(mc, Co, K, a, K, 1, p->w, Co, 1, o, Co, 0, work);
    if (p->bias || p->act) {
      v128_t z = wasm_f32x4_splat(0.0f);
      for (int r = 0; r < mc; r++) {
        float *row = o + r * Co;
        int j = 0;
        for (; j + 4 <= Co; j += 4) {
          v128_t v = wasm_v128_load(row + j);
          if (p->bias) v = wasm_f32x4_add(v, wasm_v128_load(p->bias + j));
          if (p->act == 1) v = wasm_f32x4_max(v, z);
          wasm_v128_store(row + j, v);
        }
        for (; j < Co; j++) {
          float v = row[j] + (p->bias ? p->bias[j] : 0.0f);
          row[j] = p->act == 1 && v < 0.0f ? 0.0f : v;
        }
      }
    }
  }
}

/* Filter gradient. Threads split the rows (the reduction) and each sums into
 * its own block of `partial` (thread 0 into `out`); ck_reduce_partials adds them. */
CK_EXPORT(ck_conv2d_backprop_filter)
void ck_conv2d_backprop_filter(const ck_conv_params *p, int tid, int nt) {
  const int K = p->fH * p->fW * p->inC, Co = p->outC, M = p->batch * p->outH * p->outW;
  float *dw = tid == 0 ? p->out : p->partial + (int64_t)(tid - 1) * K * Co;
  float *col = p->scratch + tid * p->scratchFloats;
  float *work = col + chunk_rows(K) * K;
  int mb, me;
  ck_split(M, tid, nt, &mb, &me);
  int first = 1;
  const int pw = is_pointwise(p);
  for (int m0 = mb; m0 < me; m0 += chunk_rows(K)) {
    int mc = ck_min(chunk_rows(K), me - m0);
    const float *a = p->x + (int64_t)m0 * K;
    if (!pw) {
      im2col(p, m0, mc, col);
      a = col;
    }
    ck_sgemm(K, Co, mc, a, 1, K, p->dy + (int64_t)m0 * Co, Co, 1, dw, Co, !first, work);
    first = 0;
  }
  if (first) ck_zero(dw, K * Co);
}

/* out[i] += sum of nparts blocks of partial[i]; threads split i. */
CK_EXPORT(ck_reduce_partials)
void ck_reduce_partials(float *out, const float *partial, int count, int nparts, int tid, int nt) {
  int b, e;
  ck_split(count / 4, tid, nt, &b, &e);
  b *= 4;
  e = tid == nt - 1 ? count : e * 4;
  for (int q = 0; q < nparts; q++) ck_add_to(out + b, partial + (int64_t)q * count + b, e - b);
}

/* Input gradient. Threads split images (col2im of one image never touches another). */
CK_EXPORT(ck_conv2d_backprop_input)
void ck_conv2d_backprop_input(const ck_conv_params *p, int tid, int nt) {
  const int K = p->fH * p->fW * p->inC, Co = p->outC, ohw = p->outH * p->outW;
  const int imgSize = p->inH * p->inW * p->inC;
  float *dcol = p->scratch + tid * p->scratchFloats;
  float *work = dcol + chunk_rows(K) * K;
  int nb, ne;
  ck_split(p->batch, tid, nt, &nb, &ne);
  const int pw = is_pointwise(p);
  if (!pw) ck_zero(p->out + (int64_t)nb * imgSize, (ne - nb) * imgSize);
  int me = ne * ohw;
  for (int m0 = nb * ohw; m0 < me; m0 += chunk_rows(K)) {
    int mc = ck_min(chunk_rows(K), me - m0);
    const float *g = p->dy + (int64_t)m0 * Co;
    if (pw) {
      ck_sgemm(mc, K, Co, g, Co, 1, p->w, 1, Co, p->out + (int64_t)m0 * K, K, 0, work);
    } else {
      ck_sgemm(mc, K, Co, g, Co, 1, p->w, 1, Co, dcol, K, 0, work);
      col2im_add(p, m0, mc, dcol, p->out);
    }
  }
}
