import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { type ImportRef, scanImports } from './scanImports.js';

/** One import of one source file, with where it leads. */
export interface SourceImport extends ImportRef {
  /** Repository-relative path of the importing file (`/` separators). */
  readonly file: string;
  /** The imported file when the specifier is relative and resolves; undefined otherwise. */
  readonly resolved?: string;
}

/** A workspace package and the imports of its sources. */
export interface WorkspacePackage {
  /** `@driftwatch/core`. */
  readonly name: string;
  /** Repository-relative folder: `packages/core`, `apps/cli`. */
  readonly dir: string;
  /** Repository-relative source files (`src/` when the package has one, else the folder). */
  readonly files: readonly string[];
  readonly imports: readonly SourceImport[];
}

const sourceExtensions = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs'];
const skippedFolders = new Set(['node_modules', 'dist', '.turbo', 'coverage']);

/**
 * The workspace packages named by `pnpm-workspace.yaml` (entries `dir/*` or
 * `dir`), each with its source files and their imports. Relative specifiers are
 * resolved as TypeScript's NodeNext resolution does for our sources: `./x.js`
 * is `./x.ts` when that exists.
 */
export function readWorkspace(root: string): WorkspacePackage[] {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const entries = [...yaml.matchAll(/^\s*-\s*['"]?([^'"\s#]+)['"]?\s*$/gm)].map((m) => m[1]);
  const dirs = entries.flatMap((e) =>
    e.endsWith('/*')
      ? (existsSync(join(root, e.slice(0, -2))) ? readdirSync(join(root, e.slice(0, -2))) : [])
          .map((d) => `${e.slice(0, -2)}/${d}`)
          .filter((d) => existsSync(join(root, d, 'package.json')))
      : existsSync(join(root, e, 'package.json'))
        ? [e]
        : [],
  );
  return dirs.sort().map((dir) => {
    const name = (JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { name: string }).name;
    const base = existsSync(join(root, dir, 'src')) ? `${dir}/src` : dir;
    const files = listSources(root, base);
    const known = new Set(files);
    const imports = files.flatMap((file) =>
      scanImports(readFileSync(join(root, file), 'utf8')).map((ref): SourceImport => {
        const resolved = ref.specifier.startsWith('.') ? resolveRelative(root, file, ref.specifier, known) : undefined;
        return { ...ref, file, ...(resolved ? { resolved } : {}) };
      }),
    );
    return { name, dir, files, imports };
  });
}

function listSources(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(root, rel)).sort()) {
      const path = `${rel}/${entry}`;
      if (statSync(join(root, path)).isDirectory()) {
        if (!skippedFolders.has(entry) && !entry.startsWith('.')) walk(path);
      } else if (sourceExtensions.some((e) => entry.endsWith(e)) && !entry.endsWith('.d.ts')) {
        out.push(path);
      }
    }
  };
  walk(dir);
  return out;
}

function resolveRelative(root: string, file: string, specifier: string, known: ReadonlySet<string>): string | undefined {
  const target = relative(root, join(root, dirname(file), specifier))
    .split(sep)
    .join('/');
  const stem = target.replace(/\.(m|c)?js$/, '');
  const candidates = [
    target,
    ...(target.endsWith('.js') ? [`${stem}.ts`, `${stem}.tsx`] : []),
    ...(target.endsWith('.mjs') ? [`${stem}.mts`] : []),
    ...(target.endsWith('.cjs') ? [`${stem}.cts`] : []),
    ...sourceExtensions.map((e) => `${target}${e}`),
    ...sourceExtensions.map((e) => `${target}/index${e}`),
  ];
  return candidates.find((c) => known.has(c));
}
