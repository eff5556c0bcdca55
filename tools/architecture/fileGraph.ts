import type { SourceImport } from './readWorkspace.js';

/**
 * A DI token file (`tokens.ts`, `checkServiceToken.ts`, `retrainingTokens.ts`):
 * STYLE.md has it import only types, so no import circle can form through it.
 */
export function isTokenFile(file: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return /^(tokens|\w+Tokens?)\.(ts|mts)$/.test(base);
}

/**
 * The file graph whose circles are errors: every resolved relative import,
 * type-only ones included (a type circle is a tangle too: the files cannot be
 * understood or moved one at a time), except the type-only imports of token
 * files, which are how a token names the type of what it identifies.
 */
export function fileGraph(files: readonly string[], imports: readonly SourceImport[]): Map<string, string[]> {
  const graph = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const i of imports) {
    if (i.resolved === undefined) continue;
    if (i.typeOnly && isTokenFile(i.file)) continue;
    graph.get(i.file)?.push(i.resolved);
  }
  return graph;
}
