-- Issue 20: sign-in through OpenID Connect providers, configured per account.
--
-- A provider is reached through its issuer's discovery document; client_secret_enc is the client secret encrypted
-- with the server's SecretBox key (AES-256-GCM), as smartcards are. version grows with every change, so a node's
-- cached discovery and key set are known stale by the row alone.
CREATE TABLE sso_provider (
  provider_id        BIGINT        NOT NULL AUTO_INCREMENT,
  account_id         BIGINT        NOT NULL,
  slug               VARCHAR(64)   NOT NULL,
  name               VARCHAR(255)  NOT NULL,
  issuer             VARCHAR(1024) NOT NULL,
  client_id          VARCHAR(255)  NOT NULL,
  client_secret_enc  VARBINARY(1024) NULL,
  scopes             VARCHAR(512)  NOT NULL DEFAULT 'openid email profile',
  email_claim        VARCHAR(64)   NULL,
  link_by_email      BOOLEAN       NOT NULL DEFAULT FALSE,
  jit_provision      BOOLEAN       NOT NULL DEFAULT FALSE,
  enabled            BOOLEAN       NOT NULL DEFAULT TRUE,
  version            BIGINT        NOT NULL DEFAULT 1,
  updated_by         BIGINT        NULL,
  updated_at         TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (provider_id),
  CONSTRAINT fk_sso_provider_account FOREIGN KEY (account_id) REFERENCES account (account_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE UNIQUE INDEX uk_sso_provider_slug ON sso_provider (slug);

-- Who a provider's subject is: the link made at the first sign-in (by verified email, or by creating the user).
CREATE TABLE sso_link (
  provider_id   BIGINT        NOT NULL,
  subject       VARCHAR(255)  NOT NULL,
  principal_id  BIGINT        NOT NULL,
  created_at    TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (provider_id, subject),
  CONSTRAINT fk_sso_link_provider FOREIGN KEY (provider_id) REFERENCES sso_provider (provider_id) ON DELETE CASCADE,
  CONSTRAINT fk_sso_link_principal FOREIGN KEY (principal_id) REFERENCES principal (principal_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_sso_link_principal ON sso_link (principal_id);

-- A sign-in under way, between the redirect to the provider and its callback. Keyed by the SHA-256 of the state
-- (the state itself is only in the browser's redirect); browser_hash binds it to the browser that started it (a
-- cookie); used_at makes the callback single-use on every node (UPDATE … WHERE used_at IS NULL).
CREATE TABLE sso_login_state (
  state_hash     BINARY(32)    NOT NULL,
  provider_id    BIGINT        NOT NULL,
  browser_hash   BINARY(32)    NOT NULL,
  nonce          VARCHAR(128)  NOT NULL,
  code_verifier  VARCHAR(128)  NOT NULL,
  return_to      VARCHAR(1024) NOT NULL,
  created_at     TIMESTAMP(6)  NOT NULL,
  expires_at     TIMESTAMP(6)  NOT NULL,
  used_at        TIMESTAMP(6)  NULL,
  PRIMARY KEY (state_hash),
  CONSTRAINT fk_sso_login_state_provider FOREIGN KEY (provider_id) REFERENCES sso_provider (provider_id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_sso_login_state_expires ON sso_login_state (expires_at);

-- The provider a session of kind 'sso' came through (NULL for every other kind).
ALTER TABLE auth_session ADD COLUMN sso_provider_id BIGINT NULL;
