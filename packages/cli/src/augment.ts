/** The training-time augmentation `--augment` names, as a transform of the data pipeline. */
import { compose, type ImageTransform, randomFlipHorizontal, randomShift } from '@convkit/data';

/** What `--augment` accepts. */
export type AugmentName = 'none' | 'shift' | 'flip' | 'flip-shift';

/**
 * The transform for `augment` on `data`: `shift` moves each image by up to two
 * pixels (four on the 32×32 CIFAR-10 images, the usual pad-4 crop), `flip`
 * mirrors it left–right with probability ½, `flip-shift` does both. Undefined
 * for `none`. The random draws follow the global seed (`setSeed`).
 *
 * @param augment - The `--augment` value.
 * @param data - The `--data` value.
 * @returns The transform, or undefined for none.
 */
export function augmentation(augment: AugmentName | undefined, data: string): ImageTransform | undefined {
  const shift = () => randomShift({ maxShift: data === 'cifar10' ? 4 : 2 });
  switch (augment) {
    case 'shift':
      return shift();
    case 'flip':
      return randomFlipHorizontal();
    case 'flip-shift':
      return compose(randomFlipHorizontal(), shift());
    default:
      return undefined;
  }
}
