"""tools/faultstat_lib/stats.py - nearest-rank percentiles, log2 histograms
and number formatting. No KVM twin.

Percentile definition (nearest rank, no interpolation): for N samples
sorted ascending v[1] <= ... <= v[N], the p-th percentile is v[r] with
r = ceil(p/100 * N) (and r = 1 when that is 0). Every reported value is
then one of the samples, so a test can assert it exactly: of the samples
1..1000, p50 = 500, p90 = 900, p99 = 990, p99.9 = 999, max = 1000; of
1..10, p50 = 5, p90 = 9, p99 = p99.9 = max = 10.
"""

# The percentiles faultstat reports, in tenths of a percent so that the
# rank is computed in integers (99.9 is not exact in binary floating point).
PERCENTILES = (
    ('p50', 500),
    ('p90', 900),
    ('p99', 990),
    ('p99.9', 999),
    ('max', 1000),
)
STAT_NAMES = tuple(name for name, _ in PERCENTILES)


def nearest_rank(sorted_values, per_mille):
    """The per_mille/10-th percentile of an ascending list, by nearest rank."""
    n = len(sorted_values)
    rank = -(-per_mille * n // 1000)    # ceil(per_mille * n / 1000)
    return sorted_values[max(rank, 1) - 1]


def summarize(values):
    """{'n': N, 'p50': ..., ..., 'max': ...}; only 'n' when there are none."""
    out = {'n': len(values)}
    if values:
        s = sorted(values)
        for name, per_mille in PERCENTILES:
            out[name] = nearest_rank(s, per_mille)
    return out


def log2_bucket(value):
    """Bucket b holds [2^(b-1), 2^b); bucket 0 holds the value 0."""
    return int(value).bit_length()


def bucket_bounds(b):
    """[lo, hi) of bucket b."""
    return (0, 1) if b == 0 else (1 << (b - 1), 1 << b)


def log2_histogram(values):
    """[(bucket, count)] from the lowest to the highest bucket used,
    empty buckets in between included (so the bars read as a shape)."""
    if not values:
        return []
    counts = {}
    for v in values:
        b = log2_bucket(v)
        counts[b] = counts.get(b, 0) + 1
    return [(b, counts.get(b, 0))
            for b in range(min(counts), max(counts) + 1)]


def to_us(cycles, tsc_hz):
    """Cycles to microseconds, or None without a TSC frequency."""
    if cycles is None or not tsc_hz:
        return None
    return cycles * 1e6 / tsc_hz


def fmt_us(us):
    """Microseconds with 2 decimals below 10000, fewer above; '-' for None."""
    if us is None:
        return '-'
    if us >= 1e5:
        return '%.0f' % us
    if us >= 1e4:
        return '%.1f' % us
    return '%.2f' % us


def fmt_int(v):
    return '-' if v is None else str(v)


def ratio(a, b):
    """B/A as text: '-' when either is missing, 'inf' when only A is 0."""
    if a is None or b is None:
        return '-'
    if a == 0:
        return '1.00' if b == 0 else 'inf'
    return '%.2f' % (b / a)
