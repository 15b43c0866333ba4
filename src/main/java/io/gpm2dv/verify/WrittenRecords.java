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
 * The records a run wrote and loaded, each as the sum of its writes in the run (a later write's columns win: the
 * last write per record and column), with the object of its first write; streamed from the ledger in object and key
 * order. A record whose final fate is not LOADED (dead-lettered after its data landed) is left to its dead letter; a
 * write recorded before {@code sent_values} existed adds nothing.
 */
@ApplicationScoped
public class WrittenRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    LedgerDataSource dataSource;

    public void forEachLastWrite(String runId, Consumer<SentRecord> each) {
        try (Connection c = dataSource.getConnection();
                // the first write's object by index (run_id, record_key, audit_id), not a window over every audit row in memory
                PreparedStatement ps = c.prepareStatement("SELECT (SELECT o.object FROM gpm_audit_log o WHERE o.run_id = w.run_id"
                        + " AND o.record_key = w.record_key AND NOT EXISTS (SELECT 1 FROM gpm_audit_log e WHERE e.run_id = o.run_id"
                        + " AND e.record_key = o.record_key AND e.audit_id < o.audit_id)) AS first_object, w.record_key,"
                        + " w.target_table, w.target_id, w.sent_values FROM gpm_audit_log w WHERE w.run_id = ?"
                        + " AND EXISTS (SELECT 1 FROM gpm_record_fate f WHERE f.run_id = ? AND f.record_key = w.record_key"
                        + " AND f.fate = 'LOADED') ORDER BY first_object, w.record_key, w.audit_id")) {
            ps.setString(1, runId);
            ps.setString(2, runId);
            ps.setFetchSize(500);
            try (ResultSet rs = ps.executeQuery()) {
                SentRecord current = null;
                while (rs.next()) {
                    String key = rs.getString(2);
                    String values = rs.getString(5);
                    JsonNode sent = values == null ? null : JSON.readTree(values);
                    if (current != null && !current.key().equals(key)) {
                        emit(current, each);
                        current = null;
                    }
                    ObjectNode body = current == null ? JSON.createObjectNode() : current.sent();
                    if (sent instanceof ObjectNode o) {
                        body.setAll(o);
                    }
                    current = new SentRecord(current == null ? rs.getString(1) : current.object(), key, rs.getString(3),
                            UUID.fromString(rs.getString(4)), body);
                }
                if (current != null) {
                    emit(current, each);
                }
            }
        } catch (SQLException | IOException e) {
            throw new LedgerException("read the writes of run " + runId, e);
        }
    }

    private static void emit(SentRecord r, Consumer<SentRecord> each) {
        if (!r.sent().isEmpty()) {
            each.accept(r);
        }
    }
}
