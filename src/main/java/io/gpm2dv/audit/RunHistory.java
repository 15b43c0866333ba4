package io.gpm2dv.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What earlier runs left, for the runs that continue them: the data cut-off a delta starts after, the records that
 * failed and were not loaded since, and the records loaded so far (to tell which rows left the export).
 */
@ApplicationScoped
public class RunHistory {
    /** Statuses of a run whose load a delta can continue from: every row accounted for. */
    private static final String ACCOUNTED = "('COMPLETE', 'COMPLETE_WITH_FAILURES')";

    @Inject
    LedgerDataSource dataSource;

    /** The run a delta continues: the newest full or delta run that accounted for every row, and its data cut-off. */
    public record Base(String runId, int runNumber, OffsetDateTime dataCutoffAt) {
    }

    public void recordSelection(String runId, OffsetDateTime dataCutoffAt, String parentRunId, Integer sampleSize) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE gpm_run SET data_cutoff_at = ?, parent_run_id = ?,"
                        + " sample_size = ? WHERE run_id = ?")) {
            ps.setTimestamp(1, dataCutoffAt == null ? null : Timestamp.from(dataCutoffAt.toInstant()));
            ps.setString(2, parentRunId);
            if (sampleSize == null) {
                ps.setNull(3, java.sql.Types.INTEGER);
            } else {
                ps.setInt(3, sampleSize);
            }
            ps.setString(4, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("record the selection of run " + runId, e);
        }
    }

    /** The data cut-off (high-water mark) recorded for a run, if any. */
    public Optional<OffsetDateTime> dataCutoff(String runId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT data_cutoff_at FROM gpm_run WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getTimestamp(1) != null
                        ? Optional.of(rs.getTimestamp(1).toInstant().atOffset(ZoneOffset.UTC)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerException("read the data cut-off of run " + runId, e);
        }
    }

    public void recordHighWaterMark(String runId, OffsetDateTime mark) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE gpm_run SET data_cutoff_at = ? WHERE run_id = ?")) {
            ps.setTimestamp(1, Timestamp.from(mark.toInstant()));
            ps.setString(2, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("record the high-water mark of run " + runId, e);
        }
    }

    public Optional<Base> deltaBase(String beforeRunId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT run_id, run_number, data_cutoff_at FROM gpm_run"
                        + " WHERE run_mode IN ('full', 'delta') AND status IN " + ACCOUNTED + " AND data_cutoff_at IS NOT NULL"
                        + " AND run_id <> ? ORDER BY run_number DESC")) {
            ps.setString(1, beforeRunId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Base(rs.getString(1), rs.getInt(2),
                        rs.getTimestamp(3).toInstant().atOffset(ZoneOffset.UTC)));
            }
        } catch (SQLException e) {
            throw new LedgerException("find the run a delta continues", e);
        }
    }

    /**
     * Source records (migration keys, without the {@code -unmapped} suffix of the notes the map adds) that were
     * dead-lettered in a run that was not rolled back and not loaded by any later run.
     */
    public Set<String> failedSinceLoaded() {
        Set<String> keys = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT f.record_key FROM gpm_record_fate f JOIN gpm_run r"
                        + " ON r.run_id = f.run_id WHERE f.fate = 'DEAD_LETTERED' AND r.status <> 'ROLLED_BACK'"
                        + " AND NOT EXISTS (SELECT 1 FROM gpm_record_fate g JOIN gpm_run q ON q.run_id = g.run_id"
                        + " WHERE g.record_key = f.record_key AND g.fate = 'LOADED' AND q.status <> 'ROLLED_BACK'"
                        + " AND q.run_number > r.run_number)")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(sourceKey(rs.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("read the records that failed before", e);
        }
        return keys;
    }

    /** Each source record of {@code object} some run not rolled back loaded. */
    public void forEachLoaded(String object, Consumer<String> each) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT DISTINCT f.record_key FROM gpm_record_fate f JOIN gpm_run r"
                        + " ON r.run_id = f.run_id WHERE f.object = ? AND f.fate = 'LOADED' AND r.status <> 'ROLLED_BACK'")) {
            ps.setString(1, object);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("read the records loaded so far", e);
        }
    }

    /** The source record a target record comes from: the map adds {@code <key>-unmapped} notes to some. */
    public static String sourceKey(String recordKey) {
        return recordKey.endsWith("-unmapped") ? recordKey.substring(0, recordKey.length() - "-unmapped".length()) : recordKey;
    }
}
