// Preload (node --import) that writes, when the process exits, the names of the Node built-in
// modules loaded after it (`process.moduleLoadList`) as JSON to DW_LOADED_BUILTINS_OUT.
import { writeFileSync } from 'node:fs';

const before = new Set(process.moduleLoadList);
const out = process.env.DW_LOADED_BUILTINS_OUT;
process.on('exit', () => {
  const loaded = process.moduleLoadList.filter((m) => !before.has(m) && m.startsWith('NativeModule ')).map((m) => m.slice(13));
  if (out) writeFileSync(out, JSON.stringify(loaded));
});
