"""The shared half of W1's peers (peer.py, peer_kschi2.py): read both CSVs with pandas, test every
column with the peer's `check_column`, print the `driftwatch check --format json` shape with the
phase timings on stdout, and the phases on stderr. Imports only what every peer imports.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
import scipy

DATASET_SHARE = 0.5


def run_peer(args, tool, check_column, t0, t_import):
    """Runs the peer on `args.reference` / `args.current`; `t0` / `t_import` bracket its imports."""
    t_read0 = time.perf_counter()
    reference = pd.read_csv(args.reference)
    current = pd.read_csv(args.current)
    t_read = time.perf_counter()

    if list(reference.columns) != list(current.columns):
        print("reference and current have different columns", file=sys.stderr)
        return 2
    columns = [check_column(c, reference[c], current[c]) for c in reference.columns]
    t_done = time.perf_counter()

    drifted = sum(1 for c in columns if c["drifted"])
    tested = len(columns)
    share = drifted / tested if tested else 0.0
    timings = {"import_s": round(t_import - t0, 3), "read_s": round(t_read - t_read0, 3),
               "compute_s": round(t_done - t_read, 3)}
    out = {
        "peer": {
            "tool": tool,
            "versions": {"python": sys.version.split()[0], "pandas": pd.__version__,
                         "numpy": np.__version__, "scipy": scipy.__version__},
            "timings": timings,
        },
        "reference": {"source": args.reference, "rows": len(reference)},
        "current": {"source": args.current, "rows": len(current)},
        "dataset": {"drifted": share >= DATASET_SHARE, "driftedColumns": drifted, "testedColumns": tested,
                    "share": share, "datasetShare": DATASET_SHARE},
        "columns": columns,
    }
    print(f"peer: import {timings['import_s']} s, read_csv {timings['read_s']} s, "
          f"methods {timings['compute_s']} s", file=sys.stderr)
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0
