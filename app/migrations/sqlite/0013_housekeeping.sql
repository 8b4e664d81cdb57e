-- What a message in the outbox is for. Secrets (activation links, temporary passwords) lose
-- their text once delivered; every message sent so far was one of those.
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'activation_link'
    CHECK (kind IN ('activation_link', 'temporary_password', 'linked_notice'));
UPDATE outbox SET kind = CASE channel WHEN 'sms' THEN 'temporary_password' ELSE 'activation_link' END;
UPDATE outbox SET body = '' WHERE sent_at IS NOT NULL;

-- Refused attempts per chain, actor (for someone unidentified: per client address, '' else)
-- and minute: the first few are audited one by one, the rest are counted here and audited as
-- one summary event once the minute is over.
CREATE TABLE refusal_windows (
    chain        TEXT   NOT NULL,
    actor        TEXT   NOT NULL,
    client_addr  TEXT   NOT NULL,
    window_start BIGINT NOT NULL,
    recorded     BIGINT NOT NULL,
    folded       BIGINT NOT NULL,
    PRIMARY KEY (chain, actor, client_addr, window_start)
);
CREATE INDEX refusal_windows_by_start ON refusal_windows (window_start);

-- The clean-up finds what has expired without reading every row.
CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);
CREATE INDEX throttles_by_last_failure ON throttles (last_failure_at);
CREATE INDEX activation_tokens_by_expiry ON activation_tokens (expires_at);
