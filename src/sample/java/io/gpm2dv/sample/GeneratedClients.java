package io.gpm2dv.sample;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Volume clients after the anchors: ordinary rows with everyday defects (no e-mail, phone formats, macrons). */
final class GeneratedClients {
    /** What the history of one generated client needs to know about it. */
    record Profile(long id, Staff.Site site, long practitioner, String first, String last, String mobile, String email,
            String status, LocalDate deathDate, Instant created) {
    }

    private static final String[] FIRST_F = {"Aroha", "Mere", "Anahera", "Kiri", "Ngaio", "Mānia", "Olivia", "Emma",
        "Charlotte", "Isla", "Amelia", "Sophie", "Mia", "Ruby", "Grace", "Priya", "Mei", "Losa", "Ana", "Malia", "Fatima", "Hinemoa"};
    private static final String[] FIRST_M = {"Tāne", "Hēmi", "Rāwiri", "Wiremu", "Manaia", "Jack", "Liam", "Noah", "Oliver",
        "Leo", "Lucas", "Hugo", "Mateo", "Arjun", "Wei", "Sione", "Tevita", "Siosaia", "Omar", "George", "Tamati", "Kauri"};
    private static final String[] LAST = {"Smith", "Williams", "Brown", "Wilson", "Taylor", "Ngata", "Parata", "Te Rangi",
        "Pōmare", "Kāretu", "Walker", "Patel", "Singh", "Chen", "Wang", "Li", "Kim", "Tupou", "Fifita", "Faleolo", "Anderson",
        "Thompson", "Harris", "Martin", "Robinson", "Mitchell", "Campbell", "Henare", "Whaanga", "Tautahi", "Ōtene", "Mātene",
        "O'Brien", "Van der Berg", "Ruatapu-Smith", "MacDonald"};
    private static final String[] STREETS = {"Queen Street", "Ponsonby Road", "Karangahape Road", "Dominion Road",
        "Great North Road", "Hurstmere Road", "Lake Road", "Ōrākei Road", "Manukau Road", "Tamaki Drive"};
    private static final String[][] SUBURBS = {{"Ponsonby", "1011"}, {"Grey Lynn", "1021"}, {"Mt Eden", "1024"},
        {"Devonport", "0624"}, {"Takapuna", "0622"}, {"Ōrākei", "1071"}, {"Epsom", "1023"}, {"Remuera", "1050"}};
    private static final String[] ETHNICITY = {"11111", "NZ European", "21111", "Māori", "31111", "Samoan", "42100",
        "Chinese", "43111", "Indian", "12111", "British"};

    private GeneratedClients() {
    }

    static Profile write(PackageWriter out, Random r, long id) {
        Staff.Site site = Staff.site(pick(r, new int[] {55, 30, 10, 5}) + 1);
        long practitioner = practitionerFor(r, site);
        boolean female = r.nextBoolean();
        String first = (female ? FIRST_F : FIRST_M)[r.nextInt(FIRST_F.length)];
        String last = LAST[r.nextInt(LAST.length)];
        boolean au = site.country().equals("AU");
        String mobile = r.nextInt(10) < 8 ? mobile(r, au) : null;
        String email = r.nextInt(100) < 62 ? ascii(first + "." + last).toLowerCase(Locale.ROOT).replace(" ", "")
                + (id % 7) + "@" + (r.nextBoolean() ? "example.co.nz" : "example.com") : null;
        int s = r.nextInt(100);
        String status = s < 88 ? "ACTIVE" : s < 98 ? "INACTIVE" : "DECEASED";
        LocalDate death = status.equals("DECEASED") ? LocalDate.of(2023, 1, 1).plusDays(r.nextInt(700)) : null;
        Instant created = SampleTime.nz(2016, 1, 4, 9, 0).plusSeconds(r.nextInt(2400) * 86_400L + r.nextInt(28_800));
        LocalDate dob = LocalDate.of(1938, 1, 1).plusDays(r.nextInt(28_000));
        String[] suburb = SUBURBS[r.nextInt(SUBURBS.length)];
        int eth = r.nextInt(ETHNICITY.length / 2) * 2;
        CsvFileWriter.Row row = out.clients.row().v("client_id", id).v("client_number", "C" + id)
                .v("title", female ? (r.nextBoolean() ? "Ms" : "Mrs") : "Mr").v("first_name", first).v("last_name", last)
                .v("date_of_birth", dob).v("gender", female ? "FEMALE" : "MALE").v("nhi_number", au ? null : Nhi.forNumber(id))
                .v("ethnicity_code", ETHNICITY[eth]).v("ethnicity_label", ETHNICITY[eth + 1]).v("email", email)
                .v("mobile_phone", mobile).v("home_phone", r.nextInt(4) == 0 ? (au ? "07 5550 " : "09 555 ") + (1000 + r.nextInt(9000)) : null)
                .v("default_practitioner_id", practitioner).v("default_site_id", site.id())
                .v("has_health_issue", r.nextInt(10) == 0).v("sms_opt_out", r.nextInt(20) == 0)
                .v("email_opt_out", r.nextInt(10) == 0).v("has_portal_account", r.nextInt(4) == 0).v("status", status)
                .v("date_of_death", death).v("is_archived", r.nextInt(25) == 0);
        if (au) {
            row.v("address_line1", (1 + r.nextInt(200)) + " Wickham Terrace").v("suburb", "Spring Hill").v("city", "Brisbane")
                    .v("region", "QLD").v("postcode", "4000").v("country_code", "AU");
        } else if (site.id() == 4) {
            row.v("suburb", "Waitangi").v("city", "Chatham Islands").v("postcode", "8942").v("country_code", "NZ");
        } else {
            row.v("address_line1", (1 + r.nextInt(300)) + " " + STREETS[r.nextInt(STREETS.length)]).v("suburb", suburb[0])
                    .v("city", "Auckland").v("postcode", suburb[1]).v("country_code", "NZ");
        }
        if (r.nextInt(5) == 0) {
            row.v("employer_organisation_id", Directory.EMPLOYERS.get(r.nextInt(Directory.EMPLOYERS.size())));
        }
        if (r.nextInt(6) == 0) {
            row.v("health_fund_organisation_id", au ? Directory.AU_FUND : Directory.FUNDS.get(r.nextInt(Directory.FUNDS.size())))
                    .v("health_fund_member_number", "M" + (100000 + r.nextInt(900000)));
        }
        if (r.nextInt(8) == 0) {
            row.v("emergency_contact_name", FIRST_F[r.nextInt(FIRST_F.length)] + " " + last)
                    .v("emergency_contact_relation", r.nextBoolean() ? "Partner" : "Mother").v("emergency_contact_phone", mobile(r, au));
        }
        row.write(created, created.plusSeconds(r.nextInt(900) * 86_400L));
        return new Profile(id, site, practitioner, first, last, mobile, email, status, death, created);
    }

    /** Mobile numbers in the many forms practices type them (H04). */
    static String mobile(Random r, boolean au) {
        int a = 100 + r.nextInt(900);
        int b = 1000 + r.nextInt(9000);
        if (au) {
            return "04" + (10 + r.nextInt(90)) + " " + a + " " + (100 + r.nextInt(900));
        }
        return switch (r.nextInt(6)) {
            case 0 -> "021 " + a + " " + b;
            case 1 -> "+64 21 " + a + b;
            case 2 -> "027-" + a + "-" + b;
            case 3 -> "0064 22 " + a + " " + b;
            case 4 -> "022" + a + b;
            default -> "(021) " + a + " " + b;
        };
    }

    private static long practitionerFor(Random r, Staff.Site site) {
        List<Staff.Practitioner> here = Staff.PRACTITIONERS.stream()
                .filter(p -> p.site() == site.id() && (p.active() || r.nextInt(4) == 0)).toList();
        return here.isEmpty() ? 11 : here.get(r.nextInt(here.size())).id();
    }

    static int pick(Random r, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static String ascii(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replace("'", "");
    }
}
