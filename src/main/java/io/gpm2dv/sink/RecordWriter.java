package io.gpm2dv.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.audit.BeforeImages.BeforeImage;
import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.dataverse.DataverseException;
import io.gpm2dv.dataverse.RetryBudget;
import io.gpm2dv.pipeline.TargetRecord;

/**
 * Writes a batch of records of one table: reads which already exist (create vs update, current state),
 * upserts them by deterministic id in one {@code UpsertMultiple} (or one PATCH each where the table has no
 * bulk support), splits a refused batch until only the records Dataverse refuses stand alone, then applies
 * state changes. A failure that is not the record's fault (outage, throttling beyond the budget, token) never
 * refuses a record: it defers the records it touched, remembering which data writes already landed.
 * No Camel here: the caller decides what happens next.
 */
public class RecordWriter {
    /** The Open state of activities, to reopen a closed one before its columns change (API §10: closed is read-only). */
    private static final Map<String, Integer> OPEN_STATUS = Map.of("appointment", 1, "email", 1, "task", 2,
            // a paid or canceled invoice is read-only too; the invoice is closed again after its lines (InvoiceClosing)
            "invoice", 1);

    /** The Open statuscode of a table whose closed records are read-only, or null. */
    public static Integer openStatus(String table) {
        return OPEN_STATUS.get(table);
    }

    /** Keeps the before-images of the records about to be written; called before any of them is written. */
    @FunctionalInterface
    public interface BeforeWrite {
        void images(List<BeforeImage> images);
    }

    /** Which records of a batch may exist in Dataverse and are read before the write; the others are known absent. */
    @FunctionalInterface
    public interface MayExist {
        java.util.Collection<UUID> ids(List<TargetRecord> records);
    }

    /** Every record may exist: each is read. */
    static final MayExist EVERY_RECORD = records -> records.stream().filter(r -> r.id != null).map(r -> r.id).toList();

    private final DataverseClient client;
    private final int preReadChunk;
    private final FileUploads files;
    private final BeforeWrite beforeWrite;
    private final ParallelWrites parallel;
    private final Duration finishAllowance;
    private final MayExist mayExist;

    public RecordWriter(DataverseClient client, int preReadChunk) {
        this(client, preReadChunk, null, images -> { }, null, Duration.ZERO, EVERY_RECORD);
    }

    /**
     * With {@code parallel}, records written one request each go concurrently (null: one after another). Once a
     * batch's read of what exists has answered, its writes may wait up to {@code finishAllowance} past the caller's
     * {@link RetryBudget}: given up at the deadline, the read is spent for nothing and the retry reads again (at scale
     * 40, communications and referrals went into the sink four to five times per record). Only the records
     * {@code mayExist} names are read; the others are written as new.
     */
    RecordWriter(DataverseClient client, int preReadChunk, FileUploads files, BeforeWrite beforeWrite,
            ParallelWrites parallel, Duration finishAllowance, MayExist mayExist) {
        this.client = client;
        this.preReadChunk = preReadChunk;
        this.files = files;
        this.beforeWrite = beforeWrite;
        this.parallel = parallel;
        this.finishAllowance = finishAllowance;
        this.mayExist = mayExist;
    }

    /** Writes {@code records}; those in {@code dataWritten} had their data land in an earlier attempt (state still owed). */
    public List<WriteOutcome> write(List<TargetRecord> records, Map<String, WriteOutcome.Operation> dataWritten) {
        if (records.isEmpty()) {
            return List.of();
        }
        TargetRecord first = records.get(0);
        // a table that can be closed is read for its state even when the record sets none now (an invoice is closed later)
        boolean withState = OPEN_STATUS.containsKey(first.table) || records.stream().anyMatch(r -> r.state != null);
        boolean withFiles = records.stream().anyMatch(r -> FileUploads.contentColumn(r) != null);
        Map<UUID, JsonNode> existing;
        java.util.Set<String> select = new java.util.LinkedHashSet<>(List.of(first.primaryKey));
        select.addAll(RecordImages.selectFor(records, withState));
        if (withFiles) {
            select.add("filesize");
        }
        try {
            existing = client.retrieveExisting(first.entitySet, first.primaryKey, mayExist.ids(records),
                    String.join(",", select), preReadChunk, true);
        } catch (DataverseException e) {
            if (e.isRecordFault()) {
                throw e; // a query the product composes is never a record's fault: a defect, not data
            }
            return records.stream().map(r -> WriteOutcome.deferred(r, dataWritten.get(r.key), e)).toList();
        }
        return RetryBudget.extendedBy(finishAllowance, () -> writeRead(records, dataWritten, existing, withState));
    }

    /** Writes {@code records} once {@code existing} says which of them Dataverse has and how they look. */
    private List<WriteOutcome> writeRead(List<TargetRecord> records, Map<String, WriteOutcome.Operation> dataWritten,
            Map<UUID, JsonNode> existing, boolean withState) {
        TargetRecord first = records.get(0);
        // before anything of the batch is written (files go inline below): a kill after a write must find its image
        keepBeforeImages(records, dataWritten, existing, withState);
        Map<TargetRecord, WriteOutcome> outcomes = new LinkedHashMap<>();
        List<Pending> pending = new ArrayList<>();
        List<TargetRecord> uploads = new ArrayList<>();
        List<TargetRecord> together = new ArrayList<>();
        for (TargetRecord r : records) {
            boolean exists = r.id != null && existing.containsKey(r.id);
            WriteOutcome.Operation landed = dataWritten.get(r.key);
            if (r.id == null) {
                outcomes.put(r, WriteOutcome.refused(r, "no target record id", null));
            } else if (landed != null) {
                outcomes.put(r, WriteOutcome.landedBefore(r, landed));
            } else if (r.updateOnly && !exists) {
                outcomes.put(r, WriteOutcome.refused(r, first.table + " " + r.id + " does not exist; it is matched, never created", null));
            } else if (files != null && FileUploads.contentColumn(r) != null) {
                // a large file goes alone, streamed; small new ones share bulk requests of a bounded size
                outcomes.put(r, null); // keeps the record's place in the outcomes
                (!exists && files.mayGoTogether(r) ? together : uploads).add(r);
            } else {
                pending.add(new Pending(r, exists));
            }
        }
        createTogether(together, uploads, outcomes);
        upload(uploads, existing, outcomes);
        reopenClosed(pending, existing, outcomes);
        if (first.updateOnly) {
            singles(pending, true, outcomes);
        } else if (supportsBulk(first.table, "UpsertMultiple", pending, outcomes)) {
            upsertBulk(pending, outcomes);
        } else {
            singles(pending, false, outcomes);
        }
        applyStates(outcomes, existing);
        return new ArrayList<>(outcomes.values());
    }

    /** Uploads the records that carry a file, a few at once when the writer has threads for it. */
    private void upload(List<TargetRecord> uploads, Map<UUID, JsonNode> existing, Map<TargetRecord, WriteOutcome> outcomes) {
        List<WriteOutcome> done = parallel == null ? uploads.stream().map(r -> files.write(r, existing.get(r.id))).toList()
                : parallel.files(uploads, r -> files.write(r, existing.get(r.id)));
        for (int i = 0; i < uploads.size(); i++) {
            outcomes.put(uploads.get(i), done.get(i));
        }
    }

    /**
     * Creates the new records with small files in bulk requests, a group of files per task on the file threads (so
     * {@code migration.documents.uploads-at-once} still bounds the file content in memory). A table without bulk
     * support sends them one by one with {@code uploads}; when Dataverse cannot say now, the per-record path meets the
     * same outage and defers them.
     */
    private void createTogether(List<TargetRecord> together, List<TargetRecord> uploads, Map<TargetRecord, WriteOutcome> outcomes) {
        if (together.isEmpty()) {
            return;
        }
        boolean bulk;
        try {
            bulk = client.supportsBulk(together.get(0).table, "UpsertMultiple");
        } catch (DataverseException e) {
            if (e.isRecordFault()) {
                throw e;
            }
            bulk = false;
        }
        if (!bulk) {
            uploads.addAll(together);
            return;
        }
        List<List<TargetRecord>> groups = files.groups(together);
        List<List<WriteOutcome>> done = parallel == null ? groups.stream().map(files::createTogether).toList()
                : parallel.files(groups, files::createTogether);
        done.forEach(list -> list.forEach(o -> outcomes.put(o.record(), o)));
    }

    /** Hands the before-images of the records about to be written to {@link BeforeWrite}, before any write. */
    private void keepBeforeImages(List<TargetRecord> records, Map<String, WriteOutcome.Operation> dataWritten,
            Map<UUID, JsonNode> existing, boolean withState) {
        List<BeforeImage> images = new ArrayList<>();
        for (TargetRecord r : records) {
            if (r.id == null || dataWritten.containsKey(r.key)) {
                continue; // nothing to write, or written already: its image was kept before that write
            }
            JsonNode row = existing.get(r.id);
            images.add(new BeforeImage(r.runId, r.object, r.key, r.table, r.entitySet, r.id.toString(), row != null,
                    row == null ? null : RecordImages.beforeImage(r, row, withState).toString()));
        }
        if (!images.isEmpty()) {
            beforeWrite.images(images);
        }
    }

    private record Pending(TargetRecord record, boolean exists) {
        WriteOutcome.Operation operation() {
            return exists ? WriteOutcome.Operation.UPDATED : WriteOutcome.Operation.CREATED;
        }
    }

    /** The columns sent: data columns, plus create-only columns and the run tag when the record is new. */
    static ObjectNode body(TargetRecord r, boolean exists) {
        ObjectNode body = r.attributes.deepCopy();
        if (!exists) {
            body.setAll(r.createOnly);
            if (!r.updateOnly && r.runTag) {
                body.put("importsequencenumber", r.runNumber);
            }
        }
        return body;
    }

    /**
     * A closed activity (completed, cancelled, sent) is read-only: it is reopened before its columns are written again,
     * and the state write that follows closes it again. A reopen Dataverse refuses refuses the record; one it cannot
     * take now defers it.
     */
    private void reopenClosed(List<Pending> pending, Map<UUID, JsonNode> existing, Map<TargetRecord, WriteOutcome> outcomes) {
        for (java.util.Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            Integer open = OPEN_STATUS.get(p.record.table);
            JsonNode current = existing.get(p.record.id);
            if (open == null || current == null || current.path("statecode").asInt(0) == 0) {
                continue;
            }
            try {
                client.patch(p.record.entitySet, p.record.id,
                        JsonNodeFactory.instance.objectNode().put("statecode", 0).put("statuscode", open), true);
                ((ObjectNode) current).put("statecode", 0);
            } catch (DataverseException e) {
                outcomes.put(p.record, e.isTransient() ? WriteOutcome.deferred(p.record, null, e) : classify(p.record, e));
                it.remove();
            }
        }
    }

    /** Whether the table takes the bulk message; when Dataverse cannot say now, every pending record is deferred. */
    private boolean supportsBulk(String table, String message, List<Pending> pending, Map<TargetRecord, WriteOutcome> outcomes) {
        try {
            return client.supportsBulk(table, message);
        } catch (DataverseException e) {
            if (e.isRecordFault()) {
                throw e;
            }
            pending.forEach(p -> outcomes.put(p.record, WriteOutcome.deferred(p.record, null, e)));
            pending.clear();
            return false;
        }
    }

    private void upsertBulk(List<Pending> batch, Map<TargetRecord, WriteOutcome> outcomes) {
        if (batch.isEmpty()) {
            return;
        }
        List<TargetRecord> records = new ArrayList<>();
        List<ObjectNode> targets = new ArrayList<>();
        Map<TargetRecord, WriteOutcome.Operation> operations = new java.util.HashMap<>();
        for (Pending p : batch) {
            ObjectNode t = body(p.record, p.exists);
            t.put("@odata.type", "Microsoft.Dynamics.CRM." + p.record.table);
            t.put(p.record.primaryKey, p.record.id.toString());
            records.add(p.record);
            targets.add(t);
            operations.put(p.record, p.operation());
        }
        upsertSplitting(client, records, targets, operations::get, outcomes);
    }

    /**
     * {@code UpsertMultiple} of {@code targets} (the bodies of {@code records}, in the same order). A bulk request lands
     * whole or not at all: one Dataverse refuses is split until the records it refuses stand alone; one it cannot take
     * now defers them all.
     */
    static void upsertSplitting(DataverseClient client, List<TargetRecord> records, List<ObjectNode> targets,
            java.util.function.Function<TargetRecord, WriteOutcome.Operation> operation, Map<TargetRecord, WriteOutcome> outcomes) {
        if (records.isEmpty()) {
            return;
        }
        try {
            client.upsertMultiple(records.get(0).entitySet, targets);
            records.forEach(r -> outcomes.put(r, WriteOutcome.written(r, operation.apply(r))));
        } catch (DataverseException e) {
            if (e.isTransient()) {
                records.forEach(r -> outcomes.put(r, WriteOutcome.deferred(r, null, e)));
            } else if (records.size() == 1) {
                outcomes.put(records.get(0), classify(records.get(0), e));
            } else {
                int mid = records.size() / 2;
                upsertSplitting(client, records.subList(0, mid), targets.subList(0, mid), operation, outcomes);
                upsertSplitting(client, records.subList(mid, records.size()), targets.subList(mid, targets.size()),
                        operation, outcomes);
            }
        }
    }

    /** One request per record, concurrently when the writer has threads for it (each record's writes stay in order). */
    private void singles(List<Pending> pending, boolean updateOnly, Map<TargetRecord, WriteOutcome> outcomes) {
        List<WriteOutcome> done = parallel == null ? pending.stream().map(p -> single(p, updateOnly)).toList()
                : parallel.singles(pending, p -> single(p, updateOnly));
        for (int i = 0; i < pending.size(); i++) {
            outcomes.put(pending.get(i).record, done.get(i));
        }
    }

    private WriteOutcome single(Pending p, boolean updateOnly) {
        try {
            client.patch(p.record.entitySet, p.record.id, body(p.record, p.exists), updateOnly);
            return WriteOutcome.written(p.record, p.operation());
        } catch (DataverseException e) {
            return e.isTransient() ? WriteOutcome.deferred(p.record, null, e) : classify(p.record, e);
        }
    }

    /** A missing lookup target that is a parent of this migration means "not yet", not "never". */
    static WriteOutcome classify(TargetRecord r, DataverseException e) {
        if (e.isMissingRecord() && e.dataverseMessage() != null) {
            String message = e.dataverseMessage().toLowerCase();
            for (TargetRecord.ParentRef parent : r.parents) {
                if (message.contains(parent.id().toString())) {
                    return WriteOutcome.parentMissing(r, parent.key());
                }
            }
        }
        return WriteOutcome.refused(r, e);
    }

    /** Second write for records whose desired state differs from the state they have (API §10). */
    private void applyStates(Map<TargetRecord, WriteOutcome> outcomes, Map<UUID, JsonNode> existing) {
        Map<TargetRecord, ObjectNode> changes = new LinkedHashMap<>();
        for (WriteOutcome o : outcomes.values()) {
            TargetRecord r = o.record();
            if (!o.isWritten() || r.state == null) {
                continue;
            }
            JsonNode current = existing.get(r.id);
            int currentState = current == null ? 0 : current.path("statecode").asInt(0);
            if (currentState != r.state.statecode()) {
                ObjectNode change = JsonNodeFactory.instance.objectNode();
                change.put("statecode", r.state.statecode());
                change.put("statuscode", r.state.statuscode());
                changes.put(r, change);
            }
        }
        if (changes.isEmpty()) {
            return;
        }
        TargetRecord first = changes.keySet().iterator().next();
        Map<TargetRecord, DataverseException> failures = new LinkedHashMap<>();
        boolean bulk;
        try {
            bulk = client.supportsBulk(first.table, "UpdateMultiple");
        } catch (DataverseException e) {
            changes.keySet().forEach(r -> failures.put(r, e));
            changes.clear();
            bulk = false;
        }
        if (bulk) {
            updateStatesBulk(new ArrayList<>(changes.entrySet()), failures);
        } else {
            changes.forEach((r, change) -> {
                try {
                    client.patch(r.entitySet, r.id, change, true);
                } catch (DataverseException e) {
                    failures.put(r, e);
                }
            });
        }
        failures.forEach((r, e) -> {
            WriteOutcome.Operation landed = outcomes.get(r).operation();
            outcomes.put(r, e.isTransient() ? WriteOutcome.deferred(r, landed, e)
                    : new WriteOutcome(r, WriteOutcome.Kind.REFUSED, landed,
                            "record written, but its state could not be set: " + e.getMessage(), e.code(), null, null,
                            outcomes.get(r).writtenBy(), null));
        });
    }

    private void updateStatesBulk(List<Map.Entry<TargetRecord, ObjectNode>> batch, Map<TargetRecord, DataverseException> failures) {
        if (batch.isEmpty()) {
            return;
        }
        List<ObjectNode> targets = new ArrayList<>();
        for (Map.Entry<TargetRecord, ObjectNode> e : batch) {
            ObjectNode t = e.getValue().deepCopy();
            t.put("@odata.type", "Microsoft.Dynamics.CRM." + e.getKey().table);
            t.put(e.getKey().primaryKey, e.getKey().id.toString());
            targets.add(t);
        }
        try {
            client.updateMultiple(batch.get(0).getKey().entitySet, targets);
        } catch (DataverseException e) {
            if (batch.size() == 1 || e.isTransient()) {
                batch.forEach(b -> failures.put(b.getKey(), e));
            } else {
                int mid = batch.size() / 2;
                updateStatesBulk(batch.subList(0, mid), failures);
                updateStatesBulk(batch.subList(mid, batch.size()), failures);
            }
        }
    }
}
