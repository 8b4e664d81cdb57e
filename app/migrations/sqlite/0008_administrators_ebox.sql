-- Appointed administrators (the main access manager lives in main_access_managers). A row is one
-- post: a co-main access manager (no scope), the access manager of one domain, or the group
-- administrator of one group.
CREATE TABLE administrators (
    id            INTEGER PRIMARY KEY,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
    person_id     BIGINT NOT NULL REFERENCES persons (id),
    level         TEXT   NOT NULL CHECK (level IN ('co_main_access_manager', 'access_manager', 'group_administrator')),
    domain_id     BIGINT REFERENCES domains (id),
    group_id      BIGINT REFERENCES groups (id),
    appointed_by  BIGINT NOT NULL REFERENCES persons (id),
    appointed_at  BIGINT NOT NULL,
    CHECK (
        (level = 'co_main_access_manager' AND domain_id IS NULL AND group_id IS NULL)
        OR (level = 'access_manager' AND domain_id IS NOT NULL AND group_id IS NULL)
        OR (level = 'group_administrator' AND domain_id IS NULL AND group_id IS NOT NULL)
    ),
    -- One access manager per domain (so never more than the active domains), one group
    -- administrator per group.
    UNIQUE (enterprise_id, domain_id),
    UNIQUE (enterprise_id, group_id)
);
-- A person is co-main access manager once, and access manager of at most one domain.
CREATE UNIQUE INDEX administrators_one_co_main ON administrators (enterprise_id, person_id)
    WHERE level = 'co_main_access_manager';
CREATE UNIQUE INDEX administrators_one_domain ON administrators (enterprise_id, person_id)
    WHERE level = 'access_manager';
CREATE INDEX administrators_by_person ON administrators (person_id);

-- Each person's inbox per enterprise: messages about their access, stored language-neutral
-- (a kind and its parameters) and worded in the reader's language when shown.
CREATE TABLE ebox_messages (
    id            INTEGER PRIMARY KEY,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
    person_id     BIGINT NOT NULL REFERENCES persons (id),
    kind          TEXT   NOT NULL,
    params_json   TEXT   NOT NULL,
    created_at    BIGINT NOT NULL,
    read_at       BIGINT
);
CREATE INDEX ebox_by_recipient ON ebox_messages (enterprise_id, person_id, id);
