-- Failed-login counters per (login, client address), per login over all addresses (address '') and per
-- address over all logins (login_key ''); the old per-login rows are short-lived and start again empty.
DROP TABLE login_attempt;

CREATE TABLE login_attempt (
  login_key    VARCHAR(255) NOT NULL,
  address      VARCHAR(64)  NOT NULL,
  window_start TIMESTAMP(6) NOT NULL,
  failures     INT          NOT NULL,
  PRIMARY KEY (login_key, address)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_login_attempt_window ON login_attempt (window_start);
