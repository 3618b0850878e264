/**
 * Model presets the CLI can train by name. `lenet` is the project's reference
 * CNN; `small` is a narrower version that trains in minutes on the cpu backend.
 */
import { ConfigError } from '@convkit/core';
import { Conv2D, Dense, Flatten, MaxPool2D, Sequential } from '@convkit/layers';

/**
 * Builds an uncompiled model for `[height, width, channels]` inputs and `numClasses` outputs.
 *
 * @param inputShape - `[height, width, channels]` of one image.
 * @param numClasses - Number of outputs.
 * @returns A new, uncompiled model.
 */
export type PresetBuilder = (inputShape: [number, number, number], numClasses: number) => Sequential;

function convNet(filters: [number, number], hidden: number): PresetBuilder {
  return (inputShape, numClasses) =>
    new Sequential({
      layers: [
        new Conv2D({ filters: filters[0], kernelSize: 3, padding: 'valid', activation: 'relu', inputShape }),
        new MaxPool2D({ poolSize: 2 }),
        new Conv2D({ filters: filters[1], kernelSize: 3, padding: 'valid', activation: 'relu' }),
        new MaxPool2D({ poolSize: 2 }),
        new Flatten(),
        new Dense({ units: hidden, activation: 'relu' }),
        new Dense({ units: numClasses, activation: 'softmax' }),
      ],
    });
}

/** Preset name → builder and a one-line description. */
export const PRESETS: Record<
  string,
  {
    /** Builds the model. */
    build: PresetBuilder;
    /** One line for the help. */
    description: string;
  }
> = {
  lenet: {
    build: convNet([32, 64], 128),
    description: 'reference CNN: Conv 32 → pool → Conv 64 → pool → Dense 128 → Dense 10',
  },
  small: {
    build: convNet([8, 16], 32),
    description: 'small CNN for the cpu backend: Conv 8 → pool → Conv 16 → pool → Dense 32 → Dense 10',
  },
};

/**
 * Looks up a preset, with an error listing the known ones.
 *
 * @param name - A preset name, e.g. `'lenet'`.
 * @returns Its builder and description.
 * @throws {ConfigError} for an unknown name (the message lists the known ones).
 */
export function getPreset(name: string): {
  /** Builds the model. */
  build: PresetBuilder;
  /** One line for the help. */
  description: string;
} {
  const preset = typeof name === 'string' && Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined;
  if (!preset) throw new ConfigError(`Unknown model preset '${name}'. Known: ${Object.keys(PRESETS).join(', ')}`);
  return preset;
}
