"""Writes src/estimation/__fixtures__/estimation.json: scikit-learn / numpy answers for the label-free
performance estimation (CBPE) in src/estimation.

References:
- isotonic: sklearn.isotonic.IsotonicRegression(out_of_bounds='clip', increasing=True) fit / predict,
  X_thresholds_, y_thresholds_ (ties in x, near-ties within 1e-15, weights, out-of-range queries);
- realised metrics: sklearn accuracy_score, precision/recall/f1_score (binary; average='macro'),
  roc_auc_score (binary with tied scores; multi_class='ovr', average='macro'), specificity from
  confusion_matrix / multilabel_confusion_matrix as NannyML computes it;
- calibration check: a numpy twin of NannyML's `needs_calibration` (single class / AUROC > 0.999 short
  cuts, pooled held-out ECE before vs after isotonic calibration over equal-count bins), with the splits
  drawn by a Python port of src/estimation/SeededRandom.ts (core's Xoshiro128 twin) instead of sklearn's
  StratifiedShuffleSplit, so the TS code can be compared number for number;
- CBPE: numpy twins of NannyML's estimate_* formulas on sklearn-calibrated probabilities (ROC AUC with
  tied raw scores as one step), and of the influence-function sampling errors that
  src/estimation/samplingError.ts documents (NannyML's analytic components, generalised).

Run: /work/venv/bin/python scripts/reference/gen_estimation.py (numpy 2.4.6, scikit-learn 1.9.1).
"""
import json
import math
import os
import sys

import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import (
    accuracy_score,
    auc,
    confusion_matrix,
    f1_score,
    multilabel_confusion_matrix,
    precision_score,
    recall_score,
    roc_auc_score,
)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "core", "scripts", "reference"))
from xoshiro128 import Xoshiro128  # noqa: E402  the twin of core's PRNG

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "src", "estimation", "__fixtures__", "estimation.json")


# ---------------------------------------------------------------- RNG twin of SeededRandom.ts

class SeededRandom(Xoshiro128):
    """Twin of SeededRandom.ts: next_below as floor(next_double() * bound)."""

    def next_below(self, bound):
        return math.floor(self.next_double() * bound)


# ---------------------------------------------------------------- helpers

def fl(v):
    return [float(x) for x in v]


def ece(scores, targets, bins=10):
    """NannyML _get_bin_index_edges + _calculate_expected_calibration_error, stable sort."""
    n = len(scores)
    if n <= 2 * bins:
        bins = n // 2
    width = n // bins
    edges = np.asarray(range(0, n + 1, width))
    edges[-1] = n
    order = np.argsort(scores, kind="stable")
    s, t = scores[order], targets[order]
    total = 0.0
    for left, right in zip(edges[:-1], edges[1:]):
        total += (right - left) / n * abs(np.mean(s[left:right]) - np.mean(t[left:right]))
    return total


def needs_calibration(scores, targets, bins=10, splits=10, test_share=0.1, seed=42):
    n = len(scores)
    pos = int(targets.sum())
    if pos == 0 or pos == n:
        return {"needed": False, "reason": "single-class", "eceBefore": None, "eceAfter": None}
    if roc_auc_score(targets, scores) > 0.999:
        return {"needed": False, "reason": "separable", "eceBefore": None, "eceAfter": None}
    by_class = [list(np.flatnonzero(targets == 0)), list(np.flatnonzero(targets == 1))]
    held = [math.floor(test_share * len(by_class[c]) + 0.5) for c in (0, 1)]
    rng = SeededRandom(seed)
    raw, cal, tgt = [], [], []
    for _ in range(splits):
        test = []
        for c in (0, 1):
            pool = by_class[c]
            m = len(pool)
            for i in range(held[c]):
                j = i + rng.next_below(m - i)
                pool[i], pool[j] = pool[j], pool[i]
                test.append(pool[i])
                tgt.append(c)
        mask = np.ones(n, dtype=bool)
        mask[test] = False
        iso = IsotonicRegression(out_of_bounds="clip", increasing=True).fit(scores[mask], targets[mask].astype(float))
        raw.extend(scores[test])
        cal.extend(iso.predict(scores[test]))
    raw, cal, tgt = np.array(raw), np.array(cal), np.array(tgt, dtype=float)
    before, after = ece(raw, tgt, bins), ece(cal, tgt, bins)
    return {"needed": bool(before > after), "reason": "compared", "eceBefore": float(before), "eceAfter": float(after)}


# ---------------------------------------------------------------- isotonic cases

def isotonic_cases():
    rng = np.random.default_rng(20261127)
    cases = []

    def add(name, x, y, w=None, queries=None):
        iso = IsotonicRegression(out_of_bounds="clip", increasing=True)
        iso.fit(x, y, sample_weight=w)
        q = np.concatenate([x, queries if queries is not None else np.array([])])
        cases.append({
            "name": name, "x": fl(x), "y": fl(y), "weights": None if w is None else fl(w), "queries": fl(q),
            "predictions": fl(iso.predict(q)), "xThresholds": fl(iso.X_thresholds_), "yThresholds": fl(iso.y_thresholds_),
            "xMin": float(iso.X_min_), "xMax": float(iso.X_max_),
        })

    x = rng.uniform(0, 1, 400)
    add("binary targets, continuous scores", x, (rng.uniform(0, 1, 400) < x).astype(float),
        queries=np.array([-0.5, 0.0, 1.0, 1.5, 0.123456, 0.5]))
    x = np.round(rng.uniform(0, 1, 600), 2)
    add("binary targets, heavy ties in x", x, (rng.uniform(0, 1, 600) < x**2).astype(float),
        queries=np.linspace(-0.1, 1.1, 25))
    x = rng.normal(0, 2, 300)
    add("continuous targets with noise", x, np.sin(x) + x + rng.normal(0, 0.5, 300), queries=np.linspace(-8, 8, 33))
    x = np.round(rng.uniform(0, 1, 250), 1)
    add("weights and zero weights", x, rng.normal(x, 0.3), w=rng.choice([0.0, 0.5, 1.0, 3.0], 250),
        queries=np.array([0.05, 0.15, 0.95]))
    add("decreasing data pools to one value", np.arange(10, dtype=float), np.arange(10, 0, -1, dtype=float),
        queries=np.array([-1.0, 4.5, 20.0]))
    add("near-ties within 1e-15 merge", np.array([0.1, 0.1 + 5e-16, 0.2, 0.3, 0.3 + 4e-16, 0.4]),
        np.array([1.0, 0.0, 0.0, 1.0, 1.0, 0.0]), queries=np.array([0.1 + 2e-16, 0.25, 0.35]))
    add("single point", np.array([0.7]), np.array([1.0]), queries=np.array([0.0, 2.0]))
    return cases


# ---------------------------------------------------------------- realised metrics

def specificity_binary(y, p):
    tn, fp, fn, tp = confusion_matrix(y, p, labels=[0, 1]).ravel()
    return tn / (tn + fp)


def realised_cases():
    rng = np.random.default_rng(7)
    out = []
    n = 800
    s = np.round(rng.uniform(0, 1, n), 2)  # ties in scores
    y = (rng.uniform(0, 1, n) < s).astype(int)
    p = (s >= 0.45).astype(int)
    out.append({
        "name": "binary with tied scores", "nClasses": 2, "scores": fl(s), "yTrue": [int(v) for v in y], "yPred": [int(v) for v in p],
        "expected": {
            "accuracy": accuracy_score(y, p), "precision": precision_score(y, p), "recall": recall_score(y, p),
            "f1": f1_score(y, p), "specificity": specificity_binary(y, p), "roc_auc": roc_auc_score(y, s),
        },
    })
    k = 3
    logits = rng.normal(0, 1.5, (n, k))
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    y = np.array([rng.choice(k, p=row) for row in probs])
    p = probs.argmax(axis=1)
    mcm = multilabel_confusion_matrix(y, p, labels=list(range(k)))
    out.append({
        "name": "three classes", "nClasses": k, "scores": fl(probs.ravel()), "yTrue": [int(v) for v in y], "yPred": [int(v) for v in p],
        "expected": {
            "accuracy": accuracy_score(y, p), "precision": precision_score(y, p, average="macro"),
            "recall": recall_score(y, p, average="macro"), "f1": f1_score(y, p, average="macro"),
            "specificity": float(np.mean(mcm[:, 0, 0] / (mcm[:, 0, 0] + mcm[:, 0, 1]))),
            "roc_auc": roc_auc_score(y, probs, multi_class="ovr", average="macro", labels=list(range(k))),
        },
    })
    for c in out:
        c["expected"] = {m: float(v) for m, v in c["expected"].items()}
    return out


# ---------------------------------------------------------------- calibration check cases

def calibration_cases():
    rng = np.random.default_rng(11)
    out = []
    n = 3000
    x = rng.normal(0, 1, n)
    pt = 1 / (1 + np.exp(-1.5 * x))
    y = (rng.uniform(0, 1, n) < pt).astype(np.uint8)
    out.append({"name": "well calibrated", "scores": fl(pt), "targets": [int(v) for v in y]})
    over = 1 / (1 + np.exp(-(4.0 * 1.5 * x + 1.0)))
    out.append({"name": "over-confident and shifted", "scores": fl(over), "targets": [int(v) for v in y]})
    sep = np.where(y == 1, rng.uniform(0.6, 1, n), rng.uniform(0, 0.4, n))
    out.append({"name": "separable", "scores": fl(sep), "targets": [int(v) for v in y]})
    out.append({"name": "single class", "scores": fl(pt[:50]), "targets": [1] * 50})
    for c in out:
        c["expected"] = needs_calibration(np.array(c["scores"]), np.array(c["targets"], dtype=np.uint8))
    return out


# ---------------------------------------------------------------- CBPE twin

def expected_roc_auc(raw, cal):
    """Expected ROC AUC with tied raw scores as one step (see rocAuc.ts)."""
    order = np.argsort(-raw, kind="stable")
    r, p = raw[order], cal[order]
    area = tp = fp = 0.0
    i = 0
    while i < len(r):
        j = i
        while j < len(r) and r[j] == r[i]:
            j += 1
        gp = float(np.sum(p[i:j]))
        gn = float(np.sum(1 - p[i:j]))
        area += gn * (tp + gp / 2)
        tp += gp
        fp += gn
        i = j
    return area / (tp * fp)


def nannyml_estimate_roc_auc(calibrated, raw):
    """NannyML's estimate_roc_auc verbatim (argsort order within ties, cumulative sums rounded to 5 decimals)."""
    sorted_index = np.argsort(raw)[::-1]
    calibrated = calibrated[sorted_index]
    tps = np.cumsum(calibrated)
    fps = 1 + np.arange(len(calibrated)) - tps
    tps = np.round(np.r_[0, tps], 5)
    fps = np.round(np.r_[0, fps], 5)
    return float(auc(fps / fps[-1], tps / tps[-1]))


def estimate_binary(metric, pred, cal, raw):
    tp = np.sum(np.where(pred == 1, cal, 0))
    fp = np.sum(np.where(pred == 1, 1 - cal, 0))
    fn = np.sum(np.where(pred == 0, cal, 0))
    tn = np.sum(np.where(pred == 0, 1 - cal, 0))
    return {
        "accuracy": (tp + tn) / len(pred), "precision": tp / (tp + fp), "recall": tp / (tp + fn),
        "specificity": tn / (tn + fp), "f1": tp / (tp + 0.5 * (fp + fn)),
    }[metric] if metric != "roc_auc" else expected_roc_auc(raw, cal)


def influence(metric, y, p, s, classes):
    """Per-row influence value of the (macro) metric; see samplingError.ts. s: n x len(classes) raw scores."""
    n = len(y)
    if metric == "accuracy":
        hit = (y == p).astype(float)
        return hit - hit.mean()
    total = np.zeros(n)
    for j, c in enumerate(classes):
        t, q = y == c, p == c
        tp, fp, fn = np.sum(t & q), np.sum(~t & q), np.sum(t & ~q)
        tn = n - tp - fp - fn
        if metric == "precision":
            v = np.where(q, (t.astype(float) - tp / (tp + fp)) * n / (tp + fp), 0.0)
        elif metric == "recall":
            v = np.where(t, (q.astype(float) - tp / (tp + fn)) * n / (tp + fn), 0.0)
        elif metric == "specificity":
            v = np.where(~t, ((~q).astype(float) - tn / (tn + fp)) * n / (tn + fp), 0.0)
        elif metric == "f1":
            a, b = tp / n, (fp + fn) / n
            da, db = 2 * b / (2 * a + b) ** 2, -2 * a / (2 * a + b) ** 2
            v = da * ((t & q).astype(float) - a) + db * ((t != q).astype(float) - b)
        else:  # roc_auc, DeLong placements with ties half
            sc = s[:, j]
            pos_s, neg_s = np.sort(sc[t]), np.sort(sc[~t])
            n_pos, n_neg = len(pos_s), len(neg_s)
            lo, hi = np.searchsorted(neg_s, sc, "left"), np.searchsorted(neg_s, sc, "right")
            v10 = (lo + (hi - lo) / 2) / n_neg
            lo, hi = np.searchsorted(pos_s, sc, "left"), np.searchsorted(pos_s, sc, "right")
            v01 = (n_pos - hi + (hi - lo) / 2) / n_pos
            auc = np.mean(v10[t])
            v = np.where(t, (v10 - auc) * n / n_pos, (v01 - auc) * n / n_neg)
        total += v / len(classes)
    return total


def cbpe_binary_case():
    rng = np.random.default_rng(99)
    n_ref, n_ana = 4000, 3000
    def draw(n, mu):
        x = rng.normal(mu, 1, n)
        y = (rng.uniform(0, 1, n) < 1 / (1 + np.exp(-2 * x))).astype(int)
        s = np.round(1 / (1 + np.exp(-(5 * x + 0.8))), 4)  # over-confident, rounded: ties
        return s, (s >= 0.5).astype(int), y
    rs, rp, ry = draw(n_ref, -0.5)
    as_, ap, ay = draw(n_ana, 0.3)
    check = needs_calibration(rs, ry.astype(np.uint8))
    iso = IsotonicRegression(out_of_bounds="clip", increasing=True).fit(rs, ry.astype(float))
    cal = iso.predict(as_) if check["needed"] else as_
    chunks = [[0, 1000], [1000, 2000], [2000, 3000]]
    metrics = ["roc_auc", "f1", "precision", "recall", "specificity", "accuracy"]
    est = {m: [float(estimate_binary(m, ap[a:b], cal[a:b], as_[a:b])) for a, b in chunks] for m in metrics}
    se = {}
    for m in metrics:
        std = float(np.std(influence(m, ry, rp, rs[:, None], [1])))
        se[m] = [float(std / math.sqrt(b - a)) for a, b in chunks]
    return {
        "reference": {"scores": fl(rs), "yPred": [int(v) for v in rp], "yTrue": [int(v) for v in ry]},
        "analysis": {"scores": fl(as_), "yPred": [int(v) for v in ap], "yTrue": [int(v) for v in ay]},
        "chunks": chunks, "check": check, "calibrated": fl(cal), "estimates": est, "samplingErrors": se,
        "nannymlRocAuc": [nannyml_estimate_roc_auc(cal[a:b], as_[a:b]) for a, b in chunks],
    }


def cbpe_multiclass_case():
    rng = np.random.default_rng(5)
    k, n_ref, n_ana = 3, 3000, 2000
    def draw(n, shift):
        logits = rng.normal(0, 1, (n, k)) + np.array([shift, 0, -shift])
        pt = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
        y = np.array([rng.choice(k, p=row) for row in pt])
        sharp = np.exp(2.5 * logits)
        s = sharp / sharp.sum(axis=1, keepdims=True)
        return s, s.argmax(axis=1), y
    rs, rp, ry = draw(n_ref, 0.0)
    as_, ap, ay = draw(n_ana, 0.8)
    checks, cal = [], np.zeros_like(as_)
    for c in range(k):
        t = (ry == c).astype(np.uint8)
        chk = needs_calibration(rs[:, c], t)
        checks.append(chk)
        cal[:, c] = IsotonicRegression(out_of_bounds="clip").fit(rs[:, c], t.astype(float)).predict(as_[:, c]) if chk["needed"] else as_[:, c]
    den = cal.sum(axis=1, keepdims=True)
    cal = np.divide(cal, den, out=np.full_like(cal, 1 / k), where=den != 0)
    chunks = [[0, 1000], [1000, 2000]]
    metrics = ["roc_auc", "f1", "precision", "recall", "specificity", "accuracy"]
    est = {m: [] for m in metrics}
    for a, b in chunks:
        for m in metrics:
            if m == "accuracy":
                est[m].append(float(np.mean(cal[a:b][np.arange(b - a), ap[a:b]])))
            else:
                est[m].append(float(np.mean([estimate_binary(m, (ap[a:b] == c).astype(int), cal[a:b, c], as_[a:b, c]) for c in range(k)])))
    se = {}
    for m in metrics:
        std = float(np.std(influence(m, ry, rp, rs, list(range(k)))))
        se[m] = [float(std / math.sqrt(b - a)) for a, b in chunks]
    return {
        "nClasses": k,
        "reference": {"scores": fl(rs.ravel()), "yPred": [int(v) for v in rp], "yTrue": [int(v) for v in ry]},
        "analysis": {"scores": fl(as_.ravel()), "yPred": [int(v) for v in ap], "yTrue": [int(v) for v in ay]},
        "chunks": chunks, "checks": checks, "calibrated": fl(cal.ravel()), "estimates": est, "samplingErrors": se,
    }


def main():
    rng = SeededRandom(12345)
    stream = {"seed": 12345, "u32": [rng.next_u32() for _ in range(5)], "double": [rng.next_double() for _ in range(3)],
              "below": [rng.next_below(b) for b in (1, 2, 10, 1000, 123456789)]}
    fixture = {
        "rng": stream,
        "isotonic": isotonic_cases(),
        "realised": realised_cases(),
        "calibration": calibration_cases(),
        "cbpeBinary": cbpe_binary_case(),
        "cbpeMulticlass": cbpe_multiclass_case(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
