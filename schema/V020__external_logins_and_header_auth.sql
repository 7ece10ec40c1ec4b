-- Issue 20: external identities, SSO-only principals and Adobe Connect's HTTP header authentication.
--
-- ext_login is the principal's external authentication id (Adobe's ext-login): NULL means "the same as login", which
-- is what every principal had until now. HTTP header authentication and principal-info read it. Unique like logins.
ALTER TABLE principal ADD COLUMN ext_login VARCHAR(255) NULL;
CREATE UNIQUE INDEX uk_principal_ext_login ON principal (ext_login);

-- False for an SSO-only principal: password login is refused on every face, whatever its password.
ALTER TABLE principal ADD COLUMN password_login BOOLEAN NOT NULL DEFAULT TRUE;

-- HTTP header authentication as an administrator set it at run time (one row for the server; without it, the
-- start-up values BREEZEWAY_HEADER_AUTH_NAME and BREEZEWAY_HEADER_AUTH_TRUSTED apply). header_name NULL turns it off.
CREATE TABLE header_auth (
  setting_id    TINYINT       NOT NULL,
  header_name   VARCHAR(128)  NULL,
  trusted       VARCHAR(2048) NOT NULL DEFAULT '',
  updated_by    BIGINT        NULL,
  updated_at    TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (setting_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
