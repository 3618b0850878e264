import { ConfigError } from '@convkit/core';
import { describe, expect, it } from 'vitest';
import { getPreset, PRESETS } from '../src/presets';

describe('getPreset', () => {
  it("looks presets up as own keys: 'constructor' and friends are unknown presets", () => {
    expect(getPreset('small')).toBe(PRESETS.small);
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(() => getPreset(name)).toThrow(ConfigError);
      expect(() => getPreset(name)).toThrow(/Unknown model preset '.*'. Known: lenet, small, cifar$/);
    }
  });
});
