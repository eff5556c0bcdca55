"""Writes src/multivariate/__fixtures__/reconstruction.json: NannyML 0.13's
DataReconstructionDriftCalculator (its defaults) rebuilt from scikit-learn pieces, as its source
(nannyml/drift/multivariate/data_reconstruction/calculator.py, nannyml/thresholds.py) composes them:

- continuous columns (float) imputed by SimpleImputer(strategy="mean"), categorical columns (object)
  by SimpleImputer(strategy="most_frequent"), both fitted on the reference;
- categorical columns count-encoded with normalize=True (category_encoders.CountEncoder: the share of
  the reference's imputed rows holding the category; a category the reference never had becomes 0);
- StandardScaler, then PCA(n_components=0.65, random_state=16), both fitted on the reference;
- per row the Euclidean norm of (scaled - pca.inverse_transform(pca.transform(scaled))); a chunk's
  value is the mean over its rows, its sampling error std(ddof=1) / sqrt(rows);
- thresholds from the reference's chunks (the same size chunker): StandardDeviationThreshold,
  nanmean ± 3 · nanstd (ddof 0); a lower threshold <= 0 (lower_threshold_value_limit) becomes None;
- alert = not (lower < value < upper), a None bound being -inf / +inf.

category_encoders is not installed here: its normalized count mapping is a pandas value_counts.
Inputs are stored as values (rounded to 6 decimals, so JSON round-trips them exactly).

Run: python3 -m venv /tmp/venv && /tmp/venv/bin/pip install scikit-learn pandas &&
     /tmp/venv/bin/python scripts/reference/gen_reconstruction.py
"""
import json
import math
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.decomposition import PCA
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "src", "multivariate", "__fixtures__", "reconstruction.json")

CONT = ["x1", "x2", "x3", "x4"]
CAT = ["c1", "c2"]


def frame(rng, n, rho, shift=0.0, missing=0.0, new_category=False):
    z1 = rng.standard_normal(n)
    z2 = rng.standard_normal(n)
    x1 = z1 + shift
    x2 = rho * z1 + math.sqrt(1 - rho * rho) * z2
    x3 = rng.normal(5.0, 2.0, n)
    x4 = 0.5 * x3 + rng.standard_normal(n)
    cats = np.array(["a", "b", "c", "d"])
    c1 = cats[rng.choice(4, n, p=[0.4, 0.3, 0.2, 0.1])].astype(object)
    c2 = np.where(x1 + rng.standard_normal(n) * 0.5 > 0, "hi", "lo").astype(object)
    if new_category:
        c1[rng.random(n) < 0.3] = "zz"
    df = pd.DataFrame({"x1": x1, "x2": x2, "x3": x3, "x4": x4, "c1": c1, "c2": c2})
    for c in CONT:
        df[c] = np.round(df[c].to_numpy(), 6)
    if missing > 0:
        for c in CONT + CAT:
            mask = rng.random(n) < missing
            df.loc[mask, c] = np.nan if c in CONT else None
    return df


def chunks(df, size):
    return [df.iloc[i : i + size] for i in range(0, len(df), size)]


def nanny(reference, current, size):
    imp_cat = SimpleImputer(missing_values=np.nan, strategy="most_frequent")
    imp_cont = SimpleImputer(missing_values=np.nan, strategy="mean")
    ref = reference.copy()
    ref[CAT] = imp_cat.fit_transform(ref[CAT])
    ref[CONT] = imp_cont.fit_transform(ref[CONT])
    mapping = {c: ref[c].value_counts(normalize=True).to_dict() for c in CAT}

    def encode(df):
        df = df.copy()
        df[CAT] = imp_cat.transform(df[CAT])
        df[CONT] = imp_cont.transform(df[CONT])
        for c in CAT:
            df[c] = df[c].map(lambda v, m=mapping[c]: m.get(v, 0.0)).astype(float)
        return df[CONT + CAT].to_numpy(dtype=float)

    scaler = StandardScaler()
    scaled = scaler.fit_transform(encode(reference))
    pca = PCA(n_components=0.65, random_state=16)
    pca.fit(scaled)

    def value(df):
        x = scaler.transform(encode(df))
        err = np.linalg.norm(x - pca.inverse_transform(pca.transform(x)), axis=1)
        se = np.std(err, ddof=1) / np.sqrt(len(err)) if len(err) > 1 else None
        return float(np.mean(err)), (None if se is None else float(se))

    ref_values = [value(c)[0] for c in chunks(reference, size)]
    mean = float(np.nanmean(ref_values))
    std = float(np.nanstd(ref_values))
    lower = mean - 3 * std
    upper = mean + 3 * std
    lower = None if lower <= 0 else lower
    points = []
    for c in chunks(current, size):
        v, se = value(c)
        lo = -math.inf if lower is None else lower
        points.append({"value": v, "samplingError": se, "alert": not (lo < v < upper)})
    return {
        "components": int(pca.n_components_),
        "explainedVariance": float(np.sum(pca.explained_variance_ratio_)),
        "referenceValues": ref_values,
        "lower": lower,
        "upper": upper,
        "points": points,
    }


def columns(df):
    out = []
    for c in CONT:
        out.append({"name": c, "kind": "numeric", "values": [None if np.isnan(v) else float(v) for v in df[c]]})
    for c in CAT:
        out.append({"name": c, "kind": "categorical", "values": [None if v is None or (isinstance(v, float) and np.isnan(v)) else v for v in df[c]]})
    return out


def case(name, seed, ref_args, cur_args, size):
    rng = np.random.default_rng(seed)
    reference = frame(rng, **ref_args)
    current = frame(rng, **cur_args)
    return {"name": name, "chunkSize": size, "reference": columns(reference), "current": columns(current), "expected": nanny(reference, current, size)}


cases = [
    case("same distribution", 1, {"n": 600, "rho": 0.8}, {"n": 400, "rho": 0.8}, 100),
    case("correlation breaks, marginals kept", 2, {"n": 600, "rho": 0.9}, {"n": 400, "rho": -0.9}, 100),
    case("missing values and an unseen category", 3, {"n": 500, "rho": 0.7, "missing": 0.05}, {"n": 350, "rho": 0.7, "missing": 0.1, "new_category": True}, 120),
    case("mean shift", 4, {"n": 600, "rho": 0.6}, {"n": 300, "rho": 0.6, "shift": 1.5}, 150),
]
with open(OUT, "w") as f:
    json.dump({"generator": "scripts/reference/gen_reconstruction.py", "sklearn": sklearn.__version__, "numpy": np.__version__, "pandas": pd.__version__, "cases": cases}, f)
    f.write("\n")
print("wrote", OUT, [c["expected"]["components"] for c in cases], [[p["alert"] for p in c["expected"]["points"]] for c in cases])
