#!/usr/bin/env -S node --max-semi-space-size=2
// The flag caps V8's young generation at 2 MB semi-spaces: the hot paths fill typed
// arrays rather than make short-lived objects, and the default 16 MB semi-spaces
// (grown by module loading and schema sampling) cost ~30 MB of peak RSS on the
// 1 000 000-row benchmark for no measurable speed gain (bench/README.md).
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2));
