#!/usr/bin/env python3
"""Peer of workload W1: the same batch drift check with pandas + numpy/scipy.

    python bench/w1/peer.py --reference REF.csv --current CUR.csv

Reads both files with pandas.read_csv (defaults) and runs, per column, the
default method that Evidently would pick (its default stat-test selection and
formulas), with numpy/scipy calls. Prints one JSON object on stdout, shaped
like `driftwatch check --format json` where they overlap (`columns[]` items
carry `column`, `kind`, `method`, `statistic`, `pValue`, `threshold`,
`drifted`), so bench/run.mjs can compare the two. Timings go to stderr and
into the JSON's `peer` field.

Selection (n = reference rows, u = distinct values over both samples):
  numeric,     n <= 1000: z if u <= 2, chisquare if u <= 5, else ks
  numeric,     n >  1000: jensenshannon if u <= 5, else wasserstein
  categorical, n <= 1000: z if u <= 2, else chisquare
  categorical, n >  1000: jensenshannon
Distances (wasserstein, jensenshannon) drift when >= 0.1; tests (ks, chisquare,
z) when p < 0.05. The dataset drifts when the share of drifted columns >= 0.5.
"""
import argparse
import sys
import time

T0 = time.perf_counter()

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from scipy import stats  # noqa: E402
from scipy.spatial import distance  # noqa: E402

from peer_common import run_peer  # noqa: E402

T_IMPORT = time.perf_counter()

DISTANCE_THRESHOLD = 0.1
P_THRESHOLD = 0.05


def wasserstein(ref, cur):
    """Evidently's wasserstein_distance_norm: W1 distance over the reference's std."""
    norm = max(np.std(ref), 0.001)
    value = stats.wasserstein_distance(ref, cur) / norm
    return {"statistic": float(value), "pValue": None, "threshold": DISTANCE_THRESHOLD,
            "drifted": bool(value >= DISTANCE_THRESHOLD), "measure": "distance"}


def binned_shares(ref, cur, numeric):
    """Evidently's get_binned_data, without its zero filling (reported as empty_bins)."""
    if numeric and ref.nunique() > 20:
        edges = np.histogram_bin_edges(np.concatenate([ref.to_numpy(), cur.to_numpy()]), bins="sturges")
        ref_shares = np.histogram(ref.to_numpy(), edges)[0] / len(ref)
        cur_shares = np.histogram(cur.to_numpy(), edges)[0] / len(cur)
        binning = f"sturges:{len(edges) - 1}"
    else:
        rc = ref.value_counts()
        cc = cur.value_counts()
        keys = rc.index.union(cc.index)
        ref_shares = rc.reindex(keys, fill_value=0).to_numpy() / len(ref)
        cur_shares = cc.reindex(keys, fill_value=0).to_numpy() / len(cur)
        binning = f"distinct:{len(keys)}"
    empty = int(np.count_nonzero(ref_shares == 0) + np.count_nonzero(cur_shares == 0))
    return ref_shares, cur_shares, binning, empty


def jensenshannon(ref, cur, numeric):
    r, c, binning, empty = binned_shares(ref, cur, numeric)
    value = distance.jensenshannon(r, c)
    return {"statistic": float(value), "pValue": None, "threshold": DISTANCE_THRESHOLD,
            "drifted": bool(value >= DISTANCE_THRESHOLD), "measure": "distance",
            "bins": binning, "emptyBins": empty}


def ks(ref, cur):
    res = stats.ks_2samp(ref.to_numpy(), cur.to_numpy())
    return {"statistic": float(res.statistic), "pValue": float(res.pvalue), "threshold": P_THRESHOLD,
            "drifted": bool(res.pvalue < P_THRESHOLD), "measure": "p_value"}


def chisquare(ref, cur):
    """Evidently's chi-square: current counts against reference counts scaled to the current size."""
    rc = ref.value_counts()
    cc = cur.value_counts()
    keys = rc.index.union(cc.index)
    f_exp = rc.reindex(keys, fill_value=0).to_numpy() * (len(cur) / len(ref))
    f_obs = cc.reindex(keys, fill_value=0).to_numpy()
    res = stats.chisquare(f_obs, f_exp)
    return {"statistic": float(res.statistic), "pValue": float(res.pvalue), "threshold": P_THRESHOLD,
            "drifted": bool(res.pvalue < P_THRESHOLD), "measure": "p_value"}


def z_test(ref, cur):
    """Evidently's two-proportion z test on the share of one value (the first in sorted order)."""
    keys = sorted(set(ref.unique()) | set(cur.unique()), key=str)
    if len(keys) == 1:
        return {"statistic": 0.0, "pValue": 1.0, "threshold": P_THRESHOLD, "drifted": False, "measure": "p_value"}
    key = keys[0]
    n1, n2 = len(ref), len(cur)
    p1 = float((ref == key).sum()) / n1
    p2 = float((cur == key).sum()) / n2
    p = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(p * (1 - p) * (1.0 / n1 + 1.0 / n2))
    pv = float(2 * (1 - stats.norm.cdf(abs(z))))
    return {"statistic": float(z), "pValue": pv, "threshold": P_THRESHOLD,
            "drifted": bool(pv < P_THRESHOLD), "measure": "p_value"}


def check_column(name, ref, cur):
    numeric = pd.api.types.is_numeric_dtype(ref.dtype) and pd.api.types.is_numeric_dtype(cur.dtype)
    if numeric:
        ref = ref.replace([np.inf, -np.inf], np.nan)
        cur = cur.replace([np.inf, -np.inf], np.nan)
    ref = ref.dropna()
    cur = cur.dropna()
    n = len(ref)
    u = int(pd.concat([ref, cur], ignore_index=True).nunique())
    if n <= 1000:
        if u <= 2:
            method, res = "z", z_test(ref, cur)
        elif numeric and u > 5:
            method, res = "ks", ks(ref, cur)
        else:
            method, res = "chisquare", chisquare(ref, cur)
    elif numeric:
        if u <= 5:
            method, res = "jensenshannon", jensenshannon(ref, cur, True)
        else:
            method, res = "wasserstein", wasserstein(ref, cur)
    else:
        method, res = "jensenshannon", jensenshannon(ref, cur, False)
    return {"column": name, "kind": "numeric" if numeric else "categorical", "method": method,
            **res, "distinct": u, "reference": {"rows": n}, "current": {"rows": len(cur)}}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    # `check` and `--format json` are accepted (and ignored) so that this script
    # can stand in for `driftwatch check ... --format json` when testing the harness.
    ap.add_argument("command", nargs="?", choices=["check"], help=argparse.SUPPRESS)
    ap.add_argument("--format", choices=["json"], default="json", help=argparse.SUPPRESS)
    ap.add_argument("--reference", required=True)
    ap.add_argument("--current", required=True)
    args = ap.parse_args()

    return run_peer(args, "pandas+numpy+scipy (Evidently's default methods)", check_column, T0, T_IMPORT)


if __name__ == "__main__":
    sys.exit(main())
