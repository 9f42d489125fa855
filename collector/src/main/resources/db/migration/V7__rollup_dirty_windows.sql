-- Rollup windows waiting to be recomputed (tiers.DirtySet): an hour of one raw field of one gateway's
-- measurement (its 1-minute and 1-hour cells), or a day in the site's zone (its 1-day cell).
-- Ingest marks the hours a batch touched before it answers "stored", so a crash never loses a mark;
-- each mark adds 1 to version, and a recompute removes the row only if version is still what it
-- claimed (otherwise a batch arrived meanwhile and the window is recomputed again).
-- window_start: epoch milliseconds (UTC). lease_owner/lease_until: the instance recomputing it;
-- another instance may take the window over once lease_until has passed (that one died).
CREATE TABLE rollup_dirty (
    gateway_id       VARCHAR(64)  NOT NULL,
    measurement      VARCHAR(64)  NOT NULL,
    field            VARCHAR(64)  NOT NULL,
    tier             VARCHAR(4)   NOT NULL,
    window_start     BIGINT       NOT NULL,
    site_id          VARCHAR(64)  NOT NULL,
    site_kind        VARCHAR(16)  NOT NULL,
    version          BIGINT       NOT NULL,
    first_marked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    marked_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_owner      VARCHAR(64),
    lease_until      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (gateway_id, measurement, field, tier, window_start)
);
CREATE INDEX rollup_dirty_marked ON rollup_dirty (marked_at);
CREATE INDEX rollup_dirty_first_marked ON rollup_dirty (first_marked_at);
