-- Hardening 3/4: accounts can be disabled, and a session stamp issued at sign-in lets logout end every
-- token and cookie of that person. Existing accounts stay active.
ALTER TABLE staff ADD "Active" boolean NOT NULL DEFAULT TRUE;
ALTER TABLE staff ADD "SessionStamp" character varying(40);
