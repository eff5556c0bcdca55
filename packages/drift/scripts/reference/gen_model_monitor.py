"""Reference answers for src/modelMonitor (Model Monitor's baseline drift distances).

numpy computes the L-infinity distance of two weighted CDFs over the union of their values
(Deequ's numericalDistance, which Model Monitor runs on KLL sketches) and of two category
share vectors; scipy.stats.ks_2samp cross-checks the unweighted case; scipy.stats.chisquare
gives the goodness-of-fit answers after Deequ's regrouping of small expected counts.

Run: python3 scripts/reference/gen_model_monitor.py > src/modelMonitor/__fixtures__/distances.json
"""
import json
import math

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20261207)


def weighted_linf(av, aw, bv, bw):
    keys = np.union1d(av, bv)
    order_a = np.argsort(av, kind="stable")
    order_b = np.argsort(bv, kind="stable")
    av, aw = np.asarray(av)[order_a], np.asarray(aw, dtype=float)[order_a]
    bv, bw = np.asarray(bv)[order_b], np.asarray(bw, dtype=float)[order_b]
    ca = np.concatenate([[0.0], np.cumsum(aw)])[np.searchsorted(av, keys, side="right")]
    cb = np.concatenate([[0.0], np.cumsum(bw)])[np.searchsorted(bv, keys, side="right")]
    n, m = aw.sum(), bw.sum()
    simple = float(np.max(np.abs(ca / n - cb / m)))
    return simple, float(n), float(m)


def robust(simple, n, m):
    return max(0.0, simple - 1.8 * math.sqrt((n + m) / (n * m)))


numeric = []
for name, a, aw, b in [
    ("normal vs shifted", rng.normal(0, 1, 300).round(3), None, rng.normal(0.4, 1, 200).round(3)),
    ("ties, integers", rng.integers(0, 8, 150).astype(float), None, rng.integers(1, 9, 90).astype(float)),
    ("identical", np.array([1.0, 2.0, 3.0, 4.0]), None, np.array([1.0, 2.0, 3.0, 4.0])),
    ("weighted sketch levels", rng.uniform(0, 10, 40).round(2), "levels", rng.uniform(1, 11, 120).round(2)),
]:
    weights = np.ones(len(a)) if aw is None else np.array([2.0 ** (i % 3) for i in range(len(a))])
    simple, n, m = weighted_linf(a, weights, b, np.ones(len(b)))
    case = {
        "name": name,
        "baseline": {"values": a.tolist(), "weights": weights.tolist()},
        "current": b.tolist(),
        "simple": simple,
        "robust": robust(simple, n, m),
        "n": n,
        "m": m,
    }
    if aw is None:
        case["ks2samp"] = float(stats.ks_2samp(a, b).statistic)
    numeric.append(case)


def regroup(sample, expected):
    sample, expected = dict(sample), dict(expected)
    while len(expected) >= 2:
        per, max_below = (5, int(0.2 * len(expected))) if len(expected) > 2 else (10, 0)
        if sum(1 for v in expected.values() if v < per) <= max_below:
            break
        k1 = min(expected, key=expected.get)
        v1, s1 = expected.pop(k1), sample.pop(k1, 0.0)
        k2 = min(expected, key=expected.get)
        expected[k2] += v1
        sample[k2] = sample.get(k2, 0.0) + s1
    return sample, expected


categorical = []
for name, base, cur in [
    ("three colours", {"red": 50, "green": 30, "blue": 20}, {"red": 35, "green": 40, "blue": 25, "pink": 9}),
    ("small categories merged", {"a": 200, "b": 150, "c": 3, "d": 2, "e": 1}, {"a": 120, "b": 160, "c": 6, "d": 0, "e": 4}),
    ("two categories", {"yes": 60, "no": 40}, {"yes": 45, "no": 55}),
]:
    n, m = sum(base.values()), sum(cur.values())
    keys = sorted(set(base) | set(cur))
    simple = max(abs(base.get(k, 0) / n - cur.get(k, 0) / m) for k in keys)
    sample_sum = sum(v for k, v in cur.items() if k in base)
    expected = {k: v / n * sample_sum for k, v in base.items()}
    sample = {k: float(cur.get(k, 0)) for k in base}
    sample, expected = regroup(sample, expected)
    ks = list(expected)
    obs = np.array([sample.get(k, 0.0) for k in ks])
    exp = np.array([expected[k] for k in ks])
    exp = exp / exp.sum() * obs.sum()
    chi = stats.chisquare(obs, exp)
    categorical.append({
        "name": name,
        "baseline": base,
        "current": cur,
        "simple": simple,
        "robust": robust(simple, n, m),
        "chiSquared": {"statistic": float(chi.statistic), "df": len(ks) - 1, "pValue": float(chi.pvalue)},
    })

print(json.dumps({
    "generator": "scripts/reference/gen_model_monitor.py",
    "numpy": np.__version__,
    "scipy": scipy.__version__,
    "numeric": numeric,
    "categorical": categorical,
}))
