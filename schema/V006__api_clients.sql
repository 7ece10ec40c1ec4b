-- API clients (seed 003): machine callers that authenticate with a client id and secret, get a
-- client token good for 86,400 seconds, act with their own roles, and own the users they create.
--
-- Each client is backed by a principal of the internal type 'api-client' (no login, no password),
-- so sessions, roles (principal_role) and the Authorizer work for clients unchanged. Those
-- principals never appear in principal-list, principal-info, permissions-info or /resources/iam
-- (their type is outside the Breeze vocabulary that clients such as the PHP one accept).

-- One client. `client_id` is 160 random bits as 40 lower-case hex characters, the form of the
-- seed's ids; only the SHA-256 of the secret (also 160 random bits) is stored. Revoking keeps the
-- row (revoked_at) and soft-deletes the backing principal, which ends every token at once.
CREATE TABLE api_client (
  client_id         CHAR(40)      NOT NULL,
  account_id        BIGINT        NOT NULL,
  principal_id      BIGINT        NOT NULL,
  name              VARCHAR(255)  NOT NULL,
  secret_hash       BINARY(32)    NOT NULL,
  created_at        TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  created_by        BIGINT        NULL,
  secret_rotated_at TIMESTAMP(6)  NULL,
  revoked_at        TIMESTAMP(6)  NULL,
  PRIMARY KEY (client_id),
  CONSTRAINT uk_api_client_principal UNIQUE (principal_id),
  CONSTRAINT fk_api_client_account FOREIGN KEY (account_id) REFERENCES account (account_id) ON DELETE CASCADE,
  CONSTRAINT fk_api_client_principal FOREIGN KEY (principal_id) REFERENCES principal (principal_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_api_client_account ON api_client (account_id, created_at);

-- The client that created a user, and the client's own id for it (the seed's clientUserId), unique
-- per client. The row lives as long as the principal: a soft-deleted user keeps it, so the same
-- clientUserId cannot be created again; principals-delete removes both.
CREATE TABLE client_user (
  principal_id   BIGINT       NOT NULL,
  client_id      CHAR(40)     NOT NULL,
  client_user_id VARCHAR(255) NULL,
  PRIMARY KEY (principal_id),
  CONSTRAINT uk_client_user_external UNIQUE (client_id, client_user_id),
  CONSTRAINT fk_client_user_principal FOREIGN KEY (principal_id) REFERENCES principal (principal_id) ON DELETE CASCADE,
  CONSTRAINT fk_client_user_client FOREIGN KEY (client_id) REFERENCES api_client (client_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Client tokens expire at a fixed time instead of after an idle period; NULL for every other session.
ALTER TABLE auth_session ADD COLUMN expires_at TIMESTAMP(6) NULL;
