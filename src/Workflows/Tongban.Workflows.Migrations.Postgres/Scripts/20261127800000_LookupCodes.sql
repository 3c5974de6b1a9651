-- The resident's side (issue 14): the one-time code for the public progress lookup, one row per case (a new code
-- replaces the old), only a keyed hash of the digits; the code travels once in resident_notices.
CREATE TABLE resident_lookup_codes (
    "CaseId" uuid NOT NULL,
    "Serial" integer NOT NULL,
    "CodeHash" character varying(64) NOT NULL,
    "IssuedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "Attempts" integer NOT NULL,
    "UsedAt" timestamp with time zone,
    CONSTRAINT "PK_resident_lookup_codes" PRIMARY KEY ("CaseId")
);
