/*
 * Packed SGEMM with a 6x8 SIMD128 register tile (12 f32x4 accumulators,
 * 2 B vectors and one A splat: 15 of the 16 xmm registers V8 can use).
 * Blocking follows Goto/BLIS: B panels of KC x NC, A panels of MC x KC.
 */
#include "ck.h"

#ifndef MR
#define MR 4
#endif
#define NR 8
#define KC 256
#define MC 96
#define NC 128

static void pack_a(int mc, int kc, const float *a, int rs, int cs, float *ap) {
  for (int i0 = 0; i0 < mc; i0 += MR) {
    int mr = ck_min(MR, mc - i0);
    const float *src = a + i0 * rs;
    if (rs == 1 && mr == MR) {
      /* column-major A (transposed operand): MR contiguous floats per k */
      for (int k = 0; k < kc; k++) {
        const float *s = src + k * cs;
        wasm_v128_store(ap, wasm_v128_load(s));
#if MR == 6
        ap[4] = s[4];
        ap[5] = s[5];
#endif
        ap += MR;
      }
#if MR == 4
    } else if (cs == 1 && mr == 4) {
      /* row-major A: transpose 4x4 blocks */
      const float *r0 = src, *r1 = src + rs, *r2 = src + 2 * rs, *r3 = src + 3 * rs;
      int k = 0;
      for (; k + 4 <= kc; k += 4) {
        v128_t x0 = wasm_v128_load(r0 + k), x1 = wasm_v128_load(r1 + k);
        v128_t x2 = wasm_v128_load(r2 + k), x3 = wasm_v128_load(r3 + k);
        v128_t t0 = wasm_i32x4_shuffle(x0, x1, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(x2, x3, 0, 4, 1, 5);
        v128_t t2 = wasm_i32x4_shuffle(x0, x1, 2, 6, 3, 7), t3 = wasm_i32x4_shuffle(x2, x3, 2, 6, 3, 7);
        wasm_v128_store(ap, wasm_i64x2_shuffle(t0, t1, 0, 2));
        wasm_v128_store(ap + 4, wasm_i64x2_shuffle(t0, t1, 1, 3));
        wasm_v128_store(ap + 8, wasm_i64x2_shuffle(t2, t3, 0, 2));
        wasm_v128_store(ap + 12, wasm_i64x2_shuffle(t2, t3, 1, 3));
        ap += 16;
      }
      for (; k < kc; k++) {
        ap[0] = r0[k];
        ap[1] = r1[k];
        ap[2] = r2[k];
        ap[3] = r3[k];
        ap += 4;
      }
#endif
    } else {
      for (int k = 0; k < kc; k++) {
        for (int i = 0; i < MR; i++) ap[i] = i < mr ? src[i * rs + k * cs] : 0.0f;
        ap += MR;
      }
    }
  }
}

static void pack_b(int kc, int nc, const float *b, int rs, int cs, float *bp) {
  for (int j0 = 0; j0 < nc; j0 += NR) {
    int nr = ck_min(NR, nc - j0);
    const float *src = b + j0 * cs;
    if (cs == 1 && nr == NR) {
      for (int k = 0; k < kc; k++) {
        const float *s = src + k * rs;
        wasm_v128_store(bp, wasm_v128_load(s));
        wasm_v128_store(bp + 4, wasm_v128_load(s + 4));
        bp += NR;
      }
    } else {
      for (int k = 0; k < kc; k++) {
        for (int j = 0; j < NR; j++) bp[j] = j < nr ? src[k * rs + j * cs] : 0.0f;
        bp += NR;
      }
    }
  }
}

#define ROW(i)                                   \
  {                                              \
    v128_t av = wasm_v128_load32_splat(a + (i)); \
    c##i##0 = wasm_f32x4_add(c##i##0, wasm_f32x4_mul(av, b0)); \
    c##i##1 = wasm_f32x4_add(c##i##1, wasm_f32x4_mul(av, b1)); \
  }

#define STORE(i)                                                                          \
  {                                                                                       \
    float *cr = c + (i) * ldc;                                                            \
    if (acc) {                                                                            \
      c##i##0 = wasm_f32x4_add(c##i##0, wasm_v128_load(cr));                              \
      c##i##1 = wasm_f32x4_add(c##i##1, wasm_v128_load(cr + 4));                          \
    }                                                                                     \
    wasm_v128_store(cr, c##i##0);                                                         \
    wasm_v128_store(cr + 4, c##i##1);                                                     \
  }

static void ukernel(int kc, const float *restrict a, const float *restrict b, float *restrict c, int ldc, int acc) {
  v128_t z = wasm_f32x4_splat(0.0f);
  v128_t c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
#if MR == 6
  v128_t c40 = z, c41 = z, c50 = z, c51 = z;
#endif
  for (int k = 0; k < kc; k++) {
    v128_t b0 = wasm_v128_load(b);
    v128_t b1 = wasm_v128_load(b + 4);
    ROW(0) ROW(1) ROW(2) ROW(3)
#if MR == 6
    ROW(4) ROW(5)
#endif
    a += MR;
    b += NR;
  }
  STORE(0) STORE(1) STORE(2) STORE(3)
#if MR == 6
  STORE(4) STORE(5)
#endif
}

void ck_sgemm(int M, int N, int K, const float *A, int rsA, int csA, const float *B, int rsB, int csB, float *C,
              int ldc, int accumulate, float *work) {
  float *ap = work;
  float *bp = work + MC * KC;
  float tmp[MR * NR];
  if (K <= 0) {
    if (!accumulate)
      for (int i = 0; i < M; i++) ck_zero(C + i * ldc, N);
    return;
  }
  for (int jc = 0; jc < N; jc += NC) {
    int nc = ck_min(NC, N - jc);
    for (int pc = 0; pc < K; pc += KC) {
      int kc = ck_min(KC, K - pc);
      int acc = accumulate || pc > 0;
      pack_b(kc, nc, B + pc * rsB + jc * csB, rsB, csB, bp);
      for (int ic = 0; ic < M; ic += MC) {
        int mc = ck_min(MC, M - ic);
        pack_a(mc, kc, A + ic * rsA + pc * csA, rsA, csA, ap);
        for (int jr = 0; jr < nc; jr += NR) {
          int nr = ck_min(NR, nc - jr);
          for (int ir = 0; ir < mc; ir += MR) {
            int mr = ck_min(MR, mc - ir);
            float *c = C + (ic + ir) * ldc + jc + jr;
            if (mr == MR && nr == NR) {
              ukernel(kc, ap + ir * kc, bp + jr * kc, c, ldc, acc);
            } else {
              ukernel(kc, ap + ir * kc, bp + jr * kc, tmp, NR, 0);
              for (int i = 0; i < mr; i++)
                for (int j = 0; j < nr; j++) c[i * ldc + j] = (acc ? c[i * ldc + j] : 0.0f) + tmp[i * NR + j];
            }
          }
        }
      }
    }
  }
}

/* Batched row-major matmul C[b] = op(A[b]) * op(B[b]); a batch stride of 0 broadcasts.
 * p: M N K A B C transA transB batch strideA strideB scratch scratchFloats.
 * Threads split the flattened (batch, row) range. */
CK_EXPORT(ck_matmul)
void ck_matmul(const int32_t *p, int tid, int nt) {
  int M = p[0], N = p[1], K = p[2];
  const float *A = (const float *)p[3], *B = (const float *)p[4];
  float *C = (float *)p[5];
  int transA = p[6], transB = p[7], batch = p[8], strideA = p[9], strideB = p[10];
  float *work = (float *)p[11] + tid * p[12];
  int rsA = transA ? 1 : K, csA = transA ? M : 1;
  int rsB = transB ? 1 : N, csB = transB ? K : 1;
  int r0, r1;
  ck_split(batch * M, tid, nt, &r0, &r1);
  while (r0 < r1) {
    int b = r0 / M, m0 = r0 - b * M, m1 = ck_min(M, m0 + (r1 - r0));
    ck_sgemm(m1 - m0, N, K, A + (int64_t)b * strideA + m0 * rsA, rsA, csA, B + (int64_t)b * strideB, rsB, csB,
             C + ((int64_t)b * M + m0) * N, N, 0, work);
    r0 += m1 - m0;
  }
}

/* out[c] = sum over rows r of x[r*C + c] (reduce leading axes), rows split across
 * threads: thread 0 writes out, thread t>0 partial[(t-1)*C ..]; ck_reduce_partials adds them. */
CK_EXPORT(ck_sum_rows)
void ck_sum_rows(const float *x, int R, int C, float *out, float *partial, int tid, int nt) {
  float *dst = tid == 0 ? out : partial + (int64_t)(tid - 1) * C;
  int r0, r1;
  ck_split(R, tid, nt, &r0, &r1);
  ck_zero(dst, C);
  for (int r = r0; r < r1; r++) ck_add_to(dst, x + (int64_t)r * C, C);
}

/* Scratch floats per thread for ck_matmul. */
CK_EXPORT(ck_gemm_work_floats)
int ck_gemm_work_floats(void) { return CK_GEMM_WORK_FLOATS; }
