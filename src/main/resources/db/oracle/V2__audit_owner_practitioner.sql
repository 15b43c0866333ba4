-- which practitioner's row decided the owner of the record written (owner-resolution report)
ALTER TABLE gpm_audit_log ADD owner_practitioner_id NUMBER(12);
