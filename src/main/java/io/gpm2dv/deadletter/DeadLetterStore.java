package io.gpm2dv.deadletter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.gpm2dv.audit.Fate;
import io.gpm2dv.audit.LedgerDataSource;
import io.gpm2dv.audit.LedgerException;
import io.gpm2dv.audit.RecordFates;

/**
 * Keeps what arrives on the dead-letter topic — for the reconciliation (each record's fate) and for a later
 * replay or rollback (the payload).
 */
@ApplicationScoped
public class DeadLetterStore {
    @Inject
    LedgerDataSource dataSource;

    @Inject
    RecordFates fates;

    public void record(DeadLetter dl) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO gpm_dead_letter (run_id, stage, object, record_key,"
                        + " source_file, source_row, column_name, reason, payload, recorded_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, dl.runId());
            ps.setString(2, dl.stage());
            ps.setString(3, dl.object());
            ps.setString(4, dl.key());
            ps.setString(5, dl.file());
            if (dl.row() == null) {
                ps.setNull(6, java.sql.Types.BIGINT);
            } else {
                ps.setLong(6, dl.row());
            }
            ps.setString(7, dl.column());
            ps.setString(8, truncate(dl.reason()));
            ps.setString(9, dl.payload() == null ? null : dl.payload().toString());
            ps.setTimestamp(10, Timestamp.from(dl.at() == null ? Instant.now() : dl.at()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("cannot store the dead letter of " + dl.key(), e);
        }
        fates.record(dl.runId(), dl.object(), dl.key(), Fate.DEAD_LETTERED, dl.stage(), dl.reason());
    }

    /** Dead letters of a run, without payloads: key, stage, file, row, column, reason. */
    public List<DeadLetter> list(String runId) {
        List<DeadLetter> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT run_id, stage, object, record_key, source_file, source_row,"
                        + " column_name, reason, recorded_at FROM gpm_dead_letter WHERE run_id = ? ORDER BY dead_letter_id")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long row = rs.getLong(6);
                    out.add(new DeadLetter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.wasNull() ? null : row, rs.getString(7), rs.getString(8), null, null,
                            rs.getTimestamp(9).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot list dead letters of run " + runId, e);
        }
        return out;
    }

    private static String truncate(String s) {
        return s == null ? "" : s.substring(0, Math.min(s.length(), 2000));
    }
}
