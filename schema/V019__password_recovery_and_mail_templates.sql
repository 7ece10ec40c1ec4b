-- Issue 19: temporary passwords that expire, forgotten-password links, welcome mails and their templates.
--
-- A temporary password (a reset, or a create with temporaryPassword) now expires: password_expires_at holds its end
-- (BREEZEWAY_TEMPORARY_PASSWORD_HOURS after it was set), and password_temporary_used_at the login that used it up: a
-- temporary password opens one session, which may only change it.
ALTER TABLE principal ADD COLUMN password_temporary_used_at TIMESTAMP(6) NULL;

-- Whether the welcome mail of a user created with send-email=true may carry the password an administrator chose
-- (default: no, the mail carries a link to set one).
ALTER TABLE account_policy ADD COLUMN mail_chosen_password BOOLEAN NOT NULL DEFAULT FALSE;

-- One row per forgotten-password request (purpose 'forgot', also for a login that does not exist: principal_id
-- NULL, no token; the rows of an address are what its requests are throttled by) and per welcome link ('welcome').
-- Only the SHA-256 of a token is kept; a token is used once (used_at) and expires (expires_at).
CREATE TABLE password_recovery (
  recovery_id   BIGINT        NOT NULL AUTO_INCREMENT,
  account_id    BIGINT        NULL,
  principal_id  BIGINT        NULL,
  purpose       VARCHAR(16)   NOT NULL,
  token_hash    BINARY(32)    NULL,
  address       VARCHAR(64)   NOT NULL,
  created_at    TIMESTAMP(6)  NOT NULL,
  expires_at    TIMESTAMP(6)  NOT NULL,
  used_at       TIMESTAMP(6)  NULL,
  PRIMARY KEY (recovery_id),
  CONSTRAINT uk_password_recovery_token UNIQUE (token_hash),
  CONSTRAINT fk_password_recovery_principal FOREIGN KEY (principal_id) REFERENCES principal (principal_id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_password_recovery_address ON password_recovery (address, created_at);
CREATE INDEX ix_password_recovery_principal ON password_recovery (principal_id, created_at);

-- An account's own text for one of the server's mails (welcome, password_reset, password_recovery) in one language;
-- without a row the built-in English text is used.
CREATE TABLE mail_template (
  account_id    BIGINT        NOT NULL,
  template      VARCHAR(32)   NOT NULL,
  lang          VARCHAR(16)   NOT NULL,
  subject       VARCHAR(255)  NOT NULL,
  body_text     MEDIUMTEXT    NOT NULL,
  body_html     MEDIUMTEXT    NULL,
  updated_by    BIGINT        NULL,
  updated_at    TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (account_id, template, lang),
  CONSTRAINT fk_mail_template_account FOREIGN KEY (account_id) REFERENCES account (account_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
