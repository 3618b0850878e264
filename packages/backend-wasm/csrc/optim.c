/*
 * Fused optimizer updates: one pass over every parameter of a step (all
 * tensors packed end to end), SIMD, split across threads by index range.
 * Each operation is rounded to float32 in the order of the composite of
 * tfjs ops in @convkit/core's op-wrappers/fused-*.ts, so the result equals
 * it exactly (wasm has no fused multiply-add to change the rounding).
 * In place: p, m, v, ... are overwritten with the new values.
 */
#include "ck.h"

/* [i0, i1) of n floats for thread tid: whole 4-float groups, the tail to the last thread. */
static inline void ck_split4(int n, int tid, int nt, int *i0, int *i1) {
  ck_split(n / 4, tid, nt, i0, i1);
  *i0 *= 4;
  *i1 = tid == nt - 1 ? n : *i1 * 4;
}

/* Adam / AdamW (ConvkitFusedAdam). bc1 = 1 - beta1^step, bc2 = 1 - beta2^step, decay = 1 - lr*wd. */
typedef struct {
  float *p;
  const float *g;
  float *m, *v;
  int32_t n, hasDecay;
  float lr, b1, c1, b2, c2, bc1, bc2, eps, decay;
} ck_adam_params;

CK_EXPORT(ck_fused_adam)
void ck_fused_adam(const ck_adam_params *a, int tid, int nt) {
  int i0, i1;
  ck_split4(a->n, tid, nt, &i0, &i1);
  float *p = a->p, *m = a->m, *v = a->v;
  const float *g = a->g;
  const v128_t lr = wasm_f32x4_splat(a->lr), b1 = wasm_f32x4_splat(a->b1), c1 = wasm_f32x4_splat(a->c1);
  const v128_t b2 = wasm_f32x4_splat(a->b2), c2 = wasm_f32x4_splat(a->c2), bc1 = wasm_f32x4_splat(a->bc1);
  const v128_t bc2 = wasm_f32x4_splat(a->bc2), eps = wasm_f32x4_splat(a->eps), decay = wasm_f32x4_splat(a->decay);
  int i = i0;
  for (; i + 4 <= i1; i += 4) {
    v128_t gi = wasm_v128_load(g + i);
    v128_t pi = wasm_v128_load(p + i);
    if (a->hasDecay) pi = wasm_f32x4_mul(pi, decay);
    v128_t mi = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(m + i), b1), wasm_f32x4_mul(gi, c1));
    v128_t vi = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(v + i), b2), wasm_f32x4_mul(wasm_f32x4_mul(gi, gi), c2));
    wasm_v128_store(m + i, mi);
    wasm_v128_store(v + i, vi);
    v128_t den = wasm_f32x4_add(wasm_f32x4_sqrt(wasm_f32x4_div(vi, bc2)), eps);
    v128_t step = wasm_f32x4_mul(wasm_f32x4_div(wasm_f32x4_div(mi, bc1), den), lr);
    wasm_v128_store(p + i, wasm_f32x4_sub(pi, step));
  }
  for (; i < i1; i++) {
    float gi = g[i];
    float pi = a->hasDecay ? p[i] * a->decay : p[i];
    float mi = m[i] * a->b1 + gi * a->c1;
    float vi = v[i] * a->b2 + (gi * gi) * a->c2;
    m[i] = mi;
    v[i] = vi;
    float den = __builtin_sqrtf(vi / a->bc2) + a->eps;
    p[i] = pi - ((mi / a->bc1) / den) * a->lr;
  }
}

/* SGD (ConvkitFusedSgd). mode: 0 plain, 1 momentum, 2 Nesterov. decay = 1 - lr*wd. */
typedef struct {
  float *p;
  const float *g;
  float *b;
  int32_t n, mode, hasDecay;
  float lr, mu, decay;
} ck_sgd_params;

CK_EXPORT(ck_fused_sgd)
void ck_fused_sgd(const ck_sgd_params *a, int tid, int nt) {
  int i0, i1;
  ck_split4(a->n, tid, nt, &i0, &i1);
  float *p = a->p, *b = a->b;
  const float *g = a->g;
  const int mode = a->mode;
  const v128_t lr = wasm_f32x4_splat(a->lr), mu = wasm_f32x4_splat(a->mu), decay = wasm_f32x4_splat(a->decay);
  int i = i0;
  for (; i + 4 <= i1; i += 4) {
    v128_t gi = wasm_v128_load(g + i);
    v128_t d = gi;
    if (mode) {
      v128_t bi = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(b + i), mu), gi);
      wasm_v128_store(b + i, bi);
      d = mode == 2 ? wasm_f32x4_add(gi, wasm_f32x4_mul(bi, mu)) : bi;
    }
    v128_t pi = wasm_v128_load(p + i);
    if (a->hasDecay) pi = wasm_f32x4_mul(pi, decay);
    wasm_v128_store(p + i, wasm_f32x4_sub(pi, wasm_f32x4_mul(d, lr)));
  }
  for (; i < i1; i++) {
    float gi = g[i], d = gi;
    if (mode) {
      float bi = b[i] * a->mu + gi;
      b[i] = bi;
      d = mode == 2 ? gi + bi * a->mu : bi;
    }
    float pi = a->hasDecay ? p[i] * a->decay : p[i];
    p[i] = pi - d * a->lr;
  }
}

/* RMSprop (ConvkitFusedRmsprop). c = 1 - rho. s: mean squares, avg: mean gradients (centered), b: momentum. */
typedef struct {
  float *p;
  const float *g;
  float *s, *avg, *b;
  int32_t n, centered, hasMomentum;
  float lr, rho, c, eps, mu;
} ck_rmsprop_params;

CK_EXPORT(ck_fused_rmsprop)
void ck_fused_rmsprop(const ck_rmsprop_params *a, int tid, int nt) {
  int i0, i1;
  ck_split4(a->n, tid, nt, &i0, &i1);
  float *p = a->p, *s = a->s, *avg = a->avg, *b = a->b;
  const float *g = a->g;
  const v128_t lr = wasm_f32x4_splat(a->lr), rho = wasm_f32x4_splat(a->rho), c = wasm_f32x4_splat(a->c);
  const v128_t eps = wasm_f32x4_splat(a->eps), mu = wasm_f32x4_splat(a->mu), zero = wasm_f32x4_splat(0.0f);
  int i = i0;
  for (; i + 4 <= i1; i += 4) {
    v128_t gi = wasm_v128_load(g + i);
    v128_t si = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(s + i), rho), wasm_f32x4_mul(wasm_f32x4_mul(gi, gi), c));
    wasm_v128_store(s + i, si);
    v128_t w = si;
    if (a->centered) {
      v128_t ai = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(avg + i), rho), wasm_f32x4_mul(gi, c));
      wasm_v128_store(avg + i, ai);
      w = wasm_f32x4_sub(si, wasm_f32x4_mul(ai, ai));
      w = wasm_v128_bitselect(zero, w, wasm_f32x4_lt(w, zero)); /* relu, NaN kept */
    }
    v128_t d = wasm_f32x4_div(gi, wasm_f32x4_add(wasm_f32x4_sqrt(w), eps));
    if (a->hasMomentum) {
      d = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(b + i), mu), d);
      wasm_v128_store(b + i, d);
    }
    wasm_v128_store(p + i, wasm_f32x4_sub(wasm_v128_load(p + i), wasm_f32x4_mul(d, lr)));
  }
  for (; i < i1; i++) {
    float gi = g[i];
    float si = s[i] * a->rho + (gi * gi) * a->c;
    s[i] = si;
    float w = si;
    if (a->centered) {
      float ai = avg[i] * a->rho + gi * a->c;
      avg[i] = ai;
      w = si - ai * ai;
      if (w < 0.0f) w = 0.0f;
    }
    float d = gi / (__builtin_sqrtf(w) + a->eps);
    if (a->hasMomentum) {
      d = b[i] * a->mu + d;
      b[i] = d;
    }
    p[i] = p[i] - d * a->lr;
  }
}
