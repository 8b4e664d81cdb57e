-- Users: people with access in an enterprise, the groups they are in (blocked or not) and the
-- online services granted to them per group.

-- One row per person who is a user of the enterprise (in at least one group), with the keys the
-- user list sorts and searches by: the name lowercased without accents, family name first and
-- given name first, and the NRN's digits. `version` grows with every change to the user, so a
-- form read before a change is recognised as stale.
CREATE TABLE enterprise_users (
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
    person_id     BIGINT NOT NULL REFERENCES persons (id),
    sort_name     TEXT NOT NULL,
    given_first   TEXT NOT NULL,
    nrn           TEXT,
    version       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (enterprise_id, person_id)
);
CREATE INDEX enterprise_users_by_name ON enterprise_users (enterprise_id, sort_name, person_id);
CREATE INDEX enterprise_users_by_given_name ON enterprise_users (enterprise_id, given_first, person_id);
CREATE INDEX enterprise_users_by_nrn ON enterprise_users (enterprise_id, nrn);

-- A user's place in a group; blocked when blocked_at is set (the grants stay).
CREATE TABLE memberships (
    enterprise_id BIGINT NOT NULL,
    group_id      BIGINT NOT NULL REFERENCES groups (id),
    person_id     BIGINT NOT NULL,
    sort_name     TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    blocked_at    BIGINT,
    PRIMARY KEY (enterprise_id, group_id, person_id),
    FOREIGN KEY (enterprise_id, person_id) REFERENCES enterprise_users (enterprise_id, person_id)
);
CREATE INDEX memberships_by_group_name ON memberships (enterprise_id, group_id, sort_name, person_id);
CREATE INDEX memberships_by_person ON memberships (enterprise_id, person_id);

-- The online services a user may use in a group (only services the group offers).
CREATE TABLE grants (
    enterprise_id BIGINT NOT NULL,
    group_id      BIGINT NOT NULL,
    person_id     BIGINT NOT NULL,
    service_id    BIGINT NOT NULL REFERENCES online_services (id),
    granted_at    BIGINT NOT NULL,
    PRIMARY KEY (enterprise_id, person_id, group_id, service_id),
    FOREIGN KEY (enterprise_id, group_id, person_id) REFERENCES memberships (enterprise_id, group_id, person_id)
);
CREATE INDEX grants_by_service ON grants (enterprise_id, service_id, person_id);

-- How many users each group of an enterprise has, kept with every change so the home page never
-- counts over the memberships.
ALTER TABLE enterprise_groups ADD COLUMN users_active BIGINT NOT NULL DEFAULT 0;
ALTER TABLE enterprise_groups ADD COLUMN users_blocked BIGINT NOT NULL DEFAULT 0;

-- Unread messages first, newest first, per reader.
CREATE INDEX ebox_unread ON ebox_messages (enterprise_id, person_id, read_at, id);
