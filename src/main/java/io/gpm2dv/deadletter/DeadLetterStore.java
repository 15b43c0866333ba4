package io.gpm2dv.deadletter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.gpm2dv.audit.Fate;
import io.gpm2dv.audit.LedgerDataSource;
import io.gpm2dv.audit.LedgerException;
import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.pipeline.DeadLetter;

/**
 * Keeps what arrives on the dead-letter topic — for the reconciliation (each record's fate) and for a later
 * replay or rollback (the payload). One row per run, stage and record: a dead letter delivered again (a
 * redelivery, or the sink's own synchronous copy) replaces the first instead of adding a second.
 */
@ApplicationScoped
public class DeadLetterStore {
    /** What a listing reads: everything but the payload, which only a replay may read. */
    private static final String LISTED = "run_id, stage, object, record_key, source_file, source_row, column_name,"
            + " reason, recorded_at, source_topic, source_partition, source_offset";

    @Inject
    LedgerDataSource dataSource;

    @Inject
    RecordFates fates;

    /** Stores the dead letter and sets the record's fate, in one transaction. */
    public void record(DeadLetter dl) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            record(c, dl);
            c.commit();
        } catch (SQLException e) {
            throw new LedgerException("store the dead letter of " + dl.key(), e);
        }
        fates.committed(dl.runId(), dl.object());
    }

    /** Stores the dead letter and sets the record's fate within the caller's transaction. */
    public void record(Connection c, DeadLetter dl) throws SQLException {
        int updated;
        try (PreparedStatement ps = c.prepareStatement("UPDATE gpm_dead_letter SET object = ?, source_file = ?,"
                + " source_row = ?, column_name = ?, reason = ?, payload = ?, recorded_at = ?, source_topic = ?,"
                + " source_partition = ?, source_offset = ? WHERE run_id = ? AND stage = ? AND record_key = ?")) {
            ps.setString(1, dl.object());
            bindDetails(ps, 2, dl);
            ps.setString(11, dl.runId());
            ps.setString(12, dl.stage());
            ps.setString(13, dl.key());
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO gpm_dead_letter (object, source_file, source_row,"
                    + " column_name, reason, payload, recorded_at, source_topic, source_partition, source_offset, run_id,"
                    + " stage, record_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, dl.object());
                bindDetails(ps, 2, dl);
                ps.setString(11, dl.runId());
                ps.setString(12, dl.stage());
                ps.setString(13, dl.key());
                ps.executeUpdate();
            }
        }
        fates.record(c, List.of(new RecordFates.FateEntry(dl.runId(), dl.object(), dl.key(), Fate.DEAD_LETTERED,
                dl.stage(), dl.reason())));
    }

    /** Binds source_file … source_offset (nine parameters) from {@code first}. */
    private static void bindDetails(PreparedStatement ps, int first, DeadLetter dl) throws SQLException {
        ps.setString(first, dl.file());
        setLong(ps, first + 1, dl.row());
        ps.setString(first + 2, dl.column());
        ps.setString(first + 3, truncate(dl.reason()));
        ps.setString(first + 4, dl.payload() == null ? null : dl.payload().toString());
        ps.setTimestamp(first + 5, Timestamp.from(dl.at() == null ? Instant.now() : dl.at()));
        ps.setString(first + 6, dl.topic());
        if (dl.partition() == null) {
            ps.setNull(first + 7, Types.INTEGER);
        } else {
            ps.setInt(first + 7, dl.partition());
        }
        setLong(ps, first + 8, dl.offset());
    }

    /** Dead letters of a run, oldest first, without payloads (reports never carry values). */
    public List<DeadLetter> list(String runId) {
        List<DeadLetter> out = new java.util.ArrayList<>();
        forEach(runId, out::add);
        return out;
    }

    /** Each dead letter of a run, oldest first, without its payload; streams, for runs with many. */
    public void forEach(String runId, Consumer<DeadLetter> each) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + LISTED
                        + " FROM gpm_dead_letter WHERE run_id = ? ORDER BY dead_letter_id")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(new DeadLetter(rs.getString("run_id"), rs.getString("stage"), rs.getString("object"),
                            rs.getString("record_key"), rs.getString("source_file"), getLong(rs, "source_row"),
                            rs.getString("column_name"), rs.getString("reason"), null, null,
                            rs.getTimestamp("recorded_at").toInstant(), rs.getString("source_topic"),
                            getLong(rs, "source_partition") == null ? null : rs.getInt("source_partition"),
                            getLong(rs, "source_offset")));
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("list dead letters of run " + runId, e);
        }
    }

    /** How many dead letters a run has. */
    public long count(String runId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM gpm_dead_letter WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new LedgerException("count dead letters of run " + runId, e);
        }
    }

    /** A nullable number column: {@code wasNull} must follow the read of that same column. */
    private static Long getLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static String truncate(String s) {
        return s == null ? "" : s.substring(0, Math.min(s.length(), 2000));
    }

    /** A dead letter as a retry sees it: where it failed, why, how often, and the message it came from. */
    public record Stored(String runId, String stage, String object, String key, String reason, String payload,
            String topic, int attempts, String retryState) {
    }

    /** Each dead letter of a run with its payload, oldest first (only the retry reads payloads). */
    public void forEachStored(String runId, Consumer<Stored> each) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT run_id, stage, object, record_key, reason, payload,"
                        + " source_topic, attempts, retry_state FROM gpm_dead_letter WHERE run_id = ? ORDER BY dead_letter_id")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9)));
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("read the dead letters of run " + runId, e);
        }
    }

    /** Records what a retry decided for a dead letter ({@code RETRIED} or {@code PERMANENT}). */
    public void markRetry(String runId, String stage, String key, String state) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE gpm_dead_letter SET retry_state = ? WHERE run_id = ?"
                        + " AND stage = ? AND record_key = ?")) {
            ps.setString(1, state);
            ps.setString(2, runId);
            ps.setString(3, stage);
            ps.setString(4, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("mark the retry of " + key, e);
        }
    }

    /** Sets how often a record has been tried, on its dead letter in {@code runId}. */
    public void setAttempts(String runId, String key, int attempts) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE gpm_dead_letter SET attempts = ? WHERE run_id = ?"
                        + " AND record_key = ?")) {
            ps.setInt(1, attempts);
            ps.setString(2, runId);
            ps.setString(3, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("count the attempts of " + key, e);
        }
    }
}
