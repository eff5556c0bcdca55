// Bundles the built CLI (dist/main.js, from tsc) with the workspace packages and their
// dependencies into lazily loaded chunks in dist/chunks/ (chunks/main.js the entry), each with a
// CommonJS twin that dist/main.cjs, the command, runs with V8's code cache (below). Loading ~1100
// modules one file at a time (resolve, stat, read, compile each) was most of the CLI's
// start-up; a few files load in a fraction of it (bench/startup). Kept outside: the cloud
// plugins and SDKs (imported on demand, with their own dependencies) and pino (the runtime
// requires it by name on the first log line), the SQLite store (better-sqlite3 is a native addon
// that finds its binary from __filename, and the store reads its migration files beside its
// module), the PostgreSQL store (likewise: its migration files; and pg, which it loads on demand)
// and the server with its dashboard (they serve files found from their own modules).
// Identifiers are not mangled: errors of the
// bundled @driftwatch/core and of a plugin's copy match by class name (DriftwatchError).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { init as initLexer, parse as parseImports } from 'es-module-lexer';
import { build, transform } from 'esbuild';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..');
const packages = join(cli, '..', '..', 'packages');

/**
 * Each workspace package whose `dist/index.js` only re-exports (`export { a, b as c } from './x.js'`,
 * or from another such package: `export { Redactor } from '@driftwatch/core'`):
 * exported name → the module defining it and its name there.
 */
function barrelMaps(external) {
  const maps = new Map();
  for (const dir of readdirSync(packages)) {
    const index = join(packages, dir, 'dist', 'index.js');
    if (!existsSync(index)) continue;
    const name = JSON.parse(readFileSync(join(packages, dir, 'package.json'), 'utf8')).name;
    if (external.some((pattern) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern))) continue;
    const text = readFileSync(index, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\/\/.*$/gm, '');
    const exports = new Map();
    const rest = text.replace(/export\s*\{([^}]*)\}\s*from\s*'(\.[^']+|@driftwatch\/[^'/]+)';/g, (_, names, from) => {
      for (const spec of names
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)) {
        const [local, exported = local] = spec.split(/\s+as\s+/);
        exports.set(exported, from.startsWith('.') ? { file: resolve(dirname(index), from), name: local } : { pkg: from, name: local });
      }
      return '';
    });
    if (rest.trim() === '') maps.set(name, exports);
  }
  // A name re-exported from another package maps to that package's defining module; a package
  // re-exporting from one that is not such an index (or external) is left whole.
  for (const [name, exports] of maps) {
    for (const [exported, target] of exports) {
      if (target.pkg === undefined) continue;
      const defined = maps.get(target.pkg)?.get(target.name);
      if (defined === undefined || defined.pkg !== undefined) {
        maps.delete(name);
        break;
      }
      exports.set(exported, defined);
    }
  }
  return maps;
}

/**
 * Rewrites `import { a, b } from '@driftwatch/x'` in the CLI's and the packages' modules into
 * imports of the modules defining `a` and `b`. esbuild puts a module in every chunk whose entry
 * reaches it through an import, and an import of a package's index reaches every module of the
 * package that any command uses: `detect` loaded zod, the report renderer's helpers and every
 * drift method through three indexes. Through the defining modules a command's chunks hold what
 * it imports (the packages' modules have no import-time side effects and none is imported for
 * them). Packages kept external are not rewritten. Dynamic imports of a package (a namespace) are left as they are.
 */
function deepImports(external) {
  const maps = barrelMaps(external);
  const statement = /\b(import|export)\s*\{([^}]*)\}\s*from\s*'(@driftwatch\/[^'/]+)';/g;
  return {
    name: 'deep-imports',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /[\\/](packages[\\/][^\\/]+|apps[\\/]cli)[\\/]dist[\\/].*\.js$/ }, (args) => {
        if (/[\\/]node_modules[\\/]/.test(args.path)) return undefined;
        const source = readFileSync(args.path, 'utf8');
        const contents = source.replace(statement, (whole, keyword, names, pkg) => {
          const map = maps.get(pkg);
          const specs = names
            .split(',')
            .map((n) => n.trim())
            .filter(Boolean);
          if (!map || specs.some((spec) => !map.has(spec.split(/\s+as\s+/)[0]))) return whole;
          const byFile = new Map();
          for (const spec of specs) {
            const [imported, local = imported] = spec.split(/\s+as\s+/);
            const target = map.get(imported);
            const list = byFile.get(target.file) ?? [];
            list.push(target.name === local ? local : `${target.name} as ${local}`);
            byFile.set(target.file, list);
          }
          return [...byFile].map(([file, list]) => `${keyword} { ${list.join(', ')} } from ${JSON.stringify(file)};`).join('\n');
        });
        return { contents, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}
rmSync(join(cli, 'dist', 'chunks'), { recursive: true, force: true });
/**
 * zod's index exports every locale's messages (`z.locales`, 0.3 MB of the bundle, compiled by
 * every command that validates a config) though only English is used (zod's schemas import it
 * themselves; nothing here calls `z.config(z.locales.xx())`): the bundle's locale index exports
 * English alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: "export { default as en } from './en.js';\n",
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

/**
 * `dist/version.js` reads the version from the package's `package.json` through `createRequire` and
 * the package's own name (a CommonJS loader, a package-exports resolution and a JSON parse at every
 * start); the bundle gets the version as a constant instead.
 */
const inlineVersion = {
  name: 'inline-version',
  setup(pluginBuild) {
    const file = join(cli, 'dist', 'version.js');
    const { version } = JSON.parse(readFileSync(join(cli, 'package.json'), 'utf8'));
    pluginBuild.onLoad({ filter: /[\\/]apps[\\/]cli[\\/]dist[\\/]version\.js$/ }, (args) =>
      args.path === file ? { contents: `export const version = ${JSON.stringify(version)};\n`, loader: 'js' } : undefined,
    );
  },
};

/**
 * commander requires `node:child_process` when it loads, for executable subcommands, which
 * Driftwatch does not use: that module and what it pulls in (net, dgram, the socket list) were
 * ~10% of every command's start-up. The bundle's copy requires it on the first `spawn`. Fails the
 * build when commander's source no longer has the line, so an upgrade cannot silently undo it.
 */
const lazyChildProcess = {
  name: 'commander-lazy-child-process',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]node_modules[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const line = "const childProcess = require('node:child_process');";
      if (!source.includes(line)) throw new Error(`${args.path}: "${line}" not found; update ${fileURLToPath(import.meta.url)}`);
      const lazy =
        "let childProcessModule; const childProcess = { spawn: (...a) => (childProcessModule ??= require('node:child_process')).spawn(...a) };";
      return { contents: source.replace(line, lazy), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/**
 * An ES module's `import … from 'node:fs'` makes Node 20 build the module's ES facade, which reads
 * every export, `ReadStream` and `WriteStream` among them: lazy getters that load the whole stream
 * stack (~10% of a small command's start-up, whether or not a stream is ever made). The bundle's
 * ES imports of `node:fs` go to a module that takes `fs` from `require` (no facade) and re-exports
 * its functions; the default export is `fs` itself. Our own modules' copy leaves out every lazy
 * getter: besides the streams, `promises` (it loads fs/promises, readline and the file watchers,
 * ~2 ms of a small command's CPU) and `Dir`/`opendir`/`opendirSync`. A package's copy (from
 * node_modules: hyparquet imports `promises` by name) has all but the stream classes; it is bundled
 * with that package's code, which loads only when used. Importing a left-out name fails the build
 * (no such export here), so nothing can get `undefined` silently.
 */
const fsWithoutFacade = {
  name: 'fs-without-facade',
  setup(pluginBuild) {
    const fs = createRequire(import.meta.url)('node:fs');
    const streams = new Set(['ReadStream', 'WriteStream', 'FileReadStream', 'FileWriteStream']);
    // Named as well as found: a getter this process has already read may have become a plain value.
    const getters = new Set(['promises', 'Dir', 'opendir', 'opendirSync', ...streams]);
    for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(fs)))
      if (descriptor.get !== undefined) getters.add(name);
    const exported = (leftOut) =>
      Object.getOwnPropertyNames(fs).filter((name) => !leftOut.has(name) && /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
    const names = { own: exported(getters), package: exported(streams) };
    pluginBuild.onResolve({ filter: /^(node:)?fs$/ }, (args) =>
      args.kind === 'import-statement' || args.kind === 'dynamic-import'
        ? { path: /[\\/]node_modules[\\/]/.test(args.importer) ? 'package' : 'own', namespace: 'fs-without-facade' }
        : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'fs-without-facade' }, (args) => ({
      contents: [
        "import { createRequire } from 'node:module';",
        "const fs = createRequire(import.meta.url)('node:fs');",
        'export default fs;',
        ...names[args.path].map((name) => `export const ${name} = fs.${name};`),
        '',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

// Loaded at run time from their own packages (see above), never through their modules' paths.
const external = [
  '@driftwatch/plugin-aws-*',
  '@driftwatch/plugin-gcp-*',
  '@driftwatch/store-sqlite',
  '@driftwatch/store-postgres',
  // pg-boss (and pg, below) load when a config names queue: { type: postgres }.
  '@driftwatch/queue-postgres',
  'pg-boss',
  '@driftwatch/server',
  '@driftwatch/dashboard',
  'better-sqlite3',
  'pg',
  // Exports the path of its word file, computed from its own location.
  'word-list',
  '@aws-sdk/*',
  '@google-cloud/*',
  'pino',
];
const banner = "import { createRequire as __driftwatchRequire } from 'node:module'; const require = __driftwatchRequire(import.meta.url);";
const metafileAt = process.argv.indexOf('--metafile');
// src/main.ts's shebang (the node flags every run gets), for the loader written to dist/main.cjs below.
const shebang = readFileSync(join(cli, 'dist', 'main.js'), 'utf8').split('\n', 1)[0];
if (!shebang.startsWith('#!') || readFileSync(join(cli, 'dist', 'main.js'), 'utf8').includes("import './main.cjs'"))
  throw new Error("dist/main.js is not tsc's output: run tsc -p tsconfig.build.json before bundling");
const result = await build({
  absWorkingDir: cli,
  entryPoints: [
    // Bundled as chunks/main.js; dist/main.cjs is the loader that runs it (scripts/mainLoader.cjs).
    { in: 'dist/main.js', out: 'chunks/main' },
    // The reading thread of `check --threads 2` (@driftwatch/data's readDataFileOffThread): an entry of its own
    // in dist/chunks/, beside the chunks that start it (they look for ./readFileWorker.js), sharing their code.
    { in: join(packages, 'data', 'dist', 'source', 'readFileWorker.js'), out: 'chunks/readFileWorker' },
    // The thread that shares the power parts of a large `smirnov` sum (a KS p-value of n ~ 10^5..10^6): likewise,
    // found as ./smirnovWorker.js beside the chunk holding @driftwatch/drift's kolmogorov module.
    { in: join(packages, 'drift', 'dist', 'special', 'smirnovWorker.js'), out: 'chunks/smirnovWorker' },
  ],
  outdir: 'dist',
  outbase: 'dist',
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  external,
  // CommonJS dependencies that require Node's built-ins need a `require` in an ES module.
  banner: { js: banner },
  plugins: [inlineVersion, lazyChildProcess, fsWithoutFacade, deepImports(external), zodEnglishOnly],
  logLevel: 'warning',
  metafile: metafileAt > 0,
});
// `--metafile PATH` writes esbuild's metafile (which input modules went into which output file, and
// their sizes) for `esbuild --analyze`-style inspection of what a command's chunks hold.
if (metafileAt > 0) writeFileSync(resolve(process.argv[metafileAt + 1]), JSON.stringify(result.metafile));

// The banner's `createRequire` (a Module object and a path conversion per chunk at start-up) stays only in the
// output files that use `require`: esbuild's runtime helper and CommonJS dependencies calling it directly.
const chunks = join(cli, 'dist', 'chunks');
for (const file of readdirSync(chunks).map((f) => join(chunks, f))) {
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(banner);
  if (at < 0) continue;
  const rest = text.slice(0, at) + text.slice(at + banner.length);
  if (!/\brequire\b/.test(rest)) writeFileSync(file, rest.replace(/^(#![^\n]*\n)\n/, '$1'));
}

/**
 * Each chunk's twin `X.cjs` that dist/main.cjs (scripts/mainLoader.cjs) compiles with V8's code
 * cache: the chunk as CommonJS (esbuild), wrapped in
 * `(function (exports, require, module, __dwUrl, __dwImport) { … })`. Every dynamic `import(` (found by
 * es-module-lexer, so none in a string or a comment is touched) calls `__dwImport`, which loads
 * a chunk's twin or imports anything else; `import.meta.url` is `__dwUrl`, the ES chunk's URL, so
 * paths found beside it (the worker threads' entries, `createRequire`) are the same.
 */
await initLexer;
for (const name of readdirSync(chunks).filter((f) => f.endsWith('.js'))) {
  let text = readFileSync(join(chunks, name), 'utf8').replace(/^#![^\n]*\n/, '');
  const [imports] = parseImports(text);
  for (const at of imports.filter((i) => i.d > -1).sort((a, b) => b.ss - a.ss))
    text = `${text.slice(0, at.ss)}__dwImport${text.slice(at.d)}`;
  const out = await transform(text, {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minifyWhitespace: true,
    define: { 'import.meta.url': '__dwUrl' },
    logLevel: 'silent',
  });
  const [left] = parseImports(out.code);
  if (out.warnings.length > 0 || left.length > 0)
    throw new Error(`${name}: not a function body without import() or import.meta (${out.warnings.map((w) => w.text).join('; ')})`);
  // esbuild writes ASCII only (non-ASCII characters escaped), which the loader reads as Latin-1 (a copy, no decoding).
  if (Buffer.byteLength(out.code) !== out.code.length) throw new Error(`${name}: esbuild's output is not ASCII`);
  writeFileSync(
    join(chunks, `${name.slice(0, -3)}.cjs`),
    `(function (exports, require, module, __dwUrl, __dwImport) {"use strict";${out.code}\n})`,
  );
}
writeFileSync(join(cli, 'dist', 'main.cjs'), `${shebang}\n${readFileSync(join(cli, 'scripts', 'mainLoader.cjs'), 'utf8')}`, {
  mode: 0o755,
});
writeFileSync(
  join(cli, 'dist', 'main.js'),
  `${shebang}\n// \`node dist/main.js\`: the command is dist/main.cjs (scripts/mainLoader.cjs), which this runs.\nimport './main.cjs';\n`,
  { mode: 0o755 },
);

/**
 * Training runs: commands on small files of their own, each run with the shebang's flags (V8 rejects
 * a cache made under other flags) and DRIFTWATCH_WRITE_CODE_CACHE=1, so that the loader writes, on
 * exit, V8's cached data of each chunk the command loaded (functions compiled during the run
 * included) beside it, unless an earlier run did: `check` first, the issue's small-file case.
 */
const flags = shebang
  .replace(/^#!.*?\bnode\b/, '')
  .trim()
  .split(/\s+/)
  .filter(Boolean);
const inputs = mkdtempSync(join(tmpdir(), 'driftwatch-code-cache-'));
try {
  let reference = 'score,count,plan\n';
  let current = reference;
  let stream = 'x\n';
  const plans = ['free', 'pro', 'team'];
  for (let i = 0; i < 150; i++) {
    reference += `${((i * 37) % 101) / 7},${i % 30},${plans[i % 3]}\n`;
    current += `${((i * 41) % 103) / 6},${(i + 4) % 30},${plans[(i * 2) % 3]}\n`;
    stream += `${((i * 7907) % 997) / 50}\n`;
  }
  writeFileSync(join(inputs, 'reference.csv'), reference);
  writeFileSync(join(inputs, 'current.csv'), current);
  writeFileSync(join(inputs, 'stream.csv'), stream);
  writeFileSync(
    join(inputs, 'driftwatch.yaml'),
    'version: 1\nmonitors:\n  - name: training\n    reference: { type: csv, path: reference.csv }\n    current: { type: csv, path: current.csv }\n',
  );
  const env = { ...process.env, DRIFTWATCH_WRITE_CODE_CACHE: '1', NO_COLOR: '1' };
  delete env.NODE_OPTIONS;
  for (const args of [
    ['check', '--reference', 'reference.csv', '--current', 'current.csv'],
    ['detect', '--detector', 'adwin', '--input', 'stream.csv', '--column', 'x'],
    ['config', 'validate', '--config', 'driftwatch.yaml'],
    ['--help'],
  ]) {
    const run = spawnSync(process.execPath, [...flags, join(cli, 'dist', 'main.cjs'), ...args], { cwd: inputs, env, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`training run "driftwatch ${args.join(' ')}" failed (${run.status}): ${run.stderr}`);
  }
} finally {
  rmSync(inputs, { recursive: true, force: true });
}
