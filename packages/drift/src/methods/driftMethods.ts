import { binnedShares } from '../binned/binnedShares.js';
import { hellinger } from '../binned/hellinger.js';
import { jensenShannon } from '../binned/jensenShannon.js';
import { klDivergence } from '../binned/klDivergence.js';
import { psi } from '../binned/psi.js';
import { chi2Contingency } from '../categorical/chi2Contingency.js';
import { chi2Permutation } from '../categorical/chi2Permutation.js';
import { chiSquare } from '../categorical/chiSquare.js';
import { fisherExact } from '../categorical/fisherExact.js';
import { gContingency } from '../categorical/gContingency.js';
import { gTest } from '../categorical/gTest.js';
import { lInfinity } from '../categorical/lInfinity.js';
import { tvd } from '../categorical/tvd.js';
import { zTest } from '../categorical/zTest.js';
import { mmd } from '../numeric/mmd.js';
import { numpyStd } from '../special/numpySum.js';
import { andersonKSamp } from '../univariate/andersonKSamp.js';
import { cramerVonMises2samp } from '../univariate/cramerVonMises2samp.js';
import { energyDistance } from '../univariate/energyDistance.js';
import { eppsSingleton2samp } from '../univariate/eppsSingleton2samp.js';
import { ks2sampDeferred, ks2sampScaledDeferred, warmKs2samp } from '../univariate/ks2samp.js';
import { ksPermutation } from '../univariate/ksPermutation.js';
import { mannWhitneyU } from '../univariate/mannWhitneyU.js';
import { wassersteinDistance } from '../univariate/wassersteinDistance.js';
import { welchTTest } from '../univariate/welchTTest.js';
import type { CategoricalSample, DriftMethod, MethodContext, MethodOutput, MethodSample, NumericSample } from './DriftMethod.js';

const num = (s: MethodSample): Float64Array => (s as NumericSample).values;
/** Both samples known to be ascending (the engine's). */
const bothSorted = (r: MethodSample, c: MethodSample): boolean =>
  (r as NumericSample).sorted === true && (c as NumericSample).sorted === true;
const cat = (s: MethodSample): CategoricalSample => s as CategoricalSample;
const test = (r: { statistic: number; pValue: number }): MethodOutput => ({ statistic: r.statistic, pValue: r.pValue });
const distance = (statistic: number): MethodOutput => ({ statistic, pValue: null });

/** Binned shares of either kind of sample, as Evidently's `get_binned_data` makes them. */
function shares(reference: MethodSample, current: MethodSample, fill: boolean): { reference: Float64Array; current: Float64Array } {
  if (reference.kind === 'numeric') return binnedShares(reference.values, num(current), 'numerical', { fill });
  return binnedShares(reference.codes, cat(current).codes, 'categorical', { nCategories: reference.categories, fill });
}

/** Shares per category of a categorical sample pair (no fill). */
function categoryShares(reference: MethodSample, current: MethodSample): { reference: Float64Array; current: Float64Array } {
  const r = cat(reference);
  return binnedShares(r.codes, cat(current).codes, 'categorical', { nCategories: r.categories });
}

/** Below this many values on both sides, ks decodes scaled samples (sorting small copies beats 2 × 2^16 counters). */
const scaledKsMinValues = 1 << 15;

/** ks in two steps: the statistic now, the p-value (and its Smirnov sum, shared with a worker) when asked. */
function startKs(r: MethodSample, c: MethodSample, context: MethodContext): () => MethodOutput {
  const rs = (r as NumericSample).scaled;
  const cs = (c as NumericSample).scaled;
  // Scaled decimals of one scale, large enough for counting: the same statistic from the integers.
  const later =
    rs !== undefined && cs !== undefined && rs.scale === cs.scale && rs.ints.length + cs.ints.length >= scaledKsMinValues
      ? ks2sampScaledDeferred(rs.ints, cs.ints, context.threads)
      : ks2sampDeferred(num(r), num(c), bothSorted(r, c), context.threads);
  return () => test(later());
}

/** Every drift method, by Evidently's stattest name. */
export const driftMethods: readonly DriftMethod[] = [
  {
    name: 'ks',
    title: 'Kolmogorov–Smirnov',
    reference: 'scipy.stats.ks_2samp',
    domain: 'numeric',
    measure: 'p_value',
    defaultThreshold: 0.05,
    rule: 'p<=t',
    minSize: 1,
    anyOrder: true,
    run: (r, c, context) => startKs(r, c, context)(),
    start: startKs,
    warm: (referenceRows, currentRows, context) => warmKs2samp(referenceRows, currentRows, context.threads),
  },
  {
    name: 't_test',
    title: "Welch's t-test",
    reference: 'scipy.stats.ttest_ind(equal_var=False)',
    domain: 'numeric',
    measure: 'p_value',
    defaultThreshold: 0.05,
    rule: 'p<t',
    minSize: 2,
    run: (r, c) => test(welchTTest(num(r), num(c))),
  },
  {
    name: 'mannw',
    title: 'Mann–Whitney U',
    reference: "scipy.stats.mannwhitneyu(alternative='two-sided')",
    domain: 'numeric',
    measure: 'p_value',
    defaultThreshold: 0.05,
    rule: 'p<t',
    minSize: 1,
    run: (r, c) => test(mannWhitneyU(num(r), num(c))),
  },
  {
    name: 'anderson',
    title: 'Anderson–Darling k-sample',
    reference: 'scipy.stats.anderson_ksamp',
    domain: 'numeric',
    measure: 'p_value',
    defaultThreshold: 0.1,
    rule: 'p<t',
    minSize: 1,
    run: (r, c) => test(andersonKSamp(num(r), num(c))),
  },
  {
    name: 'cramer_von_mises',
    title: 'Cramér–von Mises',
    reference: 'scipy.stats.cramervonmises_2samp',
    domain: 'numeric',
    measure: 'p_value',
    defaultThreshold: 0.1,
    rule: 'p<=t',
    minSize: 2,
    run: (r, c) => test(cramerVonMises2samp(num(r), num(c))),
  },
  {
    name: 'epps_singleton',
    title: 'Epps–Singleton',
    reference: 'scipy.stats.epps_singleton_2samp',
    domain: 'numeric',
    measure: 'p_value',
    defaultThreshold: 0.05,
    rule: 'p<t',
    minSize: 5,
    run: (r, c) => test(eppsSingleton2samp(num(r), num(c))),
  },
  {
    name: 'ks_permutation',
    title: 'Kolmogorov–Smirnov, permutation p-value',
    reference: 'scipy.stats.ks_2samp statistic, p-value by seeded permutation (1000), as scipy.stats.permutation_test',
    domain: 'numeric',
    measure: 'p_value',
    defaultThreshold: 0.05,
    rule: 'p<=t',
    minSize: 1,
    run: (r, c, { seed }) => test(ksPermutation(num(r), num(c), { seed })),
  },
  {
    name: 'ed',
    title: 'Energy distance',
    reference: 'scipy.stats.energy_distance',
    domain: 'numeric',
    measure: 'distance',
    defaultThreshold: 0.1,
    rule: 'd>t',
    minSize: 1,
    run: (r, c) => distance(energyDistance(num(r), num(c), bothSorted(r, c))),
  },
  {
    name: 'wasserstein',
    title: 'Wasserstein distance (normed)',
    reference: 'scipy.stats.wasserstein_distance / max(np.std(reference), 0.001)',
    domain: 'numeric',
    measure: 'distance',
    defaultThreshold: 0.1,
    rule: 'd>=t',
    minSize: 1,
    run: (r, c) => distance(wassersteinDistance(num(r), num(c), bothSorted(r, c)) / Math.max(numpyStd(num(r)), 0.001)),
  },
  {
    name: 'psi',
    title: 'Population stability index',
    reference: 'Σ (r − c)·ln(r / c) over filled binned shares',
    domain: 'both',
    measure: 'distance',
    defaultThreshold: 0.1,
    rule: 'd>=t',
    minSize: 1,
    run: (r, c) => {
      const s = shares(r, c, true);
      return distance(psi(s.reference, s.current));
    },
  },
  {
    name: 'kl_div',
    title: 'Kullback–Leibler divergence',
    reference: 'scipy.stats.entropy(r, c) over filled binned shares',
    domain: 'both',
    measure: 'distance',
    defaultThreshold: 0.1,
    rule: 'd>=t',
    minSize: 1,
    run: (r, c) => {
      const s = shares(r, c, true);
      return distance(klDivergence(s.reference, s.current));
    },
  },
  {
    name: 'jensenshannon',
    title: 'Jensen–Shannon distance',
    reference: 'scipy.spatial.distance.jensenshannon(r, c) over binned shares',
    domain: 'both',
    measure: 'distance',
    defaultThreshold: 0.1,
    rule: 'd>=t',
    minSize: 1,
    run: (r, c) => {
      const s = shares(r, c, false);
      return distance(jensenShannon(s.reference, s.current));
    },
  },
  {
    name: 'hellinger',
    title: 'Hellinger distance',
    reference: 'sqrt(Σ (√r − √c)²) / √2 over binned shares',
    domain: 'both',
    measure: 'distance',
    defaultThreshold: 0.1,
    rule: 'd>=t',
    minSize: 1,
    run: (r, c) => {
      const s = shares(r, c, false);
      return distance(hellinger(s.reference, s.current));
    },
  },
  {
    name: 'l_infinity',
    title: 'L-infinity distance',
    reference: 'max over categories of |r − c|',
    domain: 'categorical',
    measure: 'distance',
    defaultThreshold: 0.1,
    rule: 'd>=t',
    minSize: 1,
    run: (r, c) => {
      const s = categoryShares(r, c);
      return distance(lInfinity(s.reference, s.current));
    },
  },
  {
    name: 'chisquare',
    title: 'Chi-squared',
    reference: 'scipy.stats.chisquare(current_counts, reference_counts × n_cur / n_ref)',
    domain: 'categorical',
    measure: 'p_value',
    defaultThreshold: 0.05,
    rule: 'p<t',
    minSize: 1,
    run: (r, c) => test(chiSquare(cat(r).codes, cat(c).codes, cat(r).categories)),
  },
  {
    name: 'g_test',
    title: 'G-test',
    reference: "scipy.stats.power_divergence(lambda_='log-likelihood')",
    domain: 'categorical',
    measure: 'p_value',
    defaultThreshold: 0.05,
    rule: 'p<t',
    minSize: 1,
    run: (r, c) => test(gTest(cat(r).codes, cat(c).codes, cat(r).categories)),
  },
  {
    name: 'chi2_contingency',
    title: 'Chi-squared test of homogeneity',
    reference: 'scipy.stats.chi2_contingency([reference_counts, current_counts]) (Yates at 1 df)',
    domain: 'categorical',
    measure: 'p_value',
    defaultThreshold: 0.05,
    rule: 'p<t',
    minSize: 1,
    run: (r, c) => test(chi2Contingency(cat(r).codes, cat(c).codes, cat(r).categories)),
  },
  {
    name: 'g_contingency',
    title: 'Two-sample G-test',
    reference: "scipy.stats.chi2_contingency([reference_counts, current_counts], lambda_='log-likelihood')",
    domain: 'categorical',
    measure: 'p_value',
    defaultThreshold: 0.05,
    rule: 'p<t',
    minSize: 1,
    run: (r, c) => test(gContingency(cat(r).codes, cat(c).codes, cat(r).categories)),
  },
  {
    name: 'chi2_permutation',
    title: 'Chi-squared test of homogeneity, permutation p-value',
    reference: 'scipy.stats.chi2_contingency(table, correction=False, method=PermutationMethod(1000)), seeded draws',
    domain: 'categorical',
    measure: 'p_value',
    defaultThreshold: 0.05,
    rule: 'p<t',
    minSize: 1,
    run: (r, c, { seed }) => test(chi2Permutation(cat(r).codes, cat(c).codes, cat(r).categories, { seed })),
  },
  {
    name: 'z',
    title: 'Two-proportion z-test',
    reference: 'pooled two-proportion z-test, p = 2·scipy.stats.norm.sf(|z|)',
    domain: 'binary',
    measure: 'p_value',
    defaultThreshold: 0.05,
    rule: 'p<t',
    minSize: 1,
    run: (r, c) => test(zTest(cat(r).codes, cat(c).codes)),
  },
  {
    name: 'fisher_exact',
    title: "Fisher's exact test",
    reference: 'scipy.stats.fisher_exact (two-sided)',
    domain: 'binary',
    measure: 'p_value',
    defaultThreshold: 0.1,
    rule: 'p<t',
    minSize: 1,
    run: (r, c) => test(fisherExact(cat(r).codes, cat(c).codes)),
  },
  {
    name: 'tvd',
    title: 'Total variation distance',
    reference: '½ Σ |r − c|, p-value by seeded permutation (1000)',
    domain: 'categorical',
    measure: 'p_value',
    defaultThreshold: 0.1,
    rule: 'p<t',
    minSize: 1,
    run: (r, c, { seed }) => test(tvd(cat(r).codes, cat(c).codes, cat(r).categories, { seed })),
  },
  {
    name: 'empirical_mmd',
    title: 'Maximum mean discrepancy',
    reference: 'unbiased RBF-kernel MMD², p-value by seeded permutation (100)',
    domain: 'numeric',
    measure: 'p_value',
    defaultThreshold: 0.1,
    rule: 'p<t',
    minSize: 2,
    run: (r, c, { seed }) => test(mmd(num(r), num(c), { seed })),
  },
];
