"""Writes the Parquet fuzz corpus of @driftwatch/data's property test (issue 12 item 9).

    python3 -m venv /tmp/pqvenv && /tmp/pqvenv/bin/pip install pyarrow
    /tmp/pqvenv/bin/python packages/data/scripts/fuzz/make_parquet_corpus.py

(On machines with a local package mirror only, add `--index-url file:///opt/pypi/simple`.)
Deterministic: a fixed base file and one `random.Random(seed)` per case. For each seed the script
overwrites 1 to 4 bytes of the base (in the pages or in the footer's metadata), reads the result
with pyarrow and records either pyarrow's values or its refusal. The base file and the JSON are
committed, so the test needs no Python: it applies the same byte changes and compares.
"""

import io
import json
import math
import random
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

OUT = Path(__file__).resolve().parents[2] / "src" / "parquet" / "__fixtures__"
CASES = 240
ROWS = 20


def base_table() -> pa.Table:
    n = ROWS
    return pa.table(
        {
            "i32": pa.array([None if i % 7 == 3 else i * 3 - 20 for i in range(n)], pa.int32()),
            "f64": pa.array([None if i % 9 == 4 else (i - 10) / 4 for i in range(n)], pa.float64()),
            "city": pa.array([None if i % 8 == 5 else ["Paris", "Rome", "Oslo"][i % 3] for i in range(n)], pa.string()),
            "note": pa.array([f"n{i}" for i in range(n)], pa.string()),
            "flag": pa.array([i % 3 == 0 for i in range(n)], pa.bool_()),
        }
    )


def base_bytes() -> bytes:
    sink = io.BytesIO()
    # Two row groups; dictionary pages for i32 and city, plain pages for the rest; no compression, so
    # mutations reach the decoders (dictionary indices, levels, lengths) and not only the codec.
    pq.write_table(
        base_table(),
        sink,
        row_group_size=ROWS // 2,
        compression="none",
        use_dictionary=["i32", "city"],
        write_statistics=False,
        data_page_version="1.0",
        store_schema=False,  # no ARROW:schema blob: a damaged one makes pyarrow refuse data every reader can read
    )
    return sink.getvalue()


def nested_v2_bytes() -> bytes:
    """A list column (repetition levels) in v2 data pages, for the tests of level counts (not mutated here)."""
    n = ROWS
    table = pa.table(
        {
            "tags": pa.array([None if i % 6 == 2 else [f"t{j}" for j in range(i % 4)] for i in range(n)], pa.list_(pa.string())),
            "i32": pa.array([None if i % 7 == 3 else i for i in range(n)], pa.int32()),
            "note": pa.array([f"n{i}" for i in range(n)], pa.string()),
        }
    )
    sink = io.BytesIO()
    pq.write_table(
        table,
        sink,
        row_group_size=ROWS // 2,
        compression="none",
        use_dictionary=False,
        write_statistics=False,
        data_page_version="2.0",
        store_schema=False,
    )
    return sink.getvalue()


def mutations(seed: int, size: int, footer: int) -> list:
    rng = random.Random(seed)
    out = []
    for _ in range(rng.choice([1, 1, 2, 3, 4])):
        if rng.random() < 0.3:
            offset = rng.randrange(size - 8 - footer, size - 8)  # the footer's metadata
        else:
            offset = rng.randrange(4, size - 8 - footer)  # pages
        value = rng.randrange(256) if rng.random() < 0.5 else None
        out.append([offset, value if value is not None else -1 - rng.randrange(8)])  # -1-b: flip bit b
    return out


def apply(data: bytes, changes: list) -> bytes:
    b = bytearray(data)
    for offset, value in changes:
        b[offset] = value if value >= 0 else b[offset] ^ (1 << (-1 - value))
    return bytes(b)


def plain(v):
    if isinstance(v, float) and not math.isfinite(v):
        return {"float": repr(v)}
    return v


def main() -> None:
    data = base_bytes()
    footer = int.from_bytes(data[-8:-4], "little")
    (OUT / "fuzz-base.parquet").write_bytes(data)
    (OUT / "fuzz-nested-v2.parquet").write_bytes(nested_v2_bytes())
    tables: list = []
    index: dict = {}
    cases = []
    for seed in range(CASES):
        changes = mutations(seed, len(data), footer)
        try:
            table = pq.read_table(io.BytesIO(apply(data, changes)))
            columns = {name: [plain(v) for v in table.column(name).to_pylist()] for name in table.column_names}
            key = json.dumps(columns, sort_keys=True)
            if key not in index:
                index[key] = len(tables)
                tables.append(columns)
            cases.append({"seed": seed, "mutations": changes, "table": index[key]})
        except Exception as error:  # noqa: BLE001 - any refusal is recorded
            cases.append({"seed": seed, "mutations": changes, "rejected": f"{type(error).__name__}: {str(error)[:200]}"})
    out = {"pyarrow": pa.__version__, "base": "fuzz-base.parquet", "rows": ROWS, "tables": tables, "cases": cases}
    (OUT / "parquetFuzz.json").write_text(json.dumps(out, indent=1) + "\n")
    accepted = sum(1 for c in cases if "table" in c)
    print(f"{len(cases)} cases: {accepted} read by pyarrow ({len(tables)} distinct tables), {len(cases) - accepted} rejected")


if __name__ == "__main__":
    main()
