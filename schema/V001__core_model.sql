-- The core identity model shared by every face of Breezeway (Breeze XML, /resources/iam JSON, and the
-- seed APIs mirrored later). Later issues add to it with new migrations; never edit an applied one.
--
-- Id space: Breeze uses one numeric id space for accounts, principals and other ACL objects (an
-- `acl-id` may name any of them). Accounts take ids below 1,000,000 and principals start at
-- 1,000,000, so the two never collide (AccountStore refuses an account id past the range).

CREATE TABLE account (
  account_id   BIGINT       NOT NULL AUTO_INCREMENT,
  name         VARCHAR(255) NOT NULL,
  created_at   TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (account_id),
  CONSTRAINT uk_account_name UNIQUE (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A principal is a user (type user, guest, external-user) or a group (group and the built-in group
-- types such as admins). Users log in with `login`; a group's login is its name. Comparisons use a
-- case-insensitive collation, so uniqueness and filters ignore case as Adobe Connect does.
CREATE TABLE principal (
  principal_id        BIGINT        NOT NULL AUTO_INCREMENT,
  uuid                BINARY(16)    NOT NULL,
  account_id          BIGINT        NOT NULL,
  type                VARCHAR(32)   NOT NULL,
  login               VARCHAR(255)  NULL,
  group_name          VARCHAR(255)  NULL,
  name                VARCHAR(512)  NOT NULL,
  first_name          VARCHAR(255)  NULL,
  last_name           VARCHAR(255)  NULL,
  email               VARCHAR(255)  NULL,
  phone               VARCHAR(64)   NULL,
  description         VARCHAR(4000) NULL,
  properties          JSON          NULL,
  password_hash       VARCHAR(255)  NULL,
  password_temporary  BOOLEAN       NOT NULL DEFAULT FALSE,
  password_expires_at TIMESTAMP(6)  NULL,
  is_primary          BOOLEAN       NOT NULL DEFAULT FALSE,
  is_hidden           BOOLEAN       NOT NULL DEFAULT FALSE,
  manager_id          BIGINT        NULL,
  lang                VARCHAR(16)   NOT NULL DEFAULT 'en',
  time_zone_id        INT           NOT NULL DEFAULT 85,
  suspended_at        TIMESTAMP(6)  NULL,
  deleted_at          TIMESTAMP(6)  NULL,
  last_active_at      TIMESTAMP(6)  NULL,
  created_at          TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at          TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  version             BIGINT        NOT NULL DEFAULT 1,
  PRIMARY KEY (principal_id),
  CONSTRAINT uk_principal_uuid UNIQUE (uuid),
  CONSTRAINT uk_principal_login UNIQUE (login),
  CONSTRAINT uk_principal_group_name UNIQUE (account_id, group_name),
  CONSTRAINT uk_principal_email UNIQUE (email),
  CONSTRAINT uk_principal_phone UNIQUE (phone),
  CONSTRAINT fk_principal_account FOREIGN KEY (account_id) REFERENCES account (account_id),
  CONSTRAINT fk_principal_manager FOREIGN KEY (manager_id) REFERENCES principal (principal_id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci AUTO_INCREMENT=1000000;

CREATE INDEX ix_principal_account_type ON principal (account_id, type);
CREATE INDEX ix_principal_name ON principal (name);
CREATE INDEX ix_principal_last_active ON principal (last_active_at);
CREATE INDEX ix_principal_suspended ON principal (suspended_at);

-- Membership of users and groups in groups (groups may contain groups; cycles are refused by the service).
CREATE TABLE group_member (
  group_id   BIGINT       NOT NULL,
  member_id  BIGINT       NOT NULL,
  added_at   TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (group_id, member_id),
  CONSTRAINT fk_group_member_group  FOREIGN KEY (group_id)  REFERENCES principal (principal_id) ON DELETE CASCADE,
  CONSTRAINT fk_group_member_member FOREIGN KEY (member_id) REFERENCES principal (principal_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_group_member_member ON group_member (member_id);

-- Sessions behind the BREEZESESSION cookie and bearer tokens. Only the SHA-256 of a token is stored.
-- A session without principal_id is the anonymous one common-info hands out; login binds it.
CREATE TABLE auth_session (
  session_id   BIGINT        NOT NULL AUTO_INCREMENT,
  token_hash   BINARY(32)    NOT NULL,
  principal_id BIGINT        NULL,
  account_id   BIGINT        NULL,
  kind         VARCHAR(16)   NOT NULL DEFAULT 'password',
  user_agent   VARCHAR(512)  NULL,
  created_at   TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  last_seen_at TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  revoked_at   TIMESTAMP(6)  NULL,
  PRIMARY KEY (session_id),
  CONSTRAINT uk_auth_session_token_hash UNIQUE (token_hash),
  CONSTRAINT fk_auth_session_principal FOREIGN KEY (principal_id) REFERENCES principal (principal_id) ON DELETE CASCADE,
  CONSTRAINT fk_auth_session_account FOREIGN KEY (account_id) REFERENCES account (account_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_auth_session_principal ON auth_session (principal_id);
CREATE INDEX ix_auth_session_last_seen ON auth_session (last_seen_at);
