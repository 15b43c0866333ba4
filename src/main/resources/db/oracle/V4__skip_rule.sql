-- Why a record was skipped, as a rule code the reconciliation counts (BLOCK, HELD_BACK, PRACTICE_LEVEL, OVERSIZE,
-- MISSING_FILE, CHECKSUM_MISMATCH, MERGED_AWAY, ...); the free-text reason stays beside it.
ALTER TABLE gpm_record_fate ADD skip_rule VARCHAR2(40);
-- How many activity parties a write carried, so the reconciliation can compare them with what Dataverse holds.
ALTER TABLE gpm_audit_log ADD party_count NUMBER(10);
