package de.dos2030.iot.collector.condition;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per sensor and bin: how many vibration windows arrived and how many of them had a good (quality OK)
 * frequency per mode, for the last day. Kept in memory only: after a restart the figure covers the time
 * since the restart until a day has passed. Not thread-safe: the engine holds its lock.
 */
final class Coverage {
    private static final int MODES = 3;
    private final TreeMap<Long, int[]> bins = new TreeMap<>();

    void window(long binStart) {
        bins.computeIfAbsent(binStart, b -> new int[1 + MODES])[0]++;
    }

    void good(long binStart, int mode) {
        bins.computeIfAbsent(binStart, b -> new int[1 + MODES])[1 + mode]++;
    }

    /** Drops bins that started before {@code oldest}. */
    void prune(long oldest) {
        bins.headMap(oldest).clear();
    }

    /** Share of windows since {@code from} with a good frequency of {@code mode}; null without windows. */
    Double share(int mode, long from) {
        long windows = 0;
        long good = 0;
        for (Iterator<Map.Entry<Long, int[]>> it = bins.tailMap(from).entrySet().iterator(); it.hasNext(); ) {
            int[] c = it.next().getValue();
            windows += c[0];
            good += c[1 + mode];
        }
        return windows == 0 ? null : Math.min(1.0, (double) good / windows);
    }
}
