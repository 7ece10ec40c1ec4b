-- Custom fields (custom-fields, custom-field-update, custom-fields-delete), the values ACL objects hold
-- for them (acl-field-info, acl-field-list, acl-field-update, principal-info's <x-FIELDID>), and
-- explicit permissions on ACL objects (permissions-info, permissions-update, permissions-reset).
--
-- Id space: clients send a custom field id where other ids go (field-id=900000001, x-900000001) and
-- see it as an element name (<x-900000001>), so it must never equal an account id (below 1,000,000)
-- or a principal id (1,000,000 and up). Custom field ids therefore start at 900,000,000: principals
-- would need 899 million ids to reach them.
--
-- An `acl-id` names a principal or an account (one id space, see V001), so columns holding one have
-- no foreign key; the services check that the object exists in the caller's account before writing.

CREATE TABLE custom_field (
  field_id      BIGINT        NOT NULL AUTO_INCREMENT,
  account_id    BIGINT        NOT NULL,
  object_type   VARCHAR(32)   NOT NULL,
  name          VARCHAR(255)  NOT NULL,
  field_type    VARCHAR(16)   NOT NULL,
  permission_id VARCHAR(16)   NOT NULL DEFAULT 'manage',
  is_required   BOOLEAN       NOT NULL DEFAULT FALSE,
  is_primary    BOOLEAN       NOT NULL DEFAULT FALSE,
  display_seq   INT           NOT NULL DEFAULT 0,
  comments      VARCHAR(4000) NULL,
  created_at    TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at    TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (field_id),
  CONSTRAINT uk_custom_field_name UNIQUE (account_id, object_type, name),
  CONSTRAINT fk_custom_field_account FOREIGN KEY (account_id) REFERENCES account (account_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci AUTO_INCREMENT=900000000;

-- The value of one custom field on one ACL object (today: a principal). Deleting the field deletes
-- its values. An empty value is not stored: acl-field-update with value="" removes the row.
CREATE TABLE acl_field_value (
  acl_id      BIGINT        NOT NULL,
  field_id    BIGINT        NOT NULL,
  field_value VARCHAR(4000) NOT NULL,
  updated_at  TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (acl_id, field_id),
  CONSTRAINT fk_acl_field_value_field FOREIGN KEY (field_id) REFERENCES custom_field (field_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_acl_field_value_field ON acl_field_value (field_id);

-- One explicit permission: `principal_key` is who holds it, either a principal id in decimal (then
-- `principal_id` holds the same id, so deleting the principal deletes its permissions) or one of the
-- pseudo-principals 'public-access' and 'logged-in-access' (then `principal_id` is NULL). The natural
-- key (acl_id, principal_key) is the primary key, so setting a permission twice is an upsert, never
-- a second row. MariaDB ignores names on PRIMARY KEY, hence no uk_ name here.
CREATE TABLE acl_permission (
  acl_id        BIGINT       NOT NULL,
  principal_key VARCHAR(32)  NOT NULL,
  principal_id  BIGINT       NULL,
  permission_id VARCHAR(16)  NOT NULL,
  created_at    TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at    TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (acl_id, principal_key),
  CONSTRAINT ck_acl_permission_holder CHECK (principal_id IS NOT NULL OR principal_key IN ('public-access', 'logged-in-access')),
  CONSTRAINT fk_acl_permission_principal FOREIGN KEY (principal_id) REFERENCES principal (principal_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
