// Workload W1KS1: W1KS with Driftwatch on one thread (`--threads 1`): the single-core figure
// the issue asks for beside the two-core one, against the same pandas + scipy peer.
import w1ks from '../w1ks/index.mjs';

export default {
  ...w1ks,
  name: 'w1ks1',
  title: 'W1KS with driftwatch check --threads 1 (both sides parsed on one thread)',
  sides(ctx, state) {
    const sides = w1ks.sides(ctx, state);
    return { ...sides, driftwatch: { args: [...sides.driftwatch.args, '--threads', '1'] } };
  },
};
