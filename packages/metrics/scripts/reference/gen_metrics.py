"""Reference values of @driftwatch/metrics' classification and regression metrics, from scikit-learn.

Usage (from the repository root):
    /work/venv/bin/python packages/metrics/scripts/reference/gen_metrics.py

Writes
    packages/metrics/src/classification/__fixtures__/classification.json
    packages/metrics/src/regression/__fixtures__/regression.json
Deterministic: numpy's PCG64 with fixed seeds, inputs rounded to few decimals (so ties occur and the
JSON stays small); re-running gives byte-identical files. Each case holds its input (labels as class
indices into `classes`, as the TypeScript API takes them) and, per metric spec, sklearn's value on the
same data (labels passed to sklearn as the class *names*), or null where sklearn returns NaN
(zero_division=np.nan, single-class ROC AUC, ...) with the reason the TypeScript side must give.
"""
import json
import math
import os
import warnings

import numpy as np
import sklearn
from sklearn import metrics as M

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
PKG = os.path.normpath(os.path.join(HERE, "..", ".."))
ZD = {"null": np.nan, "0": 0.0, "1": 1.0}


def num(x):
    x = float(x)
    return None if math.isnan(x) else x


def spec(name, **kw):
    return {"name": name, **kw}


# ---------------------------------------------------------------------------------------------
# classification


def specificity_ref(yt, yp, labels_present, average, zero_division):
    """TN / (TN + FP) per class from sklearn's multilabel_confusion_matrix, averaged as sklearn's
    precision_recall_fscore_support averages (micro: pooled counts; weighted: by support; NaN dropped)."""
    mcm = M.multilabel_confusion_matrix(yt, yp, labels=labels_present)
    tn = mcm[:, 0, 0].astype(float)
    fp = mcm[:, 0, 1].astype(float)
    support = (mcm[:, 1, 0] + mcm[:, 1, 1]).astype(float)
    if average == "micro":
        tn, fp = np.array([tn.sum()]), np.array([fp.sum()])
    den = tn + fp
    val = np.where(den == 0, zero_division, tn / np.where(den == 0, 1, den))
    if average == "micro" or average == "binary":
        return val[0]
    mask = ~np.isnan(val)
    if not mask.any():
        return np.nan
    if average == "weighted":
        w = support[mask]
        if w.sum() == 0:
            return float(np.mean(val[mask]))
        return float(np.average(val[mask], weights=w))
    return float(np.mean(val[mask]))


def classification_case(name, classes, yt_idx, yp_idx, scores=None, proba=None, positive=None, rows=None):
    classes = list(classes)
    K = len(classes)
    yt_idx = np.asarray(yt_idx, dtype=int)
    yp_idx = np.asarray(yp_idx, dtype=int)
    case = {"name": name, "classes": classes, "yTrue": yt_idx.tolist(), "yPred": yp_idx.tolist()}
    if positive is not None:
        case["positive"] = positive
    if scores is not None:
        case["scores"] = [float(s) for s in scores]
    if proba is not None:
        case["proba"] = [float(v) for v in np.asarray(proba).ravel()]
    if rows is not None:
        case["rows"] = [int(r) for r in rows]
        sel = np.asarray(rows, dtype=int)
        yt_idx, yp_idx = yt_idx[sel], yp_idx[sel]
        scores = None if scores is None else np.asarray(scores)[sel]
        proba = None if proba is None else np.asarray(proba)[sel]
    names = np.array(classes, dtype=object)
    yt, yp = names[yt_idx], names[yp_idx]
    n = len(yt)
    exp = []

    def add(s, value, reason=None):
        e = {"spec": s, "value": num(value) if value is not None else None}
        if e["value"] is None:
            e["reason"] = reason
        exp.append(e)

    if n == 0:
        case["expected"] = exp
        return case
    labels_present = sorted(set(yt) | set(yp), key=classes.index)
    add(spec("accuracy"), M.accuracy_score(yt, yp))
    add(spec("balanced_accuracy"), M.balanced_accuracy_score(yt, yp))
    binary = K == 2
    averages = (["binary"] if binary else []) + ["micro", "macro", "weighted"]
    pos_name = classes[positive] if binary else None
    for avg in averages:
        kw = {"average": avg, "labels": None}
        if avg == "binary":
            kw["pos_label"] = pos_name
        for zd_key, zd in ZD.items():
            p, r, f, _ = M.precision_recall_fscore_support(yt, yp, beta=1.0, zero_division=zd, **kw)
            add(spec("precision", average=avg, zeroDivision=zd_key), p, "zero_division")
            add(spec("recall", average=avg, zeroDivision=zd_key), r, "zero_division")
            add(spec("f1", average=avg, zeroDivision=zd_key), f, "zero_division")
            if zd_key == "null":
                for beta in (0.5, 2.0):
                    fb = M.fbeta_score(yt, yp, beta=beta, zero_division=zd, **kw)
                    add(spec("fbeta", average=avg, beta=beta, zeroDivision=zd_key), fb, "zero_division")
            if avg == "binary":
                # specificity of the positive class = TN/(TN+FP) with the positive class as "1"
                mcm = M.multilabel_confusion_matrix(yt, yp, labels=[pos_name])[0]
                tn, fp = float(mcm[0, 0]), float(mcm[0, 1])
                sp = zd if tn + fp == 0 else tn / (tn + fp)
                add(spec("specificity", average=avg, zeroDivision=zd_key), sp, "zero_division")
            else:
                add(spec("specificity", average=avg, zeroDivision=zd_key),
                    specificity_ref(yt, yp, labels_present, avg, zd), "zero_division")
    add(spec("mcc"), M.matthews_corrcoef(yt, yp))
    add(spec("cohen_kappa"), M.cohen_kappa_score(yt, yp, replace_undefined_by=np.nan), "single_label")
    case["confusionMatrix"] = M.confusion_matrix(yt, yp, labels=classes).ravel().tolist()

    if binary and scores is not None:
        s = np.asarray(scores, dtype=float)
        ytb = (yt == pos_name).astype(int)
        if len(np.unique(ytb)) == 2:
            add(spec("roc_auc"), M.roc_auc_score(ytb, s))
        else:
            add(spec("roc_auc"), np.nan, "single_class")
        if ytb.sum() > 0:
            add(spec("average_precision"), M.average_precision_score(ytb, s))
        else:
            # sklearn returns a meaningless 0 with a warning; Driftwatch reports it as undefined
            add(spec("average_precision"), None, "no_positive_labels")
        # sklearn's binary log_loss / brier take the probability of the greater label (classes sorted)
        add(spec("log_loss"), M.log_loss(ytb, s, labels=[0, 1]))
        add(spec("brier"), M.brier_score_loss(ytb, s, pos_label=1))
    if proba is not None:
        P = np.asarray(proba, dtype=float).reshape(n, K)
        for avg in ("macro", "weighted", "micro"):
            v = M.roc_auc_score(yt, P, multi_class="ovr", average=avg, labels=np.array(classes, dtype=object))
            add(spec("roc_auc", average=avg), v, "single_class")
        add(spec("log_loss"), M.log_loss(yt, P, labels=classes))
        add(spec("brier"), M.brier_score_loss(yt, P, labels=classes))
    case["expected"] = exp
    return case


def r(x, d):
    return np.round(np.asarray(x, dtype=float), d)


def binary_cases():
    cases = []
    rng = np.random.default_rng(20251127)
    cl = ["0", "1"]

    def from_scores(n, prevalence, dec, sep=1.0, thr=0.5):
        yt = (rng.random(n) < prevalence).astype(int)
        logit = rng.normal(0, 1, n) + sep * (2 * yt - 1)
        s = r(1 / (1 + np.exp(-logit)), dec)
        yp = (s >= thr).astype(int)
        return yt, yp, s

    for n, prev, dec in [(50, 0.5, 2), (300, 0.1, 3), (2000, 0.4, 6), (1000, 0.03, 4), (6000, 0.3, 3)]:
        yt, yp, s = from_scores(n, prev, dec)
        cases.append(classification_case(f"binary random n={n} prevalence={prev} scores {dec} decimals", cl, yt, yp, s, positive=1))
    yt = (rng.random(200) < 0.5).astype(int)
    s = r(np.clip(0.5 + 0.25 * (2 * yt - 1) + rng.normal(0, 0.3, 200), 0, 1) * 4, 0) / 4  # five distinct scores
    cases.append(classification_case("binary heavy ties (5 score values)", cl, yt, (s >= 0.5).astype(int), s, positive=1))
    yt = (rng.random(100) < 0.4).astype(int)
    cases.append(classification_case("binary perfect predictions, scores exactly 0/1", cl, yt, yt, yt.astype(float), positive=1))
    cases.append(classification_case("binary worst predictions, scores exactly 1/0", cl, yt, 1 - yt, 1.0 - yt, positive=1))
    yt2, yp2, s2 = from_scores(120, 0.35, 3)
    cases.append(classification_case("binary string labels no/yes, positive yes", ["no", "yes"], yt2, yp2, s2, positive=1))
    # positive = class index 0: sklearn's probability column is then 1 - score of "ham"... so pass the score of "ham"
    yt3, yp3, s3 = from_scores(150, 0.3, 3)
    cases.append(classification_case("binary string labels ham/spam, positive ham (index 0)", ["ham", "spam"], 1 - yt3, 1 - yp3, s3, positive=0))
    yt = np.zeros(40, dtype=int)
    yp = (rng.random(40) < 0.2).astype(int)
    cases.append(classification_case("binary single class in y_true (all negative)", cl, yt, yp, r(rng.random(40), 2), positive=1))
    yt = np.ones(30, dtype=int)
    cases.append(classification_case("binary single class in y_true (all positive)", cl, yt, (rng.random(30) < 0.7).astype(int), r(rng.random(30), 2), positive=1))
    yt = (rng.random(60) < 0.3).astype(int)
    cases.append(classification_case("binary no predicted positives", cl, yt, np.zeros(60, dtype=int), r(rng.random(60) * 0.4, 2), positive=1))
    cases.append(classification_case("binary all-zero y_true and y_pred", cl, np.zeros(10, dtype=int), np.zeros(10, dtype=int), r(rng.random(10), 1), positive=1))
    cases.append(classification_case("binary constant scores", cl, yt, np.ones(60, dtype=int), np.full(60, 0.5), positive=1))
    cases.append(classification_case("binary one row", cl, [1], [0], [0.3], positive=1))
    cases.append(classification_case("binary two rows", cl, [1, 0], [1, 1], [0.8, 0.8], positive=1))
    yt, yp, s = from_scores(500, 0.2, 2)
    idx = rng.integers(0, 500, 300)
    cases.append(classification_case("binary row subset with repeats (bootstrap-like)", cl, yt, yp, s, positive=1, rows=idx))
    return cases


def multiclass_cases():
    cases = []
    rng = np.random.default_rng(7)

    def sample(n, K, dec, conc=1.0, weights=None):
        w = np.ones(K) / K if weights is None else np.asarray(weights)
        yt = rng.choice(K, size=n, p=w)
        logits = rng.normal(0, 1, (n, K))
        logits[np.arange(n), yt] += 1.5 * conc
        P = np.exp(logits)
        P /= P.sum(axis=1, keepdims=True)
        P = r(P, dec)
        # rows sum to 1 within rounding: the last column takes the rest, any deficit comes off the largest
        for i in range(n):
            rest = r(1 - P[i, :-1].sum(), dec)
            if rest < 0:
                j = int(np.argmax(P[i, :-1]))
                P[i, j] = r(P[i, j] + rest, dec)
                rest = 0.0
            P[i, -1] = rest
        assert np.allclose(1, P.sum(axis=1)) and P.min() >= 0
        yp = P.argmax(axis=1)
        return yt, yp, P

    for n, K, dec in [(60, 3, 2), (400, 4, 3), (1500, 5, 4)]:
        yt, yp, P = sample(n, K, dec)
        cases.append(classification_case(f"multiclass random n={n} K={K}", [f"c{k}" for k in range(K)], yt, yp, proba=P))
    yt, yp, P = sample(300, 3, 3, weights=[0.85, 0.1, 0.05])
    cases.append(classification_case("multiclass imbalanced string labels", ["bird", "cat", "dog"], yt, yp, proba=P))
    yt, yp, P = sample(80, 4, 2)
    yt = np.where(yt == 3, 0, yt)
    yp = np.where(yp == 3, 1, yp)
    cases.append(classification_case("multiclass class 3 absent from y_true and y_pred", ["a", "b", "c", "d"], yt, yp, proba=P))
    yt, yp, P = sample(80, 3, 2)
    yp2 = np.where(yp == 2, 0, yp)
    yt2 = np.where(yt == 2, 1, yt)
    yp2[:5] = 2  # class 2 only predicted
    cases.append(classification_case("multiclass class only predicted, never true", ["x", "y", "z"], yt2, yp2, proba=P))
    yt = rng.choice(3, size=50)
    P = np.zeros((50, 3))
    P[np.arange(50), yt] = 1.0
    cases.append(classification_case("multiclass perfect, probabilities exactly 0/1", ["p", "q", "r"], yt, yt, proba=P))
    yt, yp, P = sample(400, 4, 3)
    idx = rng.integers(0, 400, 250)
    cases.append(classification_case("multiclass row subset with repeats", [f"k{k}" for k in range(4)], yt, yp, proba=P, rows=idx))
    return cases


# ---------------------------------------------------------------------------------------------
# regression

REG_FUNCS = {
    "mae": M.mean_absolute_error,
    "mse": M.mean_squared_error,
    "rmse": M.root_mean_squared_error,
    "mape": M.mean_absolute_percentage_error,
    "median_ae": M.median_absolute_error,
    "r2": M.r2_score,
    "explained_variance": M.explained_variance_score,
    "max_error": M.max_error,
}


def regression_case(name, yt, yp, rows=None):
    yt = np.asarray(yt, dtype=float)
    yp = np.asarray(yp, dtype=float)
    case = {"name": name, "yTrue": yt.tolist(), "yPred": yp.tolist()}
    if rows is not None:
        case["rows"] = [int(i) for i in rows]
        yt, yp = yt[np.asarray(rows)], yp[np.asarray(rows)]
    exp = []
    for key, fn in REG_FUNCS.items():
        v = num(fn(yt, yp))
        e = {"spec": spec(key), "value": v}
        if v is None:
            e["reason"] = "too_few_rows"
        exp.append(e)
    for key in ("r2", "explained_variance"):
        fn = REG_FUNCS[key]
        v = num(fn(yt, yp, force_finite=False))
        e = {"spec": spec(key, forceFinite=False), "value": v}
        if v is None:
            # sklearn: NaN (0/0) or -inf (x/0) without force_finite
            e["reason"] = "too_few_rows" if len(yt) < 2 and key == "r2" else "constant_y_true"
        elif math.isinf(v):
            e["value"] = None
            e["reason"] = "constant_y_true"
        exp.append(e)
    case["expected"] = exp
    return case


def regression_cases():
    rng = np.random.default_rng(99)
    cases = []
    for n, dec in [(10, 3), (101, 4), (1000, 6), (5000, 2)]:
        yt = r(rng.normal(50, 20, n), dec)
        yp = r(yt + rng.normal(2, 8, n), dec)
        cases.append(regression_case(f"regression random n={n}", yt, yp))
    yt = r(rng.normal(0, 1, 64), 3)
    yt[::5] = 0.0
    cases.append(regression_case("regression zeros in y_true (MAPE uses eps)", yt, r(yt + rng.normal(0, 0.5, 64), 3)))
    cases.append(regression_case("regression constant y_true, perfect predictions", np.full(20, 3.5), np.full(20, 3.5)))
    cases.append(regression_case("regression constant y_true, imperfect predictions", np.full(20, 3.5), r(3.5 + rng.normal(0, 1, 20), 3)))
    cases.append(regression_case("regression one row", [2.0], [1.5]))
    cases.append(regression_case("regression even n (median of two middles)", r(rng.exponential(5, 12), 2), r(rng.exponential(5, 12), 2)))
    yt = r(rng.lognormal(10, 1.5, 300), 1)
    cases.append(regression_case("regression large heavy-tailed values", yt, r(yt * rng.lognormal(0, 0.2, 300), 1)))
    yt = r(rng.normal(0, 1, 200), 4)
    cases.append(regression_case("regression worse than the mean (negative R2)", yt, r(-yt + rng.normal(0, 1, 200), 4)))
    yt = r(rng.normal(0, 1, 300), 3)
    yp = r(yt + rng.normal(0, 0.3, 300), 3)
    cases.append(regression_case("regression row subset with repeats", yt, yp, rows=rng.integers(0, 300, 150)))
    return cases


def write(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"), allow_nan=False)
        f.write("\n")


def main():
    meta = {"generator": "packages/metrics/scripts/reference/gen_metrics.py", "sklearn": sklearn.__version__, "numpy": np.__version__}
    write(os.path.join(PKG, "src", "classification", "__fixtures__", "classification.json"),
          {**meta, "cases": binary_cases() + multiclass_cases()})
    write(os.path.join(PKG, "src", "regression", "__fixtures__", "regression.json"), {**meta, "cases": regression_cases()})


if __name__ == "__main__":
    main()
