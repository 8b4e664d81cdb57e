-- The service catalogue (loaded from a TOML file at every start), enterprises, people, and the
-- append-only audit trail. Times are milliseconds since the Unix epoch, UTC.

CREATE TABLE domains (
    id         INTEGER PRIMARY KEY,
    code       TEXT    NOT NULL UNIQUE,
    name_de    TEXT    NOT NULL,
    name_fr    TEXT    NOT NULL,
    name_nl    TEXT    NOT NULL,
    name_en    TEXT    NOT NULL,
    retired_at BIGINT
);

CREATE TABLE groups (
    id         INTEGER PRIMARY KEY,
    code       TEXT    NOT NULL UNIQUE,
    domain_id  BIGINT  NOT NULL REFERENCES domains (id),
    name_de    TEXT    NOT NULL,
    name_fr    TEXT    NOT NULL,
    name_nl    TEXT    NOT NULL,
    name_en    TEXT    NOT NULL,
    retired_at BIGINT
);

CREATE TABLE online_services (
    id         INTEGER PRIMARY KEY,
    code       TEXT    NOT NULL UNIQUE,
    name_de    TEXT    NOT NULL,
    name_fr    TEXT    NOT NULL,
    name_nl    TEXT    NOT NULL,
    name_en    TEXT    NOT NULL,
    -- who holds the service without an explicit grant
    implicit   TEXT    NOT NULL CHECK (implicit IN ('none', 'access_managers', 'access_managers_and_users')),
    retired_at BIGINT
);

CREATE TABLE group_services (
    group_id   BIGINT NOT NULL REFERENCES groups (id),
    service_id BIGINT NOT NULL REFERENCES online_services (id),
    PRIMARY KEY (group_id, service_id)
);

CREATE TABLE enterprises (
    id           INTEGER PRIMARY KEY,
    number       TEXT    NOT NULL UNIQUE,
    name         TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'active')),
    created_at   BIGINT  NOT NULL,
    activated_at BIGINT
);

CREATE TABLE enterprise_groups (
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
    group_id      BIGINT NOT NULL REFERENCES groups (id),
    active        BIGINT NOT NULL CHECK (active IN (0, 1)),
    PRIMARY KEY (enterprise_id, group_id)
);

CREATE TABLE persons (
    id          INTEGER PRIMARY KEY,
    nrn         TEXT    UNIQUE,
    username    TEXT    UNIQUE,
    given_name  TEXT    NOT NULL,
    family_name TEXT    NOT NULL,
    email       TEXT    NOT NULL,
    phone       TEXT,
    language    TEXT    NOT NULL CHECK (language IN ('de', 'fr', 'nl', 'en')),
    created_at  BIGINT  NOT NULL,
    CHECK (nrn IS NOT NULL OR username IS NOT NULL)
);

CREATE TABLE employments (
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
    person_id     BIGINT NOT NULL REFERENCES persons (id),
    since         BIGINT NOT NULL,
    PRIMARY KEY (enterprise_id, person_id)
);
CREATE INDEX employments_by_person ON employments (person_id);

-- Exactly one main access manager per enterprise: the primary key allows no second.
CREATE TABLE main_access_managers (
    enterprise_id BIGINT NOT NULL PRIMARY KEY REFERENCES enterprises (id),
    person_id     BIGINT NOT NULL REFERENCES persons (id),
    appointed_at  BIGINT NOT NULL
);

-- One-time activation links; only the SHA-256 of the token is kept.
CREATE TABLE activation_tokens (
    token_hash    TEXT   NOT NULL PRIMARY KEY,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
    person_id     BIGINT NOT NULL REFERENCES persons (id),
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    used_at       BIGINT
);

-- The head of each audit chain; updating it serialises appends to the chain.
CREATE TABLE audit_chains (
    chain     TEXT   NOT NULL PRIMARY KEY,
    last_seq  BIGINT NOT NULL,
    last_hash TEXT   NOT NULL
);

CREATE TABLE audit_events (
    id          INTEGER PRIMARY KEY,
    chain       TEXT    NOT NULL,
    seq         BIGINT  NOT NULL,
    occurred_at BIGINT  NOT NULL,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    target      TEXT,
    before_json TEXT,
    after_json  TEXT,
    client_addr TEXT,
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL,
    UNIQUE (chain, seq)
);
