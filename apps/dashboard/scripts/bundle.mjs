// Bundles the dashboard (src/app/main.tsx) into dist/public: assets/app-<hash>.js and .css, and
// index.html naming them. No CDN, no inline script or style (the page runs under a strict CSP).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const out = join(root, 'dist', 'public');
await rm(out, { recursive: true, force: true });
await mkdir(join(out, 'assets'), { recursive: true });

const result = await build({
  entryPoints: { app: join(root, 'src', 'app', 'main.tsx') },
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  format: 'esm',
  target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outdir: join(out, 'assets'),
  entryNames: '[name]-[hash]',
  metafile: true,
  legalComments: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
});

const outputs = Object.keys(result.metafile.outputs).map((file) => relative(out, join(root, file)).replaceAll('\\', '/'));
const js = outputs.find((f) => /^assets\/app-[A-Z0-9]+\.js$/.test(f));
const css = outputs.find((f) => /^assets\/app-[A-Z0-9]+\.css$/.test(f));
if (!js || !css) throw new Error(`bundle: expected app-<hash>.js and .css, got ${outputs.join(', ')}`);

const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>Driftwatch</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/${css}">
<script type="module" src="/${js}"></script>
</head>
<body>
<noscript>The Driftwatch dashboard needs JavaScript.</noscript>
<div id="app"></div>
</body>
</html>
`;
await writeFile(join(out, 'index.html'), html);
const size = (f) => result.metafile.outputs[relative(root, join(out, f)).replaceAll('\\', '/')]?.bytes ?? 0;
console.log(`dashboard: ${basename(js)} ${(size(js) / 1024).toFixed(1)} kB, ${basename(css)} ${(size(css) / 1024).toFixed(1)} kB`);
