/**
 * Turns a ```ts run``` block into the JavaScript that the page's Web Worker
 * runs: TypeScript is transpiled at build time (TypeScript's `transpileModule`,
 * types erased, top-level await kept), then every `import … from '@convkit/x'`
 * becomes a look-up in the module map the worker bundles
 * (`const { a, b: c } = __convkit('@convkit/x')`), so the code can run as the
 * body of an async function. Imports that a page cannot run (`node:*`, the
 * embedded MNIST digits, anything outside `@convkit/*`) are build errors that
 * name the page and the block.
 */
import ts from 'typescript';

/** Entry points that exist only in Node (or are far too big for a page); a `run` block may not import them. */
export const NODE_ONLY_ENTRIES = new Set([
  '@convkit/cli',
  '@convkit/data/node',
  '@convkit/data/mnist',
  '@convkit/tune/node',
]);

/** Why a ```ts run``` block cannot run in the browser. */
export class RunnableExampleError extends Error {
  override name = 'RunnableExampleError';
}

/** True for the info string of a block that gets a Run button (```` ```ts run ````). */
export function isRunBlock(info: string): boolean {
  const [lang, ...flags] = info.trim().split(/\s+/);
  return lang === 'ts' && flags.includes('run');
}

function whyNot(specifier: string): string | undefined {
  if (specifier.startsWith('node:'))
    return `imports ${specifier}: a run block runs in a browser, where node:* does not exist`;
  if (specifier === '@convkit/data/mnist')
    return 'imports @convkit/data/mnist: the embedded digits are far too big for a page; use synthetic data';
  if (NODE_ONLY_ENTRIES.has(specifier)) return `imports ${specifier}, which runs only in Node`;
  if (!specifier.startsWith('@convkit/'))
    return `imports ${specifier}: a run block may import only @convkit/* entry points`;
  return undefined;
}

/** `export {};` */
function isEmptyExport(statement: ts.Statement): boolean {
  return (
    ts.isExportDeclaration(statement) &&
    !statement.moduleSpecifier &&
    !!statement.exportClause &&
    ts.isNamedExports(statement.exportClause) &&
    statement.exportClause.elements.length === 0
  );
}

/** Refuses, on the TypeScript source (before unused imports are elided), imports a page cannot run and exports. */
function checkSource(source: string, where: string): void {
  const file = ts.createSourceFile('example.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) || (ts.isExportDeclaration(statement) && statement.moduleSpecifier)) {
      const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
      const problem = whyNot(specifier);
      if (problem) throw new RunnableExampleError(`${where}: ${problem}`);
    }
    const exported =
      ts.isExportAssignment(statement) ||
      (ts.isExportDeclaration(statement) && !isEmptyExport(statement)) ||
      (ts.canHaveModifiers(statement) &&
        ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) === true);
    if (exported) throw new RunnableExampleError(`${where}: a run block is a program, not a module; it may not export`);
  }
}

/**
 * The JavaScript body for the worker; `where` (e.g. `guide/training.md, block 3`) names
 * the block in errors.
 *
 * @throws {RunnableExampleError} on a syntax error or an import that cannot run in a page.
 */
export function compileRunnable(source: string, where: string): string {
  const out = ts.transpileModule(source, {
    fileName: 'example.ts',
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      verbatimModuleSyntax: false,
      isolatedModules: true,
    },
  });
  const syntax = out.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntax) throw new RunnableExampleError(`${where}: ${ts.flattenDiagnosticMessageText(syntax.messageText, '\n')}`);
  checkSource(source, where);
  const js = out.outputText;
  const file = ts.createSourceFile('example.js', js, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const statement of file.statements) {
    const start = statement.getStart(file);
    const end = statement.getEnd();
    if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) {
      if (
        ts.isExportDeclaration(statement) &&
        !statement.moduleSpecifier &&
        statement.exportClause &&
        ts.isNamedExports(statement.exportClause) &&
        statement.exportClause.elements.length === 0
      ) {
        edits.push({ start, end, text: '' }); // `export {};`
        continue;
      }
      throw new RunnableExampleError(`${where}: a run block is a program, not a module; it may not export`);
    }
    if (!ts.isImportDeclaration(statement)) continue;
    const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
    const problem = whyNot(specifier);
    if (problem) throw new RunnableExampleError(`${where}: ${problem}`);
    const lookup = `__convkit(${JSON.stringify(specifier)})`;
    const clause = statement.importClause;
    const parts: string[] = [];
    if (!clause) parts.push(`${lookup};`);
    else {
      if (clause.name) parts.push(`const ${clause.name.text} = ${lookup}.default;`);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) parts.push(`const ${bindings.name.text} = ${lookup};`);
      if (bindings && ts.isNamedImports(bindings)) {
        const names = bindings.elements.map((e) =>
          e.propertyName ? `${e.propertyName.getText(file)}: ${e.name.text}` : e.name.text,
        );
        parts.push(`const { ${names.join(', ')} } = ${lookup};`);
      }
    }
    edits.push({ start, end, text: parts.join(' ') });
  }
  let result = js;
  for (const { start, end, text } of edits.reverse()) result = result.slice(0, start) + text + result.slice(end);
  return result.trim();
}
