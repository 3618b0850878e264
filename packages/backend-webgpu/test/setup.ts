/**
 * Imported first by every webgpu test that needs a GPU: points the Vulkan
 * loader at SwiftShader (the software Vulkan driver in Chromium's library
 * folder) unless `VK_ICD_FILENAMES` already names an existing driver file, so
 * that Dawn finds an adapter on a machine without a GPU. Must run before the
 * backend creates its Dawn instance (the first `setBackend('webgpu')`).
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { findSwiftShaderIcd } from '../../../scripts/tools/find.mjs';

const preset = process.env.VK_ICD_FILENAMES;
if (!preset?.split(':').every((f) => existsSync(f))) {
  const icd = findSwiftShaderIcd();
  if (icd) process.env.VK_ICD_FILENAMES = icd;
}

// SwiftShader's WSI code complains on stderr when this is unset; tests draw nothing.
process.env.XDG_RUNTIME_DIR ??= tmpdir();

/** The ICD in effect for this test process (may be undefined on a machine with a GPU driver). */
export const icdInUse = process.env.VK_ICD_FILENAMES;
