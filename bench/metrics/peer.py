"""scikit-learn side of the metrics workload: loads the same arrays, times each metric in process
(median of --reps runs after one untimed first run, which is reported too) and prints one JSON document.

    python bench/metrics/peer.py --data DIR [--reps N]
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.metrics import f1_score, log_loss, roc_auc_score

p = argparse.ArgumentParser()
p.add_argument("--data", default="bench/.data")
p.add_argument("--reps", type=int, default=5)
a = p.parse_args()

y_true = np.fromfile(os.path.join(a.data, "metrics-y_true.i32"), dtype="<i4")
y_pred = np.fromfile(os.path.join(a.data, "metrics-y_pred.i32"), dtype="<i4")
scores = np.fromfile(os.path.join(a.data, "metrics-scores.f64"), dtype="<f8")

CALLS = {
    "f1": lambda: f1_score(y_true, y_pred),
    "roc_auc": lambda: roc_auc_score(y_true, scores),
    "log_loss": lambda: log_loss(y_true, scores, labels=[0, 1]),
}
out = {"side": "sklearn", "python": sys.version.split()[0], "sklearn": sklearn.__version__, "numpy": np.__version__,
       "rows": int(len(y_true)), "reps": a.reps, "metrics": {}}
for name, call in CALLS.items():
    t = time.perf_counter()
    value = float(call())
    first = (time.perf_counter() - t) * 1e3
    times = []
    for _ in range(a.reps):
        t = time.perf_counter()
        value = float(call())
        times.append((time.perf_counter() - t) * 1e3)
    times.sort()
    out["metrics"][name] = {"value": value, "firstMs": first, "medianMs": times[len(times) // 2], "timesMs": times}
print(json.dumps(out))
