/** Types for static-server.mjs (used from the TypeScript tests). */
import type { Server } from 'node:http';
export function serveStatic(
  root: string,
  options?: { isolated?: boolean; base?: string; notFoundPage?: string },
): Promise<{ server: Server; origin: string; url: string }>;
