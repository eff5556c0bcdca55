"""Writes src/categorical/__fixtures__/contingency.json: scipy's answers for the two-sample categorical tests
`chi2_contingency` (Pearson, Yates' correction at one degree of freedom) and `g_contingency`
(`chi2_contingency(..., lambda_="log-likelihood")`).

Inputs:
- every categorical case of gen_binned_categorical.py (specs rebuilt bit for bit by the TS test);
- tables given as counts: large k (pairwise-sum blocks beyond 128 terms), 10:1 and 1:10 sizes, large counts,
  near-null and one-degree-of-freedom tables where |e - o| < 0.5 (Yates' magnitude capped by the difference);
- every 2 x 2 table with cells 0..6 and every 2 x 3 table with cells 0..3 (compact rows).

A category absent from both samples gives scipy a zero expected count, on which it raises; the TS functions leave
such categories out, so the reference is scipy on the table of present categories. A table with an empty row is
left out of the exhaustive lists (scipy raises; the TS functions return NaN, tested on their own). One present
category: scipy's dof = 0 branch (statistic 0, p = 1).

Run: python3 scripts/reference/gen_contingency.py (numpy 2.4.6, scipy 1.17.1).
"""
import itertools
import json
import math
import os
import warnings

import numpy as np
import scipy
from scipy import stats

from gen_binned_categorical import build, categorical_cases, category_counts, codes

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "src", "categorical", "__fixtures__", "contingency.json")
warnings.simplefilter("ignore", RuntimeWarning)


def reference(rc_all, cc_all):
    rc_all = np.asarray(rc_all, dtype=np.int64)
    cc_all = np.asarray(cc_all, dtype=np.int64)
    present = (rc_all + cc_all) > 0
    table = np.array([rc_all[present], cc_all[present]])
    out = {"k": int(present.sum())}
    for key, lam in (("chi2Contingency", None), ("gContingency", "log-likelihood")):
        r = stats.chi2_contingency(table, lambda_=lam)
        out[key] = [float(r.statistic), float(r.pvalue), int(r.dof)]
    return out


def counts_cases():
    rng_cases = []
    # Large k: 150 categories (300 terms: numpy's pairwise sum splits into blocks).
    rng = np.random.default_rng(20261)
    p = rng.dirichlet(np.ones(150))
    rng_cases.append(("k=150 same distribution", rng.multinomial(30000, p), rng.multinomial(20000, p)))
    q = rng.dirichlet(np.ones(150))
    rng_cases.append(("k=150 different", rng.multinomial(30000, p), rng.multinomial(20000, q)))
    p4 = np.array([0.4, 0.3, 0.2, 0.1])
    rng_cases.append(("k=4 600/600 null", rng.multinomial(600, p4), rng.multinomial(600, p4)))
    rng_cases.append(("k=4 6000/600 (10:1)", rng.multinomial(6000, p4), rng.multinomial(600, p4)))
    rng_cases.append(("k=4 600/6000 (1:10)", rng.multinomial(600, p4), rng.multinomial(6000, p4)))
    rng_cases.append(("k=4 shifted share", rng.multinomial(1000, p4), rng.multinomial(1000, [0.45, 0.25, 0.2, 0.1])))
    rng_cases.append(("k=20 large counts", rng.multinomial(10_000_000, np.ones(20) / 20), rng.multinomial(3_000_000, np.ones(20) / 20)))
    rng_cases.append(("k=2 large counts", [4_999_000, 5_001_000], [5_000_500, 4_999_500]))
    rng_cases.append(("k=2 |e - o| < 0.5 everywhere", [10, 10], [10, 11]))
    rng_cases.append(("k=2 |e - o| = 0.5 exactly", [3, 1], [1, 3]))
    rng_cases.append(("k=2 balanced equal", [7, 7], [7, 7]))
    rng_cases.append(("k=2 disjoint", [40, 0], [0, 30]))
    rng_cases.append(("k=2 10:1", [6000, 4000], [550, 450]))
    rng_cases.append(("k=3 zero cells", [5, 0, 7], [0, 9, 3]))
    rng_cases.append(("k=5 with absent categories", [3, 0, 8, 0, 2], [4, 0, 1, 0, 6]))
    rng_cases.append(("one present category", [0, 9, 0], [0, 4, 0]))
    rng_cases.append(("one observation each", [1, 0], [0, 1]))
    return [(name, [int(v) for v in r], [int(v) for v in c]) for name, r, c in rng_cases]


def exhaustive(shape_k, max_cell):
    rows = []
    for cells in itertools.product(range(max_cell + 1), repeat=2 * shape_k):
        r, c = cells[:shape_k], cells[shape_k:]
        if sum(r) == 0 or sum(c) == 0:
            continue
        ref = reference(r, c)
        rows.append(list(cells) + ref["chi2Contingency"][:2] + ref["gContingency"][:2])
    return rows


def main():
    fixture = {
        "generator": "scripts/reference/gen_contingency.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "samples": [],
        "counts": [],
        "exhaustive": {"2x2": {"maxCell": 6, "rows": exhaustive(2, 6)}, "2x3": {"maxCell": 3, "rows": exhaustive(3, 3)}},
    }
    for name, rd, cd, k, _ in categorical_cases:
        ref, cur = build(rd).astype(np.int64), build(cd).astype(np.int64)
        out = reference(category_counts(ref, k), category_counts(cur, k))
        out.update({"name": name, "reference": rd, "current": cd, "nCategories": k})
        fixture["samples"].append(out)
    # Twins of the engine's parity cases: skewed shares on integer codes of uniform samples.
    for name, rd, cd, k in [
        ("k=7 squared uniform vs uniform", codes(401, 800, 7, square=True), codes(402, 700, 7), 7),
        ("k=3 500/5000", codes(403, 500, 3), codes(404, 5000, 3), 3),
    ]:
        ref, cur = build(rd).astype(np.int64), build(cd).astype(np.int64)
        out = reference(category_counts(ref, k), category_counts(cur, k))
        out.update({"name": name, "reference": rd, "current": cd, "nCategories": k})
        fixture["samples"].append(out)
    for name, r, c in counts_cases():
        out = reference(r, c)
        out.update({"name": name, "referenceCounts": r, "currentCounts": c})
        fixture["counts"].append(out)

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
