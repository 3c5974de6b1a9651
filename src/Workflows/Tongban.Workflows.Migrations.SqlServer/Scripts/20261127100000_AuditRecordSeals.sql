-- Hardening 8: the application writes an HMAC of each audit record's contents under the chain key when it
-- inserts it; the sealer seals only records whose MAC verifies, so a row inserted directly is never sealed.
-- Records sealed before this migration have none and need none (their chain hash covers them).
ALTER TABLE [audit_records] ADD [RecordMac] nvarchar(64) NULL;
