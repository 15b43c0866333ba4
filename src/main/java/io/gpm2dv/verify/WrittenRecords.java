package io.gpm2dv.verify;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.audit.LedgerDataSource;
import io.gpm2dv.audit.LedgerException;

/**
 * The records a run wrote and loaded, each by its last write in the run (audit log), with what that write sent;
 * streamed from the ledger in object, table and key order. A record whose final fate is not LOADED (dead-lettered
 * after its data landed) is left to its dead letter; a write recorded before {@code sent_values} existed is skipped.
 */
@ApplicationScoped
public class WrittenRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    LedgerDataSource dataSource;

    public void forEachLastWrite(String runId, Consumer<SentRecord> each) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT w.object, w.record_key, w.target_table, w.target_id,"
                        + " w.sent_values FROM (SELECT object, record_key, target_table, target_id, sent_values,"
                        + " ROW_NUMBER() OVER (PARTITION BY record_key ORDER BY audit_id DESC) AS nth FROM gpm_audit_log"
                        + " WHERE run_id = ?) w WHERE w.nth = 1 AND w.sent_values IS NOT NULL AND EXISTS (SELECT 1 FROM"
                        + " gpm_record_fate f WHERE f.run_id = ? AND f.record_key = w.record_key AND f.fate = 'LOADED')"
                        + " ORDER BY w.object, w.target_table, w.record_key")) {
            ps.setString(1, runId);
            ps.setString(2, runId);
            ps.setFetchSize(500);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonNode sent = JSON.readTree(rs.getString(5));
                    if (sent instanceof ObjectNode body) {
                        each.accept(new SentRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                                UUID.fromString(rs.getString(4)), body));
                    }
                }
            }
        } catch (SQLException | IOException e) {
            throw new LedgerException("read the writes of run " + runId, e);
        }
    }
}
