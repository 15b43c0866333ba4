package io.gpm2dv.sample;

import java.time.Instant;
import java.util.List;
import java.util.Random;

/** The fixed client organisations (501–525) and referrers (701–740) of the sample practice. */
final class Directory {
    static final long EMPLOYER = 501;
    static final long ACC = 502;
    static final long INSURER = 503;
    static final long INSURER_2 = 504;
    static final long ORTHO_PRACTICE = 505;
    static final long GP_PRACTICE = 506;
    static final long AU_FUND = 507;
    static final long INACTIVE_EMPLOYER = 508;
    static final long HEALTH_FUND = 511;
    static final long DEBTOR = 512;
    /** Organisation ids referenced but absent from the export (H15). */
    static final long DELETED_ORGANISATION = 599;
    static final long DELETED_REFERRER = 799;
    static final List<Long> EMPLOYERS = List.of(501L, 509L, 510L, 513L, 514L, 515L);
    static final List<Long> FUNDS = List.of(511L, 503L, 504L);
    static final int REFERRERS = 40;

    private static final String[][] MORE = {
        {"EMPLOYER", "Waitematā Builders Ltd"}, {"EMPLOYER", "Kiwi Orchard Packers Ltd"}, {"HEALTH_FUND", "Harbour Health Fund"},
        {"DEBTOR", "Te Ara Legal Services"}, {"EMPLOYER", "Northern Bus Company"}, {"EMPLOYER", "Quay Café Group"},
        {"EMPLOYER", "Ōtāhuhu Steel Works"}, {"REFERRING_PRACTICE", "Takapuna Family Doctors"},
        {"REFERRING_PRACTICE", "Valley Medical Brisbane"}, {"INSURER", "Pacific Cover Insurance"},
        {"OTHER", "Auckland Rowing Club"}, {"REFERRING_PRACTICE", "Chatham Health Centre"},
        {"EMPLOYER", "Harbour Bridge Maintenance Ltd"}, {"DEBTOR", "Motorway Contractors Joint Venture"},
        {"REFERRING_PRACTICE", "Sports Medicine North"}, {"EMPLOYER", "Rangitoto Ferries"}, {"OTHER", "Netball North Harbour"}};

    private Directory() {
    }

    static void write(PackageWriter out, Random random) {
        Instant t0 = SampleTime.nz(2016, 3, 1, 10, 0);
        Instant edited = SampleTime.nz(2024, 11, 5, 14, 20);
        org(out, 501, "EMPLOYER", "Harbour Logistics Ltd", "Kate Morrison", "hr@harbourlogistics.example", "09 555 0501",
                "NZ", true, t0, edited);
        out.organisations.row().v("organisation_id", 502).v("organisation_type", "ACC")
                .v("name", "ACC (Accident Compensation Corporation)").v("contact_name", "Provider Helpline")
                .v("phone", "0800 555 222").v("address_line1", "PO Box 555").v("city", "Wellington")
                .v("postcode", "6140").v("country_code", "NZ").v("xero_contact_id", "7d1e6a52-0c1b-4d8e-9f3a-52aa10c0a502")
                .v("is_active", true).write(t0, edited);
        org(out, 503, "INSURER", "Kōwhai Health Insurance", "Claims Team", "claims@kowhai-insurance.example", "0800 555 503",
                "NZ", true, t0, edited);
        org(out, 504, "INSURER", "Tasman Mutual Insurance", null, "claims@tasman-mutual.example", "0800 555 504", "NZ",
                true, t0, edited);
        out.organisations.row().v("organisation_id", 505).v("organisation_type", "REFERRING_PRACTICE")
                .v("name", "Harbour Orthopaedics").v("email", "referrals@harbour-ortho.example").v("phone", "09 555 0505")
                .v("fax", "09 555 0506").v("address_line1", "12 Remuera Road").v("suburb", "Newmarket")
                .v("city", "Auckland").v("postcode", "1050").v("country_code", "NZ").v("hpi_org_id", "GZZ505-K")
                .v("is_active", true).write(t0, edited);
        org(out, 506, "REFERRING_PRACTICE", "Ponsonby Medical Centre", "Practice Manager", "admin@ponsonby-medical.example",
                "(09) 555-0606", "NZ", true, t0, edited);
        // an Australian health fund (country AU) for the Brisbane clients
        out.organisations.row().v("organisation_id", 507).v("organisation_type", "HEALTH_FUND")
                .v("name", "Queensland Allied Health Fund").v("email", "members@qahf.example").v("phone", "07 5550 0507")
                .v("address_line1", "200 Adelaide Street").v("city", "Brisbane").v("region", "QLD").v("postcode", "4000")
                .v("country_code", "AU").v("is_active", true).write(t0, edited);
        org(out, 508, "EMPLOYER", "Coastal Freight Ltd (closed)", null, null, null, "NZ", false, t0, edited);
        long id = 509;
        for (String[] o : MORE) {
            org(out, id, o[0], o[1], null, null, "09 555 0" + id, id == 517 ? "AU" : "NZ", true, t0.plusSeconds(id * 3600), edited);
            id++;
        }
        referrers(out, random, t0, edited);
    }

    private static void org(PackageWriter out, long id, String type, String name, String contact, String email,
            String phone, String country, boolean active, Instant created, Instant updated) {
        out.organisations.row().v("organisation_id", id).v("organisation_type", type).v("name", name)
                .v("contact_name", contact).v("email", email).v("phone", phone).v("country_code", country)
                .v("is_active", active).write(created, updated);
    }

    private static void referrers(PackageWriter out, Random random, Instant t0, Instant edited) {
        ref(out, 701, "GP", "Dr", "Anna", "Petersen", "Dr Anna Petersen", "General Practice", GP_PRACTICE, "45KLMN", true, t0, edited);
        // a practice as referrer: no first or last name (the product uses display_name)
        out.referrers.row().v("referrer_id", 702).v("referrer_type", "SPECIALIST").v("display_name", "Harbour Orthopaedics")
                .v("specialty", "Orthopaedic surgery").v("organisation_id", ORTHO_PRACTICE).v("healthlink_edi", "harbortho")
                .v("email", "referrals@harbour-ortho.example").v("phone", "09 555 0505").v("is_active", true).write(t0, edited);
        ref(out, 703, "SURGEON", "Mr", "Wiremu", "Tāwhiri", "Mr Wiremu Tāwhiri", "Hand surgery", ORTHO_PRACTICE, "67PQRS", true, t0, edited);
        ref(out, 704, "GP", "Dr", "Helen", "Forsythe", "Dr Helen Forsythe (retired)", "General Practice", GP_PRACTICE, "89TUVW", false, t0, edited);
        ref(out, 705, "NURSE", null, "Losa", "Faleolo", "Losa Faleolo RN", "Practice nurse", 516L, null, true, t0, edited);
        // Australian GP: Medicare provider number, no CPN
        out.referrers.row().v("referrer_id", 706).v("referrer_type", "GP").v("title", "Dr").v("first_name", "Mark")
                .v("last_name", "O'Sullivan").v("display_name", "Dr Mark O'Sullivan").v("organisation_id", 517)
                .v("provider_number", "2123456A").v("phone", "07 5550 0706").v("city", "Brisbane").v("region", "QLD")
                .v("country_code", "AU").v("is_active", true).write(t0, edited);
        ref(out, 707, "SPECIALIST", "Dr", "Sun-Hee", "Park", "Dr Sun-Hee Park", "Sports medicine", 523L, "ZZ12AB", true, t0, edited);
        String[] first = {"Grace", "Tom", "Mere", "David", "Leilani", "Ian", "Kiri", "Sam", "Ngaire", "Ravi"};
        String[] last = {"Hughes", "Baxter", "Tipene", "Chen", "Fonoti", "McKenzie", "Rāwiri", "Ali", "Pōtae", "Kumar"};
        String[] types = {"GP", "GP", "GP", "SPECIALIST", "ALLIED_HEALTH", "SURGEON", "OTHER", "GP"};
        for (long id = 708; id < 701 + REFERRERS; id++) {
            String f = first[random.nextInt(first.length)];
            String l = last[random.nextInt(last.length)];
            String type = types[random.nextInt(types.length)];
            String cpn = String.format("%02d%s", 10 + random.nextInt(90), "ABCDEFGHJK".substring(random.nextInt(6)).substring(0, 4));
            ref(out, id, type, type.equals("OTHER") ? null : "Dr", f, l, (type.equals("OTHER") ? "" : "Dr ") + f + " " + l,
                    null, random.nextBoolean() ? GP_PRACTICE : (random.nextBoolean() ? 516L : 523L), cpn, id % 13 != 0, t0.plusSeconds(id * 7200), edited);
        }
    }

    private static void ref(PackageWriter out, long id, String type, String title, String first, String last,
            String display, String specialty, Long org, String cpn, boolean active, Instant created, Instant updated) {
        out.referrers.row().v("referrer_id", id).v("referrer_type", type).v("title", title).v("first_name", first)
                .v("last_name", last).v("display_name", display).v("specialty", specialty).v("organisation_id", org)
                .v("hpi_cpn", cpn).v("is_active", active).write(created, updated);
    }
}
