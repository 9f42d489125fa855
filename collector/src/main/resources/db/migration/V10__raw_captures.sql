-- Raw captures around alarms (captures.CaptureStore): the samples a gateway kept before and after an
-- alarm raised, one row per (gateway, alert, sensor); a re-sent capture hits the primary key and is
-- stored once. sample_values: little-endian IEEE 754 floats, 4 bytes a sample, NaN = unusable sample
-- (shared-model's FloatBytes, the CBOR wire layout). Relational rather than InfluxDB: a capture is read
-- whole, by alert, and 240 000 points per capture would be as many InfluxDB points for no query benefit.
CREATE TABLE raw_capture (
    gateway_id       VARCHAR(64)      NOT NULL,
    alert_id         VARCHAR(64)      NOT NULL,
    sensor_id        VARCHAR(64)      NOT NULL,
    site_id          VARCHAR(64)      NOT NULL,
    quantity         VARCHAR(32)      NOT NULL,
    first_sample_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    trigger_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    sample_rate_hz   DOUBLE PRECISION NOT NULL,
    sample_count     INTEGER          NOT NULL,
    sample_values    BYTEA            NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (gateway_id, alert_id, sensor_id)
);
