-- Tickhub's tables of record (PostgreSQL). Times are timestamptz at microsecond precision, as the hub stamps them.

-- Every symbol the hub has accepted a price for, with where its numbering stands (read at start-up).
CREATE TABLE instruments (
    symbol        VARCHAR(32)      PRIMARY KEY,
    first_seen    TIMESTAMPTZ      NOT NULL,
    last_seq      BIGINT           NOT NULL,
    last_price    DOUBLE PRECISION NOT NULL,
    last_provider VARCHAR(64)      NOT NULL,
    last_hub_time TIMESTAMPTZ      NOT NULL
);

-- Every accepted quote (system B's price_points, with bid/ask, volume, both times and the seq).
CREATE TABLE price_points (
    symbol        VARCHAR(32)      NOT NULL,
    seq           BIGINT           NOT NULL,
    price         DOUBLE PRECISION NOT NULL,
    bid           DOUBLE PRECISION,
    ask           DOUBLE PRECISION,
    volume        DOUBLE PRECISION NOT NULL,
    provider      VARCHAR(64)      NOT NULL,
    provider_time TIMESTAMPTZ      NOT NULL,
    hub_time      TIMESTAMPTZ      NOT NULL,
    raw_id        VARCHAR(64),
    PRIMARY KEY (symbol, seq)
);
-- Hub time increases across all symbols in insertion order, so a BRIN index (a few pages, almost
-- free to maintain) finds a time range; a B-tree on (symbol, hub_time) cost a third of COPY speed.
CREATE INDEX price_points_by_hub_time ON price_points USING brin (hub_time);

-- Provider responses as received (system B's raw_market_data).
CREATE TABLE raw_payloads (
    id           VARCHAR(64)  PRIMARY KEY,
    provider     VARCHAR(64)  NOT NULL,
    symbol       VARCHAR(32),
    received_at  TIMESTAMPTZ  NOT NULL,
    content_type VARCHAR(128),
    body         TEXT         NOT NULL
);

-- OHLCV bars; closed = false for an open bar checkpointed so a restart can continue it.
CREATE TABLE bars (
    symbol        VARCHAR(32)      NOT NULL,
    interval_code VARCHAR(4)       NOT NULL,
    start_time    TIMESTAMPTZ      NOT NULL,
    open          DOUBLE PRECISION NOT NULL,
    high          DOUBLE PRECISION NOT NULL,
    low           DOUBLE PRECISION NOT NULL,
    close         DOUBLE PRECISION NOT NULL,
    volume        DOUBLE PRECISION NOT NULL,
    trades        BIGINT           NOT NULL,
    closed        BOOLEAN          NOT NULL,
    PRIMARY KEY (symbol, interval_code, start_time)
);

-- The latest simple moving average per symbol and window (system B's symbol_averages).
CREATE TABLE symbol_averages (
    symbol      VARCHAR(32)      NOT NULL,
    window_size INTEGER          NOT NULL,
    average     DOUBLE PRECISION NOT NULL,
    calc_time   TIMESTAMPTZ      NOT NULL,
    last_seq    BIGINT           NOT NULL,
    PRIMARY KEY (symbol, window_size)
);

-- Systems B and C's polling jobs; symbols comma-separated (a symbol never contains a comma).
CREATE TABLE polling_jobs (
    id          VARCHAR(32)   PRIMARY KEY,
    symbols     VARCHAR(8000) NOT NULL,
    interval_ms BIGINT        NOT NULL,
    provider    VARCHAR(64)   NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL
);

CREATE TABLE news (
    id        VARCHAR(200)  PRIMARY KEY,
    headline  VARCHAR(2000) NOT NULL,
    summary   TEXT,
    source    VARCHAR(200),
    url       VARCHAR(2000),
    published TIMESTAMPTZ   NOT NULL,
    symbols   VARCHAR(8000) NOT NULL
);
CREATE INDEX news_by_published ON news (published);

-- Which symbols a news item is about, for "news about X" without scanning every item.
CREATE TABLE news_symbols (
    symbol    VARCHAR(32)  NOT NULL,
    news_id   VARCHAR(200) NOT NULL REFERENCES news (id),
    published TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (symbol, news_id)
);
CREATE INDEX news_symbols_by_published ON news_symbols (symbol, published);
