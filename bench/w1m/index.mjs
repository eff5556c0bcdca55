// Workload W1M: W1's data and peer, Driftwatch under a memory budget
// (`--max-memory 100MB`, below the ~180 MB its exact path needs), so the
// numeric columns take the streamed profile path (issue 12 item 11).
import w1 from '../w1/index.mjs';

/** The budget: about half of what W1's exact path holds. */
const BUDGET = '100MB';

export default {
  ...w1,
  name: 'w1m',
  quoted: undefined,
  title: `W1 under --max-memory ${BUDGET}: numeric columns summarised while reading (two passes)`,
  sides(ctx, state) {
    const sides = w1.sides(ctx, state);
    return { ...sides, driftwatch: { args: [...sides.driftwatch.args, '--max-memory', BUDGET] } };
  },
};
