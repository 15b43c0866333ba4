package io.gpm2dv.reconcile;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.dataverse.DataverseException;
import io.gpm2dv.dataverse.RetryBudget;
import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.mapping.MigrationContext;
import io.gpm2dv.mapping.RecordMapper;
import io.gpm2dv.pipeline.TargetRecord;
import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.pipeline.SafeText;
import io.gpm2dv.source.ExportSource;
import io.gpm2dv.source.GpmFile;
import io.gpm2dv.source.InvoiceFacts;
import io.gpm2dv.source.RowStream;
import io.gpm2dv.source.SourceRow;

/**
 * The invoice part of the reconciliation (target-mapping §2, "Σ lines in Dataverse = source totals to the cent"):
 * for every invoice Dataverse holds, the sum of its lines' {@code extendedamount} and {@code tax} read back must equal
 * the source lines' Σ {@code line_total_incl_tax} and Σ {@code line_tax}, and its state must be the one its status
 * asks for; any difference is a problem, so the run is not COMPLETE. Writes {@code invoices.json} next to the
 * reconciliation: those differences, the re-exported invoices (H09) and the payments summarised per invoice and,
 * unallocated, per client (payments are not records of their own, target-mapping §1).
 */
@ApplicationScoped
public class InvoiceChecks {
    private static final Duration BUDGET = Duration.ofMinutes(15);

    @Inject
    DataverseClient dataverse;

    @Inject
    MigrationContext context;

    @Inject
    ExportSource exportSource;

    @Inject
    MigrationConfig config;

    @Inject
    ObjectMapper json;

    /** What Dataverse holds of one invoice: its state and the sums of its lines. */
    record Held(int statecode, long lines, BigDecimal extended, BigDecimal tax) {
    }

    /** Checks the run's invoices, writes {@code invoices.json} and returns the problems (empty when all agree). */
    public List<String> check(int runNumber, MappingSpec spec) {
        List<String> problems = new ArrayList<>();
        MappingSpec.ObjectMap invoices = spec.find("invoices").orElse(null);
        InvoiceFacts facts = exportSource.index().invoiceFacts();
        ObjectNode report = json.createObjectNode();
        ArrayNode mismatches = report.putArray("mismatches");
        if (invoices != null && !spec.invoicesAsContactNotes()) {
            try {
                Map<UUID, Held> held = RetryBudget.within(BUDGET, () -> held(invoices));
                compare(invoices, held, facts, mismatches);
            } catch (DataverseException e) {
                problems.add("invoices: Dataverse did not answer the totals check (" + SafeText.of(e) + ")");
            }
        }
        MappingSpec.ObjectMap clients = spec.find("clients").orElse(null);
        if (clients != null && clients.columns().stream().anyMatch(c -> "unallocated-payments".equals(c.transform()))) {
            try {
                Map<UUID, BigDecimal> onContacts = RetryBudget.within(BUDGET, () -> unallocatedOnContacts(clients));
                facts.forEachUnallocated((client, p) -> {
                    UUID id = context.recordIds().idFor("client-" + client);
                    if (!onContacts.containsKey(id)) {
                        return; // the contact is not there: the clients' reconciliation counts it
                    }
                    BigDecimal held = onContacts.remove(id);
                    if (held == null || held.compareTo(p.sum()) != 0) {
                        mismatches.addObject().put("key", "client-" + client).put("sourceUnallocatedPayments", p.sum())
                                .put("dataverseUnallocatedPayments", held);
                    }
                });
                onContacts.forEach((id, held) -> {
                    if (held != null) {
                        mismatches.addObject().put("contactid", id.toString()).put("dataverseUnallocatedPayments", held)
                                .putNull("sourceUnallocatedPayments");
                    }
                });
            } catch (DataverseException e) {
                problems.add("invoices: Dataverse did not answer the payments check (" + SafeText.of(e) + ")");
            }
        }
        if (!mismatches.isEmpty()) {
            problems.add("invoices: " + mismatches.size() + " invoices (or clients' unallocated payments) differ from the"
                    + " source in their line totals, state or payments (invoices.json)");
        }
        ArrayNode reexports = report.putArray("reexports");
        facts.reexports().forEach((repeat, original) -> reexports.addObject()
                .put("key", "invoice-" + repeat).put("original", "invoice-" + original));
        ArrayNode perInvoice = report.putArray("paymentsByInvoice");
        facts.forEachInvoicePayments((invoice, p) -> perInvoice.addObject()
                .put("invoice", "invoice-" + invoice).put("payments", p.count()).put("sum", p.sum()));
        ArrayNode unallocated = report.putArray("unallocatedPaymentsByClient");
        facts.forEachUnallocated((client, p) -> unallocated.addObject()
                .put("client", "client-" + client).put("payments", p.count()).put("sum", p.sum()));
        write(runNumber, report);
        return problems;
    }

    /** Every invoice and invoice line of the migration in Dataverse, summed per invoice by id. */
    private Map<UUID, Held> held(MappingSpec.ObjectMap invoices) {
        Map<UUID, Held> held = new HashMap<>();
        dataverse.queryAll(invoices.entitySet(), invoices.primaryKey() + ",statecode", "startswith(new_gensolveid,'invoice-')",
                row -> held.put(UUID.fromString(row.path(invoices.primaryKey()).asText()),
                        new Held(row.path("statecode").asInt(0), 0, BigDecimal.ZERO, BigDecimal.ZERO)));
        dataverse.queryAll("invoicedetails", "_invoiceid_value,extendedamount,tax", "startswith(new_gensolveid,'invoiceline-')",
                row -> {
                    JsonNode invoice = row.get("_invoiceid_value");
                    if (invoice == null || invoice.isNull()) {
                        return;
                    }
                    held.computeIfPresent(UUID.fromString(invoice.asText()), (id, h) -> new Held(h.statecode(), h.lines() + 1,
                            h.extended().add(decimal(row.get("extendedamount"))), h.tax().add(decimal(row.get("tax")))));
                });
        return held;
    }

    /** The client contacts of the migration, with the unallocated payments they carry (null: none). */
    private Map<UUID, BigDecimal> unallocatedOnContacts(MappingSpec.ObjectMap clients) {
        Map<UUID, BigDecimal> held = new HashMap<>();
        dataverse.queryAll(clients.entitySet(), clients.primaryKey() + ",new_unallocatedpayments",
                "startswith(new_gensolveid,'client-')", row -> {
                    JsonNode v = row.get("new_unallocatedpayments");
                    held.put(UUID.fromString(row.path(clients.primaryKey()).asText()), v == null || v.isNull() ? null : v.decimalValue());
                });
        return held;
    }

    private void compare(MappingSpec.ObjectMap invoices, Map<UUID, Held> held, InvoiceFacts facts, ArrayNode mismatches) {
        RecordMapper mapper = context.recordMapper();
        try (RowStream rows = exportSource.index().exportPackage().rows(GpmFile.INVOICES)) {
            while (rows.hasNext()) {
                if (!(rows.next() instanceof SourceRow row)) {
                    continue;
                }
                Held h = held.get(context.recordIds().idFor(row.migrationKey()));
                if (h == null || facts.originalOf(row.id()) != null) {
                    continue; // not loaded (counted and reported by the object's reconciliation) or a re-export
                }
                InvoiceFacts.LineSums source = facts.linesOf(row.id());
                TargetRecord.StateChange desired = mapper.deferredState(invoices, row);
                int expectedState = desired == null ? 0 : desired.statecode();
                if (source.lines() != h.lines() || source.inclTax().compareTo(h.extended()) != 0
                        || source.tax().compareTo(h.tax()) != 0 || expectedState != h.statecode()) {
                    mismatches.addObject().put("key", row.migrationKey())
                            .put("sourceLines", source.lines()).put("dataverseLines", h.lines())
                            .put("sourceTotalInclTax", source.inclTax()).put("dataverseTotal", h.extended())
                            .put("sourceTax", source.tax()).put("dataverseTax", h.tax())
                            .put("expectedStatecode", expectedState).put("statecode", h.statecode());
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("invoices: the export cannot be read (" + SafeText.of(e) + ")", e);
        }
    }

    private void write(int runNumber, ObjectNode report) {
        try {
            Path dir = config.reportDir().resolve("runs").resolve(Integer.toString(runNumber));
            Files.createDirectories(dir);
            Path file = dir.resolve("invoices.json");
            try (OutputStream out = Files.newOutputStream(file)) {
                json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, report);
            }
            Files.copy(file, config.reportDir().resolve("invoices.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the invoice report", e);
        }
    }

    private static BigDecimal decimal(JsonNode v) {
        return v == null || v.isNull() ? BigDecimal.ZERO : v.decimalValue();
    }
}
