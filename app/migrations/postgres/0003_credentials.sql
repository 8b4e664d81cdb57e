-- Sign-in credentials: an argon2id password hash and an authenticator-app secret per person.
CREATE TABLE credentials (
    person_id      BIGINT NOT NULL PRIMARY KEY REFERENCES persons (id),
    password_hash  TEXT   NOT NULL,
    totp_secret    TEXT   NOT NULL,
    -- the last 30-second step a code was accepted for; a code is never accepted twice
    totp_last_step BIGINT,
    updated_at     BIGINT NOT NULL
);

-- The authenticator secret offered while an activation link is being used, kept until it is
-- confirmed with a code, so that reloading the page shows the same QR code.
ALTER TABLE activation_tokens ADD COLUMN totp_secret TEXT;
