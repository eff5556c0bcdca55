"""Writes src/categorical/__fixtures__/permutation.json: references for the permutation tests
`chi2_permutation` and `ks_permutation`.

- Statistics from scipy: `chi2_contingency(table, correction=False).statistic` on the 2 x k table of present
  categories; `ks_2samp(reference, current).statistic`.
- p-values from a Python twin of `PermutedTables` (src/categorical/PermutedTables.ts) driven by core's
  Xoshiro128 twin: the same tables in the same order, each permuted table's statistic computed with numpy
  (`np.sum((table - expected) ** 2 / expected)`, expected from the fixed margins; for KS the integer
  max |cum_ref * n_cur - cum_cur * n_ref|), counted with scipy's `permutation_test` rule
  (>= observed - 100 * eps * observed) and p = (1 + count) / (1 + permutations).
- For a few cases, scipy's own `permutation_test` / `chi2_contingency(method=PermutationMethod)` p-value
  with 9999 resamples of numpy's generator: a different stream, so the TS test only asks for agreement within
  Monte Carlo error.

Run: python3 scripts/reference/gen_permutation.py (numpy 2.4.6, scipy 1.17.1).
"""
import json
import math
import os
import warnings

import numpy as np
import scipy
from scipy import stats

from gen_binned_categorical import S, build, categorical_cases, category_counts, codes, hypergeometric
from xoshiro128 import Xoshiro128  # on sys.path through gen_binned_categorical

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "src", "categorical", "__fixtures__", "permutation.json")
warnings.simplefilter("ignore", RuntimeWarning)
EPS = np.finfo(np.float64).eps


def permuted_tables(ref, cur, seed, permutations, sampler="auto"):
    """Twin of PermutedTables.next(): yields the reference row of each permuted table."""
    k = len(ref)
    cols = [ref[j] + cur[j] for j in range(k)]
    n1, n2 = sum(ref), sum(cur)
    total = n1 + n2
    sample_is_ref = n1 <= n2
    s = n1 if sample_is_ref else n2
    use_counts = sampler == "counts" or (sampler == "auto" and k * (16 * math.sqrt(s) + 16) < s)
    rng = Xoshiro128(seed)
    pool = None
    if not use_counts:
        pool = []
        for j in range(k):
            pool += [j] * cols[j]
    for _ in range(permutations):
        if pool is None:
            drawn = [0] * k
            remaining, left = total, s
            for j in range(k - 1):
                x = hypergeometric(cols[j], remaining - cols[j], left, rng)
                drawn[j] = x
                remaining -= cols[j]
                left -= x
            drawn[k - 1] = left
        else:
            drawn = [0] * k
            for i in range(s):
                j = i + rng.next_below(total - i)
                pool[i], pool[j] = pool[j], pool[i]
                drawn[pool[i]] += 1
        yield drawn if sample_is_ref else [cols[j] - drawn[j] for j in range(k)]


def chi2_reference(rc_all, cc_all, permutations=1000, seed=0, scipy_check=False):
    rc_all = np.asarray(rc_all, dtype=np.int64)
    cc_all = np.asarray(cc_all, dtype=np.int64)
    present = (rc_all + cc_all) > 0
    ref, cur = rc_all[present], cc_all[present]
    out = {"k": int(present.sum())}
    if out["k"] == 1:
        out.update({"statistic": 0.0, "pValue": 1.0})
        return out
    table = np.array([ref, cur])
    res = stats.chi2_contingency(table, correction=False)
    expected = res.expected_freq
    observed = float(np.sum((table - expected) ** 2 / expected))
    assert observed == float(res.statistic)
    cols = ref + cur
    count = 0
    for a in permuted_tables([int(v) for v in ref], [int(v) for v in cur], seed, permutations):
        t = np.array([a, cols - np.array(a)])
        if float(np.sum((t - expected) ** 2 / expected)) >= observed - abs(100 * EPS * observed):
            count += 1
    out.update({"statistic": float(res.statistic), "pValue": (1 + count) / (1 + permutations)})
    if scipy_check:
        r = stats.chi2_contingency(table, correction=False,
                                   method=stats.PermutationMethod(n_resamples=9999, rng=np.random.default_rng(1)))
        out["scipyPermutation"] = {"resamples": 9999, "pValue": float(r.pvalue)}
    return out


def ks_reference(x, y, permutations=1000, seed=0, scipy_check=False):
    values, inverse = np.unique(np.concatenate([x, y]), return_inverse=True)
    u = len(values)
    ref = np.bincount(inverse[: len(x)], minlength=u)
    cur = np.bincount(inverse[len(x):], minlength=u)
    n1, n2 = len(x), len(y)
    out = {"statistic": float(stats.ks_2samp(x, y).statistic), "distinct": int(u)}
    if u == 1:
        out["pValue"] = 1.0
        return out

    def integer_stat(a):
        ca = np.cumsum(a)
        ct = np.cumsum(ref + cur)
        return int(np.max(np.abs(ca * n2 - (ct - ca) * n1)))

    observed = integer_stat(ref)
    count = sum(1 for a in permuted_tables([int(v) for v in ref], [int(v) for v in cur], seed, permutations)
                if integer_stat(np.array(a, dtype=np.int64)) >= observed)
    out["pValue"] = (1 + count) / (1 + permutations)
    if scipy_check:
        r = stats.permutation_test((x, y), lambda a, b, axis: stats.ks_2samp(a, b, axis=axis).statistic,
                                   vectorized=True, n_resamples=9999, alternative="greater",
                                   rng=np.random.default_rng(1))
        out["scipyPermutation"] = {"resamples": 9999, "pValue": float(r.pvalue)}
    return out


def main():
    fixture = {
        "generator": "scripts/reference/gen_permutation.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "chi2": [],
        "chi2Counts": [],
        "ks": [],
    }
    big = {"100k", "30000/30000", "40000/25000", "n=20000", "3000"}
    for name, rd, cd, k, _ in categorical_cases:
        if any(b in name for b in big):
            continue
        ref, cur = build(rd).astype(np.int64), build(cd).astype(np.int64)
        out = chi2_reference(category_counts(ref, k), category_counts(cur, k), scipy_check=name == "uniform k=5")
        out.update({"name": name, "reference": rd, "current": cd, "nCategories": k})
        fixture["chi2"].append(out)
    # Sparse tables (the case chi2_permutation is for), a near-null large table (counts sampler), seeds.
    rng = np.random.default_rng(2026)
    zipf = 1 / np.arange(1, 21)
    zipf /= zipf.sum()
    cases = [
        ("k=20 Zipf 50/50", rng.multinomial(50, zipf), rng.multinomial(50, zipf), 0, True),
        ("k=20 Zipf 500/50", rng.multinomial(500, zipf), rng.multinomial(50, zipf), 0, False),
        ("k=20 Zipf 50/50 seed 7", rng.multinomial(50, zipf), rng.multinomial(50, zipf), 7, False),
        ("k=6 tiny", [3, 0, 1, 2, 0, 1], [0, 2, 2, 1, 1, 0], 0, True),
        ("k=4 5000/4000 (counts sampler)", rng.multinomial(5000, [0.4, 0.3, 0.2, 0.1]),
         rng.multinomial(4000, [0.42, 0.3, 0.19, 0.09]), 3, False),
        ("k=2", [30, 20], [18, 32], 0, False),
    ]
    for name, r, c, seed, check in cases:
        out = chi2_reference(r, c, seed=seed, scipy_check=check)
        out.update({"name": name, "referenceCounts": [int(v) for v in r], "currentCounts": [int(v) for v in c], "seed": seed})
        fixture["chi2Counts"].append(out)

    def poisson(seed, n, lam):
        return {"sample": S(seed, n, "uniform"), "map": [["mul", lam], ["floor"]]}

    ks_cases = [
        ("integers 0..5, 60/40", poisson(501, 60, 6), poisson(502, 40, 6), 0, True),
        ("integers 0..12, 200/200", poisson(503, 200, 13), poisson(504, 200, 13), 0, False),
        ("integers, shifted current", poisson(505, 300, 10), {"sample": S(506, 250, "uniform"), "map": [["mul", 10], ["add", 0.8], ["floor"]]}, 0, True),
        ("one decimal normals 500/50", {"sample": S(507, 500, decimals=1)}, {"sample": S(508, 50, decimals=1)}, 0, False),
        ("one decimal normals, seed 11", {"sample": S(509, 150, decimals=1)}, {"sample": S(510, 120, loc=0.3, decimals=1)}, 11, False),
        ("continuous 100/80 (shuffle sampler)", {"sample": S(511, 100)}, {"sample": S(512, 80, loc=0.2)}, 0, True),
        ("integers 3000/2500 (counts sampler)", poisson(513, 3000, 8), poisson(514, 2500, 8), 5, False),
        ("integers 12000/3000 (ks_2samp's asymptotic statistic)", poisson(515, 12000, 9), poisson(516, 3000, 9), 0, False),
        ("single shared value", {"values": [2.0, 2.0]}, {"values": [2.0]}, 0, False),
        ("tiny literal", {"values": [1.0, 2.0, 2.0, 3.0]}, {"values": [2.0, 3.0, 3.0]}, 0, False),
    ]
    for name, rd, cd, seed, check in ks_cases:
        out = ks_reference(build(rd), build(cd), seed=seed, scipy_check=check)
        out.update({"name": name, "reference": rd, "current": cd, "seed": seed})
        fixture["ks"].append(out)

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
