-- Hardening 7: an administrator sets a one-time first password; signing in with it only allows changing it.
ALTER TABLE "staff" ADD "MustChangePassword" INTEGER NOT NULL DEFAULT 0;
