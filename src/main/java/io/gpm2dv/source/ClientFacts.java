package io.gpm2dv.source;

import java.time.LocalDate;
import java.util.Set;

/**
 * What data-quality checks need to know about other client rows while mapping one (export format §11): which clients
 * share an NHI or a folded name and date of birth (H01, H12), which are deceased (H18) and when each was first seen
 * (H18). Each fact is read from the export once, on first use, and kept as ids, 64-bit hashes and dates only: no
 * name, NHI or other personal value stays in memory, and a million clients cost a few megabytes.
 */
public final class ClientFacts {
    /** Dates as link values: positive whatever the year (zero means "no link"). */
    private static final long DATE_BIAS = 1L << 40;
    /** A deceased client whose date of death the export does not give. */
    private static final long UNKNOWN_DATE = 1;
    /** Appointment statuses at which the client was there: what counts as a visit. */
    private static final Set<String> ATTENDED = Set.of("COMPLETED", "ARRIVED");

    /** Clients by hashed NHI and by hashed person key; only keys two or more clients share are kept. */
    private record Groups(LongGroups byNhi, LongGroups byPerson) {
    }

    private final ExportIndex index;
    private Groups groups;
    private LongLinks deceased;
    private LongLinks firstVisits;

    ClientFacts(ExportIndex index) {
        this.index = index;
    }

    /**
     * The clients that carry {@code nhi} (trimmed, case-insensitive), ascending, the asking client included; empty
     * unless two or more do. Merged-away clients are left out: their merge is already decided.
     */
    public long[] sharingNhi(String nhi) {
        Long key = ClientKeys.nhiKey(nhi);
        return key == null ? new long[0] : groups().byNhi().get(key);
    }

    /**
     * The clients whose folded last name, first name and date of birth equal these ({@link ClientKeys}), ascending,
     * the asking client included; empty unless two or more do. Merged-away clients are left out.
     */
    public long[] sharingPerson(String firstName, String lastName, LocalDate dateOfBirth) {
        Long key = ClientKeys.personKey(firstName, lastName, dateOfBirth);
        return key == null ? new long[0] : groups().byPerson().get(key);
    }

    /** Whether the client's status is DECEASED. */
    public boolean isDeceased(Long clientId) {
        return deceased().get(clientId) != null;
    }

    /** A deceased client's date of death; null when not deceased or not recorded. */
    public LocalDate dateOfDeath(Long clientId) {
        return date(deceased().get(clientId));
    }

    /**
     * The calendar date of the client's earliest attended appointment (COMPLETED or ARRIVED), visits of clients merged
     * into it included; null when it has none.
     */
    public LocalDate firstVisit(Long clientId) {
        return date(firstVisits().get(clientId));
    }

    /** Both client groupings, built in one pass over clients.csv. */
    private synchronized Groups groups() {
        if (groups == null) {
            LongGroups nhi = new LongGroups();
            LongGroups person = new LongGroups();
            index.forEachRowUnchecked(GpmFile.CLIENTS, r -> {
                if (!r.isNull("merged_into_client_id")) {
                    return;
                }
                Long nhiKey = ClientKeys.nhiKey(r.get("nhi_number"));
                if (nhiKey != null) {
                    nhi.add(nhiKey, r.id());
                }
                Long personKey = ClientKeys.personKey(r.get("first_name"), r.get("last_name"), r.date("date_of_birth"));
                if (personKey != null) {
                    person.add(personKey, r.id());
                }
            });
            groups = new Groups(nhi, person);
        }
        return groups;
    }

    private synchronized LongLinks deceased() {
        if (deceased == null) {
            LongLinks l = new LongLinks();
            index.forEachRowUnchecked(GpmFile.CLIENTS, r -> {
                if ("DECEASED".equals(r.get("status"))) {
                    LocalDate died = r.date("date_of_death");
                    l.put(r.id(), died == null ? UNKNOWN_DATE : DATE_BIAS + died.toEpochDay());
                }
            });
            deceased = l;
        }
        return deceased;
    }

    private synchronized LongLinks firstVisits() {
        if (firstVisits == null) {
            LongLinks l = new LongLinks(Math::min);
            index.forEachRowUnchecked(GpmFile.APPOINTMENTS, r -> {
                Long client = r.longValue("client_id");
                if (client != null && ATTENDED.contains(r.get("status"))) {
                    // the day as the practice saw it: the offset written is the source zone's at that instant
                    l.put(index.survivingClient(client), DATE_BIAS + r.timestamp("start_at").toLocalDate().toEpochDay());
                }
            });
            firstVisits = l;
        }
        return firstVisits;
    }

    private static LocalDate date(Long linkValue) {
        return linkValue == null || linkValue < DATE_BIAS ? null : LocalDate.ofEpochDay(linkValue - DATE_BIAS);
    }
}
