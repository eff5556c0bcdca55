#!/usr/bin/env -S -u NODE_EXTRA_CA_CERTS DW_CA=${NODE_EXTRA_CA_CERTS} GLIBC_TUNABLES=glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1:glibc.malloc.mmap_threshold=131072:${GLIBC_TUNABLES} node --max-semi-space-size=2 --initial-old-space-size=32
// The first flag caps V8's young generation at 2 MB semi-spaces: the hot paths fill typed
// arrays rather than make short-lived objects, and the default 16 MB semi-spaces
// (grown by module loading and schema sampling) cost ~30 MB of peak RSS on the
// 1 000 000-row benchmark for no measurable speed gain (bench/README.md). The second lets
// the old generation reach 32 MB before its first collection: loading a command's chunks
// (~11 MB of heap for `check`) otherwise ends in a full mark-compact that a short command
// pays for and never needs.
// GLIBC_TUNABLES asks glibc's malloc to madvise(MADV_HUGEPAGE) the memory it maps (glibc >= 2.35;
// elsewhere the variable is ignored), where the kernel's transparent huge pages are `madvise`, as
// on Debian: the columns of a large check (80 MB a 1M-row side of W1) are filled row by row, and
// a first touch of each 4 KiB page was a page fault of ~9 us on this machine's VM (~22 000 a
// side); with 2 MiB pages W1 takes ~8% less wall time (bench/README.md). One malloc arena for all
// threads, and large blocks always mapped on their own (a fixed mmap threshold, so glibc does not
// raise it after the first large free): memory a reading thread freed serves the main thread, and a
// freed buffer goes back to the system; W1KS's peak RSS ~7–9 MB lower, no slower (bench/README.md).
// A user's own GLIBC_TUNABLES comes after ours and wins (`glibc.malloc.hugetlb=0` turns huge pages off).
// NODE_EXTRA_CA_CERTS is moved aside: node would parse the whole file at start-up (~60% of
// `node -e 0`'s CPU where it names the system bundle); scripts/mainLoader.cjs (dist/main.cjs)
// puts it back and adds its certificates to TLS contexts when one is first made. DW_CA carries the
// value (a short name: Linux reads only the first 255 bytes of a #! line; the test of the line checks).
import { onStdioCreated } from './output/onStdioCreated.js';
import { version } from './version.js';

// The AWS SDK warns on every start under Node 20 that its releases after January 2027 will need
// Node 22; the version pinned here supports Node 20, so the notice is noise in a CLI's stderr.
// Set the variable to "false" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// A reader that stops early (`driftwatch … | head`) is not an error of ours. Attached when stdout is
// first used: creating it here would load the stream stack for commands that never use it.
onStdioCreated('stdout', (stdout) =>
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  }),
);

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // What commander prints for it, answered before the program and its modules load.
  process.stdout.write(`${version}\n`);
} else {
  // Not a top-level await: the bundle runs this module as the body of a function (scripts/mainLoader.mjs).
  void import('./run.js').then(async ({ run }) => {
    process.exitCode = await run(argv);
  });
}
