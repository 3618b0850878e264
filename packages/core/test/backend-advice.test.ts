import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  adviseFasterBackend,
  dispose,
  ops,
  registerBackendProvider,
  resetBackendAdvice,
  type Scalar,
  setBackend,
  tensor1d,
  variable,
  variableGrads,
} from '../src/index';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

function oneGradientStep(): void {
  const w = variable(tensor1d([1, 2]), true, `w${Math.random()}`);
  const { value, grads } = variableGrads(() => ops.sum(ops.square(w)) as Scalar, [w]);
  dispose([value, w, ...Object.values(grads)]);
}

describe('the faster-backend hint', () => {
  it('names npm, pnpm and yarn when a backend is missing', async () => {
    await expect(setBackend('webgpu')).rejects.toThrow(
      /npm install @convkit\/backend-webgpu.*pnpm add @convkit\/backend-webgpu.*yarn add @convkit\/backend-webgpu/,
    );
  });

  it('says once, on the first gradient on cpu, how to install the wasm backend', async () => {
    vi.stubEnv('CONVKIT_BACKEND_HINT', '1');
    await setBackend('cpu');
    resetBackendAdvice();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    oneGradientStep();
    oneGradientStep();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(
      /'cpu' backend.*npm install @convkit\/backend-wasm.*setBackend\('wasm'\)/,
    );
  });

  it('is silent with CONVKIT_BACKEND_HINT=0', async () => {
    vi.stubEnv('CONVKIT_BACKEND_HINT', '0');
    resetBackendAdvice();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    oneGradientStep();
    expect(warn).not.toHaveBeenCalled();
  });

  it('tells to call setBackend when the wasm package is imported but cpu is active', async () => {
    vi.stubEnv('CONVKIT_BACKEND_HINT', '1');
    registerBackendProvider({
      name: 'wasm',
      packageName: '@convkit/backend-wasm',
      initialize: async () => {
        throw new Error('not in this test');
      },
    });
    resetBackendAdvice();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const message = adviseFasterBackend();
    expect(message).toMatch(/is imported: call `await setBackend\('wasm'\)`/);
    expect(adviseFasterBackend()).toBeUndefined();
  });
});
