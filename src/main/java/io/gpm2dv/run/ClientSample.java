package io.gpm2dv.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.GpmFile;
import io.gpm2dv.source.GpmSource;

/**
 * A stratified sample of clients for a rehearsal: clients are chosen one by one, each time the client whose records
 * add the most traits the sample does not cover yet — appointment kinds and statuses, practitioners, sites,
 * referrers, invoice statuses, custom fields, and the client's own status — until every trait is covered or the
 * sample is full; the rest is filled in a fixed pseudo-random order. The same export gives the same sample.
 */
public final class ClientSample {
    public static final int DEFAULT_SIZE = 200;
    public static final int MIN_SIZE = 100;
    public static final int MAX_SIZE = 500;

    private ClientSample() {
    }

    /**
     * The invoices a sample of clients takes: theirs, and an invoice that names no client (an ACC or insurer schedule)
     * when every one of its lines is for a sampled client — its lines must find their appointments in the target.
     */
    public static Set<Long> invoicesOf(GpmSource source, Set<Long> clients) throws IOException {
        Set<Long> invoices = new HashSet<>();
        Set<Long> schedules = new HashSet<>();
        ExportIndex.forEachRow(source, GpmFile.INVOICES, r -> {
            if (r.isNull("client_id")) {
                schedules.add(r.id());
            } else if (clients.contains(r.longValue("client_id"))) {
                invoices.add(r.id());
            }
        });
        Set<Long> outside = new HashSet<>();
        ExportIndex.forEachRow(source, GpmFile.INVOICE_LINES, r -> {
            if (!r.isNull("invoice_id") && (r.isNull("client_id") || !clients.contains(r.longValue("client_id")))) {
                outside.add(r.longValue("invoice_id"));
            }
        });
        schedules.removeAll(outside);
        invoices.addAll(schedules);
        return invoices;
    }

    /** The chosen client ids (all clients when the export has no more than {@code size}). */
    public static Set<Long> choose(GpmSource source, int size) throws IOException {
        Map<Long, Set<String>> traits = new HashMap<>();
        Set<Long> clients = new HashSet<>();
        ExportIndex.forEachRow(source, GpmFile.CLIENTS, r -> {
            clients.add(r.id());
            traits.computeIfAbsent(r.id(), k -> new HashSet<>()).add("client-status:" + r.get("status"));
        });
        ExportIndex.forEachRow(source, GpmFile.APPOINTMENTS, r -> add(traits, r.longValue("client_id"),
                "kind:" + r.get("appointment_kind"), "status:" + r.get("status"), "practitioner:" + r.get("practitioner_id"),
                "site:" + r.get("site_id"), "type:" + r.get("appointment_type")));
        ExportIndex.forEachRow(source, GpmFile.CLIENT_REFERRALS, r -> add(traits, r.longValue("client_id"),
                "referrer:" + r.get("referrer_id"), "referring-organisation:" + r.get("referring_organisation_id")));
        ExportIndex.forEachRow(source, GpmFile.INVOICES, r -> add(traits, r.longValue("client_id"),
                "invoice-status:" + r.get("status")));
        ExportIndex.forEachRow(source, GpmFile.CUSTOM_FIELD_VALUES, r -> {
            if ("CLIENT".equals(r.get("entity_type"))) {
                add(traits, r.longValue("entity_id"), "custom-field:" + r.get("custom_field_id"));
            }
        });
        traits.keySet().retainAll(clients); // a reference to a client the export lacks is not a client to sample
        return choose(traits, size);
    }

    static Set<Long> choose(Map<Long, Set<String>> traits, int size) {
        List<Long> order = new ArrayList<>(traits.keySet());
        order.sort(Comparator.comparingLong(ClientSample::scramble).thenComparingLong(Long::longValue));
        Set<Long> chosen = new LinkedHashSet<>();
        if (order.size() <= size) {
            chosen.addAll(order);
            return chosen;
        }
        Set<String> covered = new HashSet<>();
        while (chosen.size() < size) {
            Long best = null;
            int bestGain = 0;
            for (Long id : order) {
                if (chosen.contains(id)) {
                    continue;
                }
                int gain = 0;
                for (String t : traits.get(id)) {
                    if (!covered.contains(t)) {
                        gain++;
                    }
                }
                if (gain > bestGain) {
                    best = id;
                    bestGain = gain;
                }
            }
            if (best == null) {
                break; // every trait is covered
            }
            chosen.add(best);
            covered.addAll(traits.get(best));
        }
        for (Long id : order) {
            if (chosen.size() >= size) {
                break;
            }
            chosen.add(id);
        }
        return chosen;
    }

    private static void add(Map<Long, Set<String>> traits, Long clientId, String... more) {
        if (clientId == null) {
            return; // a block, class or quick booking without a client
        }
        Set<String> t = traits.computeIfAbsent(clientId, k -> new HashSet<>());
        for (String m : more) {
            if (!m.endsWith(":null")) {
                t.add(m);
            }
        }
    }

    /** A fixed pseudo-random order (SplitMix64), so the sample does not follow the export's id order. */
    private static long scramble(long id) {
        long z = id + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
