// Preload (node --import) that counts how often the process opens each file
// whose path contains DW_COUNT_OPENS_MATCH, and writes the counts as JSON to
// DW_COUNT_OPENS_OUT when the process exits. It wraps every way node:fs opens
// a file for reading and syncs the ESM named exports, so `import { open }
// from 'node:fs/promises'` in the app sees the wrapper too.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { resolve } from 'node:path';

const match = process.env.DW_COUNT_OPENS_MATCH;
const out = process.env.DW_COUNT_OPENS_OUT;
const counts = {};
const count = (path) => {
  if (typeof path !== 'string' && !(path instanceof URL)) return;
  const file = resolve(String(path instanceof URL ? path.pathname : path));
  if (match && file.includes(match)) counts[file] = (counts[file] ?? 0) + 1;
};
const wrap = (owner, name) => {
  const original = owner[name];
  owner[name] = function (path, ...rest) {
    count(path);
    return original.call(this, path, ...rest);
  };
};
for (const name of ['open', 'openSync', 'createReadStream', 'readFile', 'readFileSync']) wrap(fs, name);
for (const name of ['open', 'readFile']) wrap(fs.promises, name);
syncBuiltinESMExports();
process.on('exit', () => {
  if (out) fs.writeFileSync(out, JSON.stringify(counts));
});
