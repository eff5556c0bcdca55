"""Writes src/streaming/__fixtures__/streaming.json: river's behaviour for the streaming drift
detectors (ADWIN, DDM, EDDM, HDDM_A, HDDM_W, KSWIN, Page-Hinkley, CUSUM), for
`src/streaming/*.test.ts`.

river cannot be installed on this machine, so the river classes are copied below (pure Python,
with attribution) and ADWIN's Cython core (`river/drift/adwin_c.pyx`) is ported line for line to
Python. Sources (github.com/online-ml/river, files as stored at these commits):

- river/drift/adwin.py              0.19+ version (delta, clock, max_buckets, min_window_length,
                                     grace_period; resets its AdaptiveWindowing after a drift)
- river/drift/adwin_c.pyx           b19b9cab061c9adc971fdcbba6e1580f39b3e4a8
- river/drift/binary/ddm.py         7cb995639c9185b236a7d45696b85583a175268e
- river/drift/binary/eddm.py        70cad9e796184ed597f8469e9ba1880fca352f4f
- river/drift/binary/hddm_a.py      7cb995639c9185b236a7d45696b85583a175268e
- river/drift/binary/hddm_w.py      3aa815f94e287ce6c657d0c75f08bcbc5f885692
- river/drift/kswin.py              0.19+ version (ks_2samp(..., method="auto"))
- river/drift/page_hinkley.py       0.19+ version (mode = "up" | "down" | "both")
- river/drift/cusum.py              291ccdd563bf84aa659489df6f2ea4c5bf4e35bb
- river/base/drift_detector.py, river/stats/mean.py, river/stats/var.py (Welford, `_S`),
  river/stats/ewmean.py -> watermill.rs src/ewmean.rs (57b63843fab11f1e30bf8e6395409357b10af395:
  `if mean == 0 { mean = x } else { mean = alpha * x + (1 - alpha) * mean }`).

Each docstring's Examples section is rebuilt here with Python's `random` exactly as the docs do,
run through the copies, and checked against the output the docstring prints (DOCUMENTED below):
the generator stops if any differs, so the fixture's `documented` lines are river's own.
Extra, longer streams (several changes, non-default parameters) are run through the same copies.

Also written: CPython Mersenne Twister checks (getrandbits / random.sample, which KSWIN uses) and
KSWIN's (D, p) after every test on its documented stream.

Not river: KSWIN's copy records `last_test` for that trace; the EWMean class transcribes the Rust.

Run: /work/venv/bin/python scripts/reference/gen_streaming.py  (Python 3.11, scipy 1.17.1).
Deterministic: re-running gives byte-identical JSON.
"""
import collections
import copy
import itertools
import json
import math
import os
import random
import warnings
from collections import deque

import scipy
from scipy import stats as sstats

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "src", "streaming", "__fixtures__", "streaming.json")


# ------------------------------------------------------------------ river.base / river.stats (copies)

class _BaseDriftDetector:
    def __init__(self):
        self._drift_detected = False

    def _reset(self):
        self._drift_detected = False

    @property
    def drift_detected(self):
        return self._drift_detected


class _BaseDriftAndWarningDetector(_BaseDriftDetector):
    def __init__(self):
        super().__init__()
        self._warning_detected = False

    def _reset(self):
        super()._reset()
        self._warning_detected = False

    @property
    def warning_detected(self):
        return self._warning_detected


DriftDetector = _BaseDriftDetector
BinaryDriftAndWarningDetector = _BaseDriftAndWarningDetector


class Mean:
    def __init__(self):
        self.n = 0
        self._mean = 0.0

    def update(self, x, w=1.0):
        self.n += w
        self._mean += (w / self.n) * (x - self._mean)
        return self

    def get(self):
        return self._mean

    def clone(self, include_attributes=False):
        return copy.deepcopy(self)


class Var:
    def __init__(self, ddof=1):
        self.ddof = ddof
        self.mean = Mean()
        self._S = 0

    def update(self, x, w=1.0):
        mean_old = self.mean.get()
        self.mean.update(x, w)
        mean_new = self.mean.get()
        self._S += w * (x - mean_old) * (x - mean_new)
        return self

    def get(self):
        if self.mean.n > self.ddof:
            return self._S / (self.mean.n - self.ddof)
        return 0.0


class EWMean:
    """river.stats.EWMean is watermill's Rust EWMean (see module docstring), transcribed."""

    def __init__(self, fading_factor=0.5):
        self.fading_factor = fading_factor
        self.mean = 0.0

    def update(self, x):
        if self.mean == 0.0:
            self.mean = float(x)
        else:
            self.mean = self.fading_factor * x + (1.0 - self.fading_factor) * self.mean
        return self

    def get(self):
        return self.mean


# ------------------------------------------------------------------ ADWIN (adwin.py + adwin_c.pyx ported)

class Bucket:
    def __init__(self, max_size):
        self.max_size = max_size
        self.current_idx = 0
        self.total_array = [0.0] * (self.max_size + 1)
        self.variance_array = [0.0] * (self.max_size + 1)

    def clear_at(self, index):
        self.total_array[index] = 0.0
        self.variance_array[index] = 0.0

    def insert_data(self, value, variance):
        self.total_array[self.current_idx] = value
        self.variance_array[self.current_idx] = variance
        self.current_idx += 1

    def remove(self):
        self.compress(1)

    def compress(self, n_elements):
        window_len = len(self.total_array)
        for i in range(n_elements, window_len):
            self.total_array[i - n_elements] = self.total_array[i]
            self.variance_array[i - n_elements] = self.variance_array[i]
        for i in range(window_len - n_elements, window_len):
            self.clear_at(i)
        self.current_idx -= n_elements

    def get_total_at(self, index):
        return self.total_array[index]

    def get_variance_at(self, index):
        return self.variance_array[index]


class AdaptiveWindowing:
    def __init__(self, delta=.002, clock=32, max_buckets=5, min_window_length=5, grace_period=10):
        self.delta = delta
        self.bucket_deque = deque([Bucket(max_size=max_buckets)])
        self.total = 0.
        self.variance = 0.
        self.width = 0.
        self.n_buckets = 0
        self.grace_period = grace_period
        self.tick = 0
        self.total_width = 0
        self.n_detections = 0
        self.clock = clock
        self.max_n_buckets = 0
        self.min_window_length = min_window_length
        self.max_buckets = max_buckets

    @property
    def variance_in_window(self):
        return self.variance / self.width

    def update(self, value):
        self._insert_element(float(value), 0.0)
        return self._detect_change()

    def _insert_element(self, value, variance):
        bucket = self.bucket_deque[0]
        bucket.insert_data(value, variance)
        self.n_buckets += 1
        if self.n_buckets > self.max_n_buckets:
            self.max_n_buckets = self.n_buckets
        self.width += 1
        incremental_variance = 0.0
        if self.width > 1.0:
            incremental_variance = (
                (self.width - 1.0)
                * (value - self.total / (self.width - 1.0))
                * (value - self.total / (self.width - 1.0))
                / self.width
            )
        self.variance += incremental_variance
        self.total += value
        self._compress_buckets()

    @staticmethod
    def _calculate_bucket_size(row):
        return math.pow(2, row)

    def _delete_element(self):
        bucket = self.bucket_deque[-1]
        n = self._calculate_bucket_size(len(self.bucket_deque) - 1)
        u = bucket.get_total_at(0)
        mu = u / n
        v = bucket.get_variance_at(0)
        self.width -= n
        self.total -= u
        mu_window = self.total / self.width
        incremental_variance = v + n * self.width * (mu - mu_window) * (mu - mu_window) / (n + self.width)
        self.variance -= incremental_variance
        bucket.remove()
        self.n_buckets -= 1
        if bucket.current_idx == 0:
            self.bucket_deque.pop()
        return n

    def _compress_buckets(self):
        bucket = self.bucket_deque[0]
        idx = 0
        while bucket is not None:
            k = bucket.current_idx
            if k == self.max_buckets + 1:
                try:
                    next_bucket = self.bucket_deque[idx + 1]
                except IndexError:
                    self.bucket_deque.append(Bucket(max_size=self.max_buckets))
                    next_bucket = self.bucket_deque[-1]
                n1 = self._calculate_bucket_size(idx)
                n2 = self._calculate_bucket_size(idx)
                mu1 = bucket.get_total_at(0) / n1
                mu2 = bucket.get_total_at(1) / n2
                total12 = bucket.get_total_at(0) + bucket.get_total_at(1)
                temp = n1 * n2 * (mu1 - mu2) * (mu1 - mu2) / (n1 + n2)
                v12 = bucket.get_variance_at(0) + bucket.get_variance_at(1) + temp
                next_bucket.insert_data(total12, v12)
                self.n_buckets += 1
                bucket.compress(2)
                if next_bucket.current_idx <= self.max_buckets:
                    break
            else:
                break
            try:
                bucket = self.bucket_deque[idx + 1]
            except IndexError:
                bucket = None
            idx += 1

    def _detect_change(self):
        change_detected = False
        exit_flag = False
        self.tick += 1
        if (self.tick % self.clock == 0) and (self.width > self.grace_period):
            reduce_width = True
            while reduce_width:
                reduce_width = False
                exit_flag = False
                n0 = 0.0
                n1 = self.width
                u0 = 0.0
                u1 = self.total
                v0 = 0
                v1 = self.variance
                for idx in range(len(self.bucket_deque) - 1, -1, -1):
                    if exit_flag:
                        break
                    bucket = self.bucket_deque[idx]
                    for k in range(bucket.current_idx - 1):
                        n2 = self._calculate_bucket_size(idx)
                        u2 = bucket.get_total_at(k)
                        mu2 = u2 / n2
                        if n0 > 0.0:
                            mu0 = u0 / n0
                            v0 += bucket.get_variance_at(k) + n0 * n2 * (mu0 - mu2) * (mu0 - mu2) / (n0 + n2)
                        if n1 > 0.0:
                            mu1 = u1 / n1
                            v1 -= bucket.get_variance_at(k) + n1 * n2 * (mu1 - mu2) * (mu1 - mu2) / (n1 + n2)
                        n0 += self._calculate_bucket_size(idx)
                        n1 -= self._calculate_bucket_size(idx)
                        u0 += bucket.get_total_at(k)
                        u1 -= bucket.get_total_at(k)
                        if (idx == 0) and (k == bucket.current_idx - 1):
                            exit_flag = True
                            break
                        delta_mean = (u0 / n0) - (u1 / n1)
                        if (
                            n1 >= self.min_window_length
                            and n0 >= self.min_window_length
                            and self._evaluate_cut(n0, n1, delta_mean, self.delta)
                        ):
                            reduce_width = True
                            change_detected = True
                            if self.width > 0:
                                n0 -= self._delete_element()
                                exit_flag = True
                                break
        self.total_width += self.width
        if change_detected:
            self.n_detections += 1
        return change_detected

    def _evaluate_cut(self, n0, n1, delta_mean, delta):
        delta_prime = math.log(2 * math.log(self.width) / delta)
        m_recip = (1.0 / (n0 - self.min_window_length + 1)) + (1.0 / (n1 - self.min_window_length + 1))
        epsilon = math.sqrt(2 * m_recip * self.variance_in_window * delta_prime) + 2 / 3 * delta_prime * m_recip
        return math.fabs(delta_mean) > epsilon


class ADWIN(DriftDetector):
    def __init__(self, delta=0.002, clock=32, max_buckets=5, min_window_length=5, grace_period=10):
        super().__init__()
        self.delta = delta
        self.clock = clock
        self.max_buckets = max_buckets
        self.min_window_length = min_window_length
        self.grace_period = grace_period
        self._reset()

    def _reset(self):
        super()._reset()
        self._helper = AdaptiveWindowing(
            delta=self.delta,
            clock=self.clock,
            max_buckets=self.max_buckets,
            min_window_length=self.min_window_length,
            grace_period=self.grace_period,
        )

    @property
    def width(self):
        return self._helper.width

    def update(self, x):
        if self.drift_detected:
            self._reset()
        self._drift_detected = self._helper.update(x)


# ------------------------------------------------------------------ binary detectors (copies)

class DDM(BinaryDriftAndWarningDetector):
    def __init__(self, warm_start=30, warning_threshold=2.0, drift_threshold=3.0):
        super().__init__()
        self.warm_start = warm_start
        self.warning_threshold = warning_threshold
        self.drift_threshold = drift_threshold
        self._reset()

    def _reset(self):
        super()._reset()
        self._p = Mean()
        self._p_min = float("inf")
        self._s_min = float("inf")
        self._ps_min = float("inf")

    def update(self, x):
        if self.drift_detected:
            self._reset()
        self._p.update(x)
        p_i = self._p.get()
        n = self._p.n
        s_i = math.sqrt(p_i * (1 - p_i) / n)
        if n > self.warm_start:
            if p_i + s_i <= self._ps_min:
                self._p_min = p_i
                self._s_min = s_i
                self._ps_min = self._p_min + self._s_min
            if p_i + s_i > self._p_min + self.warning_threshold * self._s_min:
                self._warning_detected = True
            else:
                self._warning_detected = False
            if p_i + s_i > self._p_min + self.drift_threshold * self._s_min:
                self._drift_detected = True
                self._warning_detected = False


class EDDM(BinaryDriftAndWarningDetector):
    def __init__(self, warm_start=30, alpha=0.95, beta=0.9):
        super().__init__()
        self.warm_start = warm_start
        if alpha < beta:
            raise ValueError("'alpha' must be greater or equal to 'beta'.")
        self.alpha = alpha
        self.beta = beta
        self._reset()

    def _reset(self):
        super()._reset()
        self._error_distances = Var()
        self._n = 0
        self._last_error = 0
        self._n_errors = 0
        self._p2s_prime_max = -1

    def update(self, x):
        if self.drift_detected:
            self._reset()
        self._n += 1
        if x == 1:
            self._n_errors += 1
            self._error_distances.update(self._n - self._last_error)
            if self._n > self.warm_start:
                pi_prime = self._error_distances.mean.get()
                si_prime = self._error_distances.get() ** 0.5
                p2s_prime = pi_prime + 2 * si_prime
                if p2s_prime > self._p2s_prime_max:
                    self._p2s_prime_max = p2s_prime
                elif self._n_errors > self.warm_start:
                    level = p2s_prime / self._p2s_prime_max
                    if level < self.beta:
                        self._drift_detected = True
                    elif level < self.alpha:
                        self._warning_detected = True
                    else:
                        self._warning_detected = False
            self._last_error = self._n
        return self


class HDDMA(BinaryDriftAndWarningDetector):
    def __init__(self, drift_confidence=0.001, warning_confidence=0.005, two_sided_test=False):
        super().__init__()
        self.drift_confidence = drift_confidence
        self.warning_confidence = warning_confidence
        self.two_sided_test = two_sided_test
        self._reset()

    def _reset(self):
        super()._reset()
        self._x_min = Mean()
        self._x_max = Mean()
        self._z = Mean()

    def _hoeffding_bound(self, n):
        return math.sqrt(1.0 / (2 * n) * math.log(1.0 / self.drift_confidence))

    def update(self, x):
        if self.drift_detected:
            self._reset()
        self._z.update(x)
        if self._x_min.n == 0:
            self._x_min = self._z.clone(include_attributes=True)
        if self._x_max.n == 0:
            self._x_max = self._z.clone(include_attributes=True)
        eps_z = self._hoeffding_bound(self._z.n)
        eps_x = self._hoeffding_bound(self._x_min.n)
        if self._x_min.get() + eps_x >= self._z.get() + eps_z:
            self._x_min = self._z.clone(include_attributes=True)
        eps_x = self._hoeffding_bound(self._x_max.n)
        if self._x_max.get() - eps_x <= self._z.get() - eps_z:
            self._x_max = self._z.clone(include_attributes=True)
        if self._mean_incr(self.drift_confidence):
            self._warning_detected = False
            self._drift_detected = True
        elif self._mean_incr(self.warning_confidence):
            self._warning_detected = True
            self._drift_detected = False
        else:
            self._warning_detected = False
            self._drift_detected = False
        if self.two_sided_test:
            if self._mean_decr(self.drift_confidence):
                self._drift_detected = True
            elif self._mean_decr(self.warning_confidence):
                self._warning_detected = True

    def _mean_incr(self, confidence):
        if self._x_min.n == self._z.n:
            return False
        m = (self._z.n - self._x_min.n) / self._x_min.n * (1.0 / self._z.n)
        eps = math.sqrt(m / 2 * math.log(2.0 / confidence))
        return self._z.get() - self._x_min.get() >= eps

    def _mean_decr(self, confidence):
        if self._x_max.n == self._z.n:
            return False
        m = (self._z.n - self._x_max.n) / self._x_max.n * (1.0 / self._z.n)
        eps = math.sqrt(m / 2 * math.log(2.0 / confidence))
        return self._x_max.get() - self._z.get() >= eps


class SampleInfo:
    def __init__(self, lambd):
        self._ewma = EWMean(lambd)
        self._is_init = False
        self._ibc = 1.0
        self._lambd_sq = lambd * lambd
        self._c_lambd_sq = (1 - lambd) ** 2

    def update(self, x):
        self._ewma.update(x)
        self._is_init = True
        self._ibc = self._lambd_sq + self._c_lambd_sq * self._ibc

    @property
    def ewma(self):
        return self._ewma.get()

    @property
    def ibc(self):
        return self._ibc


class HDDMW(BinaryDriftAndWarningDetector):
    def __init__(self, drift_confidence=0.001, warning_confidence=0.005, lambda_val=0.05, two_sided_test=False):
        super().__init__()
        self.drift_confidence = drift_confidence
        self.warning_confidence = warning_confidence
        self.lambda_val = lambda_val
        self.two_sided_test = two_sided_test
        self._reset()

    def _reset(self):
        super()._reset()
        self._total = SampleInfo(self.lambda_val)
        self._s1_decr = SampleInfo(self.lambda_val)
        self._s1_incr = SampleInfo(self.lambda_val)
        self._s2_decr = SampleInfo(self.lambda_val)
        self._s2_incr = SampleInfo(self.lambda_val)
        self._incr_cutpoint = float("inf")
        self._decr_cutpoint = -float("inf")

    def _mcdiarmid_bound(self, ibc, confidence):
        return math.sqrt(ibc * math.log(1 / confidence) / 2)

    def update(self, x):
        if self.drift_detected:
            self._reset()
        self._total.update(x)
        self._update_incr_stats(x, self.drift_confidence)
        if self._detect_mean_incr(self.drift_confidence):
            self._warning_detected = False
            self._drift_detected = True
        elif self._detect_mean_incr(self.warning_confidence):
            self._warning_detected = True
            self._drift_detected = False
        else:
            self._warning_detected = False
            self._drift_detected = False
        self._update_decr_stats(x, self.drift_confidence)
        if self.two_sided_test:
            if self._detect_mean_decr(self.drift_confidence):
                self._drift_detected = True
            elif self._detect_mean_decr(self.warning_confidence):
                self._warning_detected = True

    def _has_mean_changed(self, sample1, sample2, confidence):
        if not (sample1._is_init and sample2._is_init):
            return False
        ibc_sum = sample1.ibc + sample2.ibc
        bound = self._mcdiarmid_bound(ibc_sum, confidence)
        return sample2.ewma - sample1.ewma > bound

    def _detect_mean_incr(self, confidence):
        return self._has_mean_changed(self._s1_incr, self._s2_incr, confidence)

    def _detect_mean_decr(self, confidence):
        return self._has_mean_changed(self._s2_decr, self._s1_decr, confidence)

    def _update_incr_stats(self, x, confidence):
        eps = self._mcdiarmid_bound(self._total.ibc, confidence)
        if self._total.ewma + eps < self._incr_cutpoint:
            self._incr_cutpoint = self._total.ewma + eps
            self._s1_incr = copy.deepcopy(self._total)
            self._s2_incr = SampleInfo(self.lambda_val)
        else:
            self._s2_incr.update(x)

    def _update_decr_stats(self, x, confidence):
        eps = self._mcdiarmid_bound(self._total.ibc, confidence)
        if self._total.ewma - eps > self._decr_cutpoint:
            self._decr_cutpoint = self._total.ewma - eps
            self._s1_decr = copy.deepcopy(self._total)
            self._s2_decr = SampleInfo(self.lambda_val)
        else:
            self._s2_decr.update(x)


# ------------------------------------------------------------------ KSWIN, Page-Hinkley, CUSUM (copies)

class KSWIN(DriftDetector):
    def __init__(self, alpha=0.005, window_size=100, stat_size=30, seed=None, window=None):
        super().__init__()
        if alpha < 0 or alpha > 1:
            raise ValueError("Alpha must be between 0 and 1.")
        if window_size < 0:
            raise ValueError("window_size must be greater than 0.")
        if window_size < stat_size:
            raise ValueError("stat_size must be smaller than window_size.")
        self.alpha = alpha
        self.window_size = window_size
        self.stat_size = stat_size
        self.seed = seed
        self._reset()
        if window:
            self.window = collections.deque(window, maxlen=self.window_size)

    def _reset(self):
        super()._reset()
        self.p_value = 0
        self.n = 0
        self.window = collections.deque(maxlen=self.window_size)
        self._rng = random.Random(self.seed)

    def update(self, x):
        if self.drift_detected:
            self._reset()
        self.n += 1
        self.window.append(x)
        if len(self.window) >= self.window_size:
            rnd_window = [
                self.window[r]
                for r in self._rng.sample(range(self.window_size - self.stat_size), self.stat_size)
            ]
            most_recent = list(itertools.islice(self.window, self.window_size - self.stat_size, self.window_size))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", category=RuntimeWarning)
                st, self.p_value = sstats.ks_2samp(rnd_window, most_recent, method="auto")
            self.last_test = (float(st), float(self.p_value))  # not river's: recorded for the trace below
            if self.p_value <= self.alpha and st > 0.1:
                self._drift_detected = True
                self.window = collections.deque(most_recent, maxlen=self.window_size)
            else:
                self._drift_detected = False
        else:
            self.last_test = None
            self._drift_detected = False
        return self


class PageHinkley(DriftDetector):
    _VALID_MODES = ["up", "down", "both"]

    def __init__(self, min_instances=30, delta=0.005, threshold=50.0, alpha=1 - 0.0001, mode="both"):
        super().__init__()
        self.min_instances = min_instances
        self.delta = delta
        self.threshold = threshold
        self.alpha = alpha
        if mode not in self._VALID_MODES:
            raise ValueError(mode)
        self.mode = mode
        self._reset()

    def _reset(self):
        super()._reset()
        self._x_mean = Mean()
        self._sum_increase = 0.0
        self._sum_decrease = 0.0
        self._min_increase = float("inf")
        self._max_decrease = -1
        if self.mode == "up":
            self._test_drift = self._test_increase
        elif self.mode == "down":
            self._test_drift = self._test_decrease
        else:
            self._test_drift = self._test_both

    def _test_increase(self, test_increase, test_decrease):
        return test_increase > self.threshold

    def _test_decrease(self, test_increase, test_decrease):
        return test_decrease > self.threshold

    def _test_both(self, test_increase, test_decrease):
        return test_increase > self.threshold or test_decrease > self.threshold

    def update(self, x):
        if self.drift_detected:
            self._reset()
        self._x_mean.update(x)
        dev = x - self._x_mean.get()
        self._sum_increase = self.alpha * self._sum_increase + dev - self.delta
        self._sum_decrease = self.alpha * self._sum_decrease + dev + self.delta
        if self._sum_increase < self._min_increase:
            self._min_increase = self._sum_increase
        if self._sum_decrease > self._max_decrease:
            self._max_decrease = self._sum_decrease
        if self._x_mean.n >= self.min_instances:
            test_increase = self._sum_increase - self._min_increase
            test_decrease = self._max_decrease - self._sum_decrease
            self._drift_detected = self._test_drift(test_increase, test_decrease)
        return self


class CUSUM(DriftDetector):
    _VALID_MODES = ["up", "down", "both"]

    def __init__(self, min_instances=30, slack=0.5, threshold=5.0, mode="both"):
        super().__init__()
        if slack < 0 or threshold <= 0 or min_instances < 1 or mode not in self._VALID_MODES:
            raise ValueError("bad CUSUM parameters")
        self.min_instances = min_instances
        self.slack = slack
        self.threshold = threshold
        self.mode = mode
        self._reset()

    def _reset(self):
        super()._reset()
        self._n = 0
        self._mean = Mean()
        self._var = Var()
        self._sum_increase = 0.0
        self._sum_decrease = 0.0
        self._reference = None
        self._sigma = 0.0

    def _test_drift(self, increase, decrease, limit):
        if self.mode == "up":
            return increase > limit
        if self.mode == "down":
            return decrease > limit
        return increase > limit or decrease > limit

    def update(self, x):
        if self.drift_detected:
            self._reset()
        self._n += 1
        self._mean.update(x)
        self._var.update(x)
        if self._n < self.min_instances:
            self._drift_detected = False
            return
        if self._reference is None:
            self._reference = self._mean.get()
            self._sigma = max(self._var.get(), 0.0) ** 0.5
        k = self.slack * self._sigma
        limit = self.threshold * self._sigma
        deviation = x - self._reference
        self._sum_increase = max(0.0, self._sum_increase + deviation - k)
        self._sum_decrease = max(0.0, self._sum_decrease - deviation - k)
        self._drift_detected = self._test_drift(self._sum_increase, self._sum_decrease, limit)


# ------------------------------------------------------------------ running

FACTORIES = {
    "adwin": ADWIN,
    "ddm": DDM,
    "eddm": EDDM,
    "hddm_a": HDDMA,
    "hddm_w": HDDMW,
    "kswin": KSWIN,
    "page_hinkley": PageHinkley,
    "cusum": CUSUM,
}
HAS_WARNING = {"ddm", "eddm", "hddm_a", "hddm_w"}


def replay(name, params, values):
    det = FACTORIES[name](**params)
    drifts, warnings_ = [], []
    for i, x in enumerate(values):
        det.update(x)
        if det.drift_detected:
            drifts.append(i)
        if name in HAS_WARNING and det.warning_detected:
            warnings_.append(i)
    return drifts, warnings_


def printed_lines(name, values, drifts, warnings_):
    """The lines river's docstring example prints (the first warning after each drift for the
    binary detectors, then every drift)."""
    ds, ws = set(drifts), set(warnings_)
    out = []
    print_warning = True
    for i, x in enumerate(values):
        if name in HAS_WARNING:
            if i in ws and print_warning:
                out.append(f"Warning detected at index {i}")
                print_warning = False
            if i in ds:
                out.append(f"Change detected at index {i}")
                print_warning = True
        elif i in ds:
            if name == "cusum":
                out.append(f"Change detected at index {i}")
            else:
                out.append(f"Change detected at index {i}, input value: {x}")
    return out


# The streams of river's docstring Examples, built as the docs build them, and the lines the
# docstrings print (copied from the files listed in the module docstring).
def doc_two_distributions():
    rng = random.Random(12345)
    return rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000)


def doc_binary_shift():
    rng = random.Random(42)
    data_stream = rng.choices([0, 1], k=1000)
    return data_stream + rng.choices([0, 1], k=1000, weights=[0.3, 0.7])


def doc_gauss_shift():
    rng = random.Random(12345)
    stable = [rng.gauss(0, 1) for _ in range(200)]
    shifted = [rng.gauss(3, 1) for _ in range(200)]
    return stable + shifted


DOCUMENTED = [
    ("adwin", {}, doc_two_distributions, ["Change detected at index 1023, input value: 4"]),
    ("ddm", {}, doc_binary_shift,
     ["Warning detected at index 1084", "Change detected at index 1334", "Warning detected at index 1492"]),
    ("eddm", {"alpha": 0.8, "beta": 0.75}, doc_binary_shift,
     ["Warning detected at index 1059", "Change detected at index 1278"]),
    ("hddm_a", {}, doc_binary_shift, ["Warning detected at index 451", "Change detected at index 1206"]),
    ("hddm_w", {}, doc_binary_shift, ["Warning detected at index 451", "Change detected at index 1077"]),
    ("kswin", {"alpha": 0.0001, "seed": 42}, doc_two_distributions,
     ["Change detected at index 1016, input value: 6"]),
    ("page_hinkley", {}, doc_two_distributions, ["Change detected at index 1006, input value: 5"]),
    ("cusum", {}, doc_gauss_shift, ["Change detected at index 201", "Change detected at index 251"]),
]


# Longer streams of our own, several changes each.
def segments_choices(seed, parts):
    """parts: [(population, k, weights or None)]"""
    rng = random.Random(seed)
    out = []
    for population, k, weights in parts:
        out += rng.choices(population, k=k, weights=weights)
    return out


def segments_gauss(seed, parts):
    """parts: [(mu, sigma, k)]; values rounded to thousandths and stored as integers m (the value is
    m / 1000, one correctly rounded division in Python and in JS, so both read the same doubles)."""
    rng = random.Random(seed)
    out = []
    for mu, sigma, k in parts:
        out += [round(rng.gauss(mu, sigma) * 1000) for _ in range(k)]
    return out


def binary_long(seed):
    return segments_choices(seed, [
        ([0, 1], 3000, [0.9, 0.1]), ([0, 1], 3000, [0.7, 0.3]), ([0, 1], 3000, [0.9, 0.1]),
        ([0, 1], 3000, [0.5, 0.5]), ([0, 1], 3000, [0.8, 0.2]),
    ])


def unit_long(seed):
    """Values in [0, 1] (HDDM_A / HDDM_W on continuous input), as thousandths like segments_gauss."""
    rng = random.Random(seed)
    out = []
    for lo, hi, k in [(0.0, 0.4, 3000), (0.2, 0.8, 3000), (0.0, 0.5, 3000), (0.5, 1.0, 3000)]:
        out += [round(rng.uniform(lo, hi) * 1000) for _ in range(k)]
    return out


def gauss_long(seed):
    return segments_gauss(seed, [(0, 1, 4000), (1.5, 1, 3000), (1.5, 3, 3000), (-2, 1, 3000), (0, 0.5, 3000)])


# Shared streams: {"bits": "0101..."} or {"milli": [m, ...]} (value = m / 1000).
STREAMS = {
    "binary_a": {"bits": "".join(map(str, binary_long(11)))},
    "binary_b": {"bits": "".join(map(str, binary_long(12)))},
    "unit_a": {"milli": unit_long(16)},
    "gauss_a": {"milli": gauss_long(7)},
    "gauss_b": {"milli": gauss_long(8)},
}


def stream_values(key):
    s = STREAMS[key]
    if "bits" in s:
        return [int(c) for c in s["bits"]]
    return [m / 1000 for m in s["milli"]]


EXTRA = [
    ("adwin", {}, "gauss_a"),
    ("adwin", {"delta": 0.1, "clock": 1, "max_buckets": 3, "min_window_length": 3, "grace_period": 5}, "gauss_b"),
    ("adwin", {}, "binary_a"),
    ("ddm", {}, "binary_a"),
    ("ddm", {"warm_start": 100, "warning_threshold": 1.5, "drift_threshold": 2.5}, "binary_b"),
    ("eddm", {}, "binary_a"),
    ("eddm", {"warm_start": 50, "alpha": 0.9, "beta": 0.8}, "binary_b"),
    ("hddm_a", {}, "binary_a"),
    ("hddm_a", {"two_sided_test": True}, "binary_b"),
    ("hddm_a", {"two_sided_test": True, "drift_confidence": 0.0001, "warning_confidence": 0.01}, "unit_a"),
    ("hddm_w", {}, "binary_a"),
    ("hddm_w", {"two_sided_test": True}, "binary_b"),
    ("hddm_w", {"two_sided_test": True, "lambda_val": 0.1}, "unit_a"),
    ("kswin", {"seed": 7}, "gauss_a"),
    ("kswin", {"seed": 123456789012, "alpha": 0.01, "window_size": 200, "stat_size": 20}, "gauss_b"),
    ("kswin", {"seed": 3, "window_size": 400, "stat_size": 100}, "gauss_a"),
    ("page_hinkley", {}, "gauss_a"),
    ("page_hinkley", {"mode": "up", "threshold": 20.0, "delta": 0.01, "min_instances": 50}, "gauss_b"),
    ("page_hinkley", {"mode": "down", "alpha": 0.999}, "gauss_a"),
    ("page_hinkley", {}, "binary_a"),
    ("cusum", {}, "gauss_a"),
    ("cusum", {"mode": "up", "slack": 1.0, "threshold": 8.0, "min_instances": 100}, "gauss_b"),
    ("cusum", {"mode": "down"}, "gauss_a"),
]


def mt_checks():
    """Python's Mersenne Twister as KSWIN uses it: getrandbits(32) words and random.sample draws."""
    out = []
    for seed in [0, 1, 42, 2**32 + 5, 123456789012]:
        rng = random.Random(seed)
        words = [rng.getrandbits(32) for _ in range(8)]
        rng = random.Random(seed)
        samples = [rng.sample(range(70), 30), rng.sample(range(180), 20), rng.sample(range(1000), 30)]
        out.append({"seed": seed, "words": words, "samples": [{"n": n, "k": len(s), "indices": s}
                                                               for n, s in zip([70, 180, 1000], samples)]})
    return out


def kswin_trace():
    """KSWIN's (D, p) after each update of the documented stream (seed 42, alpha 1e-4), from the
    first full window to the drift and 120 values past it: pins `ksStatistic` and `pValue`."""
    values = doc_two_distributions()
    det = KSWIN(alpha=0.0001, seed=42)
    out = []
    for i, x in enumerate(values[:1140]):
        det.update(x)
        if det.last_test is not None:
            out.append([i, det.last_test[0], det.last_test[1]])
    return out


def encode(values):
    """0/1 streams as a string of digits (compact); other streams as JSON numbers."""
    if all(type(v) is int and v in (0, 1) for v in values):
        return {"bits": "".join(str(v) for v in values)}
    return {"values": values}


def main():
    doc_cases = []
    for name, params, build, expected in DOCUMENTED:
        values = build()
        drifts, warns = replay(name, params, values)
        got = printed_lines(name, values, drifts, warns)
        if got != expected:
            raise SystemExit(f"{name}: the copy prints {got}, river's docstring {expected}")
        doc_cases.append({"detector": name, "params": params, "stream": build.__name__, **encode(values),
                          "documented": expected, "drifts": drifts, "warnings": warns})
    extra_cases = []
    for name, params, stream in EXTRA:
        drifts, warns = replay(name, params, stream_values(stream))
        extra_cases.append({"detector": name, "params": params, "stream": stream,
                            "drifts": drifts, "warnings": warns})
    doc = {
        "generator": "scripts/reference/gen_streaming.py",
        "python": ".".join(map(str, __import__("sys").version_info[:3])),
        "scipy": scipy.__version__,
        "documented": doc_cases,
        "streams": STREAMS,
        "extra": extra_cases,
        "mersenneTwister": mt_checks(),
        "kswinTrace": kswin_trace(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    for c in doc_cases + extra_cases:
        print(f"{c['detector']:13s} {c['stream']:22s}  drifts={len(c['drifts']):4d} "
              f"warnings={len(c['warnings']):5d} {json.dumps(c['params'])}")


if __name__ == "__main__":
    main()
