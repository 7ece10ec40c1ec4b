-- The modern principal model (/resources/iam): roles, ACL entries and access attributes of a
-- principal, role definitions with their permissions, and what the session list shows.

-- A role definition: a named permission set ("support:agent" → ["orders:read", …]). Issue 5 adds
-- its management API; the modern API assigns roles by name and checks their permissions.
CREATE TABLE role (
  role_id     BIGINT        NOT NULL AUTO_INCREMENT,
  account_id  BIGINT        NOT NULL,
  name        VARCHAR(255)  NOT NULL,
  description VARCHAR(4000) NULL,
  version     BIGINT        NOT NULL DEFAULT 1,
  created_at  TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  created_by  BIGINT        NULL,
  PRIMARY KEY (role_id),
  CONSTRAINT uk_role_name UNIQUE (account_id, name),
  CONSTRAINT fk_role_account FOREIGN KEY (account_id) REFERENCES account (account_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A permission of a role: "resource:permission", either part may be "*".
CREATE TABLE role_permission (
  role_id    BIGINT       NOT NULL,
  permission VARCHAR(255) NOT NULL,
  PRIMARY KEY (role_id, permission),
  CONSTRAINT fk_role_permission_role FOREIGN KEY (role_id) REFERENCES role (role_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Roles assigned to a principal, by name (a role may be assigned before it is defined).
CREATE TABLE principal_role (
  principal_id BIGINT       NOT NULL,
  role         VARCHAR(255) NOT NULL,
  PRIMARY KEY (principal_id, role),
  CONSTRAINT fk_principal_role_principal FOREIGN KEY (principal_id) REFERENCES principal (principal_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_principal_role_role ON principal_role (role, principal_id);

-- ACL entries granted to a principal directly: resource + permission, "*" as wildcard.
CREATE TABLE principal_acl (
  principal_id BIGINT       NOT NULL,
  resource     VARCHAR(255) NOT NULL,
  permission   VARCHAR(255) NOT NULL,
  PRIMARY KEY (principal_id, resource, permission),
  CONSTRAINT fk_principal_acl_principal FOREIGN KEY (principal_id) REFERENCES principal (principal_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Access attributes (ABAC): a principal scoped by attributes sees only principals sharing a value for
-- each of its keys, e.g. channelKey = STORE-NYC.
CREATE TABLE principal_attribute (
  principal_id BIGINT       NOT NULL,
  attr_key     VARCHAR(64)  NOT NULL,
  attr_value   VARCHAR(255) NOT NULL,
  PRIMARY KEY (principal_id, attr_key, attr_value),
  CONSTRAINT fk_principal_attribute_principal FOREIGN KEY (principal_id) REFERENCES principal (principal_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_principal_attribute_value ON principal_attribute (attr_key, attr_value, principal_id);

-- Sessions get a public id for the session list and a flag for temporary-password sessions, which may
-- do nothing but change the password.
ALTER TABLE auth_session ADD COLUMN public_id BINARY(16) NULL;
ALTER TABLE auth_session ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
CREATE UNIQUE INDEX uk_auth_session_public_id ON auth_session (public_id);

-- Keyset pages of the principal list in each order.
CREATE INDEX ix_principal_account_email ON principal (account_id, email);
CREATE INDEX ix_principal_account_active ON principal (account_id, last_active_at);
CREATE INDEX ix_principal_account_suspended ON principal (account_id, suspended_at);
