"""Python twin of packages/core/src/random/Xoshiro128.ts, word for word.

xoshiro128** (Blackman & Vigna) on four 32-bit words, seeded by splitmix32; `next_double` takes 53
bits from two words; `next_below` is Lemire's multiply-shift with rejection up to 2^21 and bit-mask
rejection above. The reference generators of drift (permutation tests), metrics (calibration splits)
and retraining (the gate's bootstrap) import it, so their fixtures pin the TypeScript stream:

    sys.path.insert(0, "<repo>/packages/core/scripts/reference")
    from xoshiro128 import Xoshiro128
"""

M32 = 0xFFFFFFFF
TWO32 = 4294967296


class Xoshiro128:
    def __init__(self, seed):
        x = seed & M32
        state = []
        for _ in range(4):
            x = (x + 0x9E3779B9) & M32
            z = x
            z = ((z ^ (z >> 16)) * 0x85EBCA6B) & M32
            z = ((z ^ (z >> 13)) * 0xC2B2AE35) & M32
            state.append((z ^ (z >> 16)) & M32)
        if state[0] | state[1] | state[2] | state[3] == 0:
            state[0] = 1
        self.s = state

    def next_u32(self):
        s0, s1, s2, s3 = self.s
        m = (s1 * 5) & M32
        result = ((((m << 7) | (m >> 25)) & M32) * 9) & M32
        t = (s1 << 9) & M32
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = ((s3 << 11) | (s3 >> 21)) & M32
        self.s = [s0, s1, s2, s3]
        return result

    def next_double(self):
        a = self.next_u32() >> 5
        b = self.next_u32() >> 6
        return (a * 67108864 + b) / 9007199254740992

    def next_below(self, bound):
        if bound <= 2097152:
            m = self.next_u32() * bound
            low = m % TWO32
            if low < bound:
                threshold = (TWO32 - bound) % bound
                while low < threshold:
                    m = self.next_u32() * bound
                    low = m % TWO32
            return m // TWO32
        mask = bound - 1
        for shift in (1, 2, 4, 8, 16):
            mask |= mask >> shift
        mask &= M32
        while True:
            r = self.next_u32() & mask
            if r < bound:
                return r
