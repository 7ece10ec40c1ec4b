-- Organisation users (seed 004): ranks, computer usernames, smartcards and policies. The organisation
-- is the account; guests are principals of Breeze type 'guest'.

ALTER TABLE principal ADD COLUMN user_rank VARCHAR(16) NOT NULL DEFAULT 'REGULAR';

-- The usernames a user has on its workstations; replaced as a whole.
CREATE TABLE computer_username (
  principal_id BIGINT       NOT NULL,
  username     VARCHAR(255) NOT NULL,
  PRIMARY KEY (principal_id, username),
  CONSTRAINT fk_computer_username_principal FOREIGN KEY (principal_id) REFERENCES principal (principal_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Smartcards: the number (with its PIN) is a secret, stored AES-256-GCM encrypted (number_enc) with the
-- server key; number_mac (HMAC-SHA256 under the same key) finds duplicates without decrypting.
CREATE TABLE smartcard (
  smartcard_id BIGINT        NOT NULL AUTO_INCREMENT,
  principal_id BIGINT        NOT NULL,
  number_enc   VARBINARY(512) NOT NULL,
  number_mac   BINARY(32)    NOT NULL,
  label        VARCHAR(255)  NULL,
  position     INT           NOT NULL,
  PRIMARY KEY (smartcard_id),
  CONSTRAINT fk_smartcard_principal FOREIGN KEY (principal_id) REFERENCES principal (principal_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_smartcard_principal ON smartcard (principal_id, position);
CREATE INDEX ix_smartcard_mac ON smartcard (number_mac);

-- Access policies of the organisation and the users they are assigned to.
CREATE TABLE policy (
  policy_id  BIGINT       NOT NULL AUTO_INCREMENT,
  account_id BIGINT       NOT NULL,
  name       VARCHAR(255) NOT NULL,
  PRIMARY KEY (policy_id),
  CONSTRAINT uk_policy_name UNIQUE (account_id, name),
  CONSTRAINT fk_policy_account FOREIGN KEY (account_id) REFERENCES account (account_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE policy_member (
  policy_id    BIGINT NOT NULL,
  principal_id BIGINT NOT NULL,
  PRIMARY KEY (policy_id, principal_id),
  CONSTRAINT fk_policy_member_policy FOREIGN KEY (policy_id) REFERENCES policy (policy_id) ON DELETE CASCADE,
  CONSTRAINT fk_policy_member_principal FOREIGN KEY (principal_id) REFERENCES principal (principal_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_policy_member_principal ON policy_member (principal_id);
