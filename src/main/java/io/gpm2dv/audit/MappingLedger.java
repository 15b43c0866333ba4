package io.gpm2dv.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The ledger's record of maps and their confirmations: the maps uploaded through the operator API (the newest is the
 * map in force) and who confirmed which map, by the SHA-256 of its bytes, when and how.
 */
@ApplicationScoped
public class MappingLedger {
    /** A map an operator uploaded. */
    public record Upload(String sha256, byte[] content, String uploadedBy, Instant uploadedAt) {
    }

    /** One confirmation of a map. */
    public record Confirmation(String sha256, String confirmedBy, Instant confirmedAt, String via) {
    }

    @Inject
    LedgerDataSource dataSource;

    @Inject
    LedgerSchema schema;

    /** The newest uploaded map, if any was ever uploaded. */
    public Optional<Upload> latestUpload() {
        schema.ensureMigrated();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT sha256, content, uploaded_by, uploaded_at"
                        + " FROM gpm_mapping_upload ORDER BY uploaded_at DESC")) {
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Upload(rs.getString(1), rs.getString(2).getBytes(StandardCharsets.UTF_8),
                        rs.getString(3), rs.getTimestamp(4).toInstant()));
            }
        } catch (SQLException e) {
            throw new LedgerException("read the uploaded map", e);
        }
    }

    /** Records an uploaded map as the map in force; returns when it was recorded. */
    public Instant upload(String sha256, byte[] content, String uploadedBy) {
        Instant now = newerThanAnyRecorded();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO gpm_mapping_upload (sha256, content, uploaded_by,"
                        + " uploaded_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, sha256);
            ps.setString(2, new String(content, StandardCharsets.UTF_8));
            ps.setString(3, uploadedBy);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.executeUpdate();
            return now;
        } catch (SQLException e) {
            throw new LedgerException("record the uploaded map", e);
        }
    }

    public void confirm(String sha256, String confirmedBy, String via) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO gpm_mapping_confirmation (sha256, confirmed_by,"
                        + " confirmed_at, via) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, sha256);
            ps.setString(2, confirmedBy);
            ps.setTimestamp(3, Timestamp.from(newerThanAnyRecorded()));
            ps.setString(4, via);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("record the confirmation of map " + sha256, e);
        }
    }

    /** The newest confirmation of the map with this SHA-256 made at or after {@code since}. */
    public Optional<Confirmation> confirmation(String sha256, Instant since) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT confirmed_by, confirmed_at, via FROM gpm_mapping_confirmation"
                        + " WHERE sha256 = ? AND confirmed_at >= ? ORDER BY confirmed_at DESC")) {
            ps.setString(1, sha256);
            ps.setTimestamp(2, Timestamp.from(since));
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Confirmation(sha256, rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getString(3))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerException("read the confirmation of map " + sha256, e);
        }
    }

    private Instant last = Instant.EPOCH;

    /**
     * Now, but strictly after anything this process recorded before: an upload and the confirmation that follows it
     * within the same millisecond must still order (a confirmation counts only from its map's upload on).
     */
    private synchronized Instant newerThanAnyRecorded() {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        if (!now.isAfter(last)) {
            now = last.plusMillis(1);
        }
        last = now;
        return now;
    }
}
