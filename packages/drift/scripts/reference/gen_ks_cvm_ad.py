"""Writes src/univariate/__fixtures__/ks_cvm_ad.json: scipy reference values for
ks2samp, cramerVonMises2samp, andersonKSamp and the special functions behind
them (kstwo.sf / _kolmogn, smirnov, kolmogorov, kv).

Samples are stored as sources, never as raw values:
  {"spec": {...}}                     -> samples.sample(spec), rebuilt bit for bit in TS
  {"grid": {"n", "loc", "step"}}      -> loc + step * i, i = 0..n-1 (IEEE-exact in both)
  {"values": [...]}                   -> literal small arrays

Run from this directory with scipy 1.17.1:  python gen_ks_cvm_ad.py
"""
import json
import math
import os
import warnings

import mpmath
import numpy as np
import scipy
import scipy.special as sc
from scipy import stats
from scipy.stats._ksstats import _kolmogn

from samples import sample

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "src", "univariate", "__fixtures__", "ks_cvm_ad.json")

_cache = {}


def build(src):
    key = json.dumps(src, sort_keys=True)
    if key not in _cache:
        if "spec" in src:
            x = sample(src["spec"])
        elif "grid" in src:
            g = src["grid"]
            x = np.array([g["loc"] + g["step"] * i for i in range(g["n"])], dtype=np.float64)
        else:
            x = np.array(src["values"], dtype=np.float64)
        _cache[key] = x
    return _cache[key]


def spec(seed, n, dist="normal", loc=0.0, scale=1.0, decimals=None):
    s = {"seed": seed, "n": n, "dist": dist, "loc": loc, "scale": scale}
    if decimals is not None:
        s["decimals"] = decimals
    return {"spec": s}


# --------------------------------------------------------------------------
# Branch labels (mirrors scipy.stats.kstwo.sf -> _kolmogn, and ks_2samp).
# --------------------------------------------------------------------------

def kstwo_branch(n, x):
    if x <= 0.5 / n:
        return "support-1"
    if x >= 1:
        return "support-0"
    t = n * x
    if t <= 1:
        return "rg-lower" if n <= 140 else "rg-lower-stirling"
    if t >= n - 1:
        return "rg-upper"
    if x >= 0.5:
        return "smirnov-x-ge-half"
    nx2 = t * x
    if n <= 140:
        if nx2 <= 0.754693:
            return "dmtw-small-n"
        if nx2 <= 4:
            return "pomeranz"
        return "smirnov-small-n"
    if nx2 >= 370:
        return "zero"
    if nx2 >= 2.2:
        return "smirnov-large-n"
    if n <= 100000 and n * x**1.5 <= 1.4:
        return "dmtw-large-n"
    return "pelz-good"


def ks_case(name, a, b):
    xa, xb = build(a), build(b)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        r = stats.ks_2samp(xa, xb)
    fell_back = any("Exact calculation unsuccessful" in str(x.message) for x in w)
    n1, n2 = len(xa), len(xb)
    if max(n1, n2) <= 10000 and not fell_back:
        method, branch = "exact", ("exact-square" if n1 == n2 else "exact-inside")
    else:
        m, n = sorted([float(n1), float(n2)], reverse=True)
        en = int(np.round(m * n / (m + n)))
        method = "asymptotic"
        branch = ("fallback:" if fell_back else "") + kstwo_branch(en, float(r.statistic))
    return {"name": name, "a": a, "b": b, "statistic": float(r.statistic),
            "pValue": float(r.pvalue), "method": method, "branch": branch}


def cvm_case(name, a, b):
    xa, xb = build(a), build(b)
    r = stats.cramervonmises_2samp(xa, xb)
    method = "exact" if max(len(xa), len(xb)) <= 20 else "asymptotic"
    return {"name": name, "a": a, "b": b, "statistic": float(r.statistic),
            "pValue": float(r.pvalue), "method": method}


def ad_case(name, a, b):
    xa, xb = build(a), build(b)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = stats.anderson_ksamp([xa, xb])  # plain call: scipy's defaults
    crit = [float(v) for v in r.critical_values]
    p = float(r.pvalue)
    region = "capped" if p == 0.25 else ("floored" if p == 0.001 else "interpolated")
    return {"name": name, "a": a, "b": b, "statistic": float(r.statistic), "pValue": p,
            "criticalValues": crit, "region": region}


# --------------------------------------------------------------------------
# ks_2samp cases
# --------------------------------------------------------------------------

def ks_cases():
    cases = []
    # Tiny samples: exact, square (n1 == n2) and inside method (n1 != n2).
    tiny = [(5, 5, 0.0), (5, 7, 0.5), (6, 9, 1.0), (8, 13, 0.0), (10, 10, 1.0),
            (12, 20, 0.3), (20, 20, 0.0), (20, 15, 2.0), (7, 19, -0.8), (11, 17, 0.0),
            (16, 5, 0.4), (20, 19, 1.5)]
    for k, (n1, n2, s) in enumerate(tiny):
        cases.append(ks_case(f"tiny {n1}x{n2} shift {s}", spec(100 + k, n1), spec(200 + k, n2, loc=s)))
    # Ties.
    cases.append(ks_case("ties d0 8x12", spec(11, 8, decimals=0), spec(12, 12, decimals=0, loc=0.3)))
    cases.append(ks_case("ties d1 15x15", spec(13, 15, decimals=1), spec(14, 15, decimals=1)))
    cases.append(ks_case("signed zeros tie", {"values": [-0.0, 0.0, 1.0, 2.0, -1.5]},
                         {"values": [0.0, -0.0, 0.0, 3.0, -2.0, 0.5]}))
    cases.append(ks_case("ties d1 300x250", spec(15, 300, decimals=1), spec(16, 250, decimals=1, loc=0.2)))
    cases.append(ks_case("ties d0 2000x2000", spec(17, 2000, decimals=0), spec(18, 2000, decimals=0, loc=0.1)))
    cases.append(ks_case("ties d0 uniform 5000x3000",
                         spec(19, 5000, "uniform", 0, 10, 0), spec(20, 3000, "uniform", 0, 10, 0)))
    # Exact square computation returning 1.0000000000000002 (> 1) for D = 1/n:
    # scipy falls back to kstwo.sf(D, round(n/2)), with half-to-even rounding.
    found = 0
    for n in (5, 7, 13, 14, 15):
        for seed in range(1, 400):
            a = spec(3000 + seed, n, "uniform", 0.0, 2.0, 0)
            b = spec(5000 + seed, n, "uniform", 0.0, 2.0, 0)
            c = ks_case(f"exact fails (D = 1/{n}) -> asymptotic", a, b)
            if c["branch"].startswith("fallback"):
                cases.append(c)
                found += 1
                break
    assert found >= 3, "no exact-fallback case found"
    # Medium.
    for k, (n1, n2, s) in enumerate([(200, 200, 0.0), (500, 300, 0.2), (1000, 999, 0.0),
                                     (2500, 1200, 0.5), (5000, 5000, 0.05), (5000, 4000, 0.0),
                                     (3000, 4500, 1.0)]):
        cases.append(ks_case(f"medium {n1}x{n2} shift {s}", spec(300 + k, n1), spec(400 + k, n2, loc=s)))
    # The exact/asymptotic switch at MAX_AUTO_N = 10000.
    cases.append(ks_case("switch 10000x10000 exact", spec(21, 10000), spec(22, 10000, loc=0.02)))
    cases.append(ks_case("switch 10000x9000 exact", spec(23, 10000), spec(24, 9000)))
    cases.append(ks_case("switch 10001x10000 asymptotic", spec(25, 10001), spec(26, 10000, loc=0.02)))
    # Large: 100 000 per side.
    for k, s in enumerate([0.0, 0.01, 0.03, 0.08, 0.5, 13.0]):
        cases.append(ks_case(f"large 100000x100000 shift {s}", spec(500 + k, 100000), spec(600 + k, 100000, loc=s)))
    cases.append(ks_case("large 100000x100000 ties d1", spec(510, 100000, decimals=1),
                         spec(511, 100000, decimals=1)))
    # Asymptotic kstwo branches reached through ks_2samp: one big sample and a
    # small one make round(n1 n2 / (n1 + n2)) small.
    big = spec(7, 10001, "uniform", 0.0, 1.0)
    wanted = {"rg-lower", "rg-upper", "smirnov-x-ge-half", "dmtw-small-n", "pomeranz",
              "smirnov-small-n", "pelz-good", "smirnov-large-n", "zero"}
    have = {c["branch"] for c in cases}
    for n2 in (5, 6, 8, 12, 30, 60, 139, 150, 400):
        for s in (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95):
            for seed in range(1, 6):
                small = spec(900 + 10 * n2 + seed, n2, "uniform", s, 1.0)
                c = ks_case(f"branch n2={n2} shift {s}", big, small)
                if c["branch"] in wanted and c["branch"] not in have:
                    c["name"] = f"asymptotic {c['branch']} (10001x{n2})"
                    cases.append(c)
                    have.add(c["branch"])
    # 1/(2n) < D <= 1/n with n > 140: two regular grids.
    cases.append(ks_case("asymptotic rg-lower-stirling (grids 20000x150)",
                         {"grid": {"n": 20000, "loc": 0.0, "step": 1 / 20000}},
                         {"grid": {"n": 150, "loc": 0.0, "step": 1 / 150}}))
    # D <= 1/(2n): identical large samples.
    cases.append(ks_case("asymptotic support-1 (identical 20000)", spec(31, 20000), spec(31, 20000)))
    # Small D at large n: a prefix of the same sample (the generator is sequential).
    cases.append(ks_case("asymptotic dmtw-large-n (prefix 100000 vs 99000)", spec(32, 100000), spec(32, 99000)))
    cases.append(ks_case("asymptotic support-0 (separated 20000x15000)", spec(33, 20000), spec(34, 15000, loc=20.0)))
    labels = {c["branch"].replace("fallback:", "") for c in cases}
    need = wanted | {"rg-lower-stirling", "support-1", "support-0", "dmtw-large-n",
                     "exact-square", "exact-inside"}
    missing = need - labels
    assert not missing, f"KS branches not covered: {missing}"
    return cases


# --------------------------------------------------------------------------
# cramervonmises_2samp cases
# --------------------------------------------------------------------------

def cvm_cases():
    cases = []
    tiny = [(2, 2, 0.0), (2, 5, 1.0), (3, 3, 0.5), (5, 5, 0.0), (5, 8, 1.0), (7, 6, -0.5),
            (10, 10, 0.0), (10, 15, 0.7), (12, 20, 0.2), (19, 20, 0.0), (20, 20, 1.0),
            (20, 13, 0.4), (16, 16, 2.5), (4, 20, 0.0)]
    for k, (n1, n2, s) in enumerate(tiny):
        cases.append(cvm_case(f"exact {n1}x{n2} shift {s}", spec(1100 + k, n1), spec(1200 + k, n2, loc=s)))
    cases.append(cvm_case("exact ties d0 9x11", spec(41, 9, decimals=0), spec(42, 11, decimals=0)))
    cases.append(cvm_case("exact ties d1 20x18", spec(43, 20, decimals=1), spec(44, 18, decimals=1, loc=0.3)))
    cases.append(cvm_case("exact identical 6x6", spec(45, 6), spec(45, 6)))
    cases.append(cvm_case("signed zeros tie", {"values": [-0.0, 0.0, 1.0, 2.0, -1.5]},
                          {"values": [0.0, -0.0, 0.0, 3.0, -2.0, 0.5]}))
    # The exact/asymptotic switch (max(n1, n2) > 20).
    cases.append(cvm_case("switch 21x20 asymptotic", spec(46, 21), spec(47, 20)))
    cases.append(cvm_case("switch 21x2 asymptotic", spec(48, 21), spec(49, 2, loc=0.5)))
    cases.append(cvm_case("switch 2x25 asymptotic", spec(50, 2), spec(51, 25)))
    # tn < 0.003: p = 1 without evaluating the series.
    cases.append(cvm_case("asymptotic identical 40x40 (p = 1)", spec(52, 40), spec(52, 40)))
    cases.append(cvm_case("asymptotic interleaved grids (p = 1)",
                          {"grid": {"n": 300, "loc": 0.0, "step": 2.0}},
                          {"grid": {"n": 300, "loc": 1.0, "step": 2.0}}))
    for k, (n1, n2, s) in enumerate([(50, 30, 0.0), (200, 200, 0.3), (500, 300, 0.0), (1000, 999, 0.1),
                                     (2500, 1200, 0.5), (5000, 5000, 0.05), (5000, 4000, 0.0),
                                     (3000, 4500, 1.0), (400, 350, 3.0)]):
        cases.append(cvm_case(f"medium {n1}x{n2} shift {s}", spec(1300 + k, n1), spec(1400 + k, n2, loc=s)))
    cases.append(cvm_case("ties d1 300x250", spec(53, 300, decimals=1), spec(54, 250, decimals=1, loc=0.2)))
    cases.append(cvm_case("ties d0 2000x2000", spec(55, 2000, decimals=0), spec(56, 2000, decimals=0, loc=0.1)))
    cases.append(cvm_case("ties d0 uniform 5000x3000",
                          spec(57, 5000, "uniform", 0, 10, 0), spec(58, 3000, "uniform", 0, 10, 0)))
    for k, s in enumerate([0.0, 0.01, 0.03, 0.08, 0.5, 13.0]):
        cases.append(cvm_case(f"large 100000x100000 shift {s}", spec(500 + k, 100000), spec(600 + k, 100000, loc=s)))
    cases.append(cvm_case("large 100000x100000 ties d1", spec(510, 100000, decimals=1),
                          spec(511, 100000, decimals=1)))
    cases.append(cvm_case("large 100000x20 asymptotic", spec(59, 100000), spec(60, 20, loc=0.3)))
    return cases


# --------------------------------------------------------------------------
# anderson_ksamp cases
# --------------------------------------------------------------------------

def ad_cases():
    cases = []
    tiny = [(5, 5, 0.0), (5, 7, 1.0), (6, 9, 2.0), (8, 13, 0.0), (10, 10, 1.0), (12, 20, 0.3),
            (20, 20, 0.0), (20, 15, 2.0), (7, 19, -0.8), (11, 17, 0.6), (16, 5, 0.4), (20, 19, 1.5)]
    for k, (n1, n2, s) in enumerate(tiny):
        cases.append(ad_case(f"tiny {n1}x{n2} shift {s}", spec(2100 + k, n1), spec(2200 + k, n2, loc=s)))
    cases.append(ad_case("ties d0 8x12", spec(61, 8, decimals=0), spec(62, 12, decimals=0, loc=0.3)))
    cases.append(ad_case("ties d1 15x15", spec(63, 15, decimals=1), spec(64, 15, decimals=1)))
    cases.append(ad_case("ties two values", {"values": [0, 0, 0, 1, 1]}, {"values": [0, 1, 1, 1, 1, 1]}))
    cases.append(ad_case("identical 30x30", spec(65, 30), spec(65, 30)))
    cases.append(ad_case("signed zeros tie", {"values": [-0.0, 0.0, 1.0, 2.0, -1.5]},
                         {"values": [0.0, -0.0, 0.0, 3.0, -2.0, 0.5]}))
    cases.append(ad_case("tiny 3x4 shift 1.0", spec(72, 3), spec(73, 4, loc=1.0)))
    cases.append(ad_case("unequal 100000x5000 shift 0.05", spec(74, 100000), spec(75, 5000, loc=0.05)))
    cases.append(ad_case("unequal 20x100000 shift 0.5", spec(76, 20), spec(77, 100000, loc=0.5)))
    cases.append(ad_case("ties d1 300x250", spec(66, 300, decimals=1), spec(67, 250, decimals=1, loc=0.2)))
    cases.append(ad_case("ties d0 2000x2000", spec(68, 2000, decimals=0), spec(69, 2000, decimals=0, loc=0.1)))
    cases.append(ad_case("ties d0 uniform 5000x3000",
                         spec(70, 5000, "uniform", 0, 10, 0), spec(71, 3000, "uniform", 0, 10, 0)))
    for k, (n1, n2, s) in enumerate([(50, 30, 0.0), (200, 200, 0.3), (500, 300, 0.0), (1000, 999, 0.1),
                                     (2500, 1200, 0.5), (5000, 5000, 0.05), (5000, 4000, 0.0),
                                     (3000, 4500, 1.0), (400, 350, 0.15), (800, 800, 0.12),
                                     (1500, 1500, 0.1), (600, 900, 0.2)]):
        cases.append(ad_case(f"medium {n1}x{n2} shift {s}", spec(2300 + k, n1), spec(2400 + k, n2, loc=s)))
    for k, s in enumerate([0.0, 0.005, 0.01, 0.015, 0.03, 0.5, 13.0]):
        cases.append(ad_case(f"large 100000x100000 shift {s}", spec(500 + k, 100000), spec(600 + k, 100000, loc=s)))
    cases.append(ad_case("large 100000x100000 ties d1", spec(510, 100000, decimals=1),
                         spec(511, 100000, decimals=1)))
    regions = {c["region"] for c in cases}
    assert regions == {"capped", "floored", "interpolated"}, regions
    return cases


# --------------------------------------------------------------------------
# Special functions
# --------------------------------------------------------------------------

def special_cases():
    rng = np.random.default_rng(20240601)
    kstwo = []
    seen = set()
    for n in [1, 2, 3, 5, 7, 10, 20, 50, 100, 139, 140, 141, 200, 500, 1000, 5000, 20000, 50000,
              100000, 100001, 500000]:
        xs = list(rng.uniform(0, 1, 6))
        xs += list(np.exp(rng.uniform(np.log(0.3 / n), np.log(3 / np.sqrt(n)), 14)))
        xs += [0.5 / n, 1 / n, 0.75 / n, 1 - 1 / n, 0.5, 0.4999]
        for x in xs:
            x = float(x)
            if not (0 < x < 1):
                continue
            branch = kstwo_branch(n, x)
            # smirnov(n, x) costs O(n) for large n (as in scipy); keep the test fast and
            # leave large-n smirnov to the ks_2samp cases (n = 50 000) and one point here.
            if n >= 20000 and branch == "smirnov-large-n" and (n != 50000 or "smirnov-large-n" in seen):
                continue
            seen.add(branch)
            kstwo.append({"n": n, "x": x, "sf": float(stats.kstwo.sf(x, n)),
                          "cdf": float(_kolmogn(n, x, cdf=True)), "branch": branch})
    smirnov = []
    for n in [1, 2, 3, 5, 9, 10, 11, 50, 100, 1000, 10000, 1000001]:
        xs = list(rng.uniform(0, 1, 6)) + list(np.exp(rng.uniform(np.log(0.1 / n), np.log(5 / np.sqrt(n)), 10)))
        xs += [0.0, 1.0, 1 / n, 2 / n, 1 - 1 / n]
        for x in xs:
            x = float(x)
            if 0 <= x <= 1:
                smirnov.append({"n": n, "x": x, "sf": float(sc.smirnov(n, x))})
    kolmogorov = [{"x": float(x), "sf": float(sc.kolmogorov(x))} for x in np.linspace(0.02, 6, 60)]
    mpmath.mp.dps = 40
    kv = []
    for nu in [0.0, 0.25, 0.75, 1.25, 2.5]:
        for x in np.concatenate([np.geomspace(1e-9, 700, 45), [24.999, 25.0, 25.001]]):
            x = float(x)
            kv.append({"nu": nu, "x": x, "scipy": float(sc.kv(nu, x)),
                       "mpmath": float(mpmath.besselk(nu, x))})
    return {"kstwo": kstwo, "smirnov": smirnov, "kolmogorov": kolmogorov, "kv": kv}


def main():
    b0 = np.array([0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085])
    b1 = np.array([-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615])
    b2 = np.array([-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154])
    critical = b0 + b1 / math.sqrt(1) + b2 / 1
    sig = np.array([0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001])
    pf = np.polyfit(critical, np.log(sig), 2)
    out = {
        "generator": "scripts/reference/gen_ks_cvm_ad.py",
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "adPolyfit": [float(v) for v in pf],
        "ks": ks_cases(),
        "cvm": cvm_cases(),
        "ad": ad_cases(),
        "special": special_cases(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1, allow_nan=False)
    print(f"ks {len(out['ks'])}  cvm {len(out['cvm'])}  ad {len(out['ad'])}  -> {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
