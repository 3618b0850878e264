/**
 * Core's op-correctness suite (packages/core/test/reference) on the wasm
 * backend: convkit's and tfjs-backend-wasm's kernels under core's ops and
 * gradients, against float64 references and finite differences.
 */
import '@convkit/backend-wasm';
import { opCorrectnessSuite } from '../../core/test/reference/suite';

opCorrectnessSuite('wasm');
