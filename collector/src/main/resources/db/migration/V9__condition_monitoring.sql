-- Condition monitoring of bridges (collector.condition): per bridge (site), sensor and feature
-- (f1, f2, f3 mode frequencies; strain; tilt) its state, the bins of a baseline being learned, and
-- every learned baseline version (value = intercept + slope * temperature, robust sigma of the
-- residuals). Times are data (edge) times; bin_start is epoch milliseconds (UTC).
CREATE TABLE condition_series (
    site_id            VARCHAR(64)  NOT NULL,
    sensor_id          VARCHAR(64)  NOT NULL,
    feature            VARCHAR(16)  NOT NULL,
    gateway_id         VARCHAR(64)  NOT NULL,
    learning           BOOLEAN      NOT NULL,
    learning_since     TIMESTAMP WITH TIME ZONE,
    learning_started   TIMESTAMP WITH TIME ZONE,
    cusum_high         DOUBLE PRECISION NOT NULL,
    cusum_low          DOUBLE PRECISION NOT NULL,
    out_since          TIMESTAMP WITH TIME ZONE,
    in_since           TIMESTAMP WITH TIME ZONE,
    alert_id           VARCHAR(160),
    last_bin_start     BIGINT,
    last_value         DOUBLE PRECISION,
    last_temperature   DOUBLE PRECISION,
    last_readings      INTEGER,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (site_id, sensor_id, feature)
);
CREATE TABLE condition_learning_bin (
    site_id            VARCHAR(64)  NOT NULL,
    sensor_id          VARCHAR(64)  NOT NULL,
    feature            VARCHAR(16)  NOT NULL,
    bin_start          BIGINT       NOT NULL,
    bin_value          DOUBLE PRECISION NOT NULL,
    temperature        DOUBLE PRECISION NOT NULL,
    readings           INTEGER      NOT NULL,
    PRIMARY KEY (site_id, sensor_id, feature, bin_start)
);
CREATE TABLE condition_baseline (
    site_id            VARCHAR(64)  NOT NULL,
    sensor_id          VARCHAR(64)  NOT NULL,
    feature            VARCHAR(16)  NOT NULL,
    version            INTEGER      NOT NULL,
    gateway_id         VARCHAR(64)  NOT NULL,
    intercept          DOUBLE PRECISION NOT NULL,
    slope              DOUBLE PRECISION NOT NULL,
    sigma              DOUBLE PRECISION NOT NULL,
    bins               INTEGER      NOT NULL,
    temperature_min    DOUBLE PRECISION NOT NULL,
    temperature_max    DOUBLE PRECISION NOT NULL,
    learned_from       TIMESTAMP WITH TIME ZONE NOT NULL,
    learned_to         TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (site_id, sensor_id, feature, version)
);
