package io.gpm2dv.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The rollback of a run in the ledger: its state, and one step per record it deleted or restored (with the outcome and,
 * when it failed, why). A step is recorded once done, so a rollback started again skips what is done; its counts are
 * counted from the steps, so they stay right however often it is resumed.
 */
@ApplicationScoped
public class RollbackLedger {
    public static final String ROLLING_BACK = "ROLLING_BACK";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    @Inject
    LedgerDataSource dataSource;

    /** A rollback's state: {@code mismatches} are records the check afterwards did not find as they were. */
    public record RollbackState(String runId, String status, String requestedBy, Instant startedAt, Instant finishedAt,
            long deleted, long restored, long failed, long mismatches) {
    }

    /** One record's undo: {@code action} is {@code delete} or {@code restore}; {@code outcome} DONE, GONE or FAILED. */
    public record Step(String runId, String recordKey, String object, String table, String targetId, String action,
            String outcome, String reason, String operator) {
    }

    /** Opens the rollback of a run, or leaves the one the ledger holds as it is; true when this call opened it. */
    public synchronized boolean open(String runId, String operator) {
        if (state(runId).isPresent()) {
            return false;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO gpm_rollback (run_id, status, requested_by, started_at)"
                        + " VALUES (?, ?, ?, ?)")) {
            ps.setString(1, runId);
            ps.setString(2, ROLLING_BACK);
            ps.setString(3, operator);
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            throw new LedgerException("open the rollback of run " + runId, e);
        }
    }

    /** Marks a failed rollback as rolling back again (a new request resumes it). */
    public void reopen(String runId) {
        update("UPDATE gpm_rollback SET status = ?, finished_at = NULL WHERE run_id = ?", ROLLING_BACK, runId);
    }

    public void finish(String runId, String status, long mismatches) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE gpm_rollback SET status = ?, finished_at = ?, mismatches = ?"
                        + " WHERE run_id = ?")) {
            ps.setString(1, status);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setLong(3, mismatches);
            ps.setString(4, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("finish the rollback of run " + runId, e);
        }
    }

    private void update(String sql, String a, String b) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, a);
            ps.setString(2, b);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("update the rollback of run " + b, e);
        }
    }

    /** Records a step; a step recorded before (a resumed rollback that did it again) is replaced. */
    public void record(Step s) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM gpm_rollback_step WHERE run_id = ? AND target_table = ?"
                    + " AND target_id = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO gpm_rollback_step (run_id, record_key, object,"
                            + " target_table, target_id, action, outcome, reason, done_at, operator)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                del.setString(1, s.runId());
                del.setString(2, s.table());
                del.setString(3, s.targetId());
                del.executeUpdate();
                ins.setString(1, s.runId());
                ins.setString(2, s.recordKey());
                ins.setString(3, s.object());
                ins.setString(4, s.table());
                ins.setString(5, s.targetId());
                ins.setString(6, s.action());
                ins.setString(7, s.outcome());
                ins.setString(8, s.reason());
                ins.setTimestamp(9, Timestamp.from(Instant.now()));
                ins.setString(10, s.operator());
                ins.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new LedgerException("record a rollback step of run " + s.runId(), e);
        }
    }

    /** The records whose step is done ({@code table/id}): a resumed rollback leaves them. */
    public Set<String> doneSteps(String runId) {
        Set<String> done = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT target_table, target_id FROM gpm_rollback_step"
                        + " WHERE run_id = ? AND outcome <> 'FAILED'")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    done.add(rs.getString(1) + "/" + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("read the rollback steps of run " + runId, e);
        }
        return done;
    }

    public Optional<RollbackState> state(String runId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT r.run_id, r.status, r.requested_by, r.started_at, r.finished_at,"
                        + " (SELECT COUNT(*) FROM gpm_rollback_step s WHERE s.run_id = r.run_id AND s.action = 'delete' AND s.outcome <> 'FAILED'),"
                        + " (SELECT COUNT(*) FROM gpm_rollback_step s WHERE s.run_id = r.run_id AND s.action = 'restore' AND s.outcome <> 'FAILED'),"
                        + " (SELECT COUNT(*) FROM gpm_rollback_step s WHERE s.run_id = r.run_id AND s.outcome = 'FAILED'),"
                        + " r.mismatches FROM gpm_rollback r WHERE r.run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp finished = rs.getTimestamp(5);
                return Optional.of(new RollbackState(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), finished == null ? null : finished.toInstant(), rs.getLong(6),
                        rs.getLong(7), rs.getLong(8), rs.getLong(9)));
            }
        } catch (SQLException e) {
            throw new LedgerException("read the rollback of run " + runId, e);
        }
    }

    /** Rollbacks a stopped process left unfinished. */
    public List<String> unfinished() {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT run_id FROM gpm_rollback WHERE status = ?")) {
            ps.setString(1, ROLLING_BACK);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("read unfinished rollbacks", e);
        }
        return out;
    }
}
