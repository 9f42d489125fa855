package de.dos2030.iot.collector.condition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The engine's working state of one followed feature: the open bin, the learning bins, the latest
 * baseline and the detector. Not thread-safe: the engine holds its lock.
 */
final class Series {
    final SeriesKey key;
    String gatewayId;
    boolean learning = true;
    Instant learningSince;
    Instant learningStarted;
    final List<BinPoint> learningBins = new ArrayList<>();
    Baseline baseline;
    DetectorState detector = DetectorState.CALM;
    BinPoint last;

    /** The open bin: start in epoch ms (Long.MIN_VALUE when none), values and paired temperatures. */
    long openStart = Long.MIN_VALUE;

    private double[] values = new double[64];
    private int count;
    private double temperatureSum;

    Series(SeriesKey key, String gatewayId) {
        this.key = key;
        this.gatewayId = gatewayId;
    }

    void add(double value, double temperature) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = value;
        temperatureSum += temperature;
    }

    /** Closes the open bin; null when it held nothing. */
    BinPoint close() {
        if (count == 0) {
            return null;
        }
        BinPoint p = new BinPoint(
                Instant.ofEpochMilli(openStart), RobustLine.median(values, count), temperatureSum / count, count);
        count = 0;
        temperatureSum = 0;
        return p;
    }

    SeriesRecord record() {
        return new SeriesRecord(key, gatewayId, learning, learningSince, learningStarted, detector, last);
    }

    /** "learning", "ok", or the alarmed state: "shifted" for a mode, "settled" for strain or tilt. */
    String state() {
        if (detector.alarmed()) {
            return key.feature().isMode() ? "shifted" : "settled";
        }
        return learning ? "learning" : "ok";
    }
}
