-- Hardening 7: an administrator sets a one-time first password; signing in with it only allows changing it.
ALTER TABLE staff ADD "MustChangePassword" boolean NOT NULL DEFAULT FALSE;
