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
