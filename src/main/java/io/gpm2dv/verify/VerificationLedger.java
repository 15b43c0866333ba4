package io.gpm2dv.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.gpm2dv.audit.LedgerDataSource;
import io.gpm2dv.audit.LedgerException;

/**
 * {@code gpm_verification}: per run, each column whose value read back differs from what was sent — object, key,
 * table, column, the kinds of both values and a code; never a value. A new verification of a run replaces the last.
 */
@ApplicationScoped
public class VerificationLedger {
    private static final int BATCH = 500;

    @Inject
    LedgerDataSource dataSource;

    /** Forgets the run's earlier verification. */
    public void clear(String runId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM gpm_verification WHERE run_id = ?")) {
            ps.setString(1, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("clear the verification of run " + runId, e);
        }
    }

    /** Records mismatches (a batch at a time: {@link Writer}). */
    public Writer writer(String runId) {
        return new Writer(runId);
    }

    /** Collects mismatches and writes them a batch at a time; {@link #close()} writes the rest. */
    public final class Writer implements AutoCloseable {
        private final String runId;
        private final List<ColumnCheck> pending = new ArrayList<>();

        private Writer(String runId) {
            this.runId = runId;
        }

        public void add(ColumnCheck c) {
            if (c.matches()) {
                return;
            }
            pending.add(c);
            if (pending.size() >= BATCH) {
                flush();
            }
        }

        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("INSERT INTO gpm_verification (run_id, object, record_key,"
                            + " target_table, column_name, sent_kind, read_kind, code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (ColumnCheck m : pending) {
                    ps.setString(1, runId);
                    ps.setString(2, m.object());
                    ps.setString(3, m.key());
                    ps.setString(4, m.table());
                    ps.setString(5, m.column());
                    ps.setString(6, m.sentKind());
                    ps.setString(7, m.readKind());
                    ps.setString(8, m.code());
                    ps.addBatch();
                }
                ps.executeBatch();
            } catch (SQLException e) {
                throw new LedgerException("record " + pending.size() + " verification mismatches", e);
            }
            pending.clear();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
