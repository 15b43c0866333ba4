package io.gpm2dv.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


/** The audit log: every write the sink made, appended before its Kafka offset is committed. */
@ApplicationScoped
public class AuditLog {
    /**
     * The row {@code a} is its record's first write in the run: no earlier one. Found by the index on (run_id,
     * record_key, audit_id), so counting first writes streams the audit rows instead of numbering them all in memory.
     */
    private static final String FIRST_WRITE = "NOT EXISTS (SELECT 1 FROM gpm_audit_log e WHERE e.run_id = a.run_id"
            + " AND e.record_key = a.record_key AND e.audit_id < a.audit_id)";
    /** The same among one object's writes. */
    private static final String FIRST_WRITE_OF_OBJECT = "NOT EXISTS (SELECT 1 FROM gpm_audit_log e WHERE e.run_id = a.run_id"
            + " AND e.record_key = a.record_key AND e.audit_id < a.audit_id AND e.object = a.object)";

    @Inject
    LedgerDataSource dataSource;

    public void append(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            append(c, entries);
            c.commit();
        } catch (SQLException e) {
            throw new LedgerException("append " + entries.size() + " audit entries", e);
        }
    }

    /** Appends within the caller's transaction (the sink records writes, fates and dead letters together). */
    public void append(Connection c, List<AuditEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gpm_audit_log (run_id, stage, object, source_id,"
                + " record_key, target_table, target_id, operation, written_at, operator, owner_outcome,"
                + " owner_practitioner_id, party_count, sent_values, application_user)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AuditEntry e : entries) {
                ps.setString(1, e.runId());
                ps.setString(2, e.stage());
                ps.setString(3, e.object());
                ps.setString(4, e.sourceId());
                ps.setString(5, e.recordKey());
                ps.setString(6, e.targetTable());
                ps.setString(7, e.targetId());
                ps.setString(8, e.operation());
                ps.setTimestamp(9, Timestamp.from(e.writtenAt()));
                ps.setString(10, e.operator());
                ps.setString(11, e.ownerOutcome());
                if (e.ownerPractitionerId() == null) {
                    ps.setNull(12, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(12, e.ownerPractitionerId());
                }
                if (e.partyCount() == null) {
                    ps.setNull(13, java.sql.Types.INTEGER);
                } else {
                    ps.setInt(13, e.partyCount());
                }
                ps.setString(14, e.sentValues());
                ps.setString(15, e.applicationUser());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The audit entries of one run, oldest first. */
    public List<AuditEntry> entries(String runId) {
        List<AuditEntry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT run_id, stage, object, source_id, record_key,"
                        + " target_table, target_id, operation, written_at, operator, owner_outcome, owner_practitioner_id,"
                        + " application_user FROM gpm_audit_log WHERE run_id = ? ORDER BY audit_id")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getTimestamp(9).toInstant(), rs.getString(10), rs.getString(11),
                            rs.getObject(12) == null ? null : rs.getLong(12), null, null, rs.getString(13)));
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("read the audit log of run " + runId, e);
        }
        return out;
    }

    /**
     * Per object, how many records of the run were created and how many updated ({@code [created, updated]}); a
     * record's first write in the run decides. Counted by the database, so no key is held in memory.
     */
    public java.util.Map<String, long[]> operationsPerObject(String runId) {
        java.util.Map<String, long[]> out = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT a.object, a.operation, COUNT(*) FROM gpm_audit_log a"
                        + " WHERE a.run_id = ? AND " + FIRST_WRITE + " GROUP BY a.object, a.operation")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new long[2])[AuditEntry.CREATED.equals(rs.getString(2)) ? 0 : 1]
                            += rs.getLong(3);
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("count the writes of run " + runId, e);
        }
        return out;
    }

    /** What an object's writes of one run put in one table: records, and the activity parties they carried. */
    public record TableTotals(long records, long parties) {
    }

    /** Per target table, the records an object's writes of the run reached (each record once, by its first write). */
    public java.util.Map<String, TableTotals> totalsPerTable(String runId, String object) {
        java.util.Map<String, TableTotals> out = new java.util.TreeMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT a.target_table, COUNT(*), SUM(COALESCE(a.party_count, 0))"
                        + " FROM gpm_audit_log a WHERE a.run_id = ? AND a.object = ? AND " + FIRST_WRITE_OF_OBJECT
                        + " GROUP BY a.target_table")) {
            ps.setString(1, runId);
            ps.setString(2, object);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new TableTotals(rs.getLong(2), rs.getLong(3)));
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("count the targets of " + object, e);
        }
        return out;
    }

    /** Each distinct record an object's writes of the run reached in {@code table}, by target id. */
    public void forEachTarget(String runId, String object, String table, java.util.function.Consumer<String> each) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT DISTINCT target_id FROM gpm_audit_log WHERE run_id = ?"
                        + " AND object = ? AND target_table = ?")) {
            ps.setString(1, runId);
            ps.setString(2, object);
            ps.setString(3, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("read the targets of " + object, e);
        }
    }

    /** Per practitioner whose row decided an owner, how many distinct records of the run it owns. */
    public java.util.Map<Long, Long> recordsPerPractitioner(String runId) {
        java.util.Map<Long, Long> out = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT owner_practitioner_id, COUNT(DISTINCT record_key)"
                        + " FROM gpm_audit_log WHERE run_id = ? AND owner_practitioner_id IS NOT NULL"
                        + " GROUP BY owner_practitioner_id")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("count the records per practitioner of run " + runId, e);
        }
        return out;
    }

    /** One line of the audit export: a write, or a rollback step, with the record's before-image when there is one. */
    public record AuditLine(String runId, String stage, String object, String sourceId, String recordKey, String table,
            String targetId, String operation, Instant at, String operator, String beforeImage, String applicationUser) {
    }

    /**
     * The audit of a run and/or one source id (either may be null, not both), oldest first: every write with the
     * before-image of the record it updated (null when the run created it), then every rollback step.
     */
    public void query(String runId, String sourceId, java.util.function.Consumer<AuditLine> each) {
        String where = (runId == null ? "" : " AND a.run_id = ?") + (sourceId == null ? "" : " AND a.source_id = ?");
        String stepWhere = (runId == null ? "" : " AND s.run_id = ?")
                + (sourceId == null ? "" : " AND s.record_key LIKE ?");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT a.run_id, a.stage, a.object, a.source_id, a.record_key,"
                        + " a.target_table, a.target_id, a.operation, a.written_at, a.operator, b.image, a.application_user"
                        + " FROM gpm_audit_log a"
                        + " LEFT JOIN gpm_before_image b ON b.run_id = a.run_id AND b.target_table = a.target_table"
                        + " AND b.target_id = a.target_id WHERE 1 = 1" + where + " ORDER BY a.audit_id");
                PreparedStatement steps = c.prepareStatement("SELECT s.run_id, s.object, s.record_key, s.target_table,"
                        + " s.target_id, s.action, s.outcome, s.done_at, s.operator FROM gpm_rollback_step s WHERE 1 = 1"
                        + stepWhere + " ORDER BY s.done_at")) {
            int n = 1;
            int m = 1;
            if (runId != null) {
                ps.setString(n++, runId);
                steps.setString(m++, runId);
            }
            if (sourceId != null) {
                ps.setString(n, sourceId);
                steps.setString(m, "%-" + sourceId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(new AuditLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getTimestamp(9).toInstant(), rs.getString(10), rs.getString(11), rs.getString(12)));
                }
            }
            try (ResultSet rs = steps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(3);
                    each.accept(new AuditLine(rs.getString(1), "rollback", rs.getString(2),
                            key.substring(key.lastIndexOf('-') + 1), key, rs.getString(4), rs.getString(5),
                            rs.getString(6) + ":" + rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getString(9), null, null));
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("read the audit log", e);
        }
    }
}
