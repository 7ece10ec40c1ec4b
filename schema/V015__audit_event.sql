-- The audit trail: one row per login, logout and administrative change, written in the transaction of the
-- change it records (failed and locked logins in a transaction of their own, so they survive a rollback).
-- actor_principal_id is null for an anonymous caller (a failed login) or the system; details holds the
-- before/after of the changed fields as JSON text, never a password, hash, secret or token.
CREATE TABLE audit_event (
  event_id           BIGINT       NOT NULL AUTO_INCREMENT,
  account_id         BIGINT       NOT NULL,
  occurred_at        DATETIME(6)  NOT NULL,
  actor_principal_id BIGINT       NULL,
  actor_login        VARCHAR(255) NULL,
  kind               VARCHAR(64)  NOT NULL,
  object_type        VARCHAR(32)  NULL,
  object_id          VARCHAR(64)  NULL,
  object_name        VARCHAR(255) NULL,
  details            TEXT         NULL,
  address            VARCHAR(64)  NULL,
  face               VARCHAR(8)   NULL,
  PRIMARY KEY (event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_audit_event_time ON audit_event (account_id, occurred_at);
CREATE INDEX ix_audit_event_actor ON audit_event (account_id, actor_principal_id, occurred_at);
CREATE INDEX ix_audit_event_object ON audit_event (account_id, object_id, occurred_at);
CREATE INDEX ix_audit_event_kind ON audit_event (account_id, kind, occurred_at);
CREATE INDEX ix_audit_event_occurred ON audit_event (occurred_at);
