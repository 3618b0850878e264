/**
 * Core's ops and gradients on the cpu backend against float64 references
 * (dilated convolutions, padded average pooling, broadcast matMul, ...); the
 * same suite runs on wasm in packages/backend-wasm/test/ops-gradients.test.ts.
 */
import { opCorrectnessSuite } from './reference/suite';

opCorrectnessSuite('cpu');
