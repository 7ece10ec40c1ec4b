-- Roles become first-class (seed 002): a public locator per role, and tenant assignments of users.

ALTER TABLE role ADD COLUMN locator BINARY(16) NULL;
CREATE UNIQUE INDEX uk_role_locator ON role (locator);

-- Tenants a user is assigned to, by name.
CREATE TABLE principal_tenant (
  principal_id BIGINT       NOT NULL,
  tenant       VARCHAR(255) NOT NULL,
  PRIMARY KEY (principal_id, tenant),
  CONSTRAINT fk_principal_tenant_principal FOREIGN KEY (principal_id) REFERENCES principal (principal_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
