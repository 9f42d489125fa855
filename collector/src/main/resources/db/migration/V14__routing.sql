-- Alert routing (collector.alerts.routing): delivery windows, holds and bundles, escalations, silences.

-- A delivery row now says what it carries: one step ('step'), several steps bundled into one message
-- ('digest' after a closed delivery window, 'grouped' for correlated liveness alerts), or an escalation
-- ('escalated', the raise sent to the next tier). The route is part of the once-only key, so a tier's
-- subscription can hear of an alert both as a step and as an escalation, each once.
ALTER TABLE delivery ADD COLUMN route VARCHAR(16) DEFAULT 'step' NOT NULL;
-- While a delivery is held ('held'): what it waits for ('window', or 'group:<rule>:<kind>'); next_attempt_at
-- is when it is released. A step bundled into another delivery gets status 'bundled' and bundle_id.
ALTER TABLE delivery ADD COLUMN hold_key VARCHAR(200);
ALTER TABLE delivery ADD COLUMN bundle_id BIGINT;
DROP INDEX delivery_once;
CREATE UNIQUE INDEX delivery_once ON delivery (subscription_id, event_id, route);
CREATE INDEX delivery_bundle ON delivery (bundle_id);

-- When a subscription may be told (absent: always). days: MON,TUE,...; from_time/to_time: HH:MM local.
CREATE TABLE delivery_window (
    subscription_id  VARCHAR(40)  NOT NULL PRIMARY KEY REFERENCES subscription (id) ON DELETE CASCADE,
    zone             VARCHAR(64)  NOT NULL,
    days             VARCHAR(40)  NOT NULL,
    from_time        VARCHAR(5)   NOT NULL,
    to_time          VARCHAR(5)   NOT NULL,
    critical_bypass  BOOLEAN      NOT NULL
);

-- Days on which a window stays closed (imported from an iCalendar file).
CREATE TABLE delivery_holiday (
    subscription_id  VARCHAR(40)  NOT NULL REFERENCES subscription (id) ON DELETE CASCADE,
    holiday          DATE         NOT NULL,
    name             VARCHAR(200) NOT NULL,
    PRIMARY KEY (subscription_id, holiday)
);

-- Escalation chains: a raised alert matching the filter, not acknowledged after a tier's delay, goes to
-- that tier's subscription (as a delivery with route 'escalated', once per tier and raise).
CREATE TABLE escalation (
    id            VARCHAR(40)   NOT NULL PRIMARY KEY,
    owner         VARCHAR(64)   NOT NULL,
    name          VARCHAR(200)  NOT NULL,
    site_id       VARCHAR(64),
    site_kind     VARCHAR(16),
    gateway_id    VARCHAR(64),
    sensor_id     VARCHAR(64),
    quantity      VARCHAR(32),
    min_severity  VARCHAR(16)   NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE escalation_tier (
    escalation_id    VARCHAR(40)  NOT NULL REFERENCES escalation (id) ON DELETE CASCADE,
    position         INT          NOT NULL,
    after_seconds    BIGINT       NOT NULL,
    subscription_id  VARCHAR(40)  NOT NULL REFERENCES subscription (id) ON DELETE CASCADE,
    PRIMARY KEY (escalation_id, position)
);

-- Maintenance silences: scope site, gateway or sensor (gateway_id + sensor_id). Active from created_at
-- until ends_at or ended_at, whichever is first.
CREATE TABLE silence (
    id          VARCHAR(40)   NOT NULL PRIMARY KEY,
    scope       VARCHAR(16)   NOT NULL,
    site_id     VARCHAR(64),
    gateway_id  VARCHAR(64),
    sensor_id   VARCHAR(64),
    reason      VARCHAR(500)  NOT NULL,
    created_by  VARCHAR(64)   NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at    TIMESTAMP WITH TIME ZONE,
    ended_by    VARCHAR(64)
);
CREATE INDEX silence_ends ON silence (ends_at);

-- Steps recorded while a silence covered them: recorded, not delivered.
CREATE TABLE silenced_event (
    event_id    BIGINT       NOT NULL PRIMARY KEY REFERENCES alert_event (id) ON DELETE CASCADE,
    silence_id  VARCHAR(40)  NOT NULL REFERENCES silence (id) ON DELETE CASCADE
);
