/**
 * Download budget of the demo: after `vite build`, prints the size of every
 * JavaScript and WebAssembly file of the build, raw and gzipped (level 9, what
 * a static host sends), and fails the build when the JavaScript exceeds the
 * budget. All JavaScript counts — the page's and the training worker's, which
 * the page starts at once — so the figure is what a visitor downloads before
 * training begins, wasm aside (the wasm modules are listed on their own). Chunks that the page or
 * the worker import only on demand (layers' download helpers, the WebGPU backend, @convkit/tune)
 * are listed but not counted.
 */
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Budget for the gzipped JavaScript, in bytes (400 KB). */
export const JS_GZIP_BUDGET = 400 * 1024;

/** One file of the report. */
export interface SizedFile {
  file: string;
  raw: number;
  gzip: number;
  /** Loaded only on demand (a dynamic import), so not part of the initial download. */
  lazy?: boolean;
}

/** The parts of Vite's output bundle entries that the budget reads. */
type OutputChunk = { type: 'chunk'; fileName: string; code: string; isEntry: boolean; imports: string[] };
type OutputAsset = { type: 'asset'; fileName: string; source: string | Uint8Array };
type OutputBundle = Record<string, OutputChunk | OutputAsset>;

/** Sizes of the build's `.js` and `.wasm` files. */
export interface BundleSizes {
  js: SizedFile[];
  wasm: SizedFile[];
  jsGzip: number;
}

function kb(n: number): string {
  return `${(n / 1024).toFixed(1)} KB`;
}

/**
 * Measures the `.js` and `.wasm` entries of a bundle (`fileName → bytes`);
 * files named in `lazy` are listed but not counted in `jsGzip`.
 */
export function measure(
  files: Iterable<[string, Uint8Array | string]>,
  lazy: ReadonlySet<string> = new Set(),
): BundleSizes {
  const js: SizedFile[] = [];
  const wasm: SizedFile[] = [];
  for (const [file, content] of files) {
    if (!file.endsWith('.js') && !file.endsWith('.wasm')) continue;
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const row: SizedFile = { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    if (lazy.has(file)) row.lazy = true;
    if (file.endsWith('.js')) js.push(row);
    else wasm.push(row);
  }
  return { js, wasm, jsGzip: js.reduce((n, f) => n + (f.lazy ? 0 : f.gzip), 0) };
}

/**
 * JavaScript chunks that the page does not load at start: those reached only
 * through dynamic imports (entry chunks and what they import statically are
 * initial; JavaScript assets, i.e. the worker, count as initial too).
 */
export function lazyChunks(bundle: OutputBundle): Set<string> {
  const chunks = Object.values(bundle).filter((o): o is OutputChunk => o.type === 'chunk');
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const initial = new Set<string>();
  const visit = (name: string) => {
    if (initial.has(name)) return;
    initial.add(name);
    for (const dep of byName.get(name)?.imports ?? []) visit(dep);
  };
  for (const c of chunks) if (c.isEntry) visit(c.fileName);
  return new Set(chunks.map((c) => c.fileName).filter((n) => !initial.has(n)));
}

/**
 * Chunks of the worker's own build that the worker imports only on demand (the WebGPU backend,
 * @convkit/tune): {@link workerBudgetPlugin} fills it while Vite bundles the worker, before the
 * page's bundle is written, and {@link budgetPlugin} lists them as loaded on demand.
 */
export const workerLazyChunks = new Set<string>();

/**
 * The worker's half of the budget (in `worker.plugins`): records which of the worker's chunks are
 * reached only through dynamic imports. The page's bundle holds the worker's chunks as plain
 * assets, without their import graph.
 */
export function workerBudgetPlugin(lazy: Set<string> = workerLazyChunks): Plugin {
  return {
    name: 'convkit-demo-budget-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const file of lazyChunks(bundle as unknown as OutputBundle)) lazy.add(file);
    },
  };
}

/** The report as lines of text. */
export function formatSizes(sizes: BundleSizes, budget = JS_GZIP_BUDGET): string[] {
  const row = (f: SizedFile) =>
    `  ${f.file.padEnd(52)} ${kb(f.raw).padStart(10)} ${kb(f.gzip).padStart(10)} gzip${f.lazy ? '  (loaded on demand)' : ''}`;
  return [
    'demo bundle sizes:',
    ...sizes.js.map(row),
    `  JavaScript loaded at start: ${kb(sizes.jsGzip)} gzip (budget ${kb(budget)})`,
    '  WebAssembly (the browser fetches one tfjs module: -simd where SIMD exists):',
    ...sizes.wasm.map(row),
  ];
}

/** A Vite plugin that prints the sizes after the build and fails it over budget. */
export function budgetPlugin(budget = JS_GZIP_BUDGET, workerLazy: ReadonlySet<string> = workerLazyChunks): Plugin {
  return {
    name: 'convkit-demo-budget',
    apply: 'build',
    // Worker bundles go through the plugin too; only the page's build (which holds the worker as an asset) reports.
    writeBundle(_options, bundle) {
      if (!Object.values(bundle).some((o) => o.type === 'asset' && o.fileName.endsWith('.html'))) return;
      const sizes = measure(
        Object.values(bundle).map(
          (o) => [o.fileName, o.type === 'chunk' ? o.code : o.source] as [string, string | Uint8Array],
        ),
        new Set([...lazyChunks(bundle), ...workerLazy]),
      );
      for (const line of formatSizes(sizes, budget)) console.log(line);
      if (sizes.jsGzip > budget)
        this.error(`JavaScript is ${kb(sizes.jsGzip)} gzip, over the demo's budget of ${kb(budget)}`);
    },
  };
}
