-- The SHA-256 of the first secret key (BREEZEWAY_SECRET_KEY or a node's secret.key) that served this
-- database, never the key itself: a node with another key refuses to start (README, Configuration).
CREATE TABLE secret_key_fingerprint (
  id          TINYINT      NOT NULL,
  fingerprint BINARY(32)   NOT NULL,
  recorded_at TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
