/**
 * The Chromium launch shared by the browser-smoke tests: the Chromium
 * `scripts/tools/find.mjs` finds (never a downloaded one), headless. Pages are
 * served by `scripts/tools/static-server.mjs`.
 */
import { type Browser, chromium } from 'playwright-core';
import { findChromium } from '../../../scripts/tools/find.mjs';

/** Flags every test launches Chromium with: no sandbox (containers), no network chatter. */
export const BASE_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches the Chromium that `findChromium` finds, headless.
 *
 * @param what - The test's name, for the error message.
 * @param args - Flags added to {@link BASE_CHROMIUM_ARGS}.
 * @throws Error saying how to get a Chromium when there is none (the tests never skip).
 */
export async function launchChromium(what: string, args: string[]): Promise<Browser> {
  const found = findChromium();
  if (found.path === undefined) {
    throw new Error(
      `${what}: ${found.problem}. Run \`node scripts/ensure-test-tools.mjs\` (pnpm test does) to install one, ` +
        'or point CONVKIT_CHROMIUM at a Chromium binary. This test does not skip.',
    );
  }
  return chromium.launch({ executablePath: found.path, args: [...BASE_CHROMIUM_ARGS, ...args] });
}
