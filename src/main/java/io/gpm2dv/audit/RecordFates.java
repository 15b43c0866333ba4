package io.gpm2dv.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


/**
 * Per run and record key, the record's fate; per run and object, the extract counts; and the report's
 * findings. Recording is idempotent (a redelivered message sets the same fate again), which is what lets
 * reconciliation add up after retries and replays.
 */
@ApplicationScoped
public class RecordFates {
    /** What the extract stage counted for one object. */
    public record ExtractCounts(long exportRows, long extracted, long rejected) {
    }

    /** A fate to record. */
    public record FateEntry(String runId, String object, String key, Fate fate, String stage, String reason, String skipRule) {
        public FateEntry(String runId, String object, String key, Fate fate, String stage, String reason) {
            this(runId, object, key, fate, stage, reason, null);
        }
    }

    @Inject
    LedgerDataSource dataSource;

    @Inject
    FateSignal signal;

    public void record(String runId, String object, String key, Fate fate, String stage, String reason) {
        record(List.of(new FateEntry(runId, object, key, fate, stage, reason)));
    }

    /** Records that a record was skipped by {@code rule} (a code the reconciliation counts), with the reason in words. */
    public void recordSkip(String runId, String object, String key, String stage, String rule, String reason) {
        record(List.of(new FateEntry(runId, object, key, Fate.SKIPPED, stage, reason, rule)));
    }

    /** Skipped records of one object in one run, counted per rule (records skipped without a rule count as OTHER). */
    public Map<String, Long> skipsByRule(String runId, String object) {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT skip_rule, COUNT(*) FROM gpm_record_fate WHERE run_id = ? AND object = ? AND fate = 'SKIPPED'"
                        + " GROUP BY skip_rule")) {
            ps.setString(1, runId);
            ps.setString(2, object);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.merge(rs.getString(1) == null ? "OTHER" : rs.getString(1), rs.getLong(2), Long::sum);
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("count skips of " + object, e);
        }
        return out;
    }

    /** Records fates; a final fate replaces any earlier one, PENDING never replaces a final fate. */
    public void record(List<FateEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            record(c, entries);
            c.commit();
        } catch (SQLException e) {
            throw new LedgerException("record " + entries.size() + " record fates", e);
        }
        committed(entries);
    }

    /** Records fates within the caller's transaction; the caller says {@link #committed} once it committed. */
    public void record(Connection c, List<FateEntry> entries) throws SQLException {
        for (FateEntry e : entries) {
            upsert(c, e);
        }
    }

    /** Wakes the run's waits: these fates are committed. */
    public void committed(java.util.Collection<FateEntry> entries) {
        entries.stream().map(e -> List.of(e.runId(), e.object())).distinct().forEach(k -> signal.changed(k.get(0), k.get(1)));
    }

    /** Wakes the run's waits: fates of {@code object} are committed. */
    public void committed(String runId, String object) {
        signal.changed(runId, object);
    }

    /** The final fates (loaded, skipped, dead-lettered) some of {@code keys} already have in the run. */
    public Map<String, Fate> finalFates(String runId, java.util.Collection<String> keys) {
        Map<String, Fate> out = new java.util.HashMap<>();
        List<String> all = new java.util.ArrayList<>(keys);
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < all.size(); from += 200) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + 200));
                String sql = "SELECT record_key, fate FROM gpm_record_fate WHERE run_id = ? AND fate <> 'PENDING'"
                        + " AND record_key IN (" + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, runId);
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 2, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), Fate.valueOf(rs.getString(2)));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("read the fates of " + keys.size() + " records", e);
        }
        return out;
    }

    private static void upsert(Connection c, FateEntry e) throws SQLException {
        String update = "UPDATE gpm_record_fate SET fate = ?, stage = ?, reason = ?, updated_at = ?, skip_rule = ?"
                + " WHERE run_id = ? AND object = ? AND record_key = ?" + (e.fate().isFinal() ? "" : " AND fate = 'PENDING'");
        try (PreparedStatement ps = c.prepareStatement(update)) {
            bindFate(ps, e);
            ps.setString(6, e.runId());
            ps.setString(7, e.object());
            ps.setString(8, e.key());
            if (ps.executeUpdate() > 0) {
                return;
            }
        }
        if (!e.fate().isFinal() && fate(c, e.runId(), e.key()).isPresent()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gpm_record_fate (fate, stage, reason, updated_at,"
                + " skip_rule, run_id, object, record_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            bindFate(ps, e);
            ps.setString(6, e.runId());
            ps.setString(7, e.object());
            ps.setString(8, e.key());
            ps.executeUpdate();
        }
    }

    private static void bindFate(PreparedStatement ps, FateEntry e) throws SQLException {
        ps.setString(1, e.fate().name());
        ps.setString(2, e.stage());
        ps.setString(3, e.reason() == null ? null : e.reason().substring(0, Math.min(e.reason().length(), 2000)));
        ps.setTimestamp(4, Timestamp.from(Instant.now()));
        ps.setString(5, e.fate() == Fate.SKIPPED ? e.skipRule() : null);
    }

    /** The fate of a record in a run, if any stage recorded one. */
    public Optional<Fate> fate(String runId, String key) {
        try (Connection c = dataSource.getConnection()) {
            return fate(c, runId, key);
        } catch (SQLException e) {
            throw new LedgerException("read the fate of " + key, e);
        }
    }

    private static Optional<Fate> fate(Connection c, String runId, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT fate FROM gpm_record_fate WHERE run_id = ? AND record_key = ?")) {
            ps.setString(1, runId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Fate.valueOf(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** Counts of fates for one object in one run; {@code stage} null counts all stages. */
    public Map<Fate, Long> counts(String runId, String object, String excludeStage) {
        Map<Fate, Long> counts = new EnumMap<>(Fate.class);
        for (Fate f : Fate.values()) {
            counts.put(f, 0L);
        }
        String sql = "SELECT fate, COUNT(*) FROM gpm_record_fate WHERE run_id = ? AND object = ?"
                + (excludeStage == null ? "" : " AND stage <> ?") + " GROUP BY fate";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, runId);
            ps.setString(2, object);
            if (excludeStage != null) {
                ps.setString(3, excludeStage);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(Fate.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("count fates of " + object, e);
        }
        return counts;
    }

    public void recordExtract(String runId, String object, Long exportRows, long extracted, long rejected) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM gpm_extract WHERE run_id = ? AND object = ?")) {
                del.setString(1, runId);
                del.setString(2, object);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO gpm_extract (run_id, object, export_rows, extracted,"
                    + " rejected, finished_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, runId);
                ps.setString(2, object);
                if (exportRows == null) {
                    ps.setNull(3, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(3, exportRows);
                }
                ps.setLong(4, extracted);
                ps.setLong(5, rejected);
                ps.setTimestamp(6, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new LedgerException("record the extract of " + object, e);
        }
        signal.changed(runId, object);
    }

    public Optional<ExtractCounts> extractCounts(String runId, String object) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT export_rows, extracted, rejected FROM gpm_extract"
                        + " WHERE run_id = ? AND object = ?")) {
            ps.setString(1, runId);
            ps.setString(2, object);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ExtractCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerException("read the extract of " + object, e);
        }
    }

    /** Findings for the report (column and code only, never values). Idempotent per record, column and code. */
    public void recordFindings(String runId, String object, List<io.gpm2dv.pipeline.Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (io.gpm2dv.pipeline.Finding f : findings) {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM gpm_finding WHERE run_id = ? AND record_key = ?"
                        + " AND column_name = ? AND code = ?");
                        PreparedStatement ins = c.prepareStatement("INSERT INTO gpm_finding (run_id, object, record_key,"
                                + " column_name, code) VALUES (?, ?, ?, ?, ?)")) {
                    del.setString(1, runId);
                    del.setString(2, f.key());
                    del.setString(3, f.column());
                    del.setString(4, f.code());
                    del.executeUpdate();
                    ins.setString(1, runId);
                    ins.setString(2, object);
                    ins.setString(3, f.key());
                    ins.setString(4, f.column());
                    ins.setString(5, f.code());
                    ins.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new LedgerException("record findings", e);
        }
    }

    /** Each finding of one object in one run, by key and column (column and code only, never values). */
    public void forEachFinding(String runId, String object, java.util.function.Consumer<io.gpm2dv.pipeline.Finding> each) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT record_key, column_name, code FROM gpm_finding"
                        + " WHERE run_id = ? AND object = ? ORDER BY record_key, column_name")) {
            ps.setString(1, runId);
            ps.setString(2, object);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(new io.gpm2dv.pipeline.Finding(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("read findings", e);
        }
    }

    /** A record's fate as the report names it: key, the stage that decided, and why. */
    public record KeyedFate(String key, String stage, String reason, String skipRule) {
    }

    /** Each record of one object with the given fate in one run, by key (e.g. skipped records and their reasons). */
    public void forEachWithFate(String runId, String object, Fate fate, java.util.function.Consumer<KeyedFate> each) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT record_key, stage, reason, skip_rule FROM gpm_record_fate"
                        + " WHERE run_id = ? AND object = ? AND fate = ? ORDER BY record_key")) {
            ps.setString(1, runId);
            ps.setString(2, object);
            ps.setString(3, fate.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(new KeyedFate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("read fates", e);
        }
    }
}
