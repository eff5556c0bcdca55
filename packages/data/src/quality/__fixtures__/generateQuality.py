"""Reference data-quality figures from pandas, for dataQuality.test.ts.

Run: /work/venv/bin/python generateQuality.py  (writes quality.json; deterministic)
Missing: isna(). Unseen: non-missing current values not among the reference's values,
examples by count descending then name, at most 5. Range: below the finite reference
min / above the finite reference max (±inf included). Shares over all rows.
Chunks: numpy.array_split of the current rows into 4.
"""
import json
from pathlib import Path

import numpy as np
import pandas as pd

rng = np.random.default_rng(7)
n_ref, n_cur = 400, 300
ref_num = rng.normal(50, 10, n_ref)
ref_num[rng.choice(n_ref, 12, replace=False)] = np.nan
ref_num[3] = np.inf  # ignored by the range
cur_num = rng.normal(55, 14, n_cur)
cur_num[rng.choice(n_cur, 20, replace=False)] = np.nan
cur_num[5] = np.inf
cur_num[6] = -np.inf
ref_cat = rng.choice(["a", "b", "c", "d"], n_ref).astype(object)
ref_cat[rng.choice(n_ref, 9, replace=False)] = None
cur_cat = rng.choice(["a", "b", "c", "e", "f", "g", "h", "i", "j"], n_cur, p=[0.3, 0.2, 0.2, 0.1, 0.08, 0.05, 0.03, 0.02, 0.02]).astype(object)
cur_cat[rng.choice(n_cur, 15, replace=False)] = None


def quality(ref_n, cur_n, ref_c, cur_c):
    rows = len(cur_n)
    finite = ref_n[np.isfinite(ref_n)]
    lo, hi = finite.min(), finite.max()
    below = int((cur_n < lo).sum())
    above = int((cur_n > hi).sum())
    cur_c = pd.Series(cur_c)
    seen = set(pd.Series(ref_c).dropna().unique())
    unseen = cur_c[cur_c.notna() & ~cur_c.isin(seen)]
    counts = unseen.value_counts()
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    share = lambda k: k / rows if rows else None
    return [
        {
            "column": "num",
            "rows": rows,
            "missing": int(np.isnan(cur_n).sum()),
            "missingShare": share(int(np.isnan(cur_n).sum())),
            "range": {
                "referenceMin": float(lo),
                "referenceMax": float(hi),
                "below": below,
                "above": above,
                "belowShare": share(below),
                "aboveShare": share(above),
            },
        },
        {
            "column": "cat",
            "rows": rows,
            "missing": int(cur_c.isna().sum()),
            "missingShare": share(int(cur_c.isna().sum())),
            "unseen": {
                "rows": int(len(unseen)),
                "share": share(int(len(unseen))),
                "distinct": int(len(counts)),
                "examples": [k for k, _ in ordered[:5]],
            },
        },
    ]


out = {
    "reference": {"num": [None if np.isnan(x) else ("Infinity" if np.isinf(x) else float(x)) for x in ref_num], "cat": list(ref_cat)},
    "current": {
        "num": [None if np.isnan(x) else (("Infinity" if x > 0 else "-Infinity") if np.isinf(x) else float(x)) for x in cur_num],
        "cat": list(cur_cat),
    },
    "whole": quality(ref_num, cur_num, ref_cat, cur_cat),
    "chunks": [
        quality(ref_num, cur_num[idx], ref_cat, cur_cat[idx]) for idx in np.array_split(np.arange(n_cur), 4)
    ],
}
Path(__file__).with_name("quality.json").write_text(json.dumps(out, indent=1) + "\n")
