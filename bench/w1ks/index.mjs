// Workload W1KS: W1's data against the issue's second peer, pandas.read_csv + scipy's
// ks_2samp per numeric column and chi2_contingency per categorical column
// (bench/w1/peer_kschi2.py), with Driftwatch running the same tests.
import { join } from 'node:path';
import { COLUMNS } from '../w1/generate.mjs';
import w1 from '../w1/index.mjs';

/**
 * The `check` flags that run the peer's tests: ks for every numeric column, chi2_contingency
 * for each categorical one, and no integer column read as categories (pandas reads them as
 * numbers, so the peer runs ks on them).
 */
export function ksChi2Args() {
  const categorical = COLUMNS.filter((c) => c.kind === 'cat').map((c) => c.name);
  return ['--method', 'ks', ...categorical.flatMap((name) => ['--method', `${name}=chi2_contingency`]), '--integer-categories', '0'];
}

export default {
  ...w1,
  name: 'w1ks',
  title: "W1 with ks per numeric and chi2_contingency per categorical column vs pandas + scipy's same tests",
  /** Issue 17: W1 at most 0.3x the pandas + scipy (ks/chi²) peer's wall time, peak RSS at most 0.5x. */
  targets: { wall: 0.3, rss: 0.5 },
  quoted: undefined,
  sides(ctx, state) {
    const io = ['--reference', state.reference, '--current', state.current];
    return {
      driftwatch: { args: ['check', ...io, ...ksChi2Args(), '--format', 'json'] },
      peer: { argv: [ctx.python, join('bench', 'w1', 'peer_kschi2.py'), ...io] },
    };
  },
};
