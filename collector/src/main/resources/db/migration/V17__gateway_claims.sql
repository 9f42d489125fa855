-- Enrolment claims (gateways.enrol): a one-time code an admin issues for a gateway id, site and kind;
-- the gateway trades it for its token (POST /api/v1/enroll). The code itself is never stored:
-- code_hash is the SHA-256 (hex) of its normalised form. A claim is used at most once: redeeming sets
-- used_at with a conditional UPDATE (used_at IS NULL AND expires_at > now), so two gateways racing
-- with one code cannot both win. location_id is the room or bridge section of a bulk import, if given.
CREATE TABLE gateway_claim (
    code_hash   VARCHAR(64)  NOT NULL PRIMARY KEY,
    gateway_id  VARCHAR(64)  NOT NULL,
    site_id     VARCHAR(64)  NOT NULL,
    site_kind   VARCHAR(16)  NOT NULL,
    location_id VARCHAR(64),
    created_by  VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,
    used_from   VARCHAR(100)
);
CREATE INDEX gateway_claim_gateway ON gateway_claim (gateway_id);
