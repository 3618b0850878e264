/**
 * Model presets the CLI can train by name. `lenet` is the project's reference
 * CNN; `small` is a narrower version that trains in minutes on the cpu backend;
 * `cifar` is a small batch-normalised CNN for 32×32 colour images (CIFAR-10).
 */
import { ConfigError } from '@convkit/core';
import {
  BatchNormalization,
  Conv2D,
  Dense,
  Flatten,
  GlobalAvgPool2D,
  type Layer,
  MaxPool2D,
  ReLU,
  Sequential,
} from '@convkit/layers';

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

/** Conv 3×3 (same padding, no bias: batch norm's shift replaces it) → batch norm → ReLU. */
function convBnRelu(filters: number, inputShape?: [number, number, number]): Layer[] {
  return [
    new Conv2D({ filters, kernelSize: 3, padding: 'same', useBias: false, ...(inputShape ? { inputShape } : {}) }),
    new BatchNormalization(),
    new ReLU(),
  ];
}

/**
 * A small CNN with batch normalisation for CIFAR-sized colour images: two
 * blocks of two conv–BN–ReLU (32 then 64 filters) each followed by 2×2 max
 * pooling, a conv–BN–ReLU of 128 filters, global average pooling and a
 * softmax layer (141,674 parameters for 10 classes).
 */
function cifarNet(): PresetBuilder {
  return (inputShape, numClasses) =>
    new Sequential({
      layers: [
        ...convBnRelu(32, inputShape),
        ...convBnRelu(32),
        new MaxPool2D({ poolSize: 2 }),
        ...convBnRelu(64),
        ...convBnRelu(64),
        new MaxPool2D({ poolSize: 2 }),
        ...convBnRelu(128),
        new GlobalAvgPool2D(),
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
    /** The input the preset is made for, shown by `convkit summary` (default 28×28×1). */
    inputShape?: [number, number, number];
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
  cifar: {
    build: cifarNet(),
    inputShape: [32, 32, 3],
    description:
      'batch-normalised CNN for 32×32 colour images (default of --data cifar10): 2×(Conv 32+BN) → pool → 2×(Conv 64+BN) → pool → Conv 128+BN → global average pool → Dense 10',
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
  /** The input the preset is made for (default 28×28×1). */
  inputShape?: [number, number, number];
} {
  const preset = typeof name === 'string' && Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined;
  if (!preset) throw new ConfigError(`Unknown model preset '${name}'. Known: ${Object.keys(PRESETS).join(', ')}`);
  return preset;
}

/**
 * Builds preset `name` for the input it is made for (28×28×1, or 32×32×3 for
 * `cifar`), as `convkit summary --model` shows it.
 *
 * @param name - A preset name.
 * @param numClasses - Number of outputs (default 10).
 * @returns A new, uncompiled model.
 * @throws {ConfigError} for an unknown name.
 */
export function buildPreset(name: string, numClasses = 10): Sequential {
  const preset = getPreset(name);
  return preset.build(preset.inputShape ?? [28, 28, 1], numClasses);
}
