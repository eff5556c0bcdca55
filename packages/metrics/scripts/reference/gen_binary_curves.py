"""Reference ROC and precision-recall curves for Model Monitor's binary statistics.json, from scikit-learn.

Usage (from the repository root, with scikit-learn in a venv):
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install scikit-learn
    /tmp/venv/bin/python packages/metrics/scripts/reference/gen_binary_curves.py

Writes packages/metrics/src/modelMonitor/__fixtures__/binaryCurves.json. Deterministic (numpy's
PCG64 with fixed seeds; scores rounded so that ties occur): re-running gives the same file. Each
case holds its input (y_true as 0/1, the positive class 1; scores) and sklearn's
roc_curve(drop_intermediate=False) and precision_recall_curve arrays as sklearn returns them
(NaN as null); the TypeScript side lists the precision-recall points in reverse (increasing
recall), as Model Monitor's documented example does.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.metrics import precision_recall_curve, roc_curve

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "src", "modelMonitor", "__fixtures__", "binaryCurves.json"))


def arr(xs):
    return [None if np.isnan(x) else float(x) for x in xs]


def case(name, y_true, scores):
    y_true = np.asarray(y_true, dtype=int)
    scores = np.asarray(scores, dtype=float)
    fpr, tpr, _ = roc_curve(y_true, scores, pos_label=1, drop_intermediate=False)
    precision, recall, _ = precision_recall_curve(y_true, scores, pos_label=1)
    return {
        "name": name,
        "yTrue": y_true.tolist(),
        "scores": scores.tolist(),
        "fpr": arr(fpr),
        "tpr": arr(tpr),
        "precision": arr(precision),
        "recall": arr(recall),
    }


cases = []
# Model Monitor's documented example: four positives ranked above the negatives.
cases.append(case("documented-shape", [1, 1, 1, 1, 0, 0], [0.9, 0.8, 0.7, 0.6, 0.2, 0.2]))
# Ties between classes, a perfect ranking, a reversed one.
cases.append(case("ties", [1, 0, 1, 0, 1, 0, 0, 1], [0.5, 0.5, 0.7, 0.1, 0.1, 0.3, 0.7, 0.9]))
cases.append(case("reversed", [0, 0, 0, 1, 1], [0.9, 0.8, 0.7, 0.2, 0.1]))
# No negatives / no positives: sklearn's NaN rates and recall 1 throughout.
cases.append(case("all-positive", [1, 1, 1], [0.2, 0.4, 0.4]))
cases.append(case("all-negative", [0, 0, 0, 0], [0.3, 0.1, 0.3, 0.8]))
for n, seed in [(50, 1), (400, 2)]:
    r = np.random.Generator(np.random.PCG64(seed))
    y = (r.random(n) < 0.35).astype(int)
    s = np.round(np.clip(0.3 * y + r.normal(0.4, 0.2, n), 0, 1), 2)
    cases.append(case(f"random-{n}", y, s))

with open(OUT, "w") as f:
    json.dump({"generator": "packages/metrics/scripts/reference/gen_binary_curves.py", "sklearn": sklearn.__version__, "cases": cases}, f)
    f.write("\n")
print(f"wrote {OUT}: {len(cases)} cases (scikit-learn {sklearn.__version__})")
