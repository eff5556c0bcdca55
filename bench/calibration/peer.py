#!/usr/bin/env python3
"""scipy side of the calibration workload: the same columns, the reference calls, the same rules.

    python bench/calibration/peer.py MANIFEST.json

The manifest (written by bench/calibration/run.mjs) lists cells; each cell's file holds its columns one
after another, reference values then current values (float64 for numeric scenarios, int32 category codes
for categorical ones), drawn by Driftwatch's seeded generators. For every method with a scipy counterpart,
counts the columns flagged at the method's default threshold and rule, and skips the columns Driftwatch
skips (one value or category on both sides). Prints one JSON object: per cell, [alarms, tested] per method
and the seconds spent in the tests (reading excluded).
"""
import json
import sys
import time
import warnings

import numpy as np
import scipy
from scipy import stats

warnings.simplefilter("ignore")


def counts(r, c):
    keys, inv = np.unique(np.concatenate([r, c]), return_inverse=True)
    rc = np.bincount(inv[: len(r)], minlength=len(keys))
    cc = np.bincount(inv[len(r):], minlength=len(keys))
    return rc, cc


def chisquare(r, c, lam):
    rc, cc = counts(r, c)
    f_exp = rc * (len(c) / len(r))
    return stats.power_divergence(cc, f_exp, lambda_=lam).pvalue


def contingency(r, c, lam):
    rc, cc = counts(r, c)
    return stats.chi2_contingency(np.array([rc, cc]), lambda_=lam).pvalue


def z_test(r, c):
    first = min(r.min(), c.min())
    s1, s2, n1, n2 = int((r == first).sum()), int((c == first).sum()), len(r), len(c)
    if (s1 == n1 and s2 == n2) or (s1 == 0 and s2 == 0):
        return 1.0
    p1, p2 = s1 / n1, s2 / n2
    p = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(p * (1 - p) * (1.0 / n1 + 1.0 / n2))
    return 2 * stats.norm.sf(abs(z))


def fisher(r, c):
    first = min(r.min(), c.min())
    s1, s2 = int((r == first).sum()), int((c == first).sum())
    return stats.fisher_exact([[s1, len(r) - s1], [s2, len(c) - s2]]).pvalue


# method: (value of a column pair, drift rule on it, threshold)
METHODS = {
    "ks": (lambda r, c: stats.ks_2samp(r, c).pvalue, "p<=t", 0.05),
    "t_test": (lambda r, c: stats.ttest_ind(r, c, equal_var=False).pvalue, "p<t", 0.05),
    "mannw": (lambda r, c: stats.mannwhitneyu(r, c, alternative="two-sided").pvalue, "p<t", 0.05),
    "anderson": (lambda r, c: stats.anderson_ksamp([r, c]).pvalue, "p<t", 0.1),
    "cramer_von_mises": (lambda r, c: stats.cramervonmises_2samp(r, c).pvalue, "p<=t", 0.1),
    "epps_singleton": (lambda r, c: stats.epps_singleton_2samp(r, c).pvalue, "p<t", 0.05),
    "ed": (lambda r, c: stats.energy_distance(r, c), "d>t", 0.1),
    "wasserstein": (lambda r, c: stats.wasserstein_distance(r, c) / max(np.std(r), 0.001), "d>=t", 0.1),
    "chisquare": (lambda r, c: chisquare(r, c, "pearson"), "p<t", 0.05),
    "g_test": (lambda r, c: chisquare(r, c, "log-likelihood"), "p<t", 0.05),
    "chi2_contingency": (lambda r, c: contingency(r, c, None), "p<t", 0.05),
    "g_contingency": (lambda r, c: contingency(r, c, "log-likelihood"), "p<t", 0.05),
    "z": (z_test, "p<t", 0.05),
    "fisher_exact": (fisher, "p<t", 0.1),
}

RULES = {
    "p<=t": lambda v, t: v <= t,
    "p<t": lambda v, t: v < t,
    "d>t": lambda v, t: v > t,
    "d>=t": lambda v, t: v >= t,
}


def main():
    manifest = json.load(open(sys.argv[1]))
    out = {"numpy": np.__version__, "scipy": scipy.__version__, "cells": []}
    total = 0.0
    for cell in manifest["cells"]:
        dtype = np.float64 if cell["kind"] == "numeric" else np.int32
        data = np.fromfile(cell["file"], dtype=dtype)
        nr, nc, reps = cell["reference"], cell["current"], cell["repetitions"]
        data = data.reshape(reps, nr + nc)
        methods = [m for m in cell["methods"] if m in METHODS]
        result = {m: [0, 0] for m in methods}
        t0 = time.perf_counter()
        for row in data:
            r, c = row[:nr], row[nr:]
            lo = min(r.min(), c.min())
            if r.max() == lo and c.max() == lo:
                continue  # Driftwatch: constant column / single category, skipped
            binary = cell["kind"] == "categorical" and len(np.unique(row)) <= 2
            for m in methods:
                if m in ("z", "fisher_exact") and not binary:
                    continue
                f, rule, threshold = METHODS[m]
                v = float(f(r, c))
                if np.isnan(v):
                    continue
                result[m][1] += 1
                if RULES[rule](v, threshold):
                    result[m][0] += 1
        seconds = time.perf_counter() - t0
        total += seconds
        out["cells"].append({"key": cell["key"], "methods": result, "seconds": seconds})
    out["seconds"] = total
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
