-- API keys (docs/security.md). Only SHA-256 of each key's secret is kept; the key itself is shown
-- once, when it is created. Revoked keys stay, so that audit lines naming them can be traced.
CREATE TABLE api_keys (
    id                  VARCHAR(32)  PRIMARY KEY,
    name                VARCHAR(200) NOT NULL,
    secret_sha256       VARCHAR(64)  NOT NULL,
    scopes              VARCHAR(200) NOT NULL,
    max_connections     INTEGER,
    max_subscriptions   INTEGER,
    requests_per_second INTEGER,
    polls_per_minute    INTEGER,
    upstream_symbols    INTEGER,
    created_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    revoked_at          TIMESTAMP(6) WITH TIME ZONE
);
