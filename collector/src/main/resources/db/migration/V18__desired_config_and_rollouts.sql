-- Remote configuration (fleet.config, fleet.rollout; issue 20). Both H2 and PostgreSQL accept this file.

-- What each gateway should run: its whole gateway file (the exact bytes, so the version is the SHA-256 the
-- gateway computes over them), its version ('sha256:' + 12 hex), who set it and when, and the rollout that set
-- it (null when set by hand). Deleted with its gateway.
CREATE TABLE desired_config (
    gateway_id   VARCHAR(64)   NOT NULL PRIMARY KEY REFERENCES gateway (id) ON DELETE CASCADE,
    version      VARCHAR(64)   NOT NULL,
    yaml         BYTEA         NOT NULL,
    set_by       VARCHAR(64)   NOT NULL,
    set_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    rollout_id   VARCHAR(40)
);

-- The latest remote change each gateway reported in its health, per kind ('CONFIG', 'AGENT'): version,
-- outcome (APPLYING, COMMITTED, ROLLED_BACK, REFUSED), the gateway's reason and time, and when this collector
-- first heard of this outcome (received_at: a rollout counts only outcomes received after it asked).
CREATE TABLE fleet_reported (
    gateway_id   VARCHAR(64)   NOT NULL REFERENCES gateway (id) ON DELETE CASCADE,
    kind         VARCHAR(8)    NOT NULL,
    version      VARCHAR(64)   NOT NULL,
    outcome      VARCHAR(16)   NOT NULL,
    reason       VARCHAR(2000),
    reported_at  TIMESTAMP WITH TIME ZONE,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (gateway_id, kind)
);

-- A staged rollout: a canary, then percentage steps, paced, stopping at the first failure. template: the
-- gateway file with {{gateway}} and {{site}} standing for each gateway's ids. status: RUNNING, COMPLETED,
-- FAILED, CANCELLED. The instance advancing it holds a lease (lease_owner, lease_until); another may take over
-- once the lease has passed, so a restart or a second instance continues where it stood.
CREATE TABLE rollout (
    id               VARCHAR(40)   NOT NULL PRIMARY KEY,
    kind             VARCHAR(8)    NOT NULL,
    template         BYTEA,
    target           VARCHAR(64),
    status           VARCHAR(16)   NOT NULL,
    percent_steps    VARCHAR(200)  NOT NULL,
    pace_ms          BIGINT        NOT NULL,
    watch_ms         BIGINT        NOT NULL,
    created_by       VARCHAR(64)   NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    current_step     INT           NOT NULL,
    step_started_at  TIMESTAMP WITH TIME ZONE,
    next_step_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at      TIMESTAMP WITH TIME ZONE,
    reason           VARCHAR(2400),
    lease_owner      VARCHAR(64),
    lease_until      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX rollout_status ON rollout (status);

-- The gateways of a rollout in their order (position 0 is the canary) and step; target_version: the version
-- this gateway is to run. status: WAITING, SENT, COMMITTED, ROLLED_BACK, REFUSED, NO_REPORT.
CREATE TABLE rollout_gateway (
    rollout_id      VARCHAR(40)   NOT NULL REFERENCES rollout (id) ON DELETE CASCADE,
    gateway_id      VARCHAR(64)   NOT NULL,
    position        INT           NOT NULL,
    step            INT           NOT NULL,
    target_version  VARCHAR(64)   NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE,
    done_at         TIMESTAMP WITH TIME ZONE,
    reason          VARCHAR(2000),
    PRIMARY KEY (rollout_id, gateway_id)
);
