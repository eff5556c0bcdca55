"""Writes src/text/__fixtures__/text_content.json: Evidently 0.7's text content drift
(evidently.legacy.utils.data_drift_utils.calculate_text_drift_score and get_typical_words) rebuilt with
the same scikit-learn calls: train_test_split(test_size=0.5, random_state=42, shuffle=True) of
reference (target 0) + current (target 1), Pipeline(TfidfVectorizer(sublinear_tf=True, max_df=0.5,
stop_words="english"), SGDClassifier(alpha=0.0001, max_iter=50, penalty="l1", loss="modified_huber",
random_state=42)), roc_auc_score on the test half, and the bootstrap cut-off
roc_auc_random_classifier_percentile (np.random.seed(42); randint(0, 10000, 1000) seeds; rand per seed;
np.percentile at 95). Texts are drawn from word pools by numpy's default_rng.

Run: /tmp/venv/bin/python scripts/reference/gen_text_content.py (scikit-learn in a venv).
"""
import json
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "src", "text", "__fixtures__", "text_content.json")

COMMON = "customer order delivery package service account payment refund support issue request team".split()
TOPIC_A = "late delayed shipping courier tracking warehouse parcel box damaged arrived".split()
TOPIC_B = "password login reset twofactor browser crash update app screen error".split()


def docs(rng, n, pools, weights):
    out = []
    for _ in range(n):
        k = rng.integers(6, 14)
        words = []
        for _ in range(k):
            pool = pools[rng.choice(len(pools), p=weights)]
            words.append(pool[rng.integers(len(pool))])
        out.append(" ".join(words).capitalize() + ".")
    return out


def evidently(reference, current):
    data = pd.concat([pd.DataFrame({"text": reference, "target": 0}), pd.DataFrame({"text": current, "target": 1})])
    X_train, X_test, y_train, y_test = train_test_split(data["text"], data["target"], test_size=0.5, random_state=42, shuffle=True)
    pipe = Pipeline([
        ("vectorization", TfidfVectorizer(sublinear_tf=True, max_df=0.5, stop_words="english")),
        ("classification", SGDClassifier(alpha=0.0001, max_iter=50, penalty="l1", loss="modified_huber", random_state=42)),
    ])
    pipe.fit(X_train, y_train)
    auc = roc_auc_score(y_test, pipe.predict_proba(X_test)[:, 1])
    np.random.seed(42)
    seeds = np.random.randint(0, 10000, size=1000)
    randoms = []
    for s in seeds:
        np.random.seed(s)
        randoms.append(roc_auc_score(y_test, np.random.rand(len(y_test))))
    cutoff = float(np.percentile(randoms, 95))
    coef = pipe["classification"].coef_[0]
    inv = {v: k for k, v in pipe["vectorization"].vocabulary_.items()}
    order = np.argsort(-coef, kind="stable")
    cur_words = [inv[i] for i in order if coef[i] > 0][:25]
    ref_words = [inv[i] for i in np.argsort(coef, kind="stable") if coef[i] < 0][:25]
    return {"auc": float(auc), "cutoff": cutoff, "testRows": int(len(y_test)), "currentWords": cur_words, "referenceWords": ref_words}


rng = np.random.default_rng(5)
cases = []
ref = docs(rng, 300, [COMMON, TOPIC_A, TOPIC_B], [0.5, 0.25, 0.25])
cur = docs(rng, 200, [COMMON, TOPIC_A, TOPIC_B], [0.5, 0.25, 0.25])
cases.append({"name": "same topics", "reference": ref, "current": cur, "expected": evidently(ref, cur)})
ref = docs(rng, 300, [COMMON, TOPIC_A, TOPIC_B], [0.5, 0.4, 0.1])
cur = docs(rng, 200, [COMMON, TOPIC_A, TOPIC_B], [0.5, 0.1, 0.4])
cases.append({"name": "topic shift", "reference": ref, "current": cur, "expected": evidently(ref, cur)})
with open(OUT, "w") as f:
    json.dump({"generator": "scripts/reference/gen_text_content.py", "sklearn": sklearn.__version__, "cases": cases}, f)
    f.write("\n")
print("wrote", OUT, [(c["name"], round(c["expected"]["auc"], 4), round(c["expected"]["cutoff"], 4), c["expected"]["currentWords"][:5]) for c in cases])
