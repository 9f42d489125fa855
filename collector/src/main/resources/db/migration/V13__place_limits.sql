-- The limits of each sensor's alarm rules, as its gateway last reported them (replaced per gateway with
-- place_sensor): the bridge page draws them beside the values. A bridge's limits come from its design,
-- so only the gateway's file knows them. Any of the four may be absent.
CREATE TABLE place_limit (
    gateway_id      VARCHAR(64)  NOT NULL,
    sensor_id       VARCHAR(64)  NOT NULL,
    quantity        VARCHAR(32)  NOT NULL,
    warning_above   DOUBLE PRECISION,
    critical_above  DOUBLE PRECISION,
    warning_below   DOUBLE PRECISION,
    critical_below  DOUBLE PRECISION,
    reported_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (gateway_id, sensor_id, quantity)
);
