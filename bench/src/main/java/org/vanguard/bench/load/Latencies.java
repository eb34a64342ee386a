package org.vanguard.bench.load;

import java.util.Arrays;

/** Latencies in microseconds, recorded from many threads, summarised as percentiles. */
final class Latencies {

    private long[] values = new long[1 << 16];
    private int size;

    synchronized void add(long micros) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = micros;
    }

    synchronized int count() {
        return size;
    }

    /** The value at quantile q (0..1) in milliseconds, nearest-rank. */
    synchronized double percentileMillis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, rank))] / 1000.0;
    }

    String summary() {
        return String.format(
                "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)",
                percentileMillis(0.50), percentileMillis(0.95), percentileMillis(0.99), percentileMillis(1.0), count());
    }
}
