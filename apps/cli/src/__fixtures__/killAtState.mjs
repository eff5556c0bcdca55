// Preload (node --import) that kills its own process with SIGKILL the moment a
// retraining attempt reaches a given state on disk: right after the store
// renamed an attempt file whose state is DW_KILL_AT (`training+job`: in
// `training` with its job started; `training` alone: before it started).
// The worst moment for a crash: the state is persisted, nothing after it ran.
// It wraps `fs.promises.rename` and syncs the ESM named exports, so
// `import { rename } from 'node:fs/promises'` in the app sees the wrapper too.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const [state, job] = (process.env.DW_KILL_AT ?? '').split('+');
const original = fs.promises.rename;
fs.promises.rename = async function (from, to, ...rest) {
  await original.call(this, from, to, ...rest);
  const file = String(to);
  if (!state || !/[/\\]attempts[/\\][^/\\]+\.json$/.test(file)) return;
  const attempt = JSON.parse(fs.readFileSync(file, 'utf8'));
  const started = attempt.training?.jobId !== undefined;
  if (attempt.state === state && (state !== 'training' || (job === 'job') === started)) process.kill(process.pid, 'SIGKILL');
};
syncBuiltinESMExports();
