package io.gpm2dv.sample;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

/**
 * The history of one generated client: condition, referral, appointments with notes, invoices with lines and
 * payments, custom values, documents and messages. Ids come from running counters, so every file stays sorted.
 */
final class GeneratedHistory {
    private long referral = 3201;
    private long condition = 4201;
    private long appointment = 10501;
    private long note = 20501;
    private long invoice = 30501;
    private long line = 40501;
    private long payment = 50501;
    private long value = 60501;
    private long document = 7501;
    private long message = 90501;

    private static final String[] REASONS = {"Illness", "Work commitments", "Transport", "Weather", "Family emergency"};

    void write(PackageWriter out, Random r, GeneratedClients.Profile c) {
        int claim = GeneratedClients.pick(r, new int[] {50, 35, 15});
        String claimType = List.of("ACC", "PRIVATE", "INSURED").get(claim);
        long cond = condition++;
        LocalDate first = SampleTime.FIRST_DAY.plusDays(r.nextInt(1000));
        String claimNumber = claimType.equals("ACC") ? "HB" + (10000 + cond) : null;
        CsvFileWriter.Row cr = AnchorRecords.condition(out, cond, c.id(), c.practitioner(), c.site().id(),
                List.of("Lower back pain", "Ankle sprain", "Neck strain", "Knee pain", "Shoulder pain").get(r.nextInt(5)), claimType, first)
                .v("acc_claim_number", claimNumber).v("acc45_status", claimNumber == null ? null : "RECEIPTED");
        if (claimType.equals("INSURED")) {
            cr.v("insurer_organisation_id", r.nextBoolean() ? Directory.INSURER : Directory.INSURER_2).v("insurer_claim_number", "IC" + cond);
        }
        cr.write(at(first, 9), at(first, 9));
        boolean usualGp = r.nextInt(10) < 4;
        AnchorRecords.referral(out, referral++, c.id(), 701L + r.nextInt(Directory.REFERRERS), null, usualGp ? null : cond,
                usualGp ? "USUAL_GP" : "REFERRAL", first.minusDays(3)).write(at(first.minusDays(3), 11), at(first.minusDays(3), 11));
        visits(out, r, c, cond, claimType, claimNumber, first);
        if (r.nextInt(2) == 0) {
            CustomFields.ok(out, value++, CustomFields.PAIN_SCORE, "CLIENT", c.id(), Integer.toString(r.nextInt(11)))
                    .v("value_number", new BigDecimal(r.nextInt(11))).v("form_entry_id", value).write(at(first, 10), at(first, 10));
        }
        if (r.nextInt(3) == 0) {
            String choice = List.of("Phone", "Email", "SMS").get(r.nextInt(3));
            CustomFields.ok(out, value++, CustomFields.PREFERRED_CONTACT, "CLIENT", c.id(), choice)
                    .json("value_options", List.of(choice)).write(at(first, 10), at(first, 10));
        }
        if (r.nextInt(4) == 0) {
            long id = document++;
            String name = r.nextBoolean() ? "scan " + id + ".pdf" : "IMG_" + id + ".JPG";
            AnchorFiles.present(out, id, c.id(), r.nextBoolean() ? "UPLOAD" : "REFERRAL", null, name,
                    name.endsWith(".pdf") ? "application/pdf" : "image/jpeg").v("document_date", first).write(at(first, 12), at(first, 12));
        }
    }

    private void visits(PackageWriter out, Random r, GeneratedClients.Profile c, long cond, String claimType,
            String claimNumber, LocalDate first) {
        int count = 1 + r.nextInt(8);
        LocalDate day = first;
        ZoneId zone = c.site().zone();
        for (int i = 0; i < count && !day.isAfter(SampleTime.LAST_DAY); i++) {
            if (c.deathDate() != null && day.isAfter(c.deathDate())) {
                break;
            }
            long id = appointment++;
            Instant start = SampleTime.wall(LocalDateTime.of(day, java.time.LocalTime.of(8 + r.nextInt(9), 15 * r.nextInt(4))), zone);
            int minutes = i == 0 ? 45 : 30;
            boolean future = SampleTime.isFuture(start);
            int roll = r.nextInt(100);
            String status = future ? (roll < 60 ? "BOOKED" : roll < 92 ? "CONFIRMED" : "CANCELLED")
                    : (roll < 84 ? "COMPLETED" : roll < 90 ? "DNA" : "CANCELLED");
            String payer = switch (claimType) {
                case "ACC" -> "ACC";
                case "INSURED" -> "INSURER";
                default -> "CLIENT";
            };
            boolean invoiced = status.equals("COMPLETED");
            Instant booked = start.minus(Duration.ofDays(7 + r.nextInt(14)));
            if (booked.isAfter(SampleTime.CUTOFF)) {
                booked = SampleTime.CUTOFF.minus(Duration.ofHours(1 + r.nextInt(48)));
            }
            CsvFileWriter.Row a = AnchorVisits.visit(out, id, c.id(), c.practitioner(), c.site().id(),
                    i == 0 ? "Initial Assessment" : "Follow-up", i == 0 ? "INITIAL" : "FOLLOW_UP", start, minutes, status)
                    .v("condition_id", cond).v("payer_type", payer).v("acc_claim_number", claimNumber)
                    .v("booked_online", r.nextInt(5) == 0).v("is_invoiced", invoiced);
            if (status.equals("CANCELLED") || status.equals("DNA")) {
                a.v("cancelled_at", start.minus(Duration.ofHours(r.nextInt(30)))).v("cancellation_reason",
                        status.equals("DNA") ? "No Show" : REASONS[r.nextInt(REASONS.length)]).v("cancellation_charge", "NO_CHARGE");
            }
            a.write(booked, future ? booked : start.plusSeconds(minutes * 60L));
            if (c.mobile() != null && r.nextBoolean()) {
                Instant sent = start.minus(Duration.ofDays(1));
                if (!SampleTime.isFuture(sent)) {
                    AnchorMessages.sms(out, message++, c.id(), id, "OUT", "REMINDER", "HARBOURSIDE", c.mobile(),
                            "Reminder: appointment at " + c.site().name() + " tomorrow. Reply Y to confirm.", sent,
                            r.nextInt(20) == 0 ? "FAILED" : "DELIVERED");
                }
            }
            if (invoiced) {
                treatmentNote(out, r, c, id, cond, start.plusSeconds(minutes * 60L));
                invoice(out, r, c, id, cond, payer, claimNumber, LocalDate.ofInstant(start, zone), i == 0);
            }
            day = day.plusDays(5 + r.nextInt(16));
        }
    }

    private void treatmentNote(PackageWriter out, Random r, GeneratedClients.Profile c, long appt, long cond, Instant at) {
        if (r.nextInt(5) == 0) {
            return;
        }
        int f = r.nextInt(20);
        String format = f < 14 ? "PLAIN" : f < 17 ? "RTF" : f < 19 ? "HTML" : "SECTIONS";
        String body = switch (format) {
            case "RTF" -> "{\\rtf1\\ansi\\deff0 Treatment: manual therapy and exercises.\\par Pain " + r.nextInt(10) + "/10.}";
            case "HTML" -> "<p>Treatment: manual therapy &amp; exercises. Pain " + r.nextInt(10) + "/10.</p>";
            case "PLAIN" -> "Treatment: manual therapy, exercises. Pain " + r.nextInt(10) + "/10.\r\nReview in one week.";
            default -> null;
        };
        CsvFileWriter.Row n = AnchorNotes.note(out, note++, c.id(), appt, cond, c.practitioner(), "TREATMENT",
                body == null ? "SOAPER" : "STANDARD", body == null ? "PLAIN" : format, body, at);
        if (body == null) {
            n.v("sections", AnchorVisits.sections("S", "Sore " + r.nextInt(10) + "/10", "O", "ROM improving", "A", "Progressing", "P", "Continue"));
        }
        boolean locked = r.nextInt(3) > 0;
        n.v("is_locked", locked).v("locked_at", locked ? at.plusSeconds(3600) : null).v("is_completed", r.nextInt(10) > 0)
                .write(at, at.plusSeconds(3600));
    }

    private void invoice(PackageWriter out, Random r, GeneratedClients.Profile c, long appt, long cond, String payer,
            String claimNumber, LocalDate date, boolean initial) {
        long id = invoice++;
        boolean au = c.site().country().equals("AU");
        String number = switch (payer) {
            case "ACC" -> "13" + id + "A00";
            case "INSURER" -> id + "S";
            default -> au ? "B" + id : Long.toString(id);
        };
        InvoiceDraft inv = new InvoiceDraft(id, number, date);
        inv.clientId = c.id();
        inv.siteId = c.site().id();
        inv.practitionerId = c.practitioner();
        inv.conditionId = cond;
        inv.currency = au ? "AUD" : "NZD";
        if (!payer.equals("CLIENT")) {
            inv.kind = payer.equals("ACC") ? "ACC_SCHEDULE" : "INSURER_SCHEDULE";
            inv.payerType = payer;
            inv.payerOrganisationId = payer.equals("ACC") ? Directory.ACC : Directory.INSURER;
            inv.accClaim = claimNumber;
        }
        String tax = au ? "GST10" : "GST15";
        inv.line("SERVICE", appt, initial ? "PHY-IA" : "PHY-FU", initial ? "Initial assessment" : "Follow-up treatment",
                payer.equals("ACC") ? (initial ? "PM01" : "PM02") : null, "1", initial ? "86.9565" : "73.9130", tax);
        if (r.nextInt(6) == 0) {
            inv.line("PRODUCT", null, "TAPE", "Strapping tape", null, Integer.toString(1 + r.nextInt(3)), "8.6957", tax);
        }
        Instant created = at(date, 17);
        // a payment must fall before the cut-off: schedules are remitted two weeks later
        boolean paid = r.nextInt(100) < 85 && date.plusDays(15).isBefore(LocalDate.of(2025, 3, 14));
        if (paid) {
            inv.paid = inv.total();
            inv.xeroId = new java.util.UUID(0x5eedL << 32 | id, id).toString();
        }
        line = inv.write(out, line, created);
        if (paid) {
            LocalDate payDate = date.plusDays(payer.equals("CLIENT") ? 0 : 14);
            AnchorBilling.pay(out, payment++, "R" + id, "PAYMENT", payer, payer.equals("CLIENT") ? c.id() : null,
                    inv.payerOrganisationId, id, payDate, inv.paid, payer.equals("ACC") ? "ACC_REMITTANCE"
                            : payer.equals("INSURER") ? "INSURER_REMITTANCE" : r.nextBoolean() ? "EFTPOS" : "CREDIT_CARD", null);
        }
    }

    private static Instant at(LocalDate d, int hour) {
        Instant t = SampleTime.nz(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), hour, 0);
        return t.isAfter(SampleTime.CUTOFF) ? SampleTime.CUTOFF.minusSeconds(3600) : t;
    }
}
