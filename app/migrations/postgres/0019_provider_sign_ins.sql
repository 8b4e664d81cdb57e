-- Sign-ins through an identity provider under way: what the browser that started one must bring
-- back to finish it (the authorization request's state, the ID token's nonce, the PKCE verifier).
-- A row is found by the hash of a cookie only that browser holds, taken once, and lives minutes.
CREATE TABLE provider_sign_ins (
    browser_hash  TEXT NOT NULL PRIMARY KEY,
    provider      TEXT NOT NULL,
    state         TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL
);

CREATE INDEX provider_sign_ins_expiry ON provider_sign_ins (expires_at);
