/** Shuffled index lists, one per class, the building block of stratified splits. */
import type { Rng } from '@convkit/core';
import type { Splittable } from '../splittable';

/** Positions of `data` grouped by label (groups ordered by label), each group shuffled by `rng`. */
export function shuffledGroups(data: Splittable, stratify: boolean, rng: Rng): Int32Array[] {
  if (!stratify) return [rng.permutation(data.size)];
  const byLabel = new Map<number, number[]>();
  for (let i = 0; i < data.size; i++) {
    const label = data.labelAt(i);
    let group = byLabel.get(label);
    if (!group) {
      group = [];
      byLabel.set(label, group);
    }
    group.push(i);
  }
  return [...byLabel.keys()].sort((a, b) => a - b).map((label) => rng.shuffle(Int32Array.from(byLabel.get(label)!)));
}

/** `indices` sorted ascending, so views keep the storage order (and its memory locality). */
export function sorted(indices: number[]): Int32Array {
  return Int32Array.from(indices).sort();
}
