/**
 * @convkit/robust — adversarial attacks (FGSM, PGD under L∞ and L2, targeted
 * or not), robust accuracy at a list of ε, and adversarial training (PGD,
 * fast FGSM) as a `batchTransform` for `fit`.
 */
export type { AdversarialTrainingOptions } from './adversarial-training';
export { adversarialTraining } from './adversarial-training';
export type { FgsmOptions } from './fgsm';
export { fgsm } from './fgsm';
export type { AttackLoss, AttackOptions, Norm } from './options';
export type { PgdOptions } from './pgd';
export { pgd } from './pgd';
export { project } from './projection';
export type { AttackFn, RobustAccuracyOptions, RobustAccuracyRow, RobustProgress } from './robust-accuracy';
export { robustAccuracy } from './robust-accuracy';
export type { RobustTableOptions } from './table';
export { formatRobustTable } from './table';
