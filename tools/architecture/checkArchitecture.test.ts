import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkArchitecture } from './checkArchitecture.js';
import { fileGraph } from './fileGraph.js';
import { findCycles, formatCycle } from './findCycles.js';
import { scanImports } from './scanImports.js';

describe('findCycles', () => {
  it('finds a circle and shows it', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
    ]);
    const cycles = findCycles(graph);
    expect(cycles.map(formatCycle)).toEqual(['a → b → c → a']);
  });

  it('reports interlocked circles once, with the rest of the knot', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['a', 'c']],
      ['c', ['b']],
    ]);
    expect(findCycles(graph).map(formatCycle)).toEqual(['a → b → a (and, in the same knot: c)']);
  });

  it('finds none in a DAG, and a file importing itself is not a circle', () => {
    const graph = new Map([
      ['a', ['b', 'c', 'a']],
      ['b', ['c']],
      ['c', []],
    ]);
    expect(findCycles(graph)).toEqual([]);
  });
});

describe('fileGraph', () => {
  const imp = (file: string, resolved: string, typeOnly: boolean) => ({
    file,
    resolved,
    specifier: resolved,
    typeOnly,
    dynamic: false,
    line: 1,
  });

  it('counts type-only imports, except those of token files', () => {
    const files = ['src/CheckService.ts', 'src/tokens.ts', 'src/a.ts', 'src/b.ts'];
    const graph = fileGraph(files, [
      imp('src/CheckService.ts', 'src/tokens.ts', false),
      imp('src/tokens.ts', 'src/CheckService.ts', true),
      imp('src/a.ts', 'src/b.ts', false),
      imp('src/b.ts', 'src/a.ts', true),
    ]);
    expect(findCycles(graph).map(formatCycle)).toEqual(['src/a.ts → src/b.ts → src/a.ts']);
  });
});

describe('scanImports', () => {
  it('reads imports, re-exports and import() of literals, and tells type-only ones', () => {
    const source = [
      "import { a, type B } from './a.js';",
      "import type { C } from './c.js';",
      "import type D from './d.js';",
      "import * as e from 'e';",
      "import './side.js';",
      "export { f } from './f.js';",
      'export type {',
      '  G,',
      "} from './g.js';",
      "export * as h from './h.js';",
      "export const i = await import('./i.js');",
      'export const j = 1;',
      'const url = import.meta.url;',
    ].join('\n');
    expect(scanImports(source).map((r) => [r.specifier, r.typeOnly, r.dynamic, r.line])).toEqual([
      ['./a.js', false, false, 1],
      ['./c.js', true, false, 2],
      ['./d.js', true, false, 3],
      ['e', false, false, 4],
      ['./side.js', false, false, 5],
      ['./f.js', false, false, 6],
      ['./g.js', true, false, 7],
      ['./h.js', false, false, 10],
      ['./i.js', false, true, 11],
    ]);
  });

  it('skips comments, strings, template literals and regular expressions', () => {
    const source = [
      "// import { x } from './comment.js';",
      "/** import { y } from './doc.js'; */",
      'const s = "import { z } from \'./string.js\'";',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal inside the scanned source
      "const t = `import { w } from './template.js' ${`import('./nested.js')`} import { v } from './after.js'`;",
      "const r = /import { u } from '.\\/regex.js'/;",
      "import { real } from './real.js';",
    ].join('\n');
    expect(scanImports(source).map((r) => r.specifier)).toEqual(['./real.js']);
  });
});

describe('checkArchitecture', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  /** A throwaway workspace: `files` maps repository paths to contents. */
  const workspace = (files: Record<string, string>): string => {
    root = mkdtempSync(join(tmpdir(), 'driftwatch-architecture-'));
    writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n  - apps/*\n');
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  };
  const pkg = (name: string) => JSON.stringify({ name, type: 'module' });

  it('passes a workspace that keeps the rules', () => {
    const dir = workspace({
      'packages/core/package.json': pkg('@driftwatch/core'),
      'packages/core/src/index.ts': "export { a } from './a.js';\nexport type { T } from './T.js';\n",
      'packages/core/src/a.ts': "import type { T } from './T.js';\nexport const a = (t: T) => t;\n",
      'packages/core/src/T.ts': 'export type T = number;\n',
      'packages/core/src/tokens.ts': "import type { T } from './T.js';\nexport const tToken = Symbol.for('T') as unknown as T;\n",
      'packages/drift/package.json': pkg('@driftwatch/drift'),
      'packages/drift/src/index.ts': "import { a } from '@driftwatch/core';\nexport const b = a(1);\n",
    });
    expect(Object.values(checkArchitecture(dir)).flat()).toEqual([]);
  });

  it('fails on an import circle (type-only included), a package circle and each layer rule', () => {
    const dir = workspace({
      'packages/core/package.json': pkg('@driftwatch/core'),
      'packages/core/src/index.ts': "import { d } from '@driftwatch/drift';\nexport const c = d;\n",
      'packages/drift/package.json': pkg('@driftwatch/drift'),
      'packages/drift/src/index.ts':
        "import '@driftwatch/core';\nimport '@driftwatch/runtime';\nimport '@aws-sdk/client-s3';\nexport { d } from './d.js';\n",
      'packages/drift/src/d.ts': "import { e } from './e.js';\nexport const d = e;\n",
      'packages/drift/src/e.ts': "import type { d } from './d.js';\nimport '../../core/src/index.js';\nexport const e: typeof d | 1 = 1;\n",
      'packages/drift/src/tokens.ts': "import { d } from './d.js';\nexport const dToken = d;\n",
      'packages/drift/src/compose.ts': "import { Container } from 'inversify';\nexport const c = new Container();\n",
      'packages/runtime/package.json': pkg('@driftwatch/runtime'),
      'packages/runtime/src/index.ts': "import '@driftwatch/drift';\n",
      'packages/plugin-a/package.json': pkg('@driftwatch/plugin-a'),
      'packages/plugin-a/src/index.ts': "import '@driftwatch/plugin-b';\n",
      'packages/plugin-b/package.json': pkg('@driftwatch/plugin-b'),
      'packages/plugin-b/src/index.ts': 'export {};\n',
      'packages/stray/package.json': pkg('@driftwatch/stray'),
    });
    const report = checkArchitecture(dir);
    expect(report.fileCycles).toEqual(['@driftwatch/drift: packages/drift/src/d.ts → packages/drift/src/e.ts → packages/drift/src/d.ts']);
    expect(report.packageCycles).toEqual([
      '@driftwatch/core → @driftwatch/drift → @driftwatch/core (and, in the same knot: @driftwatch/runtime)',
    ]);
    expect(report.unplaced).toEqual(['@driftwatch/stray (packages/stray)']);
    expect(report.layerBreaches).toEqual([
      'packages/core/src/index.ts:1 imports @driftwatch/drift: a core package may import no other package, not domain',
      'packages/drift/src/index.ts:2 imports @driftwatch/runtime: a domain package may import core, domain, not runtime',
      'packages/plugin-a/src/index.ts:1 imports @driftwatch/plugin-b: a plugin package may import core, domain, support, not plugin',
    ]);
    expect(report.cloudSdkImports).toEqual(['packages/drift/src/index.ts:3 imports @aws-sdk/client-s3: only plugins talk to a cloud']);
    expect(report.escapingImports).toEqual(['packages/drift/src/e.ts:2 imports ../../core/src/index.js, outside packages/drift']);
    expect(report.tokenFileValueImports).toEqual(['packages/drift/src/tokens.ts:1 imports ./d.js without `import type`']);
    expect(report.containersOutsideRoot).toEqual(['packages/drift/src/compose.ts:2 creates a Container']);
  });
});
