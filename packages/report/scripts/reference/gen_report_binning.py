"""Writes src/binned/__fixtures__/report_binning.json: numpy/pandas answers for the report's binned
summaries, which `numericHistogram.test.ts` and `categoricalBars.test.ts` compare with.

References:
- numericHistogram: edges = np.histogram_bin_edges(both[np.isfinite(both)], bins=bins) (numpy widens a
  constant range to v +- 0.5 and uses [0, 1] when there is no value), counts =
  np.histogram(side[np.isfinite(side)], bins=edges)[0]; NaN counted as missing, +-inf apart.
- categoricalBars: pandas value_counts of the decoded names on each side (missing = code -1), aligned
  by name, ranked by reference share + current share (shares over non-missing rows), ties by name
  (code-point order), first top_k kept, the rest summed into "other".

Inputs are written as literal values (non-finite numbers as the strings "NaN", "Infinity",
"-Infinity"). Seeded: re-running gives byte-identical JSON.
Run: /work/venv/bin/python scripts/reference/gen_report_binning.py (numpy 2.4.6, pandas 3.0.6).
"""
import json
import os

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "src", "binned", "__fixtures__", "report_binning.json")
rng = np.random.default_rng(20261127)


def enc(x):
    x = float(x)
    if np.isnan(x):
        return "NaN"
    if np.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def numeric_case(name, ref, cur, bins):
    ref = np.asarray(ref, dtype=np.float64)
    cur = np.asarray(cur, dtype=np.float64)
    both = np.concatenate([ref, cur])
    edges = np.histogram_bin_edges(both[np.isfinite(both)], bins=bins)

    def side(x):
        return {
            "rows": int(x.size),
            "counts": [int(c) for c in np.histogram(x[np.isfinite(x)], bins=edges)[0]],
            "missing": int(np.isnan(x).sum()),
            "negInfinite": int(np.isneginf(x).sum()),
            "posInfinite": int(np.isposinf(x).sum()),
        }

    return {
        "name": name,
        "bins": bins,
        "reference": [enc(v) for v in ref],
        "current": [enc(v) for v in cur],
        "expected": {"kind": "numeric", "edges": [float(e) for e in edges], "reference": side(ref), "current": side(cur)},
    }


def with_special(x, nan=0, pinf=0, ninf=0):
    x = x.copy()
    idx = rng.permutation(x.size)
    k = 0
    for count, value in ((nan, np.nan), (pinf, np.inf), (ninf, -np.inf)):
        x[idx[k:k + count]] = value
        k += count
    return x


numeric = [
    numeric_case("normal, shifted current, 30 bins", np.round(rng.normal(0, 1, 400), 3), np.round(rng.normal(0.5, 1.2, 300), 3), 30),
    numeric_case(
        "NaN and infinities on both sides",
        with_special(np.round(rng.normal(10, 3, 300), 2), nan=17, pinf=3, ninf=2),
        with_special(np.round(rng.normal(11, 3, 250), 2), nan=40, pinf=1),
        30,
    ),
    numeric_case("constant column", [7.25] * 50, [7.25] * 20 + [float("nan")] * 5, 30),
    numeric_case("constant on one side, other side empty", [3.0] * 10, [], 30),
    numeric_case("all missing", [float("nan")] * 5, [float("nan"), float("inf")], 30),
    numeric_case("both empty", [], [], 30),
    numeric_case("integers on the edges", list(range(11)) * 3, list(range(0, 11, 2)) * 5, 10),
    numeric_case("one bin", np.round(rng.uniform(-5, 5, 100), 4), np.round(rng.uniform(-4, 6, 100), 4), 1),
    numeric_case("seven bins, skewed", np.round(rng.lognormal(0, 1, 500), 4), np.round(rng.lognormal(0.3, 1, 500), 4), 7),
    numeric_case("large magnitudes", np.round(rng.normal(-3e12, 1e11, 200), -6), np.round(rng.normal(-2.9e12, 1e11, 200), -6), 30),
    numeric_case("discrete values, many ties", np.floor(rng.exponential(3, 600)), np.floor(rng.exponential(4, 600)), 30),
    numeric_case("tiny values", np.round(rng.normal(0, 1e-9, 150), 15), np.round(rng.normal(1e-10, 1e-9, 150), 15), 30),
]


def categorical_case(name, ref_codes, ref_dict, cur_codes, cur_dict, top_k):
    def names(codes, d):
        return pd.Series([d[c] if c >= 0 else None for c in codes], dtype="object")

    r = names(ref_codes, ref_dict)
    c = names(cur_codes, cur_dict)
    rc = r.value_counts(dropna=True)
    cc = c.value_counts(dropna=True)
    table = pd.DataFrame({"ref": rc, "cur": cc}).fillna(0)
    rt, ct = float(rc.sum()), float(cc.sum())
    table["score"] = (table["ref"] / rt if rt > 0 else 0.0) + (table["cur"] / ct if ct > 0 else 0.0)
    ordered = sorted(table.index, key=lambda k: (-table.loc[k, "score"], [ord(ch) for ch in k]))
    kept, rest = ordered[:top_k], ordered[top_k:]

    def side(col, series):
        return {
            "rows": int(series.size),
            "counts": [int(table.loc[k, col]) for k in kept],
            "other": int(sum(table.loc[k, col] for k in rest)),
            "missing": int(series.isna().sum()),
        }

    return {
        "name": name,
        "topK": top_k,
        "refCodes": [int(v) for v in ref_codes],
        "refDict": ref_dict,
        "curCodes": [int(v) for v in cur_codes],
        "curDict": cur_dict,
        "expected": {
            "kind": "categorical",
            "categories": kept,
            "otherCategories": len(rest),
            "reference": side("ref", r),
            "current": side("cur", c),
        },
    }


def draw(n, weights, missing=0.0):
    p = np.asarray(weights, dtype=np.float64)
    codes = rng.choice(len(p), size=n, p=p / p.sum())
    codes[rng.random(n) < missing] = -1
    return codes


many = [f"m{i:02d}" for i in range(30)]
categorical = [
    categorical_case("same dictionary", draw(300, [5, 3, 2]), ["a", "b", "c"], draw(200, [2, 3, 5]), ["a", "b", "c"], 20),
    categorical_case(
        "dictionaries in different orders, a new category, missing codes",
        draw(400, [4, 3, 2, 1], 0.05),
        ["north", "south", "east", "west"],
        draw(350, [1, 2, 3, 4, 2], 0.1),
        ["west", "east", "south", "north", "central"],
        20,
    ),
    categorical_case("unused dictionary entries are dropped", draw(100, [1, 1, 0.0001, 0]), ["x", "y", "z", "never"], draw(100, [1, 1]), ["y", "x"], 20),
    categorical_case("top 5 of 30 with other", draw(1000, [1 / (i + 1) for i in range(30)]), many, draw(800, [1 / (30 - i) for i in range(30)]), many[::-1], 5),
    categorical_case("ties broken by name", [0, 1, 2, 3] * 5, ["d", "b", "c", "a"], [3, 2, 1, 0] * 5, ["a", "c", "b", "d"], 3),
    categorical_case("names with markup and unicode", draw(200, [1, 2, 3]), ["<b>", "&amp;", "é\"'"], draw(200, [3, 2, 1]), ["é\"'", "<b>", "&amp;"], 20),
    categorical_case("all missing on one side", [-1] * 10, ["a"], draw(50, [1, 1]), ["a", "b"], 20),
    categorical_case("both empty", [], [], [], [], 20),
]

with open(OUT, "w", encoding="utf-8", newline="\n") as f:
    json.dump({"numeric": numeric, "categorical": categorical}, f, ensure_ascii=False, separators=(",", ":"))
    f.write("\n")
print(f"wrote {OUT}")
