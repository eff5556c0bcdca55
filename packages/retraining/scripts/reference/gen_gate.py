"""Reference values of @driftwatch/retraining's validation gate, from scikit-learn and numpy.

Usage (from the repository root):
    /work/venv/bin/python packages/retraining/scripts/reference/gen_gate.py

Writes packages/retraining/src/gate/__fixtures__/gate-reference.json. Deterministic: inputs come from
numpy's PCG64 with fixed seeds, rounded to few decimals; re-running gives a byte-identical file.

Each case holds a holdout (labels), champion and challenger predictions, a gate config block and:
- the metrics of both models on the whole holdout, by scikit-learn (labels passed as class names);
- the paired bootstrap of the gain on the gate metric. The resamples are those of the TypeScript side:
  the Python twin of core's Xoshiro128 (packages/core/scripts/reference/xoshiro128.py; `nextBelow` by Lemire's
  multiply-shift with rejection up to 2^21 and bit-mask rejection above) draws n row indices per resample;
  both models are scored by scikit-learn on the same resampled rows (np.repeat of the multiplicities);
  gain = challenger - champion (negated for error metrics); resamples where a metric is undefined are
  left out; the interval is numpy's linear quantile at (1 -/+ level) / 2; the p-value is the share of
  resamples with gain <= minGain (default 0), or <= -maxLoss with maxLoss.
- `rng`: the first draws of nextBelow for a few seeds and bounds, to pin the twin to the TypeScript PRNG.
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn import metrics as M
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "core", "scripts", "reference"))
from xoshiro128 import Xoshiro128  # noqa: E402  the twin of core's PRNG

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
PKG = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(PKG, "src", "gate", "__fixtures__", "gate-reference.json")


HIGHER_IS_BETTER = {"accuracy": True, "f1": True, "f1:macro": True, "roc_auc": True, "rmse": False, "mae": False, "r2": True}


def metric(name, y, pred, positive):
    """sklearn's value of a metric (None where the TypeScript side gives null)."""
    if name == "accuracy":
        return float(M.accuracy_score(y, pred["labels"]))
    if name == "f1":
        return num(M.f1_score(y, pred["labels"], pos_label=positive, zero_division=np.nan))
    if name == "f1:macro":
        return num(M.f1_score(y, pred["labels"], average="macro", zero_division=np.nan))
    if name == "roc_auc":
        truth = np.asarray(y) == positive
        if truth.all() or not truth.any():
            return None
        return float(M.roc_auc_score(truth, pred["scores"]))
    if name == "rmse":
        return float(M.root_mean_squared_error(y, pred["values"]))
    if name == "mae":
        return float(M.mean_absolute_error(y, pred["values"]))
    if name == "r2":
        return num(M.r2_score(y, pred["values"]))
    raise ValueError(name)


def num(x):
    x = float(x)
    return None if math.isnan(x) else x


def take(pred, idx):
    return {k: np.asarray(v)[idx] for k, v in pred.items()}


def paired_bootstrap(gate, y, champion, challenger, positive):
    b = gate["bootstrap"]
    name = gate["metric"]
    hib = HIGHER_IS_BETTER[name]
    threshold = gate.get("minGain", 0.0) if "maxLoss" not in gate else -gate["maxLoss"]
    y = np.asarray(y)
    n = len(y)
    rng = Xoshiro128(b["seed"])
    gains = []
    for _ in range(b["resamples"]):
        w = np.zeros(n, dtype=np.int64)
        for _ in range(n):
            w[rng.next_below(n)] += 1
        idx = np.repeat(np.arange(n), w)
        c = metric(name, y[idx], take(challenger, idx), positive)
        h = metric(name, y[idx], take(champion, idx), positive)
        if c is None or h is None:
            continue
        gains.append(c - h if hib else h - c)
    gains = np.array(gains)
    tail = (1 - b["level"]) / 2
    return {
        "resamples": b["resamples"],
        "valid": int(len(gains)),
        "lower": float(np.quantile(gains, tail)),
        "upper": float(np.quantile(gains, 1 - tail)),
        "pValue": float(np.mean(gains <= threshold)),
    }


def case(name, task, gate, y, champion, challenger, positive=None):
    metrics = list(dict.fromkeys([gate["metric"], *gate.get("floors", {}).keys(), *gate.get("metrics", [])]))
    scores = {
        who: {m: metric(m, np.asarray(y), {k: np.asarray(v) for k, v in pred.items()}, positive) for m in metrics}
        for who, pred in (("champion", champion), ("challenger", challenger))
    }
    c, h = scores["challenger"][gate["metric"]], scores["champion"][gate["metric"]]
    gain = (c - h) if HIGHER_IS_BETTER[gate["metric"]] else (h - c)
    out = {
        "name": name,
        "task": task,
        "gate": gate,
        "labels": list(y),
        "champion": {k: list(v) for k, v in champion.items()},
        "challenger": {k: list(v) for k, v in challenger.items()},
        "expected": {"scores": scores, "gain": gain, "bootstrap": paired_bootstrap(gate, y, champion, challenger, positive)},
    }
    if positive is not None:
        out["positive"] = positive
    return out


def binary_models(rng, n, names, flip_champion, flip_challenger):
    truth = rng.random(n) < 0.4
    y = [names[1] if t else names[0] for t in truth]

    def model(noise):
        s = np.clip(np.round(np.where(truth, 0.62, 0.38) + rng.normal(0, noise, n), 3), 0, 1)
        return {"labels": [names[1] if v >= 0.5 else names[0] for v in s], "scores": [float(v) for v in s]}

    return y, model(flip_champion), model(flip_challenger)


def main():
    cases = []
    rng = np.random.default_rng(20260310)
    y, champ, chall = binary_models(rng, 200, ["0", "1"], 0.22, 0.18)
    cases.append(
        case(
            "binary f1, minGain, floors and roc_auc recorded",
            "classification",
            {"metric": "f1", "minGain": 0.0, "floors": {"accuracy": 0.6}, "metrics": ["roc_auc"],
             "bootstrap": {"resamples": 200, "level": 0.9, "alpha": 0.05, "seed": 7}},
            y, champ, chall, positive="1",
        )
    )
    y, champ, chall = binary_models(rng, 160, ["no", "yes"], 0.2, 0.21)
    cases.append(
        case(
            "binary roc_auc, maxLoss (non-inferiority)",
            "classification",
            {"metric": "roc_auc", "maxLoss": 0.02, "floors": {}, "metrics": ["accuracy"],
             "bootstrap": {"resamples": 300, "level": 0.95, "alpha": 0.05, "seed": 123}},
            y, champ, chall, positive="yes",
        )
    )
    n = 150
    truth = rng.integers(0, 3, n)
    names = np.array(["bronze", "gold", "silver"])

    def multi(p_right):
        right = rng.random(n) < p_right
        return {"labels": list(names[np.where(right, truth, rng.integers(0, 3, n))])}

    cases.append(
        case(
            "multiclass f1:macro",
            "classification",
            {"metric": "f1:macro", "minGain": 0.01, "floors": {"accuracy": 0.5}, "metrics": [],
             "bootstrap": {"resamples": 250, "level": 0.95, "alpha": 0.1, "seed": 2026}},
            [str(v) for v in names[truth]], multi(0.7), multi(0.8),
        )
    )
    n = 180
    x = rng.normal(0, 1, n)
    yr = np.round(3 * x + rng.normal(0, 1, n), 3)
    champ_r = {"values": [float(v) for v in np.round(3 * x + rng.normal(0, 1.1, n), 3)]}
    chall_r = {"values": [float(v) for v in np.round(3 * x + rng.normal(0, 0.8, n), 3)]}
    cases.append(
        case(
            "regression rmse (lower is better)",
            "regression",
            {"metric": "rmse", "minGain": 0.05, "floors": {"r2": 0.5, "mae": 2.0}, "metrics": ["mae"],
             "bootstrap": {"resamples": 250, "level": 0.95, "alpha": 0.05, "seed": 42}},
            [float(v) for v in yr], champ_r, chall_r,
        )
    )
    draws = []
    for seed, bound in ((0, 7), (7, 200), (123, 2097152), (42, 3000000), (1, 4294967296)):
        r = Xoshiro128(seed)
        draws.append({"seed": seed, "bound": bound, "draws": [r.next_below(bound) for _ in range(20)]})
    doc = {"generator": "packages/retraining/scripts/reference/gen_gate.py", "sklearn": sklearn.__version__,
           "numpy": np.__version__, "rng": draws, "cases": cases}
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
