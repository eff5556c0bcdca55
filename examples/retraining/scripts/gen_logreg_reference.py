"""Writes the scikit-learn reference for the retraining example's logistic regression.

Generates a small mixed table (numeric columns with missing values, categorical columns with
quoted values, commas, quotes and line breaks, an identifier, timestamps, a constant column),
fits scikit-learn's LogisticRegression (C = 1 / L2; lbfgs with a tiny tolerance, and
newton-cholesky, which converges further) on the design
train.mjs builds (SimpleImputer(mean) + StandardScaler on numeric columns; OneHotEncoder over
the sorted non-empty values with unknown and missing values all zeros), and writes:

  __fixtures__/logreg-train.csv      the training table (CRLF line ends, quoted where needed)
  __fixtures__/logreg-score.csv      rows to score: other column order, no target, an unseen category
  __fixtures__/logreg-reference.json means, stds, coefficients, intercepts and probabilities

Run from the repository root:  /work/venv/bin/python examples/retraining/scripts/gen_logreg_reference.py
"""

import csv
import json
from pathlib import Path

import numpy as np
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

OUT = Path(__file__).resolve().parent.parent / "__fixtures__"
SEED = 20260105
L2_VALUES = [1.0, 10.0]
NUMERIC = ["age", "balance", "visits", "version"]
CATEGORICAL = ["segment", "channel"]
SEGMENTS = ["small, private", 'large "enterprise"', "mid\nmarket"]
CHANNELS = ["web", "store", "phone"]


def make_rows(rng, n, with_label, unseen_channel=False):
    age = np.round(rng.normal(41, 12, n), 1)
    balance = np.round(rng.lognormal(7, 1.1, n), 2)
    visits = rng.poisson(3.0, n)
    segment = rng.choice(SEGMENTS, n, p=[0.5, 0.2, 0.3])
    channel = rng.choice(CHANNELS + ["kiosk"] if unseen_channel else CHANNELS, n)
    logit = -0.8 + 0.03 * (age - 41) - 0.0002 * (balance - 1500) + 0.35 * (visits - 3)
    logit += np.where(segment == "small, private", 0.6, 0.0) + np.where(channel == "phone", -0.7, 0.0)
    label = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    rows = []
    for i in range(n):
        rows.append(
            {
                "row_id": f"R{i:05d}",
                "created_at": f"2026-02-{1 + i % 28:02d}T{i % 24:02d}:15:00Z",
                "signup_date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "age": "" if rng.random() < 0.05 else repr(float(age[i])),
                "balance": "" if rng.random() < 0.05 else f"{balance[i]:.2f}",
                "visits": str(int(visits[i])),
                "version": "3",
                "segment": str(segment[i]),
                "channel": "" if rng.random() < 0.04 else str(channel[i]),
                "label": str(int(label[i])),
            }
        )
    if not with_label:
        for row in rows:
            del row["label"]
    return rows


def write_csv(path, columns, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row[c] for c in columns])


def frame(rows):
    numeric = np.array([[float(r[c]) if r[c] != "" else np.nan for c in NUMERIC] for r in rows])
    categorical = np.array([[r[c] for c in CATEGORICAL] for r in rows], dtype=object)
    return numeric, categorical


def main():
    rng = np.random.default_rng(SEED)
    train = make_rows(rng, 600, with_label=True)
    score = make_rows(rng, 60, with_label=False, unseen_channel=True)
    train_columns = ["row_id", "created_at", "signup_date", "age", "balance", "visits", "version", "segment", "channel", "label"]
    score_columns = ["channel", "visits", "segment", "balance", "row_id", "age", "version"]
    OUT.mkdir(parents=True, exist_ok=True)
    write_csv(OUT / "logreg-train.csv", train_columns, train)
    write_csv(OUT / "logreg-score.csv", score_columns, score)

    num_train, cat_train = frame(train)
    num_score, cat_score = frame(score)
    y = np.array([int(r["label"]) for r in train])
    categories = [sorted({v for v in cat_train[:, j] if v != ""}) for j in range(len(CATEGORICAL))]
    x_train = np.hstack([num_train, cat_train])
    x_score = np.hstack([num_score, cat_score])
    design = ColumnTransformer(
        [
            ("num", make_pipeline(SimpleImputer(strategy="mean"), StandardScaler()), list(range(len(NUMERIC)))),
            ("cat", OneHotEncoder(categories=categories, handle_unknown="ignore"), list(range(len(NUMERIC), len(NUMERIC) + len(CATEGORICAL)))),
        ],
        sparse_threshold=0,
    )
    terms = NUMERIC + [f"{name}={c}" for name, cats in zip(CATEGORICAL, categories) for c in cats]

    cases = []
    for l2 in L2_VALUES:
        model = Pipeline(
            [("design", design), ("logreg", LogisticRegression(C=1 / l2, solver="lbfgs", tol=1e-14, max_iter=100_000))]
        )
        model.fit(x_train.astype(object), y)
        lr = model.named_steps["logreg"]
        # lbfgs stops near 1e-7 (its ftol); scikit-learn's own Newton solver converges to rounding
        # error. Both are kept: the test compares with lbfgs within 1e-6 and with newton-cholesky
        # within 1e-8.
        exact = LogisticRegression(C=1 / l2, solver="newton-cholesky", tol=1e-14, max_iter=1000).fit(
            model.named_steps["design"].transform(x_train.astype(object)), y
        )
        gap = max(np.max(np.abs(exact.coef_ - lr.coef_)), abs(exact.intercept_[0] - lr.intercept_[0]))
        assert gap < 1e-6, f"lbfgs and newton-cholesky disagree by {gap}"
        scaler = model.named_steps["design"].named_transformers_["num"].named_steps["standardscaler"]
        cases.append(
            {
                "l2": l2,
                "terms": terms,
                "means": scaler.mean_.tolist(),
                "stds": scaler.scale_.tolist(),
                "coefficients": exact.coef_[0].tolist(),
                "intercept": float(exact.intercept_[0]),
                "lbfgsCoefficients": lr.coef_[0].tolist(),
                "lbfgsIntercept": float(lr.intercept_[0]),
                "scoreProba": exact.predict_proba(model.named_steps["design"].transform(x_score.astype(object)))[:, 1].tolist(),
                "lbfgsVsNewtonCholesky": float(gap),
            }
        )

    reference = {
        "generator": "examples/retraining/scripts/gen_logreg_reference.py",
        "sklearn": sklearn.__version__,
        "target": "label",
        "trainCsv": "logreg-train.csv",
        "scoreCsv": "logreg-score.csv",
        "ignored": ["row_id", "created_at", "signup_date"],
        "cases": cases,
    }
    (OUT / "logreg-reference.json").write_text(json.dumps(reference, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT / 'logreg-reference.json'} ({len(cases)} cases, sklearn {sklearn.__version__})")


if __name__ == "__main__":
    main()
