"""Peer of the pca workload: NannyML's DataReconstructionDriftCalculator pipeline on W1's numeric
columns with pandas + scikit-learn (SimpleImputer(mean), StandardScaler, PCA(0.65, random_state=16),
row norms of the reconstruction residual, chunk means, mean +- 3 std of the reference chunks).
Prints one JSON line: times (read excluded from the pipeline's), values, thresholds.

usage: python peer.py REFERENCE.csv CURRENT.csv CHUNK_ROWS COLUMN[,COLUMN...]
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn.decomposition import PCA
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler

ref_path, cur_path, size, cols = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split(",")
t0 = time.perf_counter()
ref = pd.read_csv(ref_path, usecols=cols)[cols].to_numpy(dtype=float)
cur = pd.read_csv(cur_path, usecols=cols)[cols].to_numpy(dtype=float)
t1 = time.perf_counter()
imp = SimpleImputer(strategy="mean").fit(ref)
scaler = StandardScaler().fit(imp.transform(ref))
pca = PCA(n_components=0.65, random_state=16).fit(scaler.transform(imp.transform(ref)))


def value(x):
    z = scaler.transform(imp.transform(x))
    return float(np.mean(np.linalg.norm(z - pca.inverse_transform(pca.transform(z)), axis=1)))


ref_values = [value(ref[i : i + size]) for i in range(0, len(ref), size)]
mean, std = float(np.nanmean(ref_values)), float(np.nanstd(ref_values))
values = [value(cur[i : i + size]) for i in range(0, len(cur), size)]
t2 = time.perf_counter()
print(json.dumps({"read_s": t1 - t0, "pipeline_s": t2 - t1, "components": int(pca.n_components_), "reference": ref_values,
                  "lower": mean - 3 * std, "upper": mean + 3 * std, "values": values}))
