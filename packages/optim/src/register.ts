/**
 * Registers every optimizer by lower-case name in core's registry, so that
 * `model.compile({ optimizer: 'adam' })` works once `@convkit/optim` is imported.
 */
import { registerOptimizer } from '@convkit/core';
import { OPTIMIZERS } from './from-config';

for (const [name, ctor] of Object.entries(OPTIMIZERS)) {
  registerOptimizer(name, (config) => new ctor(config ?? {}));
}
