package de.dos2030.iot.edge.sim;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Faults a simulated chip can be told to have, for tests and demo scenarios. Thread-safe enough
 * for a test thread flipping switches while a bus thread reads: every field is volatile.
 */
public final class ChipFaults {

    private volatile boolean disconnected;
    private volatile boolean stuck;
    private volatile boolean selfTestFails;
    private volatile int corruptNext;
    private volatile double crcErrorRate;
    private volatile Duration clockStretch = Duration.ZERO;
    private final SplittableRandom random;

    public ChipFaults(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public ChipFaults() {
        this(1);
    }

    /** The chip stops acknowledging: a loose wire or lost power. */
    public ChipFaults disconnect() {
        disconnected = true;
        return this;
    }

    public ChipFaults reconnect() {
        disconnected = false;
        return this;
    }

    public boolean disconnected() {
        return disconnected;
    }

    /** The chip keeps returning its last conversion (a frozen sensor element). */
    public ChipFaults stick(boolean stuck) {
        this.stuck = stuck;
        return this;
    }

    public boolean stuck() {
        return stuck;
    }

    /** The chip's self-test reports a malfunction. */
    public ChipFaults failSelfTest(boolean fail) {
        this.selfTestFails = fail;
        return this;
    }

    public boolean selfTestFails() {
        return selfTestFails;
    }

    /** The next {@code n} responses carry a wrong checksum. */
    public ChipFaults corruptNextCrcs(int n) {
        corruptNext = n;
        return this;
    }

    /** Each response independently carries a wrong checksum with this probability (seeded). */
    public ChipFaults crcErrorRate(double rate) {
        crcErrorRate = rate;
        return this;
    }

    /** How long the chip holds SCL low during a transaction. */
    public ChipFaults clockStretch(Duration stretch) {
        clockStretch = stretch;
        return this;
    }

    public Duration clockStretch() {
        return clockStretch;
    }

    /** Asks once per response: should this one be corrupted? Consumes a pending corruption. */
    public synchronized boolean corruptThisResponse() {
        if (corruptNext > 0) {
            corruptNext--;
            return true;
        }
        return crcErrorRate > 0 && random.nextDouble() < crcErrorRate;
    }
}
