"""Writes the small Parquet fixtures of @driftwatch/data's tests.

    python3 -m venv /tmp/pqvenv && /tmp/pqvenv/bin/pip install pyarrow
    /tmp/pqvenv/bin/python packages/data/scripts/make_parquet_fixtures.py

(On machines with a local package mirror only, add `--index-url file:///opt/pypi/simple`.)
The files are committed, so the tests need no Python. Deterministic: no random data.
"""

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

OUT = Path(__file__).resolve().parent.parent / "src" / "__fixtures__"

ROWS = 300


def kinds_table() -> pa.Table:
    """One column per Parquet type the reader maps, with nulls, over 300 rows."""
    n = ROWS
    return pa.table(
        {
            "i32": pa.array([None if i % 50 == 7 else i - 100 for i in range(n)], pa.int32()),
            "i64": pa.array([i * 1_000_000_007 for i in range(n)], pa.int64()),
            "f32": pa.array([i / 4 for i in range(n)], pa.float32()),
            "f64": pa.array([None if i % 60 == 3 else (i - 150) / 7 for i in range(n)], pa.float64()),
            "flag": pa.array([None if i % 70 == 5 else i % 3 == 0 for i in range(n)], pa.bool_()),
            "city": pa.array([None if i % 40 == 9 else ["Paris", "Rome", "Oslo"][i % 3] for i in range(n)], pa.string()),
            "note": pa.array([f"note number {i}" for i in range(n)], pa.string()),
            "day": pa.array([dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(n)], pa.date32()),
            "ts_ms": pa.array([dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(minutes=i) for i in range(n)], pa.timestamp("ms", tz="UTC")),
            "ts_us": pa.array([dt.datetime(2024, 1, 1) + dt.timedelta(seconds=i, microseconds=500) for i in range(n)], pa.timestamp("us")),
            "amount": pa.array([None if i == 0 else i * 25 for i in range(n)], pa.decimal128(9, 2)),
            "tags": pa.array([[i, i + 1] for i in range(n)], pa.list_(pa.int32())),
        }
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    table = kinds_table()
    # Several row groups, so the reader's row-group loop is exercised.
    pq.write_table(table, OUT / "kinds.parquet", row_group_size=128, compression="snappy")
    pq.write_table(table.select(["i32", "f64", "city"]), OUT / "plain-uncompressed.parquet", compression="none")
    pq.write_table(table.select(["i32"]).slice(0, 0), OUT / "empty.parquet")
    pq.write_table(table.select(["f64", "city"]), OUT / "zstd.parquet", compression="zstd")
    for p in sorted(OUT.glob("*.parquet")):
        print(p.name, p.stat().st_size)


if __name__ == "__main__":
    main()
