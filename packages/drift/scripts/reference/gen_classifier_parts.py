"""Writes src/multivariate/__fixtures__/classifier_parts.json: scikit-learn's answers for the pieces of
the domain classifier (classifierDrift.ts), the method of NannyML's DomainClassifierCalculator:

- StratifiedKFold(n_splits).split(X, y) without shuffling: the test fold of each row;
- roc_auc_score(y, scores) with tied scores;
- LogisticRegression(C=1, tol=1e-12, max_iter=10000) coefficients and intercept (the objective the
  TypeScript Newton solver minimises).

Run: /tmp/venv/bin/python scripts/reference/gen_classifier_parts.py (scikit-learn in a venv).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "src", "multivariate", "__fixtures__", "classifier_parts.json")
rng = np.random.default_rng(11)

folds = []
for n, ones, splits in [(23, 7, 5), (40, 20, 5), (11, 3, 3), (100, 13, 5), (57, 44, 4)]:
    y = np.zeros(n, dtype=int)
    y[rng.choice(n, ones, replace=False)] = 1
    test = np.empty(n, dtype=int)
    for f, (_, idx) in enumerate(StratifiedKFold(n_splits=splits).split(np.zeros((n, 1)), y)):
        test[idx] = f
    folds.append({"labels": y.tolist(), "splits": splits, "folds": test.tolist()})

aucs = []
for n in [10, 50, 200]:
    y = rng.integers(0, 2, n)
    y[0], y[1] = 0, 1
    s = np.round(rng.random(n) + 0.3 * y, 1)  # rounding makes ties
    aucs.append({"labels": y.tolist(), "scores": s.tolist(), "auc": float(roc_auc_score(y, s))})

logistic = []
for n, p, shift in [(200, 3, 0.5), (500, 5, 0.2), (80, 2, 2.0)]:
    x = rng.standard_normal((n, p))
    y = (rng.random(n) < 0.5).astype(int)
    x[y == 1, 0] += shift
    x = np.round(x, 6)
    m = LogisticRegression(C=1.0, tol=1e-12, max_iter=10000).fit(x, y)
    logistic.append({"x": x.tolist(), "y": y.tolist(), "coef": m.coef_[0].tolist(), "intercept": float(m.intercept_[0])})

with open(OUT, "w") as f:
    json.dump({"generator": "scripts/reference/gen_classifier_parts.py", "sklearn": sklearn.__version__, "folds": folds, "auc": aucs, "logistic": logistic}, f)
    f.write("\n")
print("wrote", OUT)
