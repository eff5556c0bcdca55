"""Writes src/binned/__fixtures__/binned_categorical.json: numpy/scipy answers for the binned
distances and the categorical tests.

Inputs are stored as specs (see samples.py) plus IEEE-exact maps, never raw values, except for a few
tiny literal cases; `binned_categorical.test.ts` rebuilds them bit for bit.

References:
- binning: a numpy twin of Evidently's `get_binned_data` (evidently.calculations.stattests.utils):
  np.histogram_bin_edges(concat, bins="sturges"), np.histogram(sample, edges), value counts,
  np.place zero filling;
- psi: np.sum((r - c) * np.log(r / c)) on filled shares; kl: scipy.stats.entropy on filled shares;
  jensenshannon: scipy.spatial.distance.jensenshannon on unfilled shares; hellinger:
  np.sqrt(np.sum((np.sqrt(r) - np.sqrt(c)) ** 2)) / np.sqrt(2);
- chisquare / power_divergence(lambda_="log-likelihood") with f_exp = ref_counts * (n_cur / n_ref);
- z: pooled two-proportion z with scipy.stats.norm.sf; fisher_exact two-sided;
- TVD / MMD permutation p-values: core's Python twin of Xoshiro128 (packages/core/scripts/reference) drives the very
  same permutations, statistics from numpy.

Run: python3 scripts/reference/gen_binned_categorical.py (numpy 2.4.6, scipy 1.17.1).
"""
import itertools
import json
import math
import os
import sys
import warnings

import numpy as np
import scipy
from scipy import stats
from scipy.spatial.distance import jensenshannon

from samples import sample
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "core", "scripts", "reference"))
from xoshiro128 import Xoshiro128  # noqa: E402  the twin of core's PRNG

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "src", "binned", "__fixtures__", "binned_categorical.json")
warnings.simplefilter("ignore", RuntimeWarning)


# ---------------------------------------------------------------- data descriptors (twin of the TS test)

def build(desc):
    """{"values": [...]} | {"sample": spec, "map": [[op, arg], ...]} | {"concat": [desc, ...]}.
    Ops: mul, div, add (one IEEE operation each), floor, square (v * v)."""
    if "values" in desc:
        return np.array(desc["values"], dtype=np.float64)
    if "concat" in desc:
        return np.concatenate([build(d) for d in desc["concat"]])
    x = sample(desc["sample"])
    out = np.empty_like(x)
    ops = desc.get("map", [])
    for i in range(len(x)):
        v = float(x[i])
        for op in ops:
            if op[0] == "mul":
                v = v * op[1]
            elif op[0] == "div":
                v = v / op[1]
            elif op[0] == "add":
                v = v + op[1]
            elif op[0] == "floor":
                v = float(math.floor(v))
            elif op[0] == "square":
                v = v * v
            else:
                raise ValueError(op)
        out[i] = v
    return out


def S(seed, n, dist="normal", loc=0.0, scale=1.0, decimals=None):
    spec = {"seed": seed, "n": n, "dist": dist, "loc": loc, "scale": scale}
    if decimals is not None:
        spec["decimals"] = decimals
    return spec


def codes(seed, n, k, square=False, shift=None):
    """floor(u * k) (or floor(u*u*k)) of a uniform sample; with shift: floor(u + shift)."""
    ops = [["square"]] if square else []
    if shift is not None:
        ops += [["add", shift], ["floor"]]
    else:
        ops += [["mul", k], ["floor"]]
    return {"sample": S(seed, n, "uniform"), "map": ops}


# ---------------------------------------------------------------- Evidently's get_binned_data (numpy twin)

def get_binned_data(ref, cur, feature_type, feel_zeroes):
    n_vals = len(np.unique(ref))
    if feature_type == "num" and n_vals > 20:
        bins = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        rc = np.histogram(ref, bins)[0]
        cc = np.histogram(cur, bins)[0]
        # The equal-width fast path (bins given as a count) must agree with the searchsorted path.
        rc_fast = np.histogram(ref, bins=len(bins) - 1, range=(bins[0], bins[-1]))[0]
        cc_fast = np.histogram(cur, bins=len(bins) - 1, range=(bins[0], bins[-1]))[0]
        assert (rc == rc_fast).all() and (cc == cc_fast).all()
        mode, labels = "histogram", bins
    else:
        keys = np.union1d(np.unique(ref), np.unique(cur))
        rv, rcnt = np.unique(ref, return_counts=True)
        cv, ccnt = np.unique(cur, return_counts=True)
        rc = np.zeros(len(keys), dtype=np.int64)
        cc = np.zeros(len(keys), dtype=np.int64)
        rc[np.searchsorted(keys, rv)] = rcnt
        cc[np.searchsorted(keys, cv)] = ccnt
        mode, labels = ("values" if feature_type == "num" else "categories"), keys
    rp = rc / len(ref)
    cp = cc / len(cur)
    if feel_zeroes:
        for p in (rp, cp):
            nz = p[p != 0]
            np.place(p, p == 0, min(nz) / 10**6 if min(nz) <= 0.0001 else 0.0001)
    return mode, labels, rc, cc, rp, cp


def binned_metrics(ref, cur, feature_type):
    mode, labels, rc, cc, rp_f, cp_f = get_binned_data(ref, cur, feature_type, True)
    _, _, _, _, rp, cp = get_binned_data(ref, cur, feature_type, False)
    out = {
        "mode": mode,
        "referenceCounts": rc.tolist(),
        "currentCounts": cc.tolist(),
        "referenceFilled": rp_f.tolist(),
        "currentFilled": cp_f.tolist(),
        "psi": float(np.sum((rp_f - cp_f) * np.log(rp_f / cp_f))),
        "kl": float(stats.entropy(rp_f, cp_f)),
        "js": float(jensenshannon(rp, cp)),
        "hellinger": float(np.sqrt(np.sum((np.sqrt(rp) - np.sqrt(cp)) ** 2)) / np.sqrt(2)),
    }
    if mode == "histogram":
        out["edges"] = labels.tolist()
    else:
        out["nBins"] = len(labels)
        out["labelsHead"] = labels[:30].tolist()
    return out, rp, cp


# ---------------------------------------------------------------- permutations with the twin of core's Xoshiro128


def shuffle(a, rng):
    for i in range(len(a) - 1, 0, -1):
        j = rng.next_below(i + 1)
        a[i], a[j] = a[j], a[i]


def hypergeometric(good, bad, draws, rng):
    """Port of rng.ts `hypergeometric` (same float operations in the same order)."""
    lo = max(0, draws - bad)
    hi = min(good, draws)
    if lo >= hi:
        return lo
    mode = math.floor(float((draws + 1) * (good + 1)) / float(good + bad + 2))
    shift = bad - draws
    total = 1.0
    w = 1.0
    x = mode
    while x < hi:
        w *= float((good - x) * (draws - x)) / float((x + 1) * (shift + x + 1))
        total += w
        x += 1
        if w < total * 1e-17:
            break
    w = 1.0
    x = mode
    while x > lo:
        w *= float(x * (shift + x)) / float((good - x + 1) * (draws - x + 1))
        total += w
        x -= 1
        if w < total * 1e-17:
            break
    t = rng.next_double() * total - 1
    if t < 0:
        return mode
    l = h = mode
    wl = wh = 1.0
    while True:
        moved = False
        if l > lo:
            wl *= float(l * (shift + l)) / float((good - l + 1) * (draws - l + 1))
            l -= 1
            t -= wl
            if t < 0:
                return l
            moved = True
        if h < hi:
            wh *= float((good - h) * (draws - h)) / float((h + 1) * (shift + h + 1))
            h += 1
            t -= wh
            if t < 0:
                return h
            moved = True
        if not moved:
            return mode


def sample_indices(n, k, rng):
    if k >= n:
        return list(range(n))
    chosen = set()
    for j in range(n - k, n):
        t = rng.next_below(j + 1)
        chosen.add(j if t in chosen else t)
    return sorted(chosen)


# ---------------------------------------------------------------- categorical references

def category_counts(c, n_categories):
    return np.bincount(c.astype(np.int64), minlength=n_categories)


def categorical_reference(rc_all, cc_all, n_ref, n_cur):
    present = (rc_all + cc_all) > 0
    rc = rc_all[present]
    cc = cc_all[present]
    k_norm = n_cur / n_ref
    observed = [int(v) for v in cc]
    expected = [int(v) * k_norm for v in rc]
    out = {"k": int(present.sum())}
    chi = stats.chisquare(observed, expected)
    g = stats.power_divergence(observed, expected, lambda_="log-likelihood")
    out["chiSquare"] = [float(chi.statistic), float(chi.pvalue)]
    out["gTest"] = [float(g.statistic), float(g.pvalue)]
    rp = rc / n_ref
    cp = cc / n_cur
    out["lInfinity"] = float(np.max(np.abs(rp - cp)))
    out["tvd"] = float(0.5 * np.sum(np.abs(rp - cp)))
    return out


def z_reference(s1, n1, s2, n2):
    if (s1 == n1 and s2 == n2) or (s1 == 0 and s2 == 0):
        return [0.0, 1.0]
    p1 = float(s1) / n1
    p2 = float(s2) / n2
    P = float(p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(P * (1 - P) * (1.0 / n1 + 1.0 / n2))
    return [float(z), float(2 * stats.norm.sf(abs(z)))]


def fisher_reference(a, b, c, d):
    r = stats.fisher_exact([[a, b], [c, d]])
    return [float(r.statistic), float(r.pvalue)]


def tvd_permutation_p(rc_all, cc_all, permutations, seed, sampler="auto"):
    present = (rc_all + cc_all) > 0
    ref = [int(v) for v in rc_all[present]]
    cur = [int(v) for v in cc_all[present]]
    n1, n2 = sum(ref), sum(cur)
    k = len(ref)
    observed = sum(abs(ref[j] * n2 - cur[j] * n1) for j in range(k))
    total = n1 + n2
    sample_is_ref = n1 <= n2
    s = n1 if sample_is_ref else n2
    use_counts = sampler == "counts" or (sampler == "auto" and k * (16 * math.sqrt(s) + 16) < s)
    pool = []
    for j in range(k):
        pool += [j] * (ref[j] + cur[j])
    rng = Xoshiro128(seed)
    at_least = 0
    for _ in range(permutations):
        if use_counts:
            drawn = [0] * k
            remaining, left = total, s
            for j in range(k - 1):
                t = ref[j] + cur[j]
                x = hypergeometric(t, remaining - t, left, rng)
                drawn[j] = x
                remaining -= t
                left -= x
            drawn[k - 1] = left
        else:
            drawn = [0] * k
            for i in range(s):
                j = i + rng.next_below(total - i)
                pool[i], pool[j] = pool[j], pool[i]
                drawn[pool[i]] += 1
        stat = 0
        for j in range(k):
            t = ref[j] + cur[j]
            a = drawn[j] if sample_is_ref else t - drawn[j]
            stat += abs(a * n2 - (t - a) * n1)
        if stat >= observed:
            at_least += 1
    return (1 + at_least) / (1 + permutations)


def mmd_reference(x_raw, y_raw, permutations=100, seed=0, cap=1000):
    rng = Xoshiro128(seed)

    def subsample(v):
        v = np.sort(v)
        if len(v) <= cap:
            return v
        return v[sample_indices(len(v), cap, rng)]

    x = subsample(x_raw)
    y = subsample(y_raw)
    m, n = len(x), len(y)
    z = np.concatenate([x, y])
    d2 = (z[:, None] - z[None, :]) ** 2
    iu = np.triu_indices(len(z), 1)
    med = float(np.median(d2[iu]))
    gamma = 1.0 if med == 0 else 1.0 / med
    K = np.exp(-gamma * d2)
    np.fill_diagonal(K, 0.0)
    a, b, c = 2 / (m * (m - 1)), 2 / (n * (n - 1)), 2 / (m * n)

    def stat(lab):
        ly = lab.astype(np.float64)
        lx = 1.0 - ly
        sxx = lx @ K @ lx / 2
        syy = ly @ K @ ly / 2
        sxy = lx @ K @ ly
        t1, t2, t3 = a * sxx, b * syy, c * sxy
        return t1 + t2 - t3, 1e3 * np.finfo(float).eps * (abs(t1) + abs(t2) + abs(t3))

    labels = [0] * m + [1] * n
    observed, tol = stat(np.array(labels))
    at_least = 0
    for _ in range(permutations):
        shuffle(labels, rng)
        if stat(np.array(labels))[0] >= observed - tol:
            at_least += 1
    return {"statistic": float(observed), "pValue": (1 + at_least) / (1 + permutations), "gamma": gamma,
            "referenceSize": m, "currentSize": n}


# ---------------------------------------------------------------- cases

numeric_cases = [
    ("tiny values", {"values": [1.0, 2.0, 3.0]}, {"values": [2.0, 3.0, 4.0]}),
    ("single shared value", {"values": [0.5]}, {"values": [0.5, 0.5]}),
    ("one reference value", {"values": [3.0]}, {"sample": S(3, 40)}),
    ("ties-heavy integers", {"sample": S(11, 2000, decimals=0)}, {"sample": S(12, 1500, loc=0.3, decimals=0)}),
    ("exactly 20 distinct, 2 unseen", codes(21, 1000, 20), codes(22, 800, 22)),
    ("exactly 21 distinct", codes(23, 1000, 21), codes(24, 800, 21)),
    ("20 distinct reference, continuous current", codes(25, 500, 20), {"sample": S(26, 300, scale=5.0)}),
    (
        "integers on every edge (8 bins)",
        {"concat": [{"values": [0.0, 32.0]}, codes(27, 60, 33)]},
        codes(28, 40, 33),
    ),
    (
        "tenths on edges (8 bins)",
        {"concat": [{"values": [0.0, 3.2]}, {"sample": S(29, 60, "uniform"), "map": [["mul", 33], ["floor"], ["div", 10]]}]},
        {"sample": S(30, 40, "uniform"), "map": [["mul", 33], ["floor"], ["div", 10]]},
    ),
    (
        "integers on edges (16 bins)",
        {"concat": [{"values": [0.0, 64.0]}, codes(31, 9000, 65)]},
        codes(32, 9000, 65),
    ),
    ("power of two total 1024", {"sample": S(33, 512)}, {"sample": S(34, 512, loc=0.1)}),
    ("power of two total 2048", {"sample": S(35, 1024, "uniform")}, {"sample": S(36, 1024, "uniform", loc=0.05)}),
    (
        # n = 1024 and ptp = 3.1: ptp / (ptp / 11) rounds above 11, numpy makes 12 bins, not 11.
        "power of two total 1024, 12 bins",
        {"concat": [{"values": [0.0, 3.1]}, {"sample": S(56, 510, "uniform"), "map": [["mul", 31], ["floor"], ["div", 10]]}]},
        {"sample": S(57, 512, "uniform"), "map": [["mul", 31], ["floor"], ["div", 10]]},
    ),
    ("power of two total 64 on tenths", {"sample": S(37, 32, decimals=1)}, {"sample": S(38, 32, decimals=1)}),
    ("medium shifted normal", {"sample": S(39, 5000)}, {"sample": S(40, 3000, loc=0.2, scale=1.1)}),
    ("medium two decimals", {"sample": S(41, 3000, decimals=2)}, {"sample": S(42, 2000, loc=-0.1, decimals=2)}),
    ("identical samples", {"sample": S(43, 2000)}, {"sample": S(43, 2000)}),
    ("disjoint supports", {"sample": S(44, 400, "uniform")}, {"sample": S(45, 300, "uniform", loc=2.0)}),
    ("fill below 1e-4", {"sample": S(46, 20000)}, {"sample": S(47, 20000, loc=1.5)}),
    ("large magnitude", {"sample": S(48, 3000, loc=1e6, scale=1e-3)}, {"sample": S(49, 3000, loc=1e6, scale=1.2e-3)}),
    ("tiny scale negative", {"sample": S(50, 3000, "uniform", loc=-1e-6, scale=2e-6)}, {"sample": S(51, 2500, "uniform", loc=-1.1e-6, scale=2e-6)}),
    ("100k normal", {"sample": S(52, 100000)}, {"sample": S(53, 100000, loc=0.05)}),
    ("100k uniform two decimals", {"sample": S(54, 100000, "uniform", decimals=2)}, {"sample": S(55, 90000, "uniform", loc=0.02, decimals=2)}),
]

categorical_cases = [
    # name, ref desc, cur desc, nCategories, permutation check (TVD p from the rng port)
    ("tiny literal", {"values": [0, 1, 1]}, {"values": [1, 1, 0, 2]}, 3, True),
    ("uniform k=5", codes(101, 1000, 5), codes(102, 800, 5), 5, True),
    ("skewed k=8", codes(103, 5000, 8, square=True), codes(104, 4000, 8), 8, False),
    ("unseen in reference", codes(105, 300, 4), codes(106, 300, 6), 6, True),
    ("only in reference", codes(107, 400, 5), codes(108, 350, 3), 5, False),
    ("single category both", codes(109, 50, 1), codes(110, 70, 1), 1, True),
    ("single category ref, two in current", codes(111, 60, 1), codes(112, 40, 2), 2, False),
    ("binary balanced", codes(113, 1000, 2), codes(114, 1000, 2), 2, True),
    ("binary skewed", codes(115, 700, 2, square=True), codes(116, 900, 2), 2, False),
    ("binary rare success", codes(117, 500, 0, shift=0.03), codes(118, 450, 0, shift=0.05), 2, True),
    ("binary 100k", codes(119, 100000, 0, shift=0.5), codes(120, 100000, 0, shift=0.495), 2, True),
    ("k=4 30000/30000 (hypergeometric sampler)", codes(128, 30000, 4), codes(129, 30000, 4, square=True), 4, True),
    ("k=3 40000/25000 near null", codes(130, 40000, 3), {"sample": S(131, 25000, "uniform"), "map": [["mul", 0.995], ["mul", 3], ["floor"]]}, 3, True),
    ("null k=20 n=20000", codes(121, 20000, 20), codes(122, 20000, 20), 20, False),
    ("sparse dictionary k=60", codes(123, 3000, 50), codes(124, 2000, 55), 60, False),
    ("100k k=10 slight skew", codes(125, 100000, 10), {"sample": S(126, 100000, "uniform"), "map": [["mul", 0.999], ["mul", 10], ["floor"]]}, 10, False),
    ("identical samples k=6", codes(127, 900, 6), codes(127, 900, 6), 6, True),
    ("different single values", {"values": [0, 0, 0, 0]}, {"values": [1, 1, 1]}, 2, True),
]

fisher_tables = [
    [0, 5, 0, 5], [3, 0, 0, 4], [1, 9, 11, 3], [8, 2, 1, 5], [10, 10, 10, 10], [50, 50, 50, 50],
    [100, 200, 300, 400], [1000, 1000, 1000, 1001], [2000, 3000, 2500, 2500], [12345, 23456, 34567, 45678],
    [100000, 100000, 100000, 100000], [100000, 100000, 99000, 101000], [100000, 90000, 95000, 100000],
    [99999, 1, 100000, 0], [0, 100000, 1, 99999], [50000, 50000, 49000, 51000], [70000, 30000, 69500, 30500],
    [5, 100000, 15, 100000], [100000, 3, 100000, 17], [1, 1, 100000, 100000], [60000, 40000, 40000, 60000],
    [333, 667, 667, 333], [20000, 80000, 80000, 20000], [4, 96, 96, 4], [100, 0, 0, 100],
    [100000, 0, 0, 100000], [37, 63, 63, 37], [25, 75, 50, 50], [500, 1500, 1500, 500],
]
# Symmetric margins (equal rows or equal columns) produce exact pmf ties between mirror tables.
fisher_tables += [[a, 40 - a, 40 - a, a] for a in range(0, 41, 3)]
fisher_tables += [[a, 100 - a, 57, 43] for a in range(20, 90, 7)]

z_counts = [
    [50, 100, 60, 100], [1, 1000, 10, 1000], [500, 1000, 500, 1000], [0, 10, 1, 10], [10, 10, 9, 10],
    [49000, 100000, 50000, 100000], [12345, 54321, 23456, 65432], [5, 100000, 25, 100000],
    [100000, 100000, 99990, 100000], [300, 700, 200, 900],
]

mmd_cases = [
    ("normal vs shifted", {"sample": S(201, 200)}, {"sample": S(202, 180, loc=0.5)}),
    ("uniform null", {"sample": S(203, 300, "uniform")}, {"sample": S(204, 150, "uniform")}),
    ("ties-heavy integers", {"sample": S(205, 200, decimals=0)}, {"sample": S(206, 220, decimals=0)}),
    ("constant", {"values": [2.0] * 5}, {"values": [2.0] * 4}),
    ("subsampled 3000/2500", {"sample": S(207, 3000)}, {"sample": S(208, 2500, scale=1.2)}),
]


HYPER_PARAMS = [(0, 5, 3), (5, 0, 3), (3, 4, 7), (30, 50, 25), (1, 1000000, 500000), (400000, 600000, 500000),
                (10, 10, 1), (10, 10, 19), (123456, 654321, 300000)]


def exhaustive_fisher(max_total):
    out = []
    for total in range(1, max_total + 1):
        for a, b, c in itertools.product(range(total + 1), repeat=3):
            d = total - a - b - c
            if d < 0:
                continue
            s, p = fisher_reference(a, b, c, d)
            out.append([a, b, c, d, p])
    return out


def main():
    fixture = {
        "generator": "scripts/reference/gen_binned_categorical.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "sturges": [],
        "numeric": [],
        "categorical": [],
        "fisher": [],
        "fisherExhaustive": None,
        "z": [],
        "mmd": [],
        "rng": [],
    }

    # Raw PRNG streams, so the TypeScript generator is pinned independently of any test statistic.
    for seed in (0, 1, 123456789, 2**32 - 1):
        rng = Xoshiro128(seed)
        u32 = [rng.next_u32() for _ in range(8)]
        below = [rng.next_below(b) for b in (1, 2, 3, 10, 1000, 2097152, 2097153, 3000000000, 2**32)]
        a = list(range(10))
        shuffle(a, rng)
        smp = sample_indices(1000000, 10, rng)
        dbl = [rng.next_double() for _ in range(3)]
        hyper = [hypergeometric(g, b, d, rng) for g, b, d in HYPER_PARAMS]
        fixture["rng"].append({"seed": seed, "u32": u32, "below": below, "shuffled": a, "sample": smp,
                               "doubles": dbl, "hypergeometric": hyper})

    # np.sum bits (pairwise summation), pinned for binnedShares.pairwiseSum.
    fixture["sums"] = []
    for i, n in enumerate([5, 8, 15, 100, 128, 129, 1000, 4099, 100000]):
        desc = {"sample": S(400 + i, n, loc=1e3 * (i % 3), scale=10.0 ** (i % 4 - 1))}
        fixture["sums"].append({"data": desc, "sum": float(np.sum(build(desc)))})

    # Bare sturges edges on corner inputs.
    for name, desc in [
        ("constant", {"values": [7.0] * 9}),
        ("single", {"values": [-2.5]}),
        ("empty", {"values": []}),
        ("two values", {"values": [0.0, 1.0]}),
        ("power of two 1024", {"sample": S(301, 1024)}),
        ("power of two 4096 tenths", {"sample": S(302, 4096, decimals=1)}),
        ("power of two 1024, ptp 6.2 (12 bins)", {"concat": [{"values": [0.0, 6.2]}, {"sample": S(303, 1022, "uniform", scale=6.2)}]}),
        ("power of two 8", {"values": [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]}),
        ("3 values thirds", {"values": [0.0, 1.0 / 3.0, 1.0]}),
    ]:
        x = build(desc)
        edges = np.histogram_bin_edges(x, bins="sturges")
        entry = {"name": name, "data": desc, "edges": edges.tolist()}
        if len(x):
            entry["counts"] = np.histogram(x, edges)[0].tolist()
        fixture["sturges"].append(entry)

    for name, rd, cd in numeric_cases:
        ref, cur = build(rd), build(cd)
        out, _, _ = binned_metrics(ref, cur, "num")
        out.update({"name": name, "reference": rd, "current": cd})
        fixture["numeric"].append(out)

    for name, rd, cd, k, perm in categorical_cases:
        ref, cur = build(rd).astype(np.int64), build(cd).astype(np.int64)
        rc_all, cc_all = category_counts(ref, k), category_counts(cur, k)
        out = categorical_reference(rc_all, cc_all, len(ref), len(cur))
        out.update({"name": name, "reference": rd, "current": cd, "nCategories": k})
        binned, _, _ = binned_metrics(ref.astype(np.float64), cur.astype(np.float64), "cat")
        for key in ("psi", "kl", "js", "hellinger", "referenceCounts", "currentCounts"):
            out[key] = binned[key]
        present = sorted(set(ref.tolist()) | set(cur.tolist()))
        if len(present) <= 2:
            first = present[0]
            s1, s2 = int((ref == first).sum()), int((cur == first).sum())
            out["z"] = z_reference(s1, len(ref), s2, len(cur))
            out["fisher"] = fisher_reference(s1, len(ref) - s1, s2, len(cur) - s2)
        if perm:
            out["tvdPValue"] = tvd_permutation_p(rc_all, cc_all, 1000, 0)
        fixture["categorical"].append(out)

    for t in fisher_tables:
        fixture["fisher"].append({"table": t, "expected": fisher_reference(*t)})
    fixture["fisherExhaustive"] = {"maxTotal": 12, "rows": exhaustive_fisher(12)}

    for s1, n1, s2, n2 in z_counts:
        fixture["z"].append({"counts": [s1, n1, s2, n2], "expected": z_reference(s1, n1, s2, n2)})

    for name, rd, cd in mmd_cases:
        out = mmd_reference(build(rd), build(cd))
        out.update({"name": name, "reference": rd, "current": cd})
        fixture["mmd"].append(out)

    def clean(v):
        if isinstance(v, float) and not math.isfinite(v):
            return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
        if isinstance(v, dict):
            return {k: clean(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [clean(x) for x in v]
        return v

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(clean(fixture), f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
