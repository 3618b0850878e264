import { describe, expect, it } from 'vitest';

describe('subpath entries', () => {
  it('resolve as @convkit/data/node and @convkit/data/mnist', async () => {
    const node = await import('@convkit/data/node');
    const mnist = await import('@convkit/data/mnist');
    expect(typeof node.loadFashionMnist).toBe('function');
    expect(typeof mnist.loadMnistDigits).toBe('function');
  });
});
