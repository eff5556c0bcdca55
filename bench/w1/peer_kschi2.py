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
import json
import sys
import time

T0 = time.perf_counter()

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import scipy  # noqa: E402
from scipy import stats  # noqa: E402

T_IMPORT = time.perf_counter()

P_THRESHOLD = 0.05
DATASET_SHARE = 0.5


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

    t_read0 = time.perf_counter()
    reference = pd.read_csv(args.reference)
    current = pd.read_csv(args.current)
    t_read = time.perf_counter()

    if list(reference.columns) != list(current.columns):
        print("reference and current have different columns", file=sys.stderr)
        return 2
    columns = [check_column(c, reference[c], current[c]) for c in reference.columns]
    t_done = time.perf_counter()

    drifted = sum(1 for c in columns if c["drifted"])
    tested = len(columns)
    share = drifted / tested if tested else 0.0
    timings = {"import_s": round(T_IMPORT - T0, 3), "read_s": round(t_read - t_read0, 3),
               "compute_s": round(t_done - t_read, 3)}
    out = {
        "peer": {
            "tool": "pandas read_csv + scipy ks_2samp / chi2_contingency",
            "versions": {"python": sys.version.split()[0], "pandas": pd.__version__,
                         "numpy": np.__version__, "scipy": scipy.__version__},
            "timings": timings,
        },
        "reference": {"source": args.reference, "rows": len(reference)},
        "current": {"source": args.current, "rows": len(current)},
        "dataset": {"drifted": share >= DATASET_SHARE, "driftedColumns": drifted, "testedColumns": tested,
                    "share": share, "datasetShare": DATASET_SHARE},
        "columns": columns,
    }
    print(f"peer: import {timings['import_s']} s, read_csv {timings['read_s']} s, "
          f"methods {timings['compute_s']} s", file=sys.stderr)
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
