"""Peer of bench/embedding/run.mjs: Evidently 0.7's embedding drift formulas on numpy / scipy / scikit-learn.

    python peer.py REF.f64 CUR.f64 ROWS DIM METHODS
Reads the two row-major float64 files, runs each method once and prints JSON {methods: {name: {seconds,
statistic, threshold, drifted}}}. As Evidently: distance between mean vectors (euclidean, threshold 0.2) and
its bootstrap (np.random.seed(i), choice with replacement, 95th percentile); ratio of components drifting by
normed Wasserstein >= 0.1 (threshold 0.2); MMD^2_u with gamma = 1 / median^2 of distances between the
first-1000-of-a-RandomState(0)-permutation rows of each side (pandas' sample(1000, random_state=0)), threshold
0.015 -- Evidently forms the (m+n)^2 kernel matrix (3.2 GB here), this peer sums it in blocks of 2000 rows with
the same formula; model: SGDClassifier(log_loss, random_state=42) on a 50/50 train_test_split(random_state=42),
ROC AUC, threshold 0.55.
"""
import json
import sys
import time

import numpy as np
from scipy.spatial.distance import euclidean
from scipy.stats import wasserstein_distance
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import pairwise_distances, roc_auc_score
from sklearn.metrics.pairwise import euclidean_distances
from sklearn.model_selection import train_test_split

ref_path, cur_path, rows, dim, methods = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5].split(",")
x = np.fromfile(ref_path, dtype=np.float64).reshape(rows, dim)
y = np.fromfile(cur_path, dtype=np.float64).reshape(rows, dim)


def distance():
    s = euclidean(x.mean(axis=0), y.mean(axis=0))
    return s, 0.2, s > 0.2


def distance_bootstrap():
    s = euclidean(x.mean(axis=0), y.mean(axis=0))
    m, n = len(x), len(y)
    res = []
    for i in range(100):
        np.random.seed(i)
        a = np.random.choice(m, int(m * m / (m + n)))
        b = np.random.choice(m, int(n * m / (m + n)))
        res.append(euclidean(x[a].mean(axis=0), x[b].mean(axis=0)))
    cut = np.percentile(res, 95)
    return s, cut, s > cut


def ratio():
    drifted = sum(wasserstein_distance(x[:, k], y[:, k]) / max(np.std(x[:, k]), 0.001) >= 0.1 for k in range(dim))
    share = drifted / dim
    return share, 0.2, share > 0.2


def kernel_sum(a, b, gamma, same):
    total = 0.0
    for i in range(0, len(a), 2000):
        d = euclidean_distances(a[i:i + 2000], b, squared=True)
        if same:
            d[np.arange(d.shape[0]), np.arange(i, i + d.shape[0])] = 0.0
        total += np.exp(-gamma * d).sum()
    return total


def mmd():
    m, n = len(x), len(y)
    xs = x[np.random.RandomState(0).permutation(m)[:min(m, 1000)]]
    ys = y[np.random.RandomState(0).permutation(n)[:min(n, 1000)]]
    gamma = 1.0 / np.median(pairwise_distances(xs, ys, metric="euclidean")) ** 2
    kxx = kernel_sum(x, x, gamma, True) - m
    kyy = kernel_sum(y, y, gamma, True) - n
    kxy = kernel_sum(x, y, gamma, False)
    v = kxx / (m * (m - 1.0)) + kyy / (n * (n - 1.0)) - 2.0 / (m * n) * kxy
    return max(v, 0), 0.015, v > 0.015


def model():
    data = np.vstack([x, y])
    target = np.r_[np.ones(len(x)), np.zeros(len(y))]
    x_train, x_test, y_train, y_test = train_test_split(data, target, test_size=0.5, random_state=42, shuffle=True)
    clf = SGDClassifier(loss="log_loss", random_state=42).fit(x_train, y_train)
    auc = roc_auc_score(y_test, clf.predict_proba(x_test)[:, 1])
    return auc, 0.55, auc > 0.55


fns = {"distance": distance, "distance-bootstrap": distance_bootstrap, "ratio": ratio, "mmd": mmd, "model": model}
out = {}
for name in methods:
    t0 = time.perf_counter()
    s, t, d = fns[name]()
    out[name] = {"seconds": time.perf_counter() - t0, "statistic": float(s), "threshold": float(t), "drifted": bool(d)}
print(json.dumps({"numpy": np.__version__, "methods": out}))
