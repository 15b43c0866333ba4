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
            throw new LedgerException("cannot register the run", e);
        }
    }

    public void finish(String runId, String status) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE gpm_run SET status = ?, finished_at = ? WHERE run_id = ?")) {
            ps.setString(1, status);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setString(3, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("cannot record the end of run " + runId, e);
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
            throw new LedgerException("cannot read run " + runId, e);
        }
    }
}
