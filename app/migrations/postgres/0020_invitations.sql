-- Invitations: the one-time link with which a person an administrator added chooses a password
-- and enrols an authenticator app (or, after a reset, replaces them). One per person and
-- enterprise at most: sending another replaces it. Only the SHA-256 of the link's token is kept;
-- the offered app secret and a temporary password's hash live only while the link is open.
CREATE TABLE invitations (
    enterprise_id           BIGINT NOT NULL REFERENCES enterprises (id),
    person_id               BIGINT NOT NULL REFERENCES persons (id),
    token_hash              TEXT   NOT NULL UNIQUE,
    reason                  TEXT   NOT NULL CHECK (reason IN ('invitation', 'reset')),
    sent_by                 BIGINT REFERENCES persons (id),
    created_at              BIGINT NOT NULL,
    expires_at              BIGINT NOT NULL,
    used_at                 BIGINT,
    totp_secret             TEXT,
    temporary_password_hash TEXT,
    email_id                BIGINT,
    PRIMARY KEY (enterprise_id, person_id)
);
CREATE INDEX invitations_by_person ON invitations (person_id);

-- The outbox learns two more kinds, and that a message can be given up on (the relay refused
-- the address for good).
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check
    CHECK (kind IN ('activation_link', 'temporary_password', 'linked_notice', 'invitation', 'sign_in_reset'));
ALTER TABLE outbox ADD COLUMN given_up_at BIGINT;
