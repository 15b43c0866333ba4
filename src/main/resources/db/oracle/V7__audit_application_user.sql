-- Which application user (client id) wrote each record: writes are spread over several (dataverse.client-id)
ALTER TABLE gpm_audit_log ADD application_user VARCHAR2(100);
