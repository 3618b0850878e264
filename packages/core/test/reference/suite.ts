/**
 * The op-correctness suite, run once per backend (core's tests on 'cpu',
 * backend-wasm's on 'wasm'): every case's forward pass and gradients against
 * float64 references and finite differences, plus matMul's shape errors.
 */
import { grad, numTensors, ops, ShapeError, setBackend, tensor } from '@convkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkOp, type OpCase } from './check-op';
import { convCases } from './conv-cases';
import { matMulCases } from './matmul-cases';
import { poolCases } from './pool-cases';

function runCases(title: string, cases: () => OpCase[]): void {
  describe(title, () => {
    for (const [i, c] of cases().entries()) {
      it(c.name, async () => {
        await checkOp(c, i + 1);
      });
    }
  });
}

/** Registers the suite for `backend` (which must be importable already). */
export function opCorrectnessSuite(backend: string): void {
  describe(`ops against float64 references on ${backend}`, () => {
    beforeAll(async () => {
      await setBackend(backend);
    });

    runCases('convolutions (dilations, strides, paddings)', convCases);
    runCases('pooling', poolCases);
    runCases('matMul batch broadcasting', matMulCases);

    it('avgPool same: the gradient at a corner of a 3×3 input is 1/4 + 1/6 + 1/6 + 1/9 (hand-computed)', async () => {
      const x = tensor(new Float32Array(9).fill(1), [1, 3, 3, 1]);
      const g = grad((t) => ops.sum(ops.avgPool(t as never, 3, 1, 'same')))(x);
      const v = await g.data();
      const corner = 1 / 4 + 1 / 6 + 1 / 6 + 1 / 9;
      const edge = 1 / 4 + 1 / 4 + 1 / 6 + 1 / 6 + 1 / 6 + 1 / 9;
      expect(v[0]).toBeCloseTo(corner, 5);
      expect(v[1]).toBeCloseTo(edge, 5);
      expect(v[4]).toBeCloseTo(4 / 4 + 4 / 6 + 1 / 9, 5);
      x.dispose();
      g.dispose();
    });

    it('matMul: incompatible batches, inner dimensions or ranks are ShapeErrors naming the shapes; nothing leaks', () => {
      const before = numTensors();
      const t = (shape: number[]) => tensor(new Float32Array(shape.reduce((p, q) => p * q, 1)), shape);
      const cases: [number[], number[], RegExp][] = [
        [[2, 3, 4], [3, 4, 5], /batch dimensions of a \[2, 3, 4\] and b \[3, 4, 5\] do not broadcast/],
        [[2, 3, 4], [2, 5, 6], /inner dimensions differ/],
        [[4], [4, 2], /rank 2 or more/],
      ];
      for (const [sa, sb, message] of cases) {
        const a = t(sa);
        const b = t(sb);
        expect(() => ops.matMul(a, b)).toThrow(ShapeError);
        expect(() => ops.matMul(a, b)).toThrow(message);
        expect(() => ops.fused.matMul({ a, b })).toThrow(ShapeError);
        a.dispose();
        b.dispose();
      }
      expect(numTensors()).toBe(before);
    });
  });
}
