"""Deterministic samples that the TypeScript tests rebuild bit for bit.

Only IEEE-exact operations (integer LCG, +, *, /, floor) are used, so
`src/testing/referenceSample.ts` produces the very same doubles from the same
spec without the fixtures having to store the raw values.

A spec is a dict: {"seed": int, "n": int, "dist": "normal"|"uniform",
"loc": float, "scale": float, "decimals": int | None}.
"normal" is the Irwin-Hall approximation (sum of 12 uniforms - 6);
"decimals" floors to that many decimals to create ties.
"""
import math

import numpy as np

_A = 1664525
_C = 1013904223
_M = 2**32


def sample(spec):
    state = spec["seed"] & 0xFFFFFFFF
    n = spec["n"]
    out = np.empty(n, dtype=np.float64)
    loc = float(spec.get("loc", 0.0))
    scale = float(spec.get("scale", 1.0))
    dist = spec.get("dist", "normal")
    decimals = spec.get("decimals")
    for i in range(n):
        if dist == "normal":
            s = 0.0
            for _ in range(12):
                state = (_A * state + _C) % _M
                s += (state + 0.5) / 4294967296.0
            v = loc + scale * (s - 6.0)
        else:
            state = (_A * state + _C) % _M
            v = loc + scale * ((state + 0.5) / 4294967296.0)
        if decimals is not None:
            f = float(10**decimals)
            v = math.floor(v * f) / f
        out[i] = v
    return out
