"""Reference values for wilcoxonSignedRank: scipy.stats.wilcoxon on seeded paired differences.

Run: python3 packages/drift/scripts/reference/gen_wilcoxon.py
Writes packages/drift/src/paired/__fixtures__/wilcoxon.json.
"""
import json
import pathlib

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20261207)
cases = []


def add(tag, d):
    d = np.asarray(d, dtype=float)
    nz = d[d != 0]
    ties = len(np.unique(np.abs(nz))) < len(nz)
    method = "exact" if (len(nz) == len(d) and not ties and len(nz) <= 50) else "asymptotic"
    res = stats.wilcoxon(d, zero_method="wilcox", correction=False, method=method)
    cases.append({"tag": tag, "d": d.tolist(), "method": method,
                  "statistic": float(res.statistic), "pvalue": float(res.pvalue)})


for n in (5, 8, 12, 20, 35, 50):
    add(f"exact-n{n}", rng.normal(0.1, 1.0, n))
for n in (60, 120):
    add(f"continuous-n{n}", rng.normal(-0.2, 1.0, n))
for n in (14, 30, 100):
    # Judge-like scores on a 5-point scale: ties and zeros.
    before = rng.integers(0, 5, n) / 4
    after = np.clip(before - rng.integers(-1, 3, n) / 4, 0, 1)
    add(f"five-point-n{n}", after - before)
add("all-positive-n10", np.arange(1, 11) / 10)

out = pathlib.Path(__file__).resolve().parents[2] / "src/paired/__fixtures__/wilcoxon.json"
out.write_text(json.dumps({"scipy": scipy.__version__, "cases": cases}, indent=1) + "\n")
print(f"{len(cases)} cases -> {out}")
