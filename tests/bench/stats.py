"""stats.py: the few statistics the benchmark report needs (stdlib only)."""
import math


def quantile(values, q):
    """Linear interpolation between order statistics (numpy's default, R type 7)."""
    xs = sorted(values)
    if not xs:
        return math.nan
    position = (len(xs) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(xs) - 1)
    return xs[low] + (xs[high] - xs[low]) * (position - low)


def median(values):
    return quantile(values, 0.5)


def summary(values):
    """median, p95, max of a non-empty list."""
    return median(values), quantile(values, 0.95), max(values)
