-- Login and password policies per account, one for each face (issue 16): 'xml' governs /api/xml and
-- defaults to what Adobe Connect's own defaults accept (4 to 32 characters, no character class
-- required); 'json' governs the JSON faces and defaults to seed 000's documented policy (8 to 256
-- characters, upper- and lower-case letter, digit, not common). A missing row means the defaults.
CREATE TABLE account_policy (
  account_id        BIGINT        NOT NULL,
  face              VARCHAR(8)    NOT NULL,
  login_is_email    BOOLEAN       NOT NULL,
  min_length        INT           NOT NULL,
  max_length        INT           NOT NULL,
  require_digit     BOOLEAN       NOT NULL,
  require_upper     BOOLEAN       NOT NULL,
  require_lower     BOOLEAN       NOT NULL,
  special_chars     VARCHAR(64)   NULL,
  refuse_common     BOOLEAN       NOT NULL,
  expiry_days       INT           NOT NULL,
  history_count     INT           NOT NULL,
  version           BIGINT        NOT NULL DEFAULT 1,
  updated_at        TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT pk_account_policy PRIMARY KEY (account_id, face),
  CONSTRAINT fk_account_policy_account FOREIGN KEY (account_id) REFERENCES account (account_id) ON DELETE CASCADE
);

-- The hashes of a principal's earlier passwords, for "prevent reuse of the last N passwords".
CREATE TABLE password_history (
  history_id    BIGINT        NOT NULL AUTO_INCREMENT,
  principal_id  BIGINT        NOT NULL,
  changed_at    TIMESTAMP(6)  NOT NULL,
  password_hash VARCHAR(255)  NOT NULL,
  CONSTRAINT pk_password_history PRIMARY KEY (history_id),
  CONSTRAINT fk_password_history_principal FOREIGN KEY (principal_id) REFERENCES principal (principal_id)
    ON DELETE CASCADE
);
CREATE INDEX ix_password_history_principal ON password_history (principal_id, history_id);

-- Which principals one create call wrote, recorded in the create's own transaction. When the database
-- driver repeats a transaction after a lost connection and the first attempt had in fact committed, the
-- repeat breaks the login's unique key; finding the call's own token tells that the principal is this
-- call's, so the call answers it instead of a false duplicate (a new request always gets duplicate).
CREATE TABLE request_token (
  token         BINARY(16)    NOT NULL,
  principal_id  BIGINT        NOT NULL,
  created_at    TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT pk_request_token PRIMARY KEY (token, principal_id)
);
CREATE INDEX ix_request_token_created ON request_token (created_at);
