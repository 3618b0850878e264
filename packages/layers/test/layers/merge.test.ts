import { numTensors, ShapeError } from '@convkit/core';
import { describe, expect, it } from 'vitest';
import { Add, Concatenate } from '../../src/layers/index';
import { checkGradients, inputVar, randomArray, t } from './helpers';

describe('Add', () => {
  it('sums any number of same-shape inputs', () => {
    const a = t([1, 2, 3, 4], [2, 2]);
    const b = t([10, 20, 30, 40], [2, 2]);
    const c = t([100, 200, 300, 400], [2, 2]);
    const add = new Add();
    const y = add.apply([a, b, c]);
    expect(Array.from(y.dataSync())).toEqual([111, 222, 333, 444]);
    expect(
      add.computeOutputShape([
        [null, 2],
        [null, 2],
      ]),
    ).toEqual([null, 2]);
    expect(
      add.computeOutputShape([
        [null, 2],
        [5, 2],
      ]),
    ).toEqual([5, 2]);
    const z = add.apply([a, b]);
    expect(Array.from(z.dataSync())).toEqual([11, 22, 33, 44]);
    for (const x of [a, b, c, y, z]) x.dispose();
  });

  it('rejects mismatched shapes and single inputs', () => {
    const add = new Add({ name: 'add_e' });
    expect(() =>
      add.computeOutputShape([
        [null, 2],
        [null, 3],
      ]),
    ).toThrow(ShapeError);
    expect(() =>
      add.computeOutputShape([
        [null, 2],
        [null, 3],
      ]),
    ).toThrow(/add_e.*\[null, 2\], \[null, 3\]/);
    expect(() => add.computeOutputShape([null, 2])).toThrow(/at least 2 inputs/);
    const a = t([1, 2], [1, 2]);
    expect(() => add.apply(a)).toThrow(ShapeError);
    expect(() => add.apply([a])).toThrow(ShapeError);
    a.dispose();
  });

  it('gradients flow to every input', () => {
    const a = inputVar(randomArray(6, 1), [2, 3]);
    const b = inputVar(randomArray(6, 2), [2, 3]);
    const add = new Add();
    checkGradients(() => add.apply([a, b]), [a, b]);
    a.dispose();
    b.dispose();
  });
});

describe('Concatenate', () => {
  it('joins along the channel axis by default, or another axis', () => {
    const a = t([1, 2, 3, 4], [2, 1, 2]);
    const b = t([5, 6, 7, 8, 9, 10], [2, 1, 3]);
    const cat = new Concatenate();
    const y = cat.apply([a, b]);
    expect(y.shape).toEqual([2, 1, 5]);
    expect(Array.from(y.dataSync())).toEqual([1, 2, 5, 6, 7, 3, 4, 8, 9, 10]);
    expect(
      cat.computeOutputShape([
        [null, 1, 2],
        [null, 1, 3],
      ]),
    ).toEqual([null, 1, 5]);
    const c1 = new Concatenate({ axis: 1 });
    const z = c1.apply([a, a]);
    expect(z.shape).toEqual([2, 2, 2]);
    expect(Array.from(z.dataSync())).toEqual([1, 2, 1, 2, 3, 4, 3, 4]);
    expect(
      c1.computeOutputShape([
        [null, null, 2],
        [null, 3, 2],
      ]),
    ).toEqual([null, null, 2]);
    for (const x of [a, b, y, z]) x.dispose();
  });

  it('rejects mismatched dimensions and bad axes', () => {
    const cat = new Concatenate({ name: 'cat_e' });
    expect(() =>
      cat.computeOutputShape([
        [null, 2, 3],
        [null, 4, 3],
      ]),
    ).toThrow(ShapeError);
    expect(() =>
      cat.computeOutputShape([
        [null, 2, 3],
        [null, 2],
      ]),
    ).toThrow(/equal rank/);
    expect(() =>
      new Concatenate({ axis: 0 }).computeOutputShape([
        [1, 2],
        [1, 2],
      ]),
    ).toThrow(ShapeError);
    expect(() =>
      new Concatenate({ axis: 3 }).computeOutputShape([
        [1, 2],
        [1, 2],
      ]),
    ).toThrow(ShapeError);
  });

  it('gradients', () => {
    const a = inputVar(randomArray(8, 1), [2, 2, 2]);
    const b = inputVar(randomArray(4, 2), [2, 2, 1]);
    const cat = new Concatenate();
    checkGradients(() => cat.apply([a, b]), [a, b]);
    a.dispose();
    b.dispose();
  });

  it('merge layers leak no tensors', () => {
    const a = t(randomArray(6, 1), [2, 3]);
    const b = t(randomArray(6, 2), [2, 3]);
    const add = new Add();
    const cat = new Concatenate();
    add.apply([a, b]).dispose();
    cat.apply([a, b]).dispose();
    const before = numTensors();
    for (let i = 0; i < 3; i++) {
      add.apply([a, b]).dispose();
      cat.apply([a, b]).dispose();
    }
    expect(numTensors()).toBe(before);
    a.dispose();
    b.dispose();
  });
});
