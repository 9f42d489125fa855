-- Gateway registry. Tokens are never stored: token_hash is the SHA-256 of the token (hex),
-- mqtt_password_hash the token hashed in Mosquitto's PBKDF2-SHA512 format for its password file.
CREATE TABLE gateway (
    id                 VARCHAR(64)  NOT NULL PRIMARY KEY,
    site_id            VARCHAR(64)  NOT NULL,
    site_kind          VARCHAR(16)  NOT NULL,
    token_hash         VARCHAR(64)  NOT NULL,
    mqtt_password_hash VARCHAR(200) NOT NULL,
    enabled            BOOLEAN      NOT NULL,
    created_at         TIMESTAMP    NOT NULL,
    token_issued_at    TIMESTAMP    NOT NULL
);
CREATE UNIQUE INDEX gateway_token_hash ON gateway (token_hash);
