"""Reference output of numpy's legacy RandomState (MT19937) for NumpyRandomState.test.ts.

Usage (from the repository root, numpy installed):
    python3 packages/core/scripts/reference/gen_numpy_random_state.py
Writes packages/core/src/random/__fixtures__/numpy_random_state.json. Every value is drawn by numpy
itself; `sample` is pandas' DataFrame.sample(n, random_state=seed) row order, which pandas computes
as RandomState(seed).choice(len, size=n, replace=False) (pandas/core/sample.py), called here directly.
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "random", "__fixtures__", "numpy_random_state.json")
cases = []
for seed in [0, 1, 42, 99, 123456789, 2**32 - 1]:
    rs = np.random.RandomState(seed)
    words = [int(w) for w in rs.randint(0, 2**32, size=8, dtype=np.uint64)]
    rs = np.random.RandomState(seed)
    rand = rs.rand(700).tolist()  # crosses one 624-word regeneration
    np.random.seed(seed)
    choice_a = np.random.choice(10, 20).tolist()
    choice_b = np.random.choice(1000, 30).tolist()
    choice_c = np.random.choice(65537, 10).tolist()
    randint = np.random.randint(5, 17, size=12).tolist()
    perm = np.random.RandomState(seed).permutation(37).tolist()
    sample = np.random.RandomState(seed).choice(1500, size=1000, replace=False).tolist()
    sample_small = np.random.RandomState(seed).choice(7, size=7, replace=False).tolist()
    shuffled = np.arange(100)
    np.random.RandomState(seed).shuffle(shuffled)
    cases.append({"seed": seed, "words": words, "rand": rand, "choiceA": choice_a, "choiceB": choice_b,
                  "choiceC": choice_c, "randint": randint, "permutation": perm, "sample1000of1500": sample,
                  "sample7of7": sample_small, "shuffle100": shuffled.tolist()})
array_cases = []
for key in [[0], [1, 2, 3], [0xFFFFFFFF, 7]]:
    rs = np.random.RandomState(np.array(key, dtype=np.int64))
    array_cases.append({"key": key, "rand": rs.rand(5).tolist()})
with open(OUT, "w") as f:
    json.dump({"numpy": np.__version__, "cases": cases, "arrayCases": array_cases}, f)
    f.write("\n")
