-- Hardening 7: an administrator sets a one-time first password; signing in with it only allows changing it.
-- Existing accounts are not flagged (temporary default, dropped).
ALTER TABLE [staff] ADD [MustChangePassword] bit NOT NULL CONSTRAINT [DF_staff_MustChangePassword] DEFAULT CAST(0 AS bit);
ALTER TABLE [staff] DROP CONSTRAINT [DF_staff_MustChangePassword];
