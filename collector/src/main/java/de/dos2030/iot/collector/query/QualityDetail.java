package de.dos2030.iot.collector.query;

/**
 * Where a series answer says the quality of the readings behind its values (the readings' quality
 * is a tag in InfluxDB, see {@code StorageLayout}); {@link SeriesQuery#qualityDetail()} decides.
 * The rule: an answer carries quality unless it is windows of {@code ok} readings only.
 */
public enum QualityDetail {
    /** Windows of {@code ok} readings ({@code quality=ok}, the default): every value is from ok readings. */
    NONE,
    /** Raw points, of any quality filter: each point carries the quality of its reading. */
    PER_POINT,
    /**
     * Windows of any quality ({@code quality=any}): a window never mixes qualities; each quality of a
     * sensor is aggregated as a series of its own, which carries that quality.
     */
    PER_SERIES
}
