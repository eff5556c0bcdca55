"""Reference values of Evidently 0.7's four embedding drift methods, for src/embedding/*.test.ts.

Usage (from the repository root), in a Python with numpy, scipy, pandas and scikit-learn:
    python3 -m venv --system-site-packages /tmp/venv && /tmp/venv/bin/pip install scikit-learn pandas
    /tmp/venv/bin/python packages/drift/scripts/reference/gen_embedding.py
Writes packages/drift/src/embedding/__fixtures__/embedding.json.

Evidently is not installable here, so its methods (src/evidently/legacy/metrics/data_drift/
embedding_drift_methods.py: DistanceDriftMethod, RatioDriftMethod, MMDDriftMethod, ModelDriftMethod, and
the wasserstein / ks stattests they call) are re-expressed below on the same library calls it makes:
DataFrame.mean / sample(random_state=0), np.random.seed(i) + np.random.choice, scipy.spatial.distance,
sklearn's PCA(random_state=0), pairwise_distances, pairwise_kernels(metric="rbf"), train_test_split
(test_size=0.5, random_state=42), SGDClassifier(loss="log_loss", random_state=42), roc_auc_score and
np.percentile. Each bootstrap case also records the cut-off the score was compared with.
"""
import json
import os

import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy.spatial import distance as sd
from scipy.stats import ks_2samp, wasserstein_distance
from sklearn.decomposition import PCA
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import pairwise_distances, pairwise_kernels, roc_auc_score
from sklearn.model_selection import train_test_split

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "embedding", "__fixtures__", "embedding.json")
DIST = {"euclidean": sd.euclidean, "cosine": sd.cosine, "cityblock": sd.cityblock, "chebyshev": sd.chebyshev}


def pca(ref, cur, k):
    p = PCA(n_components=k, random_state=0)
    return pd.DataFrame(p.fit_transform(ref)), pd.DataFrame(p.transform(cur))


def distance(ref, cur, metric="euclidean", threshold=0.2, bootstrap=False, quantile=0.95, pcaComponents=None):
    if pcaComponents:
        ref, cur = pca(ref, cur, pcaComponents)
    score = DIST[metric](ref.mean(axis=0), cur.mean(axis=0))
    if not bootstrap:
        return score, threshold, bool(score > threshold)
    m, n = ref.shape[0], cur.shape[0]
    a_size, b_size = int(m**2 / (m + n)), int(n * m / (m + n))
    res = []
    for i in range(100):
        np.random.seed(i)
        a = np.random.choice(m, a_size)
        b = np.random.choice(m, b_size)
        res.append(DIST[metric](ref.iloc[a, :].mean(axis=0), ref.iloc[b, :].mean(axis=0)))
    cut = np.percentile(res, 100 * quantile)
    return score, cut, bool(score > cut)


def component_drifts(r, c, test, t):
    if test == "wasserstein":
        return wasserstein_distance(r, c) / max(np.std(r), 0.001) >= t
    if test == "ks":
        return ks_2samp(r, c)[1] <= t
    raise ValueError(test)


def ratio(ref, cur, component="wasserstein", componentThreshold=0.1, threshold=0.2, pcaComponents=None):
    if pcaComponents:
        ref, cur = pca(ref, cur, pcaComponents)
    drifted = sum(bool(component_drifts(ref.iloc[:, i].to_numpy(), cur.iloc[:, i].to_numpy(), component, componentThreshold))
                  for i in range(ref.shape[1]))
    share = drifted / ref.shape[1]
    return share, threshold, bool(share > threshold)


def mmd2u(K, m, n):
    kx, ky, kxy = K[:m, :m], K[m:, m:], K[:m, m:]
    return (1.0 / (m * (m - 1.0)) * (kx.sum() - kx.diagonal().sum())
            + 1.0 / (n * (n - 1.0)) * (ky.sum() - ky.diagonal().sum()) - 2.0 / (m * n) * kxy.sum())


def mmd(ref, cur, threshold=0.015, bootstrap=False, quantile=0.05, pcaComponents=None):
    if pcaComponents:
        ref, cur = pca(ref, cur, pcaComponents)
    m, n = len(ref), len(cur)
    d = pairwise_distances(ref.sample(min(m, 1000), random_state=0), cur.sample(min(n, 1000), random_state=0), metric="euclidean")
    K = pairwise_kernels(np.vstack([ref, cur]), metric="rbf", gamma=1.0 / np.median(d) ** 2)
    value = mmd2u(K, m, n)
    if not bootstrap:
        return max(value, 0), threshold, bool(value > threshold)
    dx = pairwise_distances(ref.sample(min(m, 1000), random_state=0), metric="euclidean")
    Kx = pairwise_kernels(ref, metric="rbf", gamma=1.0 / np.median(dx) ** 2)
    xs, ys = max(int(m * m / (m + n)), 1), max(int(m * n / (m + n)), 1)
    res = []
    for i in range(100):
        np.random.seed(i)
        a = np.random.choice(m, xs)
        b = np.random.choice(m, ys)
        kx, ky, kxy = Kx[np.ix_(a, a)], Kx[np.ix_(b, b)], Kx[np.ix_(a, b)]
        res.append(1.0 / (xs * (xs - 1.0)) * (kx.sum() - kx.diagonal().sum())
                   + 1.0 / (ys * (ys - 1.0)) * (ky.sum() - ky.diagonal().sum()) - 2.0 / (xs * ys) * kxy.sum())
    cut = np.percentile(res, 100 * quantile)
    return max(value, 0), cut, bool(value > cut)


def model(ref, cur, threshold=0.55, bootstrap=False, quantile=0.95, pcaComponents=None):
    if pcaComponents:
        ref, cur = pca(ref, cur, pcaComponents)
    ref, cur = ref.copy(), cur.copy()
    ref["target"] = 1
    cur["target"] = 0
    data = pd.concat((ref, cur))
    x_train, x_test, y_train, y_test = train_test_split(data.drop("target", axis=1), data["target"], test_size=0.5,
                                                        random_state=42, shuffle=True)
    clf = SGDClassifier(loss="log_loss", random_state=42).fit(x_train, y_train)
    auc = roc_auc_score(y_test, clf.predict_proba(x_test)[:, 1])
    if not bootstrap:
        return auc, threshold, bool(auc > threshold)
    res = []
    for i in range(100):
        np.random.seed(i)
        res.append(roc_auc_score(y_test, np.random.rand(len(y_test))))
    cut = np.percentile(res, 100 * quantile)
    return auc, cut, bool(auc > cut)


rng = np.random.default_rng(20261207)


def frame(a):
    return pd.DataFrame(np.round(a, 6))


datasets = {}
# A shift in 3 of 8 dimensions, unequal sizes.
datasets["shift8"] = (frame(rng.normal(0, 1, (200, 8))), frame(rng.normal(0, 1, (150, 8)) + np.r_[0.4, 0.3, 0.25, np.zeros(5)]))
# Same distribution, correlated dimensions.
cov = np.eye(6) + 0.5
datasets["same6"] = (frame(rng.multivariate_normal(np.zeros(6), cov, 240)), frame(rng.multivariate_normal(np.zeros(6), cov, 260)))
# Over 1000 rows: MMD's median comes from pandas samples of 1000 rows.
datasets["big5"] = (frame(rng.normal(0, 1, (1200, 5))), frame(rng.normal(0, 1.1, (1100, 5)) + 0.05))
# Positive, embedding-like vectors (cosine is meaningful), for PCA to 3 of 12 (sklearn's covariance_eigh solver).
base = rng.normal(0, 1, (12, 12))
datasets["pca12"] = (frame(np.abs(rng.normal(0, 1, (400, 12)) @ base) * 0.1), frame(np.abs(rng.normal(0.15, 1, (300, 12)) @ base) * 0.1))

cases = []
def add(name, ds, fn, spec):
    params = {k: v for k, v in spec.items() if k != "method"}
    score, cut, drifted = fn(*[d.copy() for d in datasets[ds]], **params)
    cases.append({"name": name, "dataset": ds, "spec": spec, "statistic": float(score), "threshold": float(cut), "drifted": drifted})


for ds in datasets:
    for metric in DIST:
        add(f"distance {metric}", ds, distance, {"method": "distance", "metric": metric})
    add("distance euclidean bootstrap", ds, distance, {"method": "distance", "bootstrap": True})
    add("distance cosine bootstrap q0.9", ds, distance, {"method": "distance", "metric": "cosine", "bootstrap": True, "quantile": 0.9})
    add("ratio default", ds, ratio, {"method": "ratio"})
    add("ratio ks 0.05", ds, ratio, {"method": "ratio", "component": "ks", "componentThreshold": 0.05})
    add("mmd default", ds, mmd, {"method": "mmd"})
    add("mmd bootstrap", ds, mmd, {"method": "mmd", "bootstrap": True})
    add("model default", ds, model, {"method": "model"})
    add("model bootstrap", ds, model, {"method": "model", "bootstrap": True})
add("ratio pca 3", "pca12", ratio, {"method": "ratio", "pcaComponents": 3})
add("ratio ks pca 3", "pca12", ratio, {"method": "ratio", "component": "ks", "componentThreshold": 0.05, "pcaComponents": 3})
add("distance euclidean pca 3", "pca12", distance, {"method": "distance", "pcaComponents": 3})
add("distance chebyshev pca 3", "pca12", distance, {"method": "distance", "metric": "chebyshev", "pcaComponents": 3})
add("mmd pca 3", "pca12", mmd, {"method": "mmd", "pcaComponents": 3})

with open(OUT, "w") as f:
    json.dump({
        "generator": "packages/drift/scripts/reference/gen_embedding.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "pandas": pd.__version__, "sklearn": sklearn.__version__},
        "datasets": {k: {"dim": r.shape[1], "reference": r.to_numpy().ravel().tolist(), "current": c.to_numpy().ravel().tolist()}
                     for k, (r, c) in datasets.items()},
        "cases": cases,
    }, f)
    f.write("\n")
print(len(cases), "cases")
for c in cases:
    print(c["dataset"], c["name"], round(c["statistic"], 6), round(c["threshold"], 6), c["drifted"])
