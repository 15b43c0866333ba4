package io.gpm2dv.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The before-images of a run's writes, recorded before each write: whether the record existed and, if it did, its
 * values of the columns the write sends. Rollback reads them newest first. The first image of a record in a run is
 * kept: an image taken after the run's own write landed (a retry, a restart) would undo nothing.
 */
@ApplicationScoped
public class BeforeImages {
    @Inject
    LedgerDataSource dataSource;

    /** One record as it was before the run wrote it; {@code image} is null when it did not exist. */
    public record BeforeImage(String runId, String object, String recordKey, String table, String entitySet,
            String targetId, boolean existed, String image) {
    }

    /** Records the images a run does not hold yet (one transaction; the first image of a record wins). */
    public void recordFirst(List<BeforeImage> images) {
        if (images.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            // a batch is one run's records of one table
            Set<String> held = heldIds(c, images.get(0).runId(), images.get(0).table(),
                    images.stream().map(BeforeImage::targetId).toList());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO gpm_before_image (run_id, object, record_key,"
                    + " target_table, entity_set, target_id, existed, image, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                Timestamp now = Timestamp.from(Instant.now());
                int added = 0;
                for (BeforeImage i : images) {
                    if (!held.add(i.targetId())) {
                        continue;
                    }
                    ps.setString(1, i.runId());
                    ps.setString(2, i.object());
                    ps.setString(3, i.recordKey());
                    ps.setString(4, i.table());
                    ps.setString(5, i.entitySet());
                    ps.setString(6, i.targetId());
                    ps.setBoolean(7, i.existed());
                    ps.setString(8, i.image());
                    ps.setTimestamp(9, now);
                    ps.addBatch();
                    added++;
                }
                if (added > 0) {
                    ps.executeBatch();
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new LedgerException("record " + images.size() + " before-images", e);
        }
    }

    /** The ids among {@code targetIds} of {@code table} the run holds an image of: records the run may have written. */
    public Set<String> held(String runId, String table, List<String> targetIds) {
        if (targetIds.isEmpty()) {
            return Set.of();
        }
        try (Connection c = dataSource.getConnection()) {
            return heldIds(c, runId, table, targetIds);
        } catch (SQLException e) {
            throw new LedgerException("read " + targetIds.size() + " before-images of run " + runId, e);
        }
    }

    private static Set<String> heldIds(Connection c, String runId, String table, List<String> targetIds) throws SQLException {
        Set<String> held = new HashSet<>();
        StringBuilder in = new StringBuilder();
        targetIds.forEach(i -> in.append(in.length() == 0 ? "?" : ", ?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT target_id FROM gpm_before_image WHERE run_id = ?"
                + " AND target_table = ? AND target_id IN (" + in + ")")) {
            ps.setString(1, runId);
            ps.setString(2, table);
            for (int n = 0; n < targetIds.size(); n++) {
                ps.setString(3 + n, targetIds.get(n));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    held.add(rs.getString(1));
                }
            }
        }
        return held;
    }

    /** Every image of the run, newest first: the reverse of the order the run wrote in. */
    public void forEachNewestFirst(String runId, Consumer<BeforeImage> each) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT run_id, object, record_key, target_table, entity_set,"
                        + " target_id, existed, image FROM gpm_before_image WHERE run_id = ? ORDER BY image_id DESC")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(new BeforeImage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getString(8)));
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("read the before-images of run " + runId, e);
        }
    }

    /** Whether the run wrote anything (holds a before-image). */
    public boolean wrote(String runId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM gpm_before_image WHERE run_id = ? FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new LedgerException("read the before-images of run " + runId, e);
        }
    }
}
