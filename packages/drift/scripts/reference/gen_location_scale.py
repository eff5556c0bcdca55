"""Writes src/univariate/__fixtures__/location_scale.json.

Reference values from scipy for the two-sample location/scale procedures:
ttest_ind(equal_var=False), mannwhitneyu (method='auto'), epps_singleton_2samp,
energy_distance and wasserstein_distance. Samples are stored as specs that
`samples.py` / `referenceSample.ts` rebuild bit for bit.

Side sections pin the building blocks: `studentT` (2 * stdtr(df, -t) down to
the far tail), `mwuExact` (the exact null distribution of U as scipy's _MWU
gives it), `mwuExactBig` (the same in exact integer arithmetic, for sizes
scipy's recurrence is too slow for) and `pinv`
(np.linalg.pinv with the array-API default rtol that scipy uses).

Run with scipy 1.17.1: python gen_location_scale.py
"""
import json
import math
import os
import warnings
from fractions import Fraction

import numpy as np
import scipy
from scipy import special, stats
from scipy._lib._array_api import array_namespace
from scipy.stats._mannwhitneyu import _MWU, _mwu_choose_method
from scipy.stats._stats_py import _rankdata

from samples import sample

if scipy.__version__ != "1.17.1":
    warnings.warn(f"fixtures are pinned to scipy 1.17.1, running {scipy.__version__}", stacklevel=1)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "src", "univariate", "__fixtures__", "location_scale.json")

_seed = [1000]


def spec(n, loc=0.0, scale=1.0, dist="normal", decimals=None):
    _seed[0] += 7919
    s = {"seed": _seed[0], "n": n, "dist": dist, "loc": float(loc), "scale": float(scale)}
    if decimals is not None:
        s["decimals"] = decimals
    return s


def f(v):
    v = float(v)
    if np.isnan(v):
        return "NaN"
    if np.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def guarded(fn):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return fn()
        except Exception as e:  # scipy raises for some degenerate inputs
            return {"error": f"{type(e).__name__}: {e}"}


def case(tag, a, b):
    x, y = sample(a), sample(b)

    def welch():
        r = stats.ttest_ind(x, y, equal_var=False)
        return {"statistic": f(r.statistic), "pvalue": f(r.pvalue), "df": f(r.df)}

    def mwu():
        r = stats.mannwhitneyu(x, y, alternative="two-sided", method="auto")
        _, t = _rankdata(np.concatenate([x, y]), "average", return_ties=True)
        method = _mwu_choose_method(len(x), len(y), bool(np.any(t > 1)))
        return {"statistic": f(r.statistic), "pvalue": f(r.pvalue), "method": method}

    def epps():
        r = stats.epps_singleton_2samp(x, y)
        return {"statistic": f(r.statistic), "pvalue": f(r.pvalue)}

    return {
        "tag": tag,
        "a": a,
        "b": b,
        "welch": guarded(welch),
        "mwu": guarded(mwu),
        "epps": guarded(epps),
        "energy": guarded(lambda: f(stats.energy_distance(x, y))),
        "wasserstein": guarded(lambda: f(stats.wasserstein_distance(x, y))),
    }


cases = []

# Tiny samples, no ties: n from 5 to 20, equal and unequal; one side <= 8 takes
# the exact Mann-Whitney path.
tiny_sizes = [(5, 5), (5, 8), (8, 5), (6, 7), (7, 12), (8, 20), (10, 10), (12, 9),
              (15, 20), (20, 20), (20, 6), (9, 13), (5, 17), (16, 8)]
for na, nb in tiny_sizes:
    cases.append(case(f"tiny {na}x{nb} null", spec(na), spec(nb)))
    cases.append(case(f"tiny {na}x{nb} shift", spec(na, 0.0, 1.0), spec(nb, 1.2, 2.0)))
cases.append(case("tiny 7x9 uniform", spec(7, -1, 2, "uniform"), spec(9, -0.5, 2, "uniform")))
cases.append(case("tiny 8x8 separated", spec(8), spec(8, 10.0)))
cases.append(case("tiny 5x20 separated", spec(5, 50.0), spec(20)))
# Epps-Singleton applies its small-sample factor only when max(n1, n2) < 25.
for na in (24, 25):
    cases.append(case(f"correction boundary {na}x20", spec(na), spec(20, 0.7)))

# Exact Mann-Whitney with a very small side (Epps-Singleton needs 5 per side).
for na, nb, shift in [(1, 6, 0.0), (2, 9, 0.5), (3, 30, 0.0), (4, 50, 1.0)]:
    cases.append(case(f"small side {na}x{nb}", spec(na), spec(nb, shift)))

# Ties (decimals 0 or 1).
for na, nb, dec, shift, scale in [(6, 9, 0, 0.0, 2.0), (10, 12, 1, 0.3, 1.0), (8, 8, 1, 0.0, 0.5),
                                   (20, 15, 0, 1.0, 3.0), (5, 7, 0, 0.0, 4.0),
                                   (400, 300, 1, 0.1, 1.0), (3000, 3000, 0, 0.0, 3.0),
                                   (1000, 1500, 1, 0.05, 1.0), (100000, 100000, 1, 0.02, 1.0),
                                   (100000, 80000, 0, 0.0, 2.0)]:
    cases.append(case(f"ties {na}x{nb} dec{dec} shift{shift}",
                      spec(na, 0.0, scale, decimals=dec), spec(nb, shift, scale, decimals=dec)))

# Medium.
for na, nb, shift, scale_b in [(200, 200, 0.0, 1.0), (300, 500, 0.1, 1.0), (1000, 1000, 0.0, 2.0),
                               (2000, 5000, 0.05, 1.0), (5000, 5000, 0.05, 1.0), (5000, 4000, 0.3, 0.5),
                               (250, 4000, 0.0, 3.0)]:
    cases.append(case(f"medium {na}x{nb} shift{shift} scale{scale_b}",
                      spec(na), spec(nb, shift, scale_b)))
cases.append(case("medium 2500x2500 uniform", spec(2500, 0, 1, "uniform"), spec(2500, 0.02, 1, "uniform")))

# Exact Mann-Whitney against a large side (distribution via the O(n1 * maxu) path).
for na, nb, shift in [(8, 3000, 0.0), (5, 1000, 0.2), (7, 5000, 2.5), (6, 100000, 3.0), (3, 20000, 0.0)]:
    cases.append(case(f"exact-large {na}x{nb} shift{shift}", spec(na, shift), spec(nb)))

# Large: near-1 and tiny p-values.
for na, nb, shift, scale_b in [(100000, 100000, 0.0, 1.0), (100000, 100000, 0.005, 1.0),
                               (100000, 100000, 0.02, 1.0), (100000, 100000, 0.05, 1.0),
                               (100000, 100000, 0.07, 1.0), (100000, 100000, 0.0, 1.1),
                               (100000, 50000, 0.03, 2.0)]:
    cases.append(case(f"large {na}x{nb} shift{shift} scale{scale_b}",
                      spec(na), spec(nb, shift, scale_b)))

# Near-identical samples (b = a + 1e-6, same seed): p-values within 1e-3 of 1,
# distances ~1e-6.
for n in (2000, 100000):
    a = spec(n)
    b = dict(a, loc=1e-6)
    cases.append(case(f"near-identical {n}x{n}", a, b))

# Degenerate inputs.
cases.append(case("constant equal", spec(6, 1.0, 0.0), spec(7, 1.0, 0.0)))
cases.append(case("constant different", spec(6, 1.0, 0.0), spec(7, 2.0, 0.0)))
cases.append(case("one side constant", spec(6, 1.0, 0.0), spec(9)))
cases.append(case("constant per side, exact features", spec(5, 0.0, 0.0), spec(6, 2.0, 0.0)))
cases.append(case("iqr zero", spec(30, 0.0, 1.05, "uniform", decimals=0), spec(30, 0.0, 1.05, "uniform", decimals=0)))
# Few distinct values: the Epps-Singleton covariance is rank deficient (pinv cut-off, df < 4).
cases.append(case("two-valued", spec(40, 0.0, 2.0, "uniform", decimals=0), spec(30, 0.0, 2.0, "uniform", decimals=0)))
cases.append(case("three-valued", spec(60, 0.0, 3.0, "uniform", decimals=0), spec(50, 0.2, 3.0, "uniform", decimals=0)))
cases.append(case("single observation", spec(1), spec(10)))

# Student t two-sided tail: 2 * stdtr(df, -|t|), from p ~ 1 down to ~1e-300.
student = []
for df in [1.0, 1.5, 2.0, 3.7, 8.2, 17.9, 60.0, 150.3, 997.5, 9998.7, 199990.3, 1999990.7, 3.0e6]:
    for t in [0.0, 1e-4, 0.01, 0.5, 1.0, 1.5, 2.0, 3.0, 6.0, 9.0, 12.0, 15.0, 20.0, 30.0, 50.0,
              100.0, 1e3, 1e5, 1e10]:
        p = 2 * special.stdtr(df, -t)
        student.append({"df": df, "t": t, "p": f(p)})

# Exact null distribution of U: P(U <= k) as _MWU computes it.
mwu_exact = []
for n1, n2 in [(1, 1), (1, 7), (2, 2), (3, 5), (4, 8), (5, 5), (8, 8), (6, 30), (8, 60), (8, 400),
               (8, 1500), (2, 5000)]:
    dist = _MWU(n1, n2)
    mn = n1 * n2
    ks = sorted({0, 1, mn // 7, mn // 3, mn // 2})
    for k in ks:
        # scipy only evaluates sf(U) with U >= mn/2, which is cdf(mn - U).
        sf = dist.sf(np.asarray(mn - k, np.int64))
        mwu_exact.append({"n1": n1, "n2": n2, "k": int(k), "cdf": f(sf)})

# Sizes scipy's O(maxU^2) recurrence cannot reach: exact P(U <= k) from the
# Gaussian binomial coefficients in Python integers, rounded once.
def exact_counts(n1, n2, maxu):
    c = [0] * (maxu + 1)
    c[0] = 1
    for i in range(1, n1 + 1):
        d = n2 + i
        for k in range(maxu, d - 1, -1):
            c[k] -= c[k - d]
        for k in range(i, maxu + 1):
            c[k] += c[k - i]
    return c


mwu_exact_big = []
for n1, n2, k in [(8, 1000000, 819200), (7, 200000, 100000), (5, 50000, 120000), (8, 3000, 12000)]:
    num = sum(exact_counts(n1, n2, k))
    mwu_exact_big.append({"n1": n1, "n2": n2, "k": k,
                          "cdf": float(Fraction(num, math.comb(n1 + n2, n1)))})

# Pseudo-inverse as scipy's array-API pinv calls it: rcond = max(M, N) * eps.
pinv_cases = []
rng = np.random.default_rng(20240611)
mats = []
for size in [1, 2, 3, 4, 5]:
    a = rng.normal(size=(size, size))
    mats.append(a @ a.T)                      # SPD
    b = rng.normal(size=(size, size))
    mats.append((b + b.T) / 2)                # indefinite
q = np.linalg.qr(rng.normal(size=(4, 4)))[0]
mats.append(q @ np.diag([3.0, 1e-3, 1e-9, 0.0]) @ q.T)          # rank 3, graded
mats.append(q @ np.diag([1.0, 0.5, 1e-17, -1e-18]) @ q.T)       # rank 2 below the cut-off
mats.append(np.outer([1.0, 2.0, -1.0, 0.5], [1.0, 2.0, -1.0, 0.5]))  # rank 1
mats.append(np.zeros((3, 3)))
mats.append(np.diag([4.0, -2.0, 1e-300, 0.0]))
mats.append(np.array([[2.0, 1.0], [1.0, 2.0]]))
for m in mats:
    pv = np.linalg.pinv(m, rcond=max(m.shape) * np.finfo(float).eps)
    xp = array_namespace(pv)
    rank = int(xp.linalg.matrix_rank(pv)) if m.size else 0
    pinv_cases.append({"n": m.shape[0], "a": [f(v) for v in m.ravel()],
                       "pinv": [f(v) for v in pv.ravel()], "rankOfPinv": rank})

with open(OUT, "w") as fh:
    json.dump({
        "generator": "scripts/reference/gen_location_scale.py",
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "cases": cases,
        "studentT": student,
        "mwuExact": mwu_exact,
        "mwuExactBig": mwu_exact_big,
        "pinv": pinv_cases,
    }, fh, indent=1)
print(f"{len(cases)} cases written to {os.path.normpath(OUT)}")
