"""Reference chunk keys and row sets from pandas, for chunkFrame.test.ts.

Run: /work/venv/bin/python generateChunking.py  (writes chunking.json; deterministic)
Period chunks: rows grouped by the UTC calendar period of their timestamp, labelled
with pandas' strftime / isocalendar (ISO week-numbering year and week), ordered by
period start; end = start of the next period. Count chunks: numpy.array_split.
"""
import json
from pathlib import Path

import numpy as np
import pandas as pd

rng = np.random.default_rng(20260127)
n = 300
start = pd.Timestamp("2025-12-20T00:00:00Z").value // 1_000_000
end = pd.Timestamp("2026-03-10T00:00:00Z").value // 1_000_000
ms = rng.integers(start, end, size=n).astype("float64")
ms[rng.choice(n, size=7, replace=False)] = np.nan
# A few instants right on period boundaries (midnight, Monday, first of month, year turn).
for i, text in enumerate(["2025-12-29T00:00:00Z", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "2025-12-28T23:59:59.999Z"]):
    ms[10 + i] = pd.Timestamp(text).value // 1_000_000

ts = pd.to_datetime(pd.Series(ms), unit="ms", utc=True)
periods = {}
for period in ["hour", "day", "week", "month"]:
    if period == "hour":
        starts = ts.dt.floor("h")
        nxt = starts + pd.Timedelta(hours=1)
        label = starts.dt.strftime("%Y-%m-%dT%H")
    elif period == "day":
        starts = ts.dt.floor("D")
        nxt = starts + pd.Timedelta(days=1)
        label = starts.dt.strftime("%Y-%m-%d")
    elif period == "week":
        starts = ts.dt.floor("D") - pd.to_timedelta(ts.dt.weekday, unit="D")
        nxt = starts + pd.Timedelta(days=7)
        iso = ts.dt.isocalendar()
        label = pd.Series(
            [None if pd.isna(y) else f"{int(y):04d}-W{int(w):02d}" for y, w in zip(iso["year"], iso["week"])]
        )
    else:
        starts = ts.dt.tz_localize(None).dt.to_period("M").dt.start_time.dt.tz_localize("UTC")
        nxt = (ts.dt.tz_localize(None).dt.to_period("M") + 1).dt.start_time.dt.tz_localize("UTC")
        label = starts.dt.strftime("%Y-%m")
    frame = pd.DataFrame({"start": starts, "next": nxt, "label": label}).dropna()
    chunks = []
    for s, group in frame.groupby("start", sort=True):
        chunks.append(
            {
                "key": group["label"].iloc[0],
                "startDate": s.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                "endDate": group["next"].iloc[0].strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                "rows": [int(i) for i in group.index],
            }
        )
    periods[period] = chunks

counts = {}
for rows, k in [(103, 10), (10, 3), (5, 8), (1000, 7)]:
    counts[f"{rows}/{k}"] = [len(part) for part in np.array_split(np.arange(rows), k) if len(part) > 0]

out = {
    "timestamps": [None if np.isnan(x) else int(x) for x in ms],
    "missing": int(np.isnan(ms).sum()),
    "periods": periods,
    "countSizes": counts,
}
Path(__file__).with_name("chunking.json").write_text(json.dumps(out, indent=1) + "\n")
