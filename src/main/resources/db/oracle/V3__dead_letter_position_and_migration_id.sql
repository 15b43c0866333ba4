-- Dead letters say which message they came from (topic, partition, offset) and are kept once per run, stage and
-- record: a redelivered dead letter replaces its first copy instead of adding a second.
ALTER TABLE gpm_dead_letter ADD source_topic VARCHAR2(249);
ALTER TABLE gpm_dead_letter ADD source_partition NUMBER(10);
ALTER TABLE gpm_dead_letter ADD source_offset NUMBER(19);
DELETE FROM gpm_dead_letter WHERE EXISTS (SELECT 1 FROM gpm_dead_letter o WHERE o.run_id = gpm_dead_letter.run_id
  AND o.stage = gpm_dead_letter.stage AND o.record_key = gpm_dead_letter.record_key
  AND o.dead_letter_id < gpm_dead_letter.dead_letter_id);
CREATE UNIQUE INDEX gpm_dead_letter_once ON gpm_dead_letter (run_id, stage, record_key);
-- The migration id every record id derives from, fixed by the first run: a later run with another id is refused.
CREATE TABLE gpm_migration (
  singleton NUMBER(10) PRIMARY KEY,
  migration_id VARCHAR2(200) NOT NULL,
  first_run_id VARCHAR2(36) NOT NULL,
  recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
-- run statuses now include COMPLETE_WITH_FAILURES (22 characters)
ALTER TABLE gpm_run MODIFY status VARCHAR2(40);
