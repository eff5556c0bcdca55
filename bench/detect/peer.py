"""Peer of the detect workload: what river + pandas would spend before river's loop.

river cannot be installed on this machine, so this measures the pandas half only: the
interpreter and `import pandas`, then `pandas.read_csv` of the one-column file and the column
as a float64 numpy array (what a river loop would iterate). bench/detect/run.mjs adds river's
loop at its quoted updates per second. Prints one JSON object on stdout.
"""
import json
import sys
import time

t0 = time.perf_counter()
c0 = time.process_time()
import pandas as pd  # noqa: E402

t1 = time.perf_counter()
c1 = time.process_time()
path, column = sys.argv[1], sys.argv[2]
values = pd.read_csv(path)[column].to_numpy(dtype="float64")
t2 = time.perf_counter()
c2 = time.process_time()
print(
    json.dumps(
        {
            "values": int(values.shape[0]),
            "sum": float(values.sum()),
            "import_s": t1 - t0,
            "import_cpu_s": c1 - c0,
            "read_csv_s": t2 - t1,
            "read_csv_cpu_s": c2 - c1,
            "pandas": pd.__version__,
        }
    )
)
