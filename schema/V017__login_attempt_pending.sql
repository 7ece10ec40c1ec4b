-- Attempts in flight are counted apart from failures: a login being verified is no failure yet, so
-- logins that run at once from one address (an LMS, a script's workers) never lock it by themselves.
-- pending_at: the last reservation; pending counts older than a moment are from a stopped process.
ALTER TABLE login_attempt ADD COLUMN pending INT NOT NULL DEFAULT 0;
ALTER TABLE login_attempt ADD COLUMN pending_at TIMESTAMP(6) NULL;
