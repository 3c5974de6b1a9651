-- The audit sealer's work list (issue 13): unsealed records in insertion order, so a sealing round starts after the
-- records it knows are sealed (AuditSealFloor) instead of walking every entry sealing left in the ChainIndex index.
CREATE INDEX "IX_audit_records_Unsealed" ON audit_records ("Sequence") WHERE "ChainIndex" IS NULL;
