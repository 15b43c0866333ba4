package io.gpm2dv.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The 16 files of export format §8 in package order (§4), each with its typed columns in header order. */
public final class ExportSchema {
    private static final String[] ADDRESS = {"address_line1 s100", "address_line2 s100", "suburb s60", "city s60",
        "region s60", "postcode s10", "country_code s2"};
    private static final String ADDR = "@address";

    /** One CSV file: name, whether §4 requires it, and its columns incl. {@code created_at, updated_at}. */
    public record FileSpec(String name, boolean required, List<Column> columns) {
        public List<String> header() {
            return columns.stream().map(Column::name).toList();
        }

        public Column column(String name) {
            for (Column c : columns) {
                if (c.name().equals(name)) {
                    return c;
                }
            }
            throw new IllegalArgumentException(this.name + " has no column " + name);
        }

        public int index(String name) {
            return columns.indexOf(column(name));
        }
    }

    private static final Map<String, FileSpec> FILES = new LinkedHashMap<>();

    static {
        file("sites.csv", true, "site_id id!", "site_name s100!", "vendor_code s20", "vendor_name s100", ADDR,
                "phone s30", "email s254", "timezone s40!", "gst_number s20", "acc_vendor_number s20",
                "hpi_facility_id s8", "cancellation_fee dec10.2", "no_show_fee dec10.2", "is_active bool!");
        file("practitioners.csv", true, "practitioner_id id!", "title s20", "first_name s60!", "last_name s60!",
                "display_name s120!", "practitioner_type code:PRACTITIONER_TYPE!", "practitioner_type_label s60",
                "email s254", "mobile_phone s30", "registration_body s100", "registration_number s30", "hpi_cpn s6",
                "acc_provider_numbers jsonarr", "default_site_id id", "restricted_notes bool!", "is_active bool!",
                "end_date date");
        file("client_organisations.csv", true, "organisation_id id!", "organisation_type code:ORGANISATION_TYPE!",
                "name s150!", "contact_name s120", "email s254", "phone s30", "fax s30", ADDR, "hpi_org_id s8",
                "xero_contact_id s36", "is_active bool!");
        file("clients.csv", true, "client_id id!", "client_number s20", "title s20", "first_name s60",
                "middle_name s60", "last_name s60!", "preferred_name s60", "date_of_birth date", "gender code:GENDER!",
                "nhi_number s7", "ethnicity_code s10", "ethnicity_label s60", "email s254", "mobile_phone s30",
                "home_phone s30", "work_phone s30", ADDR, "postal_address s300", "occupation s100",
                "employer_organisation_id id", "emergency_contact_name s120", "emergency_contact_relation s40",
                "emergency_contact_phone s30", "health_fund_organisation_id id", "health_fund_member_number s30",
                "default_practitioner_id id", "default_site_id id", "alert_text s2000", "has_health_issue bool!",
                "referral_source s100", "general_notes text", "sms_opt_out bool!", "email_opt_out bool!",
                "has_portal_account bool!", "status code:CLIENT_STATUS!", "date_of_death date", "is_archived bool!",
                "merged_into_client_id id", "xero_contact_id s36");
        file("referrers.csv", true, "referrer_id id!", "referrer_type code:REFERRER_TYPE!", "title s20",
                "first_name s60", "last_name s60", "display_name s150!", "specialty s100", "organisation_id id",
                "hpi_cpn s6", "provider_number s20", "healthlink_edi s20", "email s254", "phone s30", "fax s30", ADDR,
                "is_active bool!");
        file("client_referrals.csv", true, "referral_id id!", "client_id id!", "referrer_id id",
                "referring_organisation_id id", "condition_id id", "link_type code:REFERRAL_LINK!",
                "referral_date date!", "valid_to date", "approved_visits int", "reason s500", "document_id id");
        file("conditions.csv", false, "condition_id id!", "client_id id!", "practitioner_id id", "site_id id",
                "name s200!", "claim_type code:CLAIM_TYPE!", "acc_claim_number s20", "acc45_status code:ACC45_STATUS",
                "injury_date date", "diagnosis_code s10", "diagnosis_text s200", "insurer_organisation_id id",
                "employer_organisation_id id", "insurer_claim_number s30", "case_manager_name s120",
                "approved_visits int", "status code:CONDITION_STATUS!", "opened_date date!", "discharged_date date");
        file("appointments.csv", true, "appointment_id id!", "appointment_kind code:APPOINTMENT_KIND!", "client_id id",
                "quick_name s120", "quick_phone s30", "class_id int", "class_name s100", "practitioner_id id",
                "site_id id!", "room s60", "appointment_type s100!", "visit_category code:VISIT_CATEGORY!",
                "start_at ts!", "end_at ts!", "duration_minutes int!", "status code:APPOINTMENT_STATUS!",
                "cancelled_at ts", "cancellation_reason s100", "cancellation_charge code:CANCEL_CHARGE",
                "condition_id id", "payer_type code:PAYER_TYPE", "acc_claim_number s20", "booked_online bool!",
                "is_invoiced bool!", "notes text");
        file("clinical_notes.csv", true, "note_id id!", "client_id id!", "appointment_id id", "condition_id id",
                "author_practitioner_id id", "note_type code:NOTE_TYPE!", "assessment_type code:ASSESSMENT_TYPE!",
                "template_name s100", "title s200", "note_at ts!", "body_format code:BODY_FORMAT!", "body text",
                "sections json", "is_completed bool!", "is_locked bool!", "locked_at ts", "is_restricted bool!",
                "document_id id");
        file("invoices.csv", true, "invoice_id id!", "invoice_number s20!", "invoice_kind code:INVOICE_KIND!",
                "payer_type code:PAYER_TYPE!", "client_id id", "payer_organisation_id id", "site_id id!",
                "practitioner_id id", "condition_id id", "acc_claim_number s20", "invoice_date date!", "due_date date",
                "currency s3!", "subtotal_excl_tax dec12.2!", "tax_total dec12.2!", "total_incl_tax dec12.2!",
                "amount_paid dec12.2!", "amount_written_off dec12.2!", "balance_due dec12.2!",
                "status code:INVOICE_STATUS!", "ledger_code s20", "xero_invoice_id s36",
                "xero_sync_status code:XERO_SYNC_STATUS!", "xero_synced_at ts", "is_reexport bool!",
                "original_invoice_id id", "notes s1000");
        file("invoice_lines.csv", true, "invoice_line_id id!", "invoice_id id!", "line_number int!",
                "line_kind code:LINE_KIND!", "client_id id", "appointment_id id", "service_date date",
                "service_code s20!", "description s200!", "acc_code s10", "quantity dec10.2!",
                "unit_price_excl_tax dec12.4!", "tax_code code:TAX_CODE!", "tax_rate dec5.4!",
                "line_total_excl_tax dec12.2!", "line_tax dec12.2!", "line_total_incl_tax dec12.2!", "ledger_code s20");
        file("payments.csv", false, "payment_id id!", "receipt_number s20!", "payment_kind code:PAYMENT_KIND!",
                "payer_type code:PAYER_TYPE!", "client_id id", "payer_organisation_id id", "invoice_id id",
                "payment_date date!", "amount dec12.2!", "method code:PAYMENT_METHOD!", "reference s100",
                "xero_payment_id s36");
        file("custom_field_definitions.csv", true, "custom_field_id id!", "field_key s60!", "label s200!",
                "applies_to code:CF_ENTITY!", "form_name s100", "source_field_type s40!", "data_type code:CF_DATA_TYPE!",
                "is_multi_select bool!", "allow_free_text bool!", "includes_time bool!", "picklist_options jsonarr",
                "max_length int", "decimal_places int", "display_order int", "is_required bool!", "is_active bool!");
        file("custom_field_values.csv", true, "value_id id!", "custom_field_id id!", "entity_type code:CF_ENTITY!",
                "entity_id id!", "form_entry_id int", "recorded_at ts", "value_raw text!",
                "parse_status code:CF_PARSE_STATUS!", "value_text text", "value_number dec18.6", "value_date s25",
                "value_boolean bool", "value_options jsonarr");
        file("documents.csv", true, "document_id id!", "client_id id", "category code:DOCUMENT_CATEGORY!",
                "title s200", "original_filename s255!", "stored_path s300!", "mime_type s100", "size_bytes int!",
                "sha256 s64", "file_status code:FILE_STATUS!", "is_restricted bool!", "note_id id", "appointment_id id",
                "condition_id id", "author_practitioner_id id", "document_date date");
        file("communications.csv", true, "communication_id id!", "client_id id", "appointment_id id",
                "channel code:CHANNEL!", "direction code:DIRECTION!", "purpose code:COMM_PURPOSE!",
                "from_address s254", "to_address s254", "subject s300", "body_format code:BODY_FORMAT!", "body text",
                "occurred_at ts!", "delivery_status code:DELIVERY_STATUS!", "sent_by s60", "document_id id",
                "provider_message_id s100");
    }

    private ExportSchema() {
    }

    private static void file(String name, boolean required, String... specs) {
        List<Column> columns = new ArrayList<>();
        for (String s : specs) {
            if (s.equals(ADDR)) {
                Arrays.stream(ADDRESS).map(Column::parse).forEach(columns::add);
            } else {
                columns.add(Column.parse(s));
            }
        }
        columns.add(Column.parse("created_at ts!"));
        columns.add(Column.parse("updated_at ts!"));
        FILES.put(name, new FileSpec(name, required, List.copyOf(columns)));
    }

    public static List<FileSpec> files() {
        return List.copyOf(FILES.values());
    }

    public static FileSpec file(String name) {
        FileSpec f = FILES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no export file " + name);
        }
        return f;
    }

    static int order(String name) {
        return new ArrayList<>(FILES.keySet()).indexOf(name);
    }
}
