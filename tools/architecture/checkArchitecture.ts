import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileGraph, isTokenFile } from './fileGraph.js';
import { findCycles, formatCycle } from './findCycles.js';
import { readWorkspace, type WorkspacePackage } from './readWorkspace.js';

/** Where a package sits in DESIGN.md's layout; dependencies point inward. */
export type Layer = 'core' | 'domain' | 'support' | 'plugin' | 'runtime' | 'app';

const namedLayers: Readonly<Record<string, Layer>> = {
  '@driftwatch/core': 'core',
  '@driftwatch/drift': 'domain',
  '@driftwatch/metrics': 'domain',
  '@driftwatch/data': 'domain',
  '@driftwatch/retraining': 'domain',
  '@driftwatch/report': 'domain',
  // Shared by the AWS plugins (clients, retries, error wrapping); a plugin's library, not a plugin.
  '@driftwatch/aws-common': 'support',
  '@driftwatch/runtime': 'runtime',
  // The SQLite run store and the events source: a plugin without the plugin- prefix (a store).
  '@driftwatch/store-sqlite': 'plugin',
  // The PostgreSQL run store: likewise a plugin without the prefix.
  '@driftwatch/store-postgres': 'plugin',
  // The PostgreSQL job queue (pg-boss): a plugin without the plugin- prefix, as the stores.
  '@driftwatch/queue-postgres': 'plugin',
};

/**
 * Which layers each layer may import. Core imports no other package; domain
 * packages import core and each other (the package graph stays a DAG), never
 * runtime, a plugin or a cloud SDK; a plugin never imports another plugin;
 * only the apps compose everything. An app may load another app: the CLI's `serve` command
 * imports the server and its dashboard (lazily; package cycles are refused separately).
 */
export const allowedImports: Readonly<Record<Layer, readonly Layer[]>> = {
  core: [],
  domain: ['core', 'domain'],
  support: ['core'],
  plugin: ['core', 'domain', 'support'],
  runtime: ['core', 'domain'],
  app: ['core', 'domain', 'support', 'plugin', 'runtime', 'app'],
};

/** Layers that must not import a cloud provider's SDK (DESIGN.md: only plugins talk to a cloud). */
const cloudFreeLayers: ReadonlySet<Layer> = new Set(['core', 'domain', 'runtime']);
const cloudSdk = /^(@aws-sdk|@smithy|@google-cloud|@azure)\/|^(aws-sdk|google-gax|googleapis)$/;

/** The layer of a package: by name, plugins by their `plugin-` prefix, apps by folder; undefined for a package nobody placed. */
export function layerOf(pkg: Pick<WorkspacePackage, 'name' | 'dir'>): Layer | undefined {
  if (pkg.dir.startsWith('apps/')) return 'app';
  if (/^@driftwatch\/(plugin-[\w-]+|example-plugins)$/.test(pkg.name)) return 'plugin';
  return namedLayers[pkg.name];
}

/** Every rule's breaches, one line each; all empty when the workspace keeps DESIGN.md's shape. */
export interface ArchitectureReport {
  /** Import circles among the files of one package (type-only imports count, except a token file's). */
  readonly fileCycles: readonly string[];
  /** Circles among packages. */
  readonly packageCycles: readonly string[];
  /** Workspace packages with no layer (add them to `namedLayers`). */
  readonly unplaced: readonly string[];
  /** Imports of a package from a layer the importer may not depend on. */
  readonly layerBreaches: readonly string[];
  /** Cloud SDK imports outside plugins, their support libraries and the apps. */
  readonly cloudSdkImports: readonly string[];
  /** Relative imports that leave their package (they bypass the package graph). */
  readonly escapingImports: readonly string[];
  /** Value imports in token files, which must import only types (STYLE.md 1). */
  readonly tokenFileValueImports: readonly string[];
  /** `new Container(` outside runtime and the apps (STYLE.md 2). */
  readonly containersOutsideRoot: readonly string[];
}

/** Checks the workspace at `root` against the rules of DESIGN.md and STYLE.md on imports. */
export function checkArchitecture(root: string, workspace: readonly WorkspacePackage[] = readWorkspace(root)): ArchitectureReport {
  const byName = new Map(workspace.map((p) => [p.name, p]));
  const packageOf = (specifier: string) => byName.get(specifier.split('/').slice(0, 2).join('/'));
  const at = (i: { file: string; line: number }) => `${i.file}:${i.line}`;

  const fileCycles = workspace.flatMap((p) => findCycles(fileGraph(p.files, p.imports)).map((c) => `${p.name}: ${formatCycle(c)}`));

  const packageGraph = new Map<string, string[]>();
  for (const p of workspace) {
    const deps = new Set<string>();
    for (const i of p.imports) {
      const target = packageOf(i.specifier);
      if (target && target !== p) deps.add(target.name);
    }
    packageGraph.set(p.name, [...deps]);
  }
  const packageCycles = findCycles(packageGraph).map(formatCycle);

  const unplaced = workspace.filter((p) => layerOf(p) === undefined).map((p) => `${p.name} (${p.dir})`);
  const layerBreaches: string[] = [];
  const cloudSdkImports: string[] = [];
  const escapingImports: string[] = [];
  const tokenFileValueImports: string[] = [];
  const containersOutsideRoot: string[] = [];
  for (const p of workspace) {
    const layer = layerOf(p);
    for (const i of p.imports) {
      const target = packageOf(i.specifier);
      if (layer && target && target !== p) {
        const targetLayer = layerOf(target);
        if (targetLayer && !allowedImports[layer].includes(targetLayer)) {
          layerBreaches.push(
            `${at(i)} imports ${target.name}: a ${layer} package may import ${allowedImports[layer].join(', ') || 'no other package'}, not ${targetLayer}`,
          );
        }
      }
      if (layer && cloudFreeLayers.has(layer) && cloudSdk.test(i.specifier)) {
        cloudSdkImports.push(`${at(i)} imports ${i.specifier}: only plugins talk to a cloud`);
      }
      if (i.specifier.startsWith('.')) {
        const parts = `${i.file.slice(0, i.file.lastIndexOf('/'))}/${i.specifier}`.split('/');
        const path: string[] = [];
        for (const part of parts) {
          if (part === '..') path.pop();
          else if (part !== '.' && part !== '') path.push(part);
        }
        if (!`${path.join('/')}/`.startsWith(`${p.dir}/`)) escapingImports.push(`${at(i)} imports ${i.specifier}, outside ${p.dir}`);
      }
      if (isTokenFile(i.file) && !i.typeOnly) tokenFileValueImports.push(`${at(i)} imports ${i.specifier} without \`import type\``);
    }
    if (layer !== 'runtime' && layer !== 'app') {
      for (const file of p.files) {
        const text = readFileSync(join(root, file), 'utf8');
        const m = /\bnew Container\(/.exec(text);
        if (m) containersOutsideRoot.push(`${file}:${text.slice(0, m.index).split('\n').length} creates a Container`);
      }
    }
  }
  return {
    fileCycles,
    packageCycles,
    unplaced,
    layerBreaches,
    cloudSdkImports,
    escapingImports,
    tokenFileValueImports,
    containersOutsideRoot,
  };
}
