-- Failed attempts per account, client address or activation link, for growing delays.
CREATE TABLE throttles (
    key             TEXT   NOT NULL PRIMARY KEY,
    failures        BIGINT NOT NULL,
    last_failure_at BIGINT NOT NULL,
    locked_until    BIGINT NOT NULL
);
