"""Reference values for the sagemaker-endpoint evaluator's end-to-end test, from scikit-learn.

Usage (from the repository root, in a venv with scikit-learn):
    python3 -m venv /tmp/venv-smeval && /tmp/venv-smeval/bin/pip install scikit-learn
    /tmp/venv-smeval/bin/python packages/plugin-aws-sagemaker/scripts/reference/gen_endpoint_evaluator.py

Writes packages/plugin-aws-sagemaker/src/evaluate/__fixtures__/endpoint-evaluator-reference.json.
Deterministic: inputs come from numpy's PCG64 with a fixed seed, rounded to 4 decimals; re-running
gives a byte-identical file.

A three-class holdout (`tier`: bronze, gold, silver; an `id` column the model must not see; a text
column with a comma, to check quoting) and the per-class probabilities two models give for it, in
the column order of the model's label encoder (`modelClasses`: gold, silver, bronze, not sorted).
The champion separates the classes weakly, the challenger well. For each model, scikit-learn's
metrics on the holdout labels with the probabilities (labels passed as class names, columns
reordered to sorted class order as scikit-learn's `labels=` requires):
- roc_auc: roc_auc_score(multi_class="ovr", average="macro"); roc_auc:weighted the same, "weighted";
- log_loss: log_loss(labels=sorted classes);
- accuracy: accuracy_score of the argmax class (the first column on ties, as predict does).
"""
import json
import os

import numpy as np
import sklearn
from sklearn import metrics as M

HERE = os.path.dirname(os.path.abspath(__file__))
PKG = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(PKG, "src", "evaluate", "__fixtures__", "endpoint-evaluator-reference.json")

MODEL_CLASSES = ["gold", "silver", "bronze"]
SORTED = sorted(MODEL_CLASSES)
ROWS = 90


def probabilities(rng, y_model_idx, strength):
    """Rows of probabilities over MODEL_CLASSES: a Dirichlet draw boosted on the true column, 4 decimals, summing to 1."""
    out = []
    for t in y_model_idx:
        alpha = np.ones(3)
        alpha[t] += strength
        p = rng.dirichlet(alpha)
        p = np.round(p, 4)
        # the last column takes what rounding left, so the row sums to 1 at 4 decimals
        p[2] = round(1.0 - p[0] - p[1], 4)
        if p[2] < 0:
            p[1] = round(p[1] + p[2], 4)
            p[2] = 0.0
        out.append([float(v) for v in p])
    return out


def scores(y, proba_model):
    cols = [MODEL_CLASSES.index(c) for c in SORTED]
    p = np.array(proba_model)[:, cols]
    argmax = [MODEL_CLASSES[int(np.argmax(row))] for row in proba_model]
    return {
        "roc_auc": float(M.roc_auc_score(y, p, multi_class="ovr", average="macro", labels=SORTED)),
        "roc_auc:weighted": float(M.roc_auc_score(y, p, multi_class="ovr", average="weighted", labels=SORTED)),
        "log_loss": float(M.log_loss(y, p, labels=SORTED)),
        "accuracy": float(M.accuracy_score(y, argmax)),
    }


def main():
    rng = np.random.Generator(np.random.PCG64(20261207))
    y_idx = rng.integers(0, 3, ROWS)
    y = [MODEL_CLASSES[i] for i in y_idx]
    rows = []
    for i in range(ROWS):
        rows.append(
            {
                "id": 5000 + i,
                "x1": float(np.round(rng.normal(y_idx[i], 1.0), 3)),
                "x2": float(np.round(rng.normal(-y_idx[i], 1.0), 3)),
                "note": f"batch {i % 4}, lot {i % 7}",
                "tier": y[i],
            }
        )
    champion = probabilities(rng, y_idx, 0.6)
    challenger = probabilities(rng, y_idx, 4.0)
    data = {
        "generator": "packages/plugin-aws-sagemaker/scripts/reference/gen_endpoint_evaluator.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "modelClasses": MODEL_CLASSES,
        "columns": ["id", "x1", "x2", "note", "tier"],
        "target": "tier",
        "rows": rows,
        "champion": {"probabilities": champion, "expected": scores(y, champion)},
        "challenger": {"probabilities": challenger, "expected": scores(y, challenger)},
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print(OUT, {k: data[k]["expected"] for k in ("champion", "challenger")})


if __name__ == "__main__":
    main()
