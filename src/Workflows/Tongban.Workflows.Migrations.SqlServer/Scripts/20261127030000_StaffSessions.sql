-- Hardening 3/4: accounts can be disabled, and a session stamp issued at sign-in lets logout end every
-- token and cookie of that person. Existing accounts stay active.
ALTER TABLE [staff] ADD [Active] bit NOT NULL CONSTRAINT [DF_staff_Active] DEFAULT CAST(1 AS bit);
ALTER TABLE [staff] ADD [SessionStamp] nvarchar(40) NULL;
