-- The mail outbox: one row per mail to one recipient, written in the transaction of the change that causes it
-- (so a rolled-back change sends nothing) and delivered after commit by the mail worker (dev.breezeway.mail).
-- sending_id groups the mails of one Sendings API request (POST /resources/sendings); message_id is fixed at
-- enqueue, so a resend after a crash mid-send carries the same Message-ID. state: queued → sending (claimed by
-- one node until claimed_until) → delivered, or back to queued with next_attempt_at pushed out (back-off), or
-- failed after the last attempt.
CREATE TABLE mail_outbox (
  mail_id                BIGINT        NOT NULL AUTO_INCREMENT,
  account_id             BIGINT        NOT NULL,
  sending_id             CHAR(36)      NOT NULL,
  category               VARCHAR(64)   NOT NULL,
  recipient_principal_id BIGINT        NULL,
  recipient_address      VARCHAR(255)  NOT NULL,
  subject                VARCHAR(255)  NOT NULL,
  body_text              MEDIUMTEXT    NOT NULL,
  body_html              MEDIUMTEXT    NULL,
  message_id             VARCHAR(255)  NOT NULL,
  state                  VARCHAR(16)   NOT NULL,
  attempts               INT           NOT NULL DEFAULT 0,
  next_attempt_at        DATETIME(6)   NOT NULL,
  claimed_by             VARCHAR(80)   NULL,
  claimed_until          DATETIME(6)   NULL,
  delivered_at           DATETIME(6)   NULL,
  last_error             VARCHAR(1000) NULL,
  created_by             BIGINT        NULL,
  created_at             DATETIME(6)   NOT NULL,
  PRIMARY KEY (mail_id),
  CONSTRAINT uk_mail_outbox_message_id UNIQUE (message_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_mail_outbox_due ON mail_outbox (state, next_attempt_at);
CREATE INDEX ix_mail_outbox_claim ON mail_outbox (claimed_by);
CREATE INDEX ix_mail_outbox_sending ON mail_outbox (account_id, sending_id);
