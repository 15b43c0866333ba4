-- A record's writes of one run in order: the ledger finds a record's first write by index (reconciliation counts,
-- read-back) instead of numbering every audit row of the run in memory
CREATE INDEX gpm_audit_record ON gpm_audit_log (run_id, record_key, audit_id);
