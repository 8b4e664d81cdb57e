-- Server-side sessions. The cookie carries a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
    id_hash       TEXT   NOT NULL PRIMARY KEY,
    person_id     BIGINT NOT NULL REFERENCES persons (id),
    -- the enterprise the person acts for, chosen after sign-in
    enterprise_id BIGINT REFERENCES enterprises (id),
    created_at    BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL,
    ended_at      BIGINT,
    client_addr   TEXT
);
CREATE INDEX sessions_by_person ON sessions (person_id);
