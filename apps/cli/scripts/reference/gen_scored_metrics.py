"""Reference values for the `metrics` end-to-end test: scikit-learn's metrics on
examples/data/scored-current.csv, over every labelled row and per ISO week.

Run: /work/venv/bin/python apps/cli/scripts/reference/gen_scored_metrics.py
(writes apps/cli/src/__fixtures__/scored-metrics.json; deterministic)."""
import json
from pathlib import Path

import pandas as pd
import sklearn
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score, roc_auc_score

root = Path(__file__).resolve().parents[4]
df = pd.read_csv(root / "examples/data/scored-current.csv")
df["ts"] = pd.to_datetime(df["ts"], utc=True)
iso = df["ts"].dt.isocalendar()
df["week"] = iso["year"].astype(str) + "-W" + iso["week"].astype(int).map("{:02d}".format)


def figures(part: pd.DataFrame) -> dict:
    part = part[part["churned"].notna()]
    if len(part) == 0:
        return {"rows": 0}
    y = part["churned"].astype(int)
    p = part["churn_predicted"].astype(int)
    return {
        "rows": int(len(part)),
        "accuracy": accuracy_score(y, p),
        "precision": precision_score(y, p),
        "recall": recall_score(y, p),
        "f1": f1_score(y, p),
        "roc_auc": roc_auc_score(y, part["churn_score"]),
    }


out = {
    "sklearn": sklearn.__version__,
    "overall": figures(df),
    "weeks": {week: figures(part) for week, part in sorted(df.groupby("week"))},
}
(root / "apps/cli/src/__fixtures__/scored-metrics.json").write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
