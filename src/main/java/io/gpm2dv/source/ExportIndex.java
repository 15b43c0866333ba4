package io.gpm2dv.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reference data of one export that several stages need while mapping a row: sites (names, countries),
 * practitioners (for owner resolution), which ids exist in which file (to tell a parent still to come
 * from an orphan, H15), and the {@link ClientFacts} data-quality checks compare rows with. Id sets, links and sums
 * are built on first use into sorted {@link LongColumn}s outside the heap (a million ids cost 8 MB of mapped memory),
 * so the heap holds no per-row state for the whole run however large the export (issue 12); only the few sites,
 * practitioners, referrers and organisations are kept as objects.
 */
public final class ExportIndex {
    /** A site as other rows refer to it. */
    public record Site(long id, String name, String countryCode, String timezone) {
    }

    /** A practitioner as owner resolution needs it; no other personal data is kept. */
    public record Practitioner(long id, String displayName, String email, boolean active) {
    }

    private final GpmSource pkg;
    private final Map<Long, Site> sites;
    private final Map<Long, Practitioner> practitioners;
    private final Map<GpmFile, LongColumn> ids = new ConcurrentHashMap<>();
    private final Map<String, LongLinks> links = new ConcurrentHashMap<>();
    private final Map<String, Map<Long, String>> names = new ConcurrentHashMap<>();
    private final ClientFacts clientFacts = new ClientFacts(this);
    private volatile CustomFields customFields;
    private final InvoiceFacts invoiceFacts = new InvoiceFacts(this);

    private ExportIndex(GpmSource pkg, Map<Long, Site> sites, Map<Long, Practitioner> practitioners) {
        this.pkg = pkg;
        this.sites = sites;
        this.practitioners = practitioners;
    }

    public static ExportIndex build(GpmSource pkg) throws IOException {
        Map<Long, Site> sites = new HashMap<>();
        forEachRow(pkg, GpmFile.SITES, r -> sites.put(r.id(),
                new Site(r.id(), r.get("site_name"), r.get("country_code"), r.get("timezone"))));
        Map<Long, Practitioner> practitioners = new HashMap<>();
        forEachRow(pkg, GpmFile.PRACTITIONERS, r -> practitioners.put(r.id(),
                new Practitioner(r.id(), r.get("display_name"), r.get("email"), Boolean.TRUE.equals(r.bool("is_active")))));
        return new ExportIndex(pkg, Collections.unmodifiableMap(sites), Collections.unmodifiableMap(practitioners));
    }

    /** An index over given reference data, for mapping without an export on disk (tests, previews). */
    public static ExportIndex of(Map<Long, Site> sites, Map<Long, Practitioner> practitioners, Map<GpmFile, long[]> ids) {
        ExportIndex index = new ExportIndex(null, Map.copyOf(sites), Map.copyOf(practitioners));
        ids.forEach((file, values) -> {
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            index.ids.put(file, LongColumn.of(sorted, sorted.length));
        });
        return index;
    }

    /** The source the index was built from (the CSV package or the staging tables). */
    public GpmSource source() { return pkg; }

    /** The source the index was built from; the name predates the Oracle source. */
    public GpmSource exportPackage() { return pkg; }

    public Map<Long, Site> sites() { return sites; }

    public Site site(Long id) { return id == null ? null : sites.get(id); }

    public Map<Long, Practitioner> practitioners() { return practitioners; }

    public Practitioner practitioner(Long id) { return id == null ? null : practitioners.get(id); }

    /** Whether {@code file} holds a valid row with primary key {@code id}. */
    public boolean contains(GpmFile file, long id) {
        return ids.computeIfAbsent(file, this::loadIds).binarySearch(id) >= 0;
    }

    /** A client's default practitioner (null: none). */
    public Long clientDefaultPractitioner(Long clientId) {
        return link(GpmFile.CLIENTS, "default_practitioner_id").get(clientId);
    }

    /**
     * The client that survives a merge (H01): follows {@code merged_into_client_id} to the end of the chain;
     * the client itself when it was not merged away.
     */
    public Long survivingClient(Long clientId) {
        Long current = clientId;
        for (int hops = 0; current != null && hops < 100; hops++) {
            Long next = link(GpmFile.CLIENTS, "merged_into_client_id").get(current);
            if (next == null) {
                return current;
            }
            current = next;
        }
        return current;
    }

    /** Cross-row facts about clients (shared NHIs and names, deaths, first visits), each built on first use. */
    public ClientFacts clientFacts() {
        return clientFacts;
    }

    /** The export's custom form fields and their values grouped by entity, read on first use. */
    public CustomFields customFields() {
        CustomFields cf = customFields;
        if (cf == null) {
            synchronized (this) {
                if (customFields == null) {
                    List<CustomFields.Definition> defs = new ArrayList<>();
                    List<CustomFields.Value> values = new ArrayList<>();
                    forEachRowUnchecked(GpmFile.CUSTOM_FIELD_DEFINITIONS, r -> defs.add(CustomFields.definition(r)));
                    forEachRowUnchecked(GpmFile.CUSTOM_FIELD_VALUES, r -> values.add(CustomFields.value(r)));
                    customFields = new CustomFields(defs, values);
                }
                cf = customFields;
            }
        }
        return cf;
    }

    /** Replaces the custom fields (an index without an export behind it: tests, previews). */
    public ExportIndex withCustomFields(CustomFields fields) {
        this.customFields = fields;
        return this;
    }

    /** Re-exported invoices, the Xero ids they reconcile onto their originals, and payments (built on first use). */
    public InvoiceFacts invoiceFacts() {
        return invoiceFacts;
    }

    /** The practitioner an appointment names (null: none). */
    public Long appointmentPractitioner(Long appointmentId) {
        return link(GpmFile.APPOINTMENTS, "practitioner_id").get(appointmentId);
    }

    /**
     * Whether the appointment became an {@code appointment} record (CLIENT and CLASS rows): QUICK rows become tasks and
     * BLOCK rows nothing, so a document cannot hang on them as on an appointment.
     */
    public boolean isAppointmentRecord(Long appointmentId) {
        Long kind = links.computeIfAbsent("appointments/kind", k -> {
            LongLinks l = new LongLinks();
            forEachRowUnchecked(GpmFile.APPOINTMENTS, r -> {
                String v = r.get("appointment_kind");
                l.put(r.id(), "CLIENT".equals(v) || "CLASS".equals(v) ? 1 : 2);
            });
            return l;
        }).get(appointmentId);
        return kind != null && kind == 1;
    }

    /** The communication that sends a document as its attachment (null: none). */
    public Long communicationSending(Long documentId) {
        return links.computeIfAbsent("documents-sent", k -> {
            LongLinks l = new LongLinks();
            forEachRowUnchecked(GpmFile.COMMUNICATIONS, r -> {
                Long doc = r.longValue("document_id");
                if (doc != null) {
                    l.put(doc, r.id());
                }
            });
            return l;
        }).get(documentId);
    }

    /** A referrer's {@code display_name} (null: not in the export). Referrers are few: read whole on first use. */
    public String referrerName(Long referrerId) {
        return referrerId == null ? null : names.computeIfAbsent("referrers", k -> {
            Map<Long, String> m = new HashMap<>();
            forEachRowUnchecked(GpmFile.REFERRERS, r -> m.put(r.id(), r.get("display_name")));
            return m;
        }).get(referrerId);
    }

    /** An organisation's {@code name} (null: not in the export). */
    public String organisationName(Long organisationId) {
        return organisationId == null ? null : names.computeIfAbsent("organisations", k -> {
            Map<Long, String> m = new HashMap<>();
            forEachRowUnchecked(GpmFile.CLIENT_ORGANISATIONS, r -> m.put(r.id(), r.get("name")));
            return m;
        }).get(organisationId);
    }

    /**
     * The name a client goes by in Dynamics ({@code fullname}: first name and last name; a mononym its last name) for
     * a client a referral names (null: not such a client). Only those clients are held, not every client's name.
     */
    public String referredClientName(Long clientId) {
        return clientId == null ? null : names.computeIfAbsent("referred-clients", k -> {
            java.util.Set<Long> referred = new java.util.HashSet<>();
            forEachRowUnchecked(GpmFile.CLIENT_REFERRALS, r -> {
                Long c = r.longValue("client_id");
                if (c != null) {
                    referred.add(survivingClient(c)); // a merged-away client's referral names the survivor
                }
            });
            Map<Long, String> m = new HashMap<>();
            forEachRowUnchecked(GpmFile.CLIENTS, r -> {
                if (referred.contains(r.id())) {
                    String first = r.get("first_name");
                    String last = r.get("last_name");
                    m.put(r.id(), first == null || first.isBlank() ? last : first + " " + last);
                }
            });
            return m;
        }).get(clientId);
    }

    /** Links from a file's primary key to one of its id columns, read once on first use. */
    private LongLinks link(GpmFile file, String column) {
        return links.computeIfAbsent(file.fileName() + "/" + column, k -> {
            LongLinks l = new LongLinks();
            if (pkg != null) {
                forEachRowUnchecked(file, r -> {
                    Long v = r.longValue(column);
                    if (v != null) {
                        l.put(r.id(), v);
                    }
                });
            }
            return l;
        });
    }

    /** Every valid row of {@code file}, once; nothing when the index has no export behind it. */
    void forEachRowUnchecked(GpmFile file, RowConsumer consumer) {
        if (pkg == null) {
            return;
        }
        try {
            forEachRow(pkg, file, consumer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LongColumn loadIds(GpmFile file) {
        long[] buf = new long[1024];
        int[] n = {0};
        long[][] ref = {buf};
        try {
            forEachRow(pkg, file, r -> {
                if (n[0] == ref[0].length) {
                    ref[0] = Arrays.copyOf(ref[0], ref[0].length * 2);
                }
                ref[0][n[0]++] = r.id();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Arrays.sort(ref[0], 0, n[0]);
        return LongColumn.of(ref[0], n[0]);
    }

    public interface RowConsumer {
        void accept(SourceRow row);
    }

    /** Every valid row of the file, in order (rows the export's types rejected are left out). */
    public static void forEachRow(GpmSource pkg, GpmFile file, RowConsumer consumer) throws IOException {
        // an optional file the source lacks streams no rows
        try (RowStream rows = pkg.rows(file)) {
            while (rows.hasNext()) {
                if (rows.next() instanceof SourceRow row) {
                    consumer.accept(row);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
