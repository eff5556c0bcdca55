"""Writes src/testing/__fixtures__/samples.json: heads and sums that pin the generator."""
import json
import os

from samples import sample

HERE = os.path.dirname(os.path.abspath(__file__))
specs = [
    {"seed": 1, "n": 1000, "dist": "normal", "loc": 0.0, "scale": 1.0},
    {"seed": 7, "n": 1000, "dist": "uniform", "loc": -2.0, "scale": 5.0},
    {"seed": 42, "n": 500, "dist": "normal", "loc": 3.0, "scale": 2.0, "decimals": 1},
]
cases = []
for spec in specs:
    x = sample(spec)
    s = 0.0
    for v in x:
        s += float(v)
    cases.append({"spec": spec, "head": [float(v) for v in x[:10]], "sum": s})
out = os.path.join(HERE, "..", "..", "src", "testing", "__fixtures__", "samples.json")
with open(out, "w") as f:
    json.dump({"generator": "scripts/reference/gen_samples.py", "cases": cases}, f, indent=1)
