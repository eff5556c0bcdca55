"""Writes src/__fixtures__/embeddings.parquet for EmbeddingBuilder.test.ts: 10 rows, an id, a
list<double> column `emb` and a fixed_size_list<float32, 4> column `fixed`, row r = [r, r + 0.5, -r, r / 4];
and embeddings-{null,nan,ragged}.parquet, whose third vector is bad.

    python3 -m venv /tmp/pqvenv && /tmp/pqvenv/bin/pip install pyarrow
    /tmp/pqvenv/bin/python packages/data/scripts/make_embedding_parquet.py
"""
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

OUT = Path(__file__).resolve().parent.parent / "src" / "__fixtures__" / "embeddings.parquet"
rows = [[r, r + 0.5, -r, r / 4] for r in range(10)]
table = pa.table({
    "id": pa.array(range(10), pa.int64()),
    "emb": pa.array(rows, pa.list_(pa.float64())),
    "fixed": pa.array(rows, pa.list_(pa.float32(), 4)),
})
pq.write_table(table, OUT, compression="snappy")
# Bad vectors in row 3 (1-based): a null list, a NaN inside, a ragged list.
for name, third in [("embeddings-null", None), ("embeddings-nan", [1.0, float("nan")]), ("embeddings-ragged", [1.0])]:
    pq.write_table(pa.table({"emb": pa.array([[0.5, 1.0], [1.5, 2.0], third], pa.list_(pa.float64()))}), OUT.with_name(f"{name}.parquet"))
