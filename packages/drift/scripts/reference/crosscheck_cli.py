"""End-to-end cross-check: `driftwatch check --format json` against scipy/numpy on the example data.

Usage (from the repository root, after `pnpm build`, with pandas and scipy in the Python):
    python3 packages/drift/scripts/reference/crosscheck_cli.py
Runs the CLI with every method on suitable columns of examples/data and recomputes each
statistic and p-value with the reference call; prints the worst relative errors and any
pair outside the contract (statistics 1e-9 relative; p-values 1e-6 relative or 1e-12 absolute).
"""
import glob
import json
import os
import subprocess
import tempfile
import warnings

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance

OUT = tempfile.mkdtemp(prefix="dw-crosscheck-")
RUNS = [("m", "age,income,avg_session_minutes", m) for m in
        ["ks", "t_test", "mannw", "anderson", "cramer_von_mises", "epps_singleton", "ed", "wasserstein",
         "psi", "kl_div", "jensenshannon", "hellinger"]]
RUNS += [("c", "city,plan", m) for m in ["chisquare", "g_test", "l_infinity", "jensenshannon", "psi"]]
RUNS += [("b", "has_mobile_app", m) for m in ["z", "fisher_exact"]]
for prefix, cols, m in RUNS:
    with open(os.path.join(OUT, f"{prefix}_{m}.json"), "w") as f:
        subprocess.run(["node", "apps/cli/dist/main.js", "check", "-r", "examples/data/reference.csv",
                        "-c", "examples/data/current.csv", "--columns", cols, "--method", m, "--format", "json"],
                       stdout=f, check=True)
warnings.filterwarnings('ignore')
ref = pd.read_csv('examples/data/reference.csv'); cur = pd.read_csv('examples/data/current.csv')
def binned(r, c, fill):
    if r.dtype != object and r.nunique() > 20:
        bins = np.histogram_bin_edges(pd.concat([r, c]), bins='sturges')
        rp = np.histogram(r, bins)[0] / len(r); cp = np.histogram(c, bins)[0] / len(c)
    else:
        keys = sorted(set(r.unique()) | set(c.unique()))
        rp = np.array([(r == k).sum() for k in keys]) / len(r); cp = np.array([(c == k).sum() for k in keys]) / len(c)
    if fill:
        for p in (rp, cp):
            m = p[p != 0].min(); np.place(p, p == 0, m / 1e6 if m <= 1e-4 else 1e-4)
    return rp, cp
def ref_value(m, r, c):
    if m == 'ks': x = stats.ks_2samp(r, c); return x.statistic, x.pvalue
    if m == 't_test': x = stats.ttest_ind(r, c, equal_var=False); return x.statistic, x.pvalue
    if m == 'mannw': x = stats.mannwhitneyu(r, c, alternative='two-sided'); return x.statistic, x.pvalue
    if m == 'anderson': x = stats.anderson_ksamp([r.values, c.values]); return x.statistic, x.pvalue
    if m == 'cramer_von_mises': x = stats.cramervonmises_2samp(r, c); return x.statistic, x.pvalue
    if m == 'epps_singleton': x = stats.epps_singleton_2samp(r, c); return x.statistic, x.pvalue
    if m == 'ed': return stats.energy_distance(r, c), None
    if m == 'wasserstein': return stats.wasserstein_distance(r, c) / max(np.std(r), 0.001), None
    if m == 'psi': a, b = binned(r, c, True); return np.sum((a - b) * np.log(a / b)), None
    if m == 'kl_div': a, b = binned(r, c, True); return stats.entropy(a, b), None
    if m == 'jensenshannon': a, b = binned(r, c, False); return distance.jensenshannon(a, b), None
    if m == 'hellinger': a, b = binned(r, c, False); return np.sqrt(np.sum((np.sqrt(a) - np.sqrt(b)) ** 2)) / np.sqrt(2), None
    if m == 'l_infinity': a, b = binned(r, c, False); return np.max(np.abs(a - b)), None
    keys = sorted(set(r.unique()) | set(c.unique()))
    rc = np.array([(r == k).sum() for k in keys]); cc = np.array([(c == k).sum() for k in keys])
    if m == 'chisquare': x = stats.chisquare(cc, rc * len(c) / len(r)); return x.statistic, x.pvalue
    if m == 'g_test': x = stats.power_divergence(cc, rc * len(c) / len(r), lambda_='log-likelihood'); return x.statistic, x.pvalue
    if m == 'fisher_exact': x = stats.fisher_exact([[rc[0], rc[1]], [cc[0], cc[1]]]); return x.statistic, x.pvalue
    if m == 'z':
        n1, n2 = len(r), len(c); p1 = rc[0] / n1; p2 = cc[0] / n2; P = (p1 * n1 + p2 * n2) / (n1 + n2)
        z = (p1 - p2) / np.sqrt(P * (1 - P) * (1 / n1 + 1 / n2)); return z, 2 * stats.norm.sf(abs(z))
worst_s = worst_p = 0; rows = 0
for f in sorted(glob.glob(os.path.join(OUT, '*.json'))):
    rep = json.load(open(f))
    for col in rep['columns']:
        r = ref[col['column']].dropna(); c = cur[col['column']].dropna()
        if col['kind'] == 'boolean': r = r.astype(str); c = c.astype(str)
        s, p = ref_value(col['method'], r, c)
        es = abs(col['statistic'] - s) / max(abs(s), 1e-300); worst_s = max(worst_s, es)
        if p is not None: worst_p = max(worst_p, abs(col['pValue'] - p) / max(abs(p), 1e-300) if abs(col['pValue']-p) > 1e-12 else 0)
        rows += 1
        if es > 1e-9 or (p is not None and abs(col['pValue']-p) > 1e-12 and abs(col['pValue']-p)/abs(p) > 1e-6): print('MISMATCH', f, col['column'], col['method'], col['statistic'], s, col['pValue'], p)
print(f'{rows} column/method pairs; worst statistic rel err {worst_s:.2e}; worst p-value rel err (beyond 1e-12 abs) {worst_p:.2e}')
