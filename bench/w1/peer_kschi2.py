#!/usr/bin/env python3
"""Second peer of workload W1 (issue 17): pandas.read_csv + scipy's two-sample tests.

    python bench/w1/peer_kschi2.py --reference REF.csv --current CUR.csv

Reads both files with pandas.read_csv (defaults), then per column:
  numeric dtype:     scipy.stats.ks_2samp(ref, cur)                (defaults: method='auto')
  any other dtype:   scipy.stats.chi2_contingency([ref_counts, cur_counts])  (defaults)
over the values that are not missing (and not infinite), the counts over the categories
present in either sample. Each column drifts when p < 0.05; the dataset when the share of
drifted columns >= 0.5. Prints one JSON object on stdout shaped like
`driftwatch check --format json` (`columns[]` with `column`, `kind`, `method`, `statistic`,
`pValue`, `threshold`, `drifted`, plus `dataset`) and its phase timings under `peer`.

The Driftwatch side runs the same tests: `check --method ks --method COL=chi2_contingency
(each categorical column) --integer-categories 0` (pandas reads integer columns as numbers).
"""
import argparse
import sys
import time

T0 = time.perf_counter()

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from scipy import stats  # noqa: E402

from peer_common import run_peer  # noqa: E402

T_IMPORT = time.perf_counter()

P_THRESHOLD = 0.05


def ks(ref, cur):
    res = stats.ks_2samp(ref.to_numpy(), cur.to_numpy())
    return {"statistic": float(res.statistic), "pValue": float(res.pvalue)}


def chi2(ref, cur):
    rc = ref.value_counts()
    cc = cur.value_counts()
    keys = rc.index.union(cc.index)
    table = np.vstack([rc.reindex(keys, fill_value=0).to_numpy(), cc.reindex(keys, fill_value=0).to_numpy()])
    res = stats.chi2_contingency(table)
    return {"statistic": float(res.statistic), "pValue": float(res.pvalue), "categories": len(keys)}


def check_column(name, ref, cur):
    numeric = pd.api.types.is_numeric_dtype(ref.dtype) and pd.api.types.is_numeric_dtype(cur.dtype)
    if numeric:
        ref = ref.replace([np.inf, -np.inf], np.nan)
        cur = cur.replace([np.inf, -np.inf], np.nan)
    ref = ref.dropna()
    cur = cur.dropna()
    method, res = ("ks", ks(ref, cur)) if numeric else ("chi2_contingency", chi2(ref, cur))
    return {"column": name, "kind": "numeric" if numeric else "categorical", "method": method, **res,
            "threshold": P_THRESHOLD, "drifted": bool(res["pValue"] < P_THRESHOLD), "measure": "p_value",
            "reference": {"rows": len(ref)}, "current": {"rows": len(cur)}}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference", required=True)
    ap.add_argument("--current", required=True)
    args = ap.parse_args()

    return run_peer(args, "pandas read_csv + scipy ks_2samp / chi2_contingency", check_column, T0, T_IMPORT)


if __name__ == "__main__":
    sys.exit(main())
