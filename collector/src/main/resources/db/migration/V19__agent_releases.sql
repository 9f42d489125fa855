-- Signed agent releases (fleet.release, issue 20). The jar itself is kept here, not on a disk of one
-- instance: several collectors share only this database, and a gateway may download from any of them
-- (each instance caches the jar in collector.releases.directory, checked against sha256). At most
-- collector.releases.max-jar-bytes (64 MiB). signature: Base64 Ed25519 over the jar's SHA-256, checked
-- against the operator's public key at upload. A version is uploaded once and never changes.
CREATE TABLE agent_release (
    version      VARCHAR(64)   NOT NULL PRIMARY KEY,
    sha256       VARCHAR(64)   NOT NULL,
    signature    VARCHAR(200)  NOT NULL,
    size_bytes   BIGINT        NOT NULL,
    uploaded_by  VARCHAR(64)   NOT NULL,
    uploaded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    jar          BYTEA         NOT NULL
);

-- The release each gateway should run (PUT /admin/gateways/{id}/agent); no row: no agent update wanted.
-- No foreign key to gateway (the registry's table): the row of a deleted gateway is inert, as nobody can
-- authenticate as it, and a PUT for the same id registered again replaces it.
CREATE TABLE desired_agent (
    gateway_id   VARCHAR(64)   NOT NULL PRIMARY KEY,
    version      VARCHAR(64)   NOT NULL REFERENCES agent_release (version),
    set_by       VARCHAR(64)   NOT NULL,
    set_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
