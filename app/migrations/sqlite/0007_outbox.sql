-- Messages to people (e-mail, SMS), written in the transaction of the change that causes them and
-- delivered afterwards by the server, with retries.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    channel         TEXT    NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient       TEXT    NOT NULL,
    subject         TEXT,
    body            TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    attempts        BIGINT  NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    sent_at         BIGINT,
    last_error      TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);

-- A foreign main access manager proves, at activation, the temporary password sent by SMS.
ALTER TABLE activation_tokens ADD COLUMN temporary_password_hash TEXT;
