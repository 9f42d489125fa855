package de.dos2030.iot.model;

/**
 * What a reading's value is: a single sample, or a statistic over a window of samples of the
 * same sensor and quantity (the reading's timestamp is then the end of the window).
 */
public enum Statistic {
    SAMPLE,
    MEAN,
    MIN,
    MAX,
    STDDEV
}
