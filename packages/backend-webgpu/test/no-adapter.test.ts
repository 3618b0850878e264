/**
 * With the real Dawn and a Vulkan loader pointed at a driver file that does
 * not exist, `setBackend('webgpu')` fails fast with a BackendError that names
 * the missing file and how to get SwiftShader, instead of hanging. Needs a
 * fresh process (vitest's forks pool runs each test file in its own): the
 * Vulkan loader reads VK_ICD_FILENAMES once, when Dawn creates its instance.
 */
import { BackendError, getBackend, setBackend } from '@convkit/core';
import { describe, expect, it } from 'vitest';
import '@convkit/backend-webgpu';

const missing = '/nonexistent/convkit-test/vk_missing_icd.json';

describe('no adapter', () => {
  it('names VK_ICD_FILENAMES and the driver to install, within the timeout', async () => {
    expect((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu, 'fresh process').toBeUndefined();
    process.env.VK_ICD_FILENAMES = missing;
    const t0 = Date.now();
    const err = await setBackend('webgpu').catch((e: unknown) => e);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(err).toBeInstanceOf(BackendError);
    const message = String((err as Error).message);
    expect(message).toContain('No WebGPU adapter');
    expect(message).toContain(`VK_ICD_FILENAMES names ${missing}, which does not exist`);
    expect(message).toMatch(/apt-get install libvulkan1 chromium/);
    expect(getBackend()).toBe('cpu');
  });
});
