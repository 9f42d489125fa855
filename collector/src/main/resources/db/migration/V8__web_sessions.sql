-- Sessions of the web pages (web.session.SessionStore), shared by every collector instance behind a
-- load balancer. Only the SHA-256 of a session id is kept: a copy of this table signs nobody in.
-- token_id: the API token the person signed in with (NULL for the bootstrap admin); a session ends
-- when that token is revoked. role: the role at sign-in (the token's current role wins while it exists).
CREATE TABLE web_session (
    id_hash       VARCHAR(64)  NOT NULL PRIMARY KEY,
    subject       VARCHAR(64)  NOT NULL,
    token_id      VARCHAR(64),
    role          VARCHAR(16)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX web_session_expiry ON web_session (expires_at);
