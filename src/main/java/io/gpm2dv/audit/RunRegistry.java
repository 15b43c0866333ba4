package io.gpm2dv.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


/** Runs of the migration: id, number (the {@code importsequencenumber} tag), mode, status. */
@ApplicationScoped
public class RunRegistry {
    /** A started run. */
    public record Run(String runId, int runNumber) {
    }

    @Inject
    LedgerDataSource dataSource;

    /** run id → [RUNNING?, when read]: stages ask per batch, the answer may be a second old. */
    private final java.util.Map<String, long[]> running = new java.util.concurrent.ConcurrentHashMap<>();

    /** Registers a new run with the next run number. */
    public synchronized Run start(String mode, String exportId, String migrationId, String operator) {
        String runId = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection()) {
            int number;
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(run_number), 0) + 1 FROM gpm_run");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                number = rs.getInt(1);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO gpm_run (run_id, run_number, run_mode, export_id,"
                    + " migration_id, operator, started_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'RUNNING')")) {
                ps.setString(1, runId);
                ps.setInt(2, number);
                ps.setString(3, mode);
                ps.setString(4, exportId);
                ps.setString(5, migrationId);
                ps.setString(6, operator);
                ps.setTimestamp(7, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            return new Run(runId, number);
        } catch (SQLException e) {
            throw new LedgerException("register the run", e);
        }
    }

    /**
     * Whether the run is still running. Stages drop the messages of runs that ended: a run declared FAILED or
     * COMPLETE writes nothing more (its leftovers are the next run's to write). Cached for a second.
     */
    public boolean isRunning(String runId) {
        if (runId == null) {
            return false;
        }
        long now = System.currentTimeMillis();
        long[] known = running.get(runId);
        if (known != null && now - known[1] < 1000) {
            return known[0] == 1;
        }
        boolean isRunning = status(runId).map("RUNNING"::equals).orElse(false);
        running.put(runId, new long[] {isRunning ? 1 : 0, now});
        return isRunning;
    }

    /** The run a message belongs to: the one its header names, else the run in progress, else "none". */
    public String runOf(String headerRunId) {
        return headerRunId != null ? headerRunId : current().orElse("none");
    }

    /** The run in progress (the newest RUNNING one), for messages that name none. */
    public Optional<String> current() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT run_id FROM gpm_run WHERE status = 'RUNNING'"
                        + " ORDER BY run_number DESC")) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerException("read the current run", e);
        }
    }

    /**
     * The migration id every record id of this ledger derives from: fixed by the first run that records one. Returns
     * the id already recorded when it differs from {@code migrationId} (the run must be refused), else empty.
     */
    public synchronized Optional<String> fixMigrationId(String migrationId, String runId) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT migration_id FROM gpm_migration WHERE singleton = 1");
                    ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    String recorded = rs.getString(1);
                    return recorded.equals(migrationId) ? Optional.empty() : Optional.of(recorded);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO gpm_migration (singleton, migration_id, first_run_id,"
                    + " recorded_at) VALUES (1, ?, ?, ?)")) {
                ps.setString(1, migrationId);
                ps.setString(2, runId);
                ps.setTimestamp(3, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new LedgerException("record the migration id", e);
        }
    }

    /**
     * Marks every other run still RUNNING as INTERRUPTED: one process runs a migration at a time, so a RUNNING run that
     * is not this one belongs to a process that stopped without finishing it. Its messages still in the topics are
     * then dropped by every stage instead of being written under a run nobody will reconcile. Returns their numbers.
     */
    public java.util.List<Integer> interruptOthers(String runId) {
        java.util.List<Integer> interrupted = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT run_number FROM gpm_run WHERE status = 'RUNNING' AND run_id <> ?")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        interrupted.add(rs.getInt(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE gpm_run SET status = 'INTERRUPTED', finished_at = ?"
                    + " WHERE status = 'RUNNING' AND run_id <> ?")) {
                ps.setTimestamp(1, Timestamp.from(Instant.now()));
                ps.setString(2, runId);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new LedgerException("mark interrupted runs", e);
        }
        running.clear();
        return interrupted;
    }

    public void finish(String runId, String status) {
        running.remove(runId);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE gpm_run SET status = ?, finished_at = ? WHERE run_id = ?")) {
            ps.setString(1, status);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setString(3, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("record the end of run " + runId, e);
        }
    }

    /** The run was rolled back (its finish time stays the time it ended). */
    public void markRolledBack(String runId) {
        running.remove(runId);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE gpm_run SET status = 'ROLLED_BACK' WHERE run_id = ?")) {
            ps.setString(1, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("record the rollback of run " + runId, e);
        }
    }

    /** A run as the ledger records it. */
    public record RunRow(String runId, int runNumber, String mode, String status, String operator, Instant startedAt,
            Instant finishedAt, String mappingSha256) {
    }

    /** Every run, newest first. */
    public java.util.List<RunRow> list() {
        return query("", null);
    }

    public Optional<RunRow> find(String runId) {
        return query(" WHERE run_id = ?", runId).stream().findFirst();
    }

    private java.util.List<RunRow> query(String where, String runId) {
        java.util.List<RunRow> rows = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT run_id, run_number, run_mode, status, operator, started_at,"
                        + " finished_at, mapping_sha256 FROM gpm_run" + where + " ORDER BY run_number DESC")) {
            if (runId != null) {
                ps.setString(1, runId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp finished = rs.getTimestamp(7);
                    rows.add(new RunRow(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant(), finished == null ? null : finished.toInstant(), rs.getString(8)));
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("read the runs", e);
        }
        return rows;
    }

    /** Records the SHA-256 of the map the run uses. */
    public void recordMapping(String runId, String sha256) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE gpm_run SET mapping_sha256 = ? WHERE run_id = ?")) {
            ps.setString(1, sha256);
            ps.setString(2, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("record the map of run " + runId, e);
        }
    }

    public Optional<String> status(String runId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT status FROM gpm_run WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerException("read run " + runId, e);
        }
    }
}
