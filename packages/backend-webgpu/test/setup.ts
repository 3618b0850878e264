/**
 * Imported first by every webgpu test that needs a GPU: points the Vulkan
 * loader at SwiftShader (the software Vulkan driver in Chromium's library
 * folder) unless `VK_ICD_FILENAMES` already names an existing driver file, so
 * that Dawn finds an adapter on a machine without a GPU. Must run before the
 * backend creates its Dawn instance (the first `setBackend('webgpu')`).
 */
import { existsSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findChromium } from '../../../scripts/tools/find.mjs';

/** File name of SwiftShader's Vulkan ICD manifest beside the Chromium binary. */
const ICD = 'vk_swiftshader_icd.json';

/**
 * The SwiftShader ICD manifest: in Debian's chromium folder, beside the
 * Chromium the browser tests use, or undefined.
 *
 * @returns An existing path, or undefined when there is no Chromium with SwiftShader.
 */
export function findSwiftShaderIcd(): string | undefined {
  const candidates = ['/usr/lib/chromium', '/usr/lib64/chromium', '/usr/lib/chromium-browser'];
  try {
    const found = findChromium() as { path?: string };
    if (found.path) candidates.push(dirname(realpathSync(found.path)));
  } catch {
    // no Chromium known to the finder; the fixed folders above remain
  }
  return candidates.map((d) => join(d, ICD)).find((f) => existsSync(f));
}

const preset = process.env.VK_ICD_FILENAMES;
if (!preset?.split(':').every((f) => existsSync(f))) {
  const icd = findSwiftShaderIcd();
  if (icd) process.env.VK_ICD_FILENAMES = icd;
}

// SwiftShader's WSI code complains on stderr when this is unset; tests draw nothing.
process.env.XDG_RUNTIME_DIR ??= tmpdir();

/** The ICD in effect for this test process (may be undefined on a machine with a GPU driver). */
export const icdInUse = process.env.VK_ICD_FILENAMES;
