// dist/main.cjs, the `driftwatch` command: scripts/bundle.mjs writes this file there behind src/main.ts's
// shebang line (dist/main.js, for `node dist/main.js`, imports it). CommonJS, because an ES module entry
// starts Node's ES module loader (~0.01 s of CPU) that nothing here needs.
//
// Loads the bundle's chunks as functions compiled with V8's code cache: Node 20 has no code cache
// for ES modules, and compiling the ~1.2 MB of chunks `check` loads was a third of its start-up.
// Each ES chunk `dist/chunks/X.js` has a twin `X.cjs`, the same code as a function expression in
// ASCII, `(function (exports, require, module, __dwUrl, __dwImport) { … })`, in which imports of
// chunks are calls of `require`, each `import()` a call of `__dwImport` and `import.meta.url` the
// parameter `__dwUrl`. It may have a `X.code-cache`, written by the build's training runs
// (`DRIFTWATCH_WRITE_CODE_CACHE=1`): the `.cjs` bytes it was made from, then V8's cached data. The
// cache is used only when those bytes equal the `.cjs` file's (V8 itself checks little more than
// the length) and V8 accepts it (same Node, same V8 flags: the shebang's); else the chunk is
// compiled from source. Nothing is written at run time otherwise, so a read-only install works.
// The ES chunks stay: worker threads start from them, and a Node without `require()` of ES modules
// (before 20.19: the twins of a few chunks require external ES packages, the stores' `/plugin`
// entries) runs them instead.
'use strict';

/**
 * NODE_EXTRA_CA_CERTS, deferred. Node 20 reads and parses the whole file before any JavaScript runs:
 * where it names the system bundle (~140 certificates, as on many CI and corporate machines) that
 * was ~60% of `node -e 0`'s CPU here, in every command, TLS or not. The #! line therefore starts
 * node without it and hands its value over as DW_CA; here it goes back into the environment (child
 * processes get it as before), and every TLS context made without its own `ca` gets the file's
 * certificates on top of Node's bundled ones, as Node's default store holds them: the file is read at the first such context, certificates Node already bundles are
 * skipped, and one it cannot read or parse is reported as Node reports it and left out. A context
 * with a certificate of its own (`cert`, `pfx`) gets the whole store as `ca` instead, so that the
 * issuer of that certificate is found in it as it is loaded. Worker threads (which make no TLS
 * connections here) keep Node's bundled certificates only. `node dist/main.cjs` skips all this:
 * Node then reads the variable itself.
 */
function deferExtraCaCerts(file) {
  process.env.NODE_EXTRA_CA_CERTS = file;
  const tls = require('node:tls');
  const createSecureContext = tls.createSecureContext;
  /** The file's certificates that Node does not bundle, as PEM; undefined until the first context needs them. */
  let extra;
  const body = (pem) => pem.replace(/-----[^-]+-----|\s/g, '');
  const loadExtra = () => {
    const bundled = new Set(tls.rootCertificates.map(body));
    try {
      const text = require('node:fs').readFileSync(file, 'latin1');
      return (text.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? []).filter((pem) => !bundled.has(body(pem)));
    } catch (error) {
      process.stderr.write(`Warning: Ignoring extra certs from \`${file}\`, load failed: ${error.message}\n`);
      return [];
    }
  };
  tls.createSecureContext = function createSecureContextWithExtraCaCerts(options) {
    // Node's own test for "no ca of its own": a falsy `ca` (tls.createSecureContext's docs).
    if (options?.ca) return createSecureContext.call(this, options);
    extra ??= loadExtra();
    if (extra.length === 0) return createSecureContext.call(this, options);
    if (options?.cert || options?.pfx) return createSecureContext.call(this, { ...options, ca: [...tls.rootCertificates, ...extra] });
    const secureContext = createSecureContext.call(this, options);
    for (let i = 0; i < extra.length; i++) {
      try {
        secureContext.context.addCACert(extra[i]);
      } catch (error) {
        process.stderr.write(`Warning: Ignoring extra certs from \`${file}\`, load failed: ${error.message}\n`);
        extra.splice(i--, 1);
      }
    }
    return secureContext;
  };
}

const extraCaCerts = process.env.DW_CA;
delete process.env.DW_CA;
if (extraCaCerts) deferExtraCaCerts(extraCaCerts);

const { createRequire } = require('node:module');
const { closeSync, fstatSync, openSync, readSync, writeFileSync } = require('node:fs');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

const chunksDir = `${__dirname}/chunks/`;
const chunksUrl = pathToFileURL(chunksDir).href;
const writeCache = process.env.DRIFTWATCH_WRITE_CODE_CACHE === '1';
/** Chunk file name → its module (`{ exports }`), set before the chunk runs so cycles end. */
const modules = new Map();
/** What a training run writes the cache of when the process exits: [file, script, source]. */
const compiled = [];

/** `./X.js` → `X.js` when it names a chunk (esbuild's relative imports between chunks), else undefined. */
function chunkOf(specifier) {
  return typeof specifier === 'string' && /^\.\/[\w.-]+\.js$/.test(specifier) ? specifier.slice(2) : undefined;
}

/**
 * Two buffers the files are read into, one after another (the chunk's source, its cache): V8 copies
 * the source into a string and has used the cached data when the compile returns, and memory
 * touched for the first time costs more here than reading the files (~1.3 + 2 MB for `check`).
 */
const buffers = [Buffer.allocUnsafeSlow(1 << 20), Buffer.allocUnsafeSlow(1 << 21)];

/** The bytes of `file` in `buffers[which]` (valid until the next read into it); undefined if there is no such file. */
function readInto(which, file) {
  let fd;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const size = fstatSync(fd).size;
    if (buffers[which].length < size) buffers[which] = Buffer.allocUnsafeSlow(size);
    const buffer = buffers[which];
    let done = 0;
    for (let n; done < size && (n = readSync(fd, buffer, done, size - done, null)) > 0; ) done += n;
    return buffer.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/** V8's cached data for `file` made from exactly `source`, or undefined. */
function cachedDataFor(file, source) {
  const cache = readInto(1, `${file.slice(0, -4)}.code-cache`);
  if (cache === undefined) return undefined;
  const length = cache.length >= 4 ? cache.readUInt32LE(0) : -1;
  if (length !== source.length || !source.equals(cache.subarray(4, 4 + length))) return undefined;
  return cache.subarray(4 + length);
}

/** Runs the chunk `name` (once) and returns its exports. */
function load(name) {
  const known = modules.get(name);
  if (known !== undefined) return known.exports;
  const module = { exports: {} };
  modules.set(name, module);
  const file = `${chunksDir}${name.slice(0, -3)}.cjs`;
  const source = readInto(0, file);
  if (source === undefined) throw new Error(`${file} is missing: the CLI's build is incomplete`);
  const cachedData = writeCache ? undefined : cachedDataFor(file, source);
  const script = new Script(source.latin1Slice(), { filename: file, cachedData });
  if (writeCache) compiled.push([file, script, Buffer.from(source)]);
  const url = chunksUrl + name;
  let requireHere;
  const requireChunk = (specifier) => {
    const chunk = chunkOf(specifier);
    return chunk !== undefined ? load(chunk) : (requireHere ??= createRequire(url))(specifier);
  };
  const importChunk = (specifier) => {
    const chunk = chunkOf(specifier);
    if (chunk !== undefined) return Promise.resolve().then(() => load(chunk));
    return import(typeof specifier === 'string' && /^\.\.?\//.test(specifier) ? new URL(specifier, url).href : specifier);
  };
  script.runInThisContext()(module.exports, requireChunk, module, url, importChunk);
  return module.exports;
}

if (writeCache) {
  process.on('exit', () => {
    for (const [file, script, source] of compiled) {
      const length = Buffer.alloc(4);
      length.writeUInt32LE(source.length);
      // A chunk an earlier training run cached keeps that run's cache (the build trains `check` first).
      try {
        writeFileSync(`${file.slice(0, -4)}.code-cache`, Buffer.concat([length, source, script.createCachedData()]), { flag: 'wx' });
      } catch (error) {
        if (error.code !== 'EEXIST') throw error;
      }
    }
  });
}

if (process.features.require_module === true) load('main.js');
else import('./chunks/main.js');
