-- Scoped access (security.Scope): what an API token, and every web session signed in with it, may
-- see. 'all', 'kind:school' or 'kind:bridge', or 'sites:' and a comma-separated list of site ids.
-- Existing tokens keep seeing everything.
ALTER TABLE api_token ADD COLUMN scope VARCHAR(4000) DEFAULT 'all' NOT NULL;

-- The audit log (audit.AuditLog): every change made by a person or token, append-only. seq numbers
-- the entries without gaps; hash is the SHA-256 of prev_hash and the entry's fields (audit.AuditHash),
-- so editing, inserting or deleting a row in the middle breaks the chain at that row. before_state
-- and after_state are JSON with secrets left out.
CREATE TABLE audit_log (
    seq           BIGINT        NOT NULL PRIMARY KEY,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(64)   NOT NULL,
    actor_role    VARCHAR(16),
    client        VARCHAR(100),
    action        VARCHAR(64)   NOT NULL,
    target        VARCHAR(300)  NOT NULL,
    before_state  VARCHAR(8000),
    after_state   VARCHAR(8000),
    prev_hash     VARCHAR(64)   NOT NULL,
    hash          VARCHAR(64)   NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (recorded_at);
CREATE INDEX audit_log_actor ON audit_log (actor, recorded_at);
