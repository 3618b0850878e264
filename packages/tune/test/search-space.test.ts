import { ConfigError } from '@convkit/core';
import { createStudy, parseSearchSpace, RandomSampler, type SearchSpaceJson, suggestFromSpace } from '@convkit/tune';
import { describe, expect, it } from 'vitest';

const json: SearchSpaceJson = {
  lr: { type: 'float', low: 1e-4, high: 0.1, log: true },
  filters: { type: 'int', low: 8, high: 64, step: 8 },
  optimizer: { type: 'categorical', choices: ['sgd', 'adam', 'rmsprop'] },
  momentum: { type: 'float', low: 0, high: 0.99, condition: { param: 'optimizer', equals: 'sgd' } },
  nesterov: { type: 'categorical', choices: [true, false], condition: { param: 'momentum', in: [0] } },
  beta1: { type: 'float', low: 0.8, high: 0.99, condition: { param: 'optimizer', in: ['adam', 'rmsprop'] } },
};

describe('JSON search spaces', () => {
  it('suggests every active parameter and only those', async () => {
    const space = parseSearchSpace(JSON.stringify(json));
    expect(space.params.map((p) => p.name)).toEqual(Object.keys(json));
    const study = await createStudy({ sampler: new RandomSampler({ seed: 4 }) });
    const seen: Record<string, unknown>[] = [];
    await study.optimize(
      (t) => {
        const p = suggestFromSpace(t, space);
        seen.push(p);
        return p.lr as number;
      },
      { trials: 40 },
    );
    for (const p of seen) {
      expect(p.lr as number).toBeGreaterThanOrEqual(1e-4);
      expect((p.filters as number) % 8).toBe(0);
      expect('momentum' in p).toBe(p.optimizer === 'sgd');
      expect('beta1' in p).toBe(p.optimizer !== 'sgd');
      expect('nesterov' in p).toBe(false); // momentum is continuous, never exactly 0 here
    }
    expect(new Set(seen.map((p) => p.optimizer))).toEqual(new Set(['sgd', 'adam', 'rmsprop']));
    // The stored trials have the same parameters.
    expect((await study.trials()).map((t) => t.params)).toEqual(seen);
  });

  it('names the path of the bad key', () => {
    const bad: [unknown, RegExp][] = [
      ['{', /not valid JSON/],
      [[], /\$ must be an object/],
      [{}, /no parameters/],
      [{ lr: 3 }, /\$\.lr must be an object/],
      [
        { lr: { type: 'double', low: 0, high: 1 } },
        /\$\.lr\.type must be "float", "int" or "categorical", got "double"/,
      ],
      [{ lr: { type: 'float', low: 'a', high: 1 } }, /\$\.lr\.low: low must be a finite number/],
      [{ lr: { type: 'float', low: 2, high: 1 } }, /\$\.lr\.low: low \(2\) must be <= high \(1\)/],
      [{ lr: { type: 'float', low: 0, high: 1, log: true } }, /\$\.lr\.log: log scale needs low > 0/],
      [{ lr: { type: 'float', low: 0, high: 1, lg: true } }, /\$\.lr\.lg is not a key of a float parameter/],
      [{ 'a b': { type: 'categorical', choices: [] } }, /\$\["a b"\]\.choices: choices must be a non-empty array/],
      [{ n: { type: 'int', low: 0, high: 5, step: 0.5 } }, /\$\.n\.step/],
      [
        { m: { type: 'float', low: 0, high: 1, condition: { param: 'opt', equals: 'sgd' } } },
        /\$\.m\.condition\.param names "opt", which is not a parameter defined before "m"/,
      ],
      [
        {
          opt: { type: 'categorical', choices: ['sgd'] },
          m: { type: 'float', low: 0, high: 1, condition: { param: 'opt', equals: 'sdg' } },
        },
        /\$\.m\.condition: "opt" can never be "sdg"/,
      ],
      [
        {
          opt: { type: 'categorical', choices: ['sgd'] },
          m: { type: 'float', low: 0, high: 1, condition: { param: 'opt' } },
        },
        /exactly one of "equals" and "in"/,
      ],
    ];
    for (const [input, message] of bad) {
      const call = () => parseSearchSpace(typeof input === 'string' ? input : (input as object));
      expect(call).toThrow(ConfigError);
      expect(call).toThrow(message);
    }
  });
});
