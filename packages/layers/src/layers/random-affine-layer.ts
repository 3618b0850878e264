/**
 * The base of the geometric preprocessing layers (`RandomRotation`,
 * `RandomZoom`, `RandomTranslation`): each draws one affine map per image and
 * resamples the batch through it (`image-warp.ts`), with Keras's
 * `interpolation`, `fillMode` and `fillValue`.
 */
import { ConfigError, type Rng, type Tensor } from '@convkit/core';
import { preview } from '../engine/preview';
import {
  type AffineMap,
  FILL_MODES,
  type FillMode,
  INTERPOLATIONS,
  type Interpolation,
  planWarp,
  warpImages,
} from './image-warp';
import { RandomImageLayer, type RandomImageLayerArgs } from './random-image-layer';

/** Resampling options of the geometric preprocessing layers. */
export interface RandomAffineLayerArgs extends RandomImageLayerArgs {
  /**
   * What samples outside the image read: `'constant'` (`fillValue`), `'nearest'`
   * (the edge pixel), `'reflect'` (the image mirrored about its edge) or `'wrap'`.
   *
   * @defaultValue `'reflect'`
   */
  fillMode?: FillMode;
  /**
   * `'bilinear'` or `'nearest'`.
   *
   * @defaultValue `'bilinear'`
   */
  interpolation?: Interpolation;
  /**
   * The value outside the image with `fillMode: 'constant'`.
   *
   * @defaultValue `0`
   */
  fillValue?: number;
}

/** Base class of the layers that move pixels: one random affine map per image. */
export abstract class RandomAffineLayer extends RandomImageLayer {
  /** What samples outside the image read. */
  readonly fillMode: FillMode;
  /** `'bilinear'` or `'nearest'`. */
  readonly interpolation: Interpolation;
  /** The value outside the image with `fillMode: 'constant'`. */
  readonly fillValue: number;

  /**
   * @param args - `fillMode`, `interpolation`, `fillValue`, `seed` and the common layer options.
   * @throws {ConfigError} when an option is invalid.
   */
  constructor(args: RandomAffineLayerArgs) {
    super(args);
    const d = this.describe();
    const a = (args ?? {}) as RandomAffineLayerArgs;
    this.fillMode = oneOf(d, 'fillMode', a.fillMode, FILL_MODES) ?? 'reflect';
    this.interpolation = oneOf(d, 'interpolation', a.interpolation, INTERPOLATIONS) ?? 'bilinear';
    if (a.fillValue !== undefined && (typeof a.fillValue !== 'number' || !Number.isFinite(a.fillValue))) {
      throw new ConfigError(`${d}: fillValue must be a finite number, got ${preview(a.fillValue)}`);
    }
    this.fillValue = a.fillValue ?? 0;
  }

  /**
   * Draws the map of one `h × w` image.
   *
   * @param rng - The generator to draw from.
   * @param h - Image height.
   * @param w - Image width.
   * @returns Output → input pixel coordinates.
   */
  protected abstract sampleMap(rng: Rng, h: number, w: number): AffineMap;

  protected augment(x: Tensor): Tensor {
    const [b, h, w] = x.shape;
    const rng = this.rng();
    const maps = Array.from({ length: b }, () => this.sampleMap(rng, h, w));
    return warpImages(x, planWarp(h, w, maps, this.interpolation, this.fillMode), this.fillValue);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      fillMode: this.fillMode,
      interpolation: this.interpolation,
      fillValue: this.fillValue,
    };
  }
}

function oneOf<T extends string>(owner: string, name: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value !== undefined && !allowed.includes(value as T)) {
    throw new ConfigError(
      `${owner}: ${name} must be one of ${allowed.map((v) => `'${v}'`).join(', ')}, got ${preview(value)}`,
    );
  }
  return value as T | undefined;
}
