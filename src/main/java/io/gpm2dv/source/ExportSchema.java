package io.gpm2dv.source;

import static io.gpm2dv.source.ColumnType.BOOLEAN;
import static io.gpm2dv.source.ColumnType.DATE;
import static io.gpm2dv.source.ColumnType.ID;
import static io.gpm2dv.source.ColumnType.INTEGER;
import static io.gpm2dv.source.ColumnType.JSON;
import static io.gpm2dv.source.ColumnType.JSON_STRINGS;
import static io.gpm2dv.source.ColumnType.TEXT;
import static io.gpm2dv.source.ColumnType.TIMESTAMP;
import static io.gpm2dv.source.ColumnType.code;
import static io.gpm2dv.source.ColumnType.decimal;
import static io.gpm2dv.source.ColumnType.string;
import static io.gpm2dv.source.GpmFile.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The column layout of every export file, transcribed from export format §8 (address groups expanded as §5
 * says, {@code created_at}/{@code updated_at} appended). This is the one place the reader's schema lives.
 */
public final class ExportSchema {
    private static final Map<GpmFile, FileSchema> FILES = build();

    private ExportSchema() {
    }

    public static FileSchema of(GpmFile file) {
        return FILES.get(file);
    }

    private static Map<GpmFile, FileSchema> build() {
        Map<GpmFile, FileSchema> m = new EnumMap<>(GpmFile.class);
        add(m, file(SITES).req("site_id", ID).req("site_name", string(100))
                .opt("vendor_code", string(20)).opt("vendor_name", string(100))
                .address().opt("phone", string(30)).opt("email", string(254))
                .req("timezone", string(40))
                .opt("gst_number", string(20)).opt("acc_vendor_number", string(20)).opt("hpi_facility_id", string(8))
                .opt("cancellation_fee", decimal(10, 2)).opt("no_show_fee", decimal(10, 2))
                .req("is_active", BOOLEAN));
        add(m, file(PRACTITIONERS).req("practitioner_id", ID).opt("title", string(20))
                .req("first_name", string(60)).req("last_name", string(60)).req("display_name", string(120))
                .req("practitioner_type", code("PRACTITIONER_TYPE"))
                .opt("practitioner_type_label", string(60)).opt("email", string(254)).opt("mobile_phone", string(30))
                .opt("registration_body", string(100)).opt("registration_number", string(30)).opt("hpi_cpn", string(6))
                .opt("acc_provider_numbers", JSON_STRINGS).optRef("default_site_id", SITES)
                .req("restricted_notes", BOOLEAN).req("is_active", BOOLEAN).opt("end_date", DATE));
        add(m, file(CLIENT_ORGANISATIONS).req("organisation_id", ID)
                .req("organisation_type", code("ORGANISATION_TYPE")).req("name", string(150))
                .opt("contact_name", string(120)).opt("email", string(254)).opt("phone", string(30)).opt("fax", string(30))
                .address().opt("hpi_org_id", string(8)).opt("xero_contact_id", string(36))
                .req("is_active", BOOLEAN));
        add(m, file(CLIENTS).req("client_id", ID).opt("client_number", string(20)).opt("title", string(20))
                .opt("first_name", string(60)).opt("middle_name", string(60)).req("last_name", string(60))
                .opt("preferred_name", string(60)).opt("date_of_birth", DATE).req("gender", code("GENDER"))
                .opt("nhi_number", string(7)).opt("ethnicity_code", string(10)).opt("ethnicity_label", string(60))
                .opt("email", string(254)).opt("mobile_phone", string(30)).opt("home_phone", string(30))
                .opt("work_phone", string(30))
                .address().opt("postal_address", string(300)).opt("occupation", string(100))
                .optRef("employer_organisation_id", CLIENT_ORGANISATIONS)
                .opt("emergency_contact_name", string(120)).opt("emergency_contact_relation", string(40))
                .opt("emergency_contact_phone", string(30))
                .optRef("health_fund_organisation_id", CLIENT_ORGANISATIONS).opt("health_fund_member_number", string(30))
                .optRef("default_practitioner_id", PRACTITIONERS).optRef("default_site_id", SITES)
                .opt("alert_text", string(2000)).req("has_health_issue", BOOLEAN)
                .opt("referral_source", string(100)).opt("general_notes", TEXT)
                .req("sms_opt_out", BOOLEAN).req("email_opt_out", BOOLEAN).req("has_portal_account", BOOLEAN)
                .req("status", code("CLIENT_STATUS")).opt("date_of_death", DATE).req("is_archived", BOOLEAN)
                .optRef("merged_into_client_id", CLIENTS).opt("xero_contact_id", string(36)));
        add(m, file(REFERRERS).req("referrer_id", ID).req("referrer_type", code("REFERRER_TYPE"))
                .opt("title", string(20)).opt("first_name", string(60)).opt("last_name", string(60))
                .req("display_name", string(150))
                .opt("specialty", string(100)).optRef("organisation_id", CLIENT_ORGANISATIONS)
                .opt("hpi_cpn", string(6)).opt("provider_number", string(20)).opt("healthlink_edi", string(20))
                .opt("email", string(254)).opt("phone", string(30)).opt("fax", string(30)).address()
                .req("is_active", BOOLEAN));
        add(m, file(CLIENT_REFERRALS).req("referral_id", ID).reqRef("client_id", CLIENTS)
                .optRef("referrer_id", REFERRERS).optRef("referring_organisation_id", CLIENT_ORGANISATIONS)
                .optRef("condition_id", CONDITIONS)
                .req("link_type", code("REFERRAL_LINK")).req("referral_date", DATE)
                .opt("valid_to", DATE).opt("approved_visits", INTEGER).opt("reason", string(500))
                .optRef("document_id", DOCUMENTS));
        add(m, file(CONDITIONS).req("condition_id", ID).reqRef("client_id", CLIENTS)
                .optRef("practitioner_id", PRACTITIONERS).optRef("site_id", SITES)
                .req("name", string(200)).req("claim_type", code("CLAIM_TYPE"))
                .opt("acc_claim_number", string(20)).opt("acc45_status", code("ACC45_STATUS"))
                .opt("injury_date", DATE).opt("diagnosis_code", string(10)).opt("diagnosis_text", string(200))
                .optRef("insurer_organisation_id", CLIENT_ORGANISATIONS)
                .optRef("employer_organisation_id", CLIENT_ORGANISATIONS)
                .opt("insurer_claim_number", string(30)).opt("case_manager_name", string(120))
                .opt("approved_visits", INTEGER)
                .req("status", code("CONDITION_STATUS")).req("opened_date", DATE).opt("discharged_date", DATE));
        add(m, file(APPOINTMENTS).req("appointment_id", ID).req("appointment_kind", code("APPOINTMENT_KIND"))
                .optRef("client_id", CLIENTS).opt("quick_name", string(120)).opt("quick_phone", string(30))
                .opt("class_id", INTEGER).opt("class_name", string(100))
                .optRef("practitioner_id", PRACTITIONERS).reqRef("site_id", SITES).opt("room", string(60))
                .req("appointment_type", string(100)).req("visit_category", code("VISIT_CATEGORY"))
                .req("start_at", TIMESTAMP).req("end_at", TIMESTAMP).req("duration_minutes", INTEGER)
                .req("status", code("APPOINTMENT_STATUS"))
                .opt("cancelled_at", TIMESTAMP).opt("cancellation_reason", string(100))
                .opt("cancellation_charge", code("CANCEL_CHARGE"))
                .optRef("condition_id", CONDITIONS).opt("payer_type", code("PAYER_TYPE"))
                .opt("acc_claim_number", string(20))
                .req("booked_online", BOOLEAN).req("is_invoiced", BOOLEAN).opt("notes", TEXT));
        add(m, file(CLINICAL_NOTES).req("note_id", ID).reqRef("client_id", CLIENTS)
                .optRef("appointment_id", APPOINTMENTS).optRef("condition_id", CONDITIONS)
                .optRef("author_practitioner_id", PRACTITIONERS)
                .req("note_type", code("NOTE_TYPE")).req("assessment_type", code("ASSESSMENT_TYPE"))
                .opt("template_name", string(100)).opt("title", string(200))
                .req("note_at", TIMESTAMP).req("body_format", code("BODY_FORMAT"))
                .opt("body", TEXT).opt("sections", JSON)
                .req("is_completed", BOOLEAN).req("is_locked", BOOLEAN).opt("locked_at", TIMESTAMP)
                .req("is_restricted", BOOLEAN).optRef("document_id", DOCUMENTS));
        add(m, file(INVOICES).req("invoice_id", ID).req("invoice_number", string(20))
                .req("invoice_kind", code("INVOICE_KIND")).req("payer_type", code("PAYER_TYPE"))
                .optRef("client_id", CLIENTS).optRef("payer_organisation_id", CLIENT_ORGANISATIONS)
                .reqRef("site_id", SITES)
                .optRef("practitioner_id", PRACTITIONERS).optRef("condition_id", CONDITIONS)
                .opt("acc_claim_number", string(20))
                .req("invoice_date", DATE).opt("due_date", DATE).req("currency", string(3))
                .req("subtotal_excl_tax", decimal(12, 2)).req("tax_total", decimal(12, 2))
                .req("total_incl_tax", decimal(12, 2))
                .req("amount_paid", decimal(12, 2)).req("amount_written_off", decimal(12, 2))
                .req("balance_due", decimal(12, 2))
                .req("status", code("INVOICE_STATUS"))
                .opt("ledger_code", string(20)).opt("xero_invoice_id", string(36))
                .req("xero_sync_status", code("XERO_SYNC_STATUS")).opt("xero_synced_at", TIMESTAMP)
                .req("is_reexport", BOOLEAN)
                .optRef("original_invoice_id", INVOICES).opt("notes", string(1000)));
        add(m, file(INVOICE_LINES).req("invoice_line_id", ID).reqRef("invoice_id", INVOICES)
                .req("line_number", INTEGER).req("line_kind", code("LINE_KIND"))
                .optRef("client_id", CLIENTS).optRef("appointment_id", APPOINTMENTS).opt("service_date", DATE)
                .req("service_code", string(20)).req("description", string(200)).opt("acc_code", string(10))
                .req("quantity", decimal(10, 2)).req("unit_price_excl_tax", decimal(12, 4))
                .req("tax_code", code("TAX_CODE")).req("tax_rate", decimal(5, 4))
                .req("line_total_excl_tax", decimal(12, 2)).req("line_tax", decimal(12, 2))
                .req("line_total_incl_tax", decimal(12, 2))
                .opt("ledger_code", string(20)));
        add(m, file(PAYMENTS).req("payment_id", ID).req("receipt_number", string(20))
                .req("payment_kind", code("PAYMENT_KIND")).req("payer_type", code("PAYER_TYPE"))
                .optRef("client_id", CLIENTS).optRef("payer_organisation_id", CLIENT_ORGANISATIONS)
                .optRef("invoice_id", INVOICES)
                .req("payment_date", DATE).req("amount", decimal(12, 2)).req("method", code("PAYMENT_METHOD"))
                .opt("reference", string(100)).opt("xero_payment_id", string(36)));
        add(m, file(CUSTOM_FIELD_DEFINITIONS).req("custom_field_id", ID)
                .req("field_key", string(60)).req("label", string(200)).req("applies_to", code("CF_ENTITY"))
                .opt("form_name", string(100))
                .req("source_field_type", string(40)).req("data_type", code("CF_DATA_TYPE"))
                .req("is_multi_select", BOOLEAN).req("allow_free_text", BOOLEAN).req("includes_time", BOOLEAN)
                .opt("picklist_options", JSON_STRINGS)
                .opt("max_length", INTEGER).opt("decimal_places", INTEGER).opt("display_order", INTEGER)
                .req("is_required", BOOLEAN).req("is_active", BOOLEAN));
        // entity_id points into the file entity_type names, so it has no single target file.
        add(m, file(CUSTOM_FIELD_VALUES).req("value_id", ID).reqRef("custom_field_id", CUSTOM_FIELD_DEFINITIONS)
                .req("entity_type", code("CF_ENTITY")).req("entity_id", ID)
                .opt("form_entry_id", INTEGER).opt("recorded_at", TIMESTAMP)
                .req("value_raw", TEXT).req("parse_status", code("CF_PARSE_STATUS"))
                .opt("value_text", TEXT).opt("value_number", decimal(18, 6)).opt("value_date", string(25))
                .opt("value_boolean", BOOLEAN).opt("value_options", JSON_STRINGS));
        add(m, file(DOCUMENTS).req("document_id", ID).optRef("client_id", CLIENTS)
                .req("category", code("DOCUMENT_CATEGORY")).opt("title", string(200))
                .req("original_filename", string(255)).req("stored_path", string(300))
                .opt("mime_type", string(100)).req("size_bytes", INTEGER).opt("sha256", string(64))
                .req("file_status", code("FILE_STATUS")).req("is_restricted", BOOLEAN)
                .optRef("note_id", CLINICAL_NOTES).optRef("appointment_id", APPOINTMENTS)
                .optRef("condition_id", CONDITIONS)
                .optRef("author_practitioner_id", PRACTITIONERS).opt("document_date", DATE));
        add(m, file(COMMUNICATIONS).req("communication_id", ID)
                .optRef("client_id", CLIENTS).optRef("appointment_id", APPOINTMENTS)
                .req("channel", code("CHANNEL")).req("direction", code("DIRECTION")).req("purpose", code("COMM_PURPOSE"))
                .opt("from_address", string(254)).opt("to_address", string(254)).opt("subject", string(300))
                .req("body_format", code("BODY_FORMAT")).opt("body", TEXT)
                .req("occurred_at", TIMESTAMP).req("delivery_status", code("DELIVERY_STATUS"))
                .opt("sent_by", string(60)).optRef("document_id", DOCUMENTS).opt("provider_message_id", string(100)));
        for (GpmFile f : GpmFile.values()) {
            if (!m.containsKey(f)) {
                throw new IllegalStateException("no schema for " + f.fileName());
            }
        }
        return m;
    }

    private static void add(Map<GpmFile, FileSchema> m, Layout layout) {
        m.put(layout.file, layout.build());
    }

    private static Layout file(GpmFile file) {
        return new Layout(file);
    }

    /** Collects one file's columns in §8 order. */
    private static final class Layout {
        final GpmFile file;
        final List<ColumnSpec> columns = new ArrayList<>();

        Layout(GpmFile file) {
            this.file = file;
        }

        Layout req(String name, ColumnType type) {
            columns.add(new ColumnSpec(name, type, false, null));
            return this;
        }

        Layout opt(String name, ColumnType type) {
            columns.add(new ColumnSpec(name, type, true, null));
            return this;
        }

        Layout reqRef(String name, GpmFile target) {
            columns.add(new ColumnSpec(name, ID, false, target));
            return this;
        }

        Layout optRef(String name, GpmFile target) {
            columns.add(new ColumnSpec(name, ID, true, target));
            return this;
        }

        /** The §5 address group: seven nullable columns in a fixed order. */
        Layout address() {
            return opt("address_line1", string(100)).opt("address_line2", string(100)).opt("suburb", string(60))
                    .opt("city", string(60)).opt("region", string(60)).opt("postcode", string(10))
                    .opt("country_code", string(2));
        }

        FileSchema build() {
            if (!columns.get(0).name().equals(file.primaryKey())) {
                throw new IllegalStateException(file.fileName() + " must start with its key " + file.primaryKey());
            }
            req("created_at", TIMESTAMP).req("updated_at", TIMESTAMP);
            return new FileSchema(file, columns);
        }
    }
}
