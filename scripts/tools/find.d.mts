/** Types for find.mjs (used from the TypeScript tests). */
export function which(name: string): string | undefined;
export function playwrightCore(): typeof import('playwright-core');
export function playwrightCoreDir(): string;
export type ChromiumLookup =
  | { path: string; source: 'CONVKIT_CHROMIUM' | 'system' | 'playwright' }
  | { path: undefined; problem: string };
export function findChromium(): ChromiumLookup;
export function findLlvm(): { clang?: string; wasmLd?: string; objdump?: string };
export function clangMajor(clang: string): number | undefined;

/** Where the distributed tuning tests' redis-server is (CONVKIT_REDIS_SERVER, then the PATH). */
export function findRedisServer():
  | { path: string; source: 'CONVKIT_REDIS_SERVER' | 'system' }
  | { path: undefined; problem: string };
