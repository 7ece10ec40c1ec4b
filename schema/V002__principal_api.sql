-- The Breeze principal API: login throttling and the indexes principal-list filters and sorts use.

-- Failed logins per login name inside the current window (Adobe Connect locks a login after 5
-- failures within 15 minutes). A successful login deletes the row; housekeeping purges old ones.
CREATE TABLE login_attempt (
  login_key    VARCHAR(255) NOT NULL,
  window_start TIMESTAMP(6) NOT NULL,
  failures     INT          NOT NULL,
  PRIMARY KEY (login_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_login_attempt_window ON login_attempt (window_start);

CREATE INDEX ix_principal_account_name ON principal (account_id, name);
CREATE INDEX ix_principal_manager ON principal (manager_id);
CREATE INDEX ix_principal_created ON principal (account_id, created_at);
