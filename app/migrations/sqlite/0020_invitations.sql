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
-- the address for good). SQLite changes a CHECK only by rebuilding the table.
CREATE TABLE outbox_new (
    id              INTEGER PRIMARY KEY,
    channel         TEXT    NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient       TEXT    NOT NULL,
    subject         TEXT,
    body            TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    attempts        BIGINT  NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    sent_at         BIGINT,
    last_error      TEXT,
    kind            TEXT    NOT NULL DEFAULT 'activation_link'
        CHECK (kind IN ('activation_link', 'temporary_password', 'linked_notice', 'invitation', 'sign_in_reset')),
    given_up_at     BIGINT
);
INSERT INTO outbox_new (id, channel, recipient, subject, body, created_at, attempts, next_attempt_at, sent_at, last_error, kind)
    SELECT id, channel, recipient, subject, body, created_at, attempts, next_attempt_at, sent_at, last_error, kind FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
