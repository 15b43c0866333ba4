package io.gpm2dv.source;

import java.util.LinkedHashMap;
import java.util.Map;

/** Valid rows written out by hand for the files the tests use, so the schema is checked, not echoed. */
final class SampleRows {
    private SampleRows() {
    }

    static Map<String, String> site(long id) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("site_id", Long.toString(id));
        v.put("site_name", "Harbourside Central");
        v.put("country_code", "NZ");
        v.put("timezone", "Pacific/Auckland");
        v.put("cancellation_fee", "45.00");
        v.put("is_active", "Y");
        audit(v);
        return v;
    }

    static Map<String, String> client(long id) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("client_id", Long.toString(id));
        v.put("first_name", "Tāne");
        v.put("last_name", "Kūmara-Ōtaki");
        v.put("date_of_birth", "1990-04-05");
        v.put("gender", "MALE");
        v.put("has_health_issue", "N");
        v.put("sms_opt_out", "N");
        v.put("email_opt_out", "Y");
        v.put("has_portal_account", "N");
        v.put("status", "ACTIVE");
        v.put("is_archived", "N");
        audit(v);
        return v;
    }

    static Map<String, String> referrer(long id) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("referrer_id", Long.toString(id));
        v.put("referrer_type", "GP");
        v.put("display_name", "Dr A. Smith");
        v.put("is_active", "Y");
        audit(v);
        return v;
    }

    static Map<String, String> with(Map<String, String> row, String column, String value) {
        Map<String, String> copy = new LinkedHashMap<>(row);
        copy.put(column, value);
        return copy;
    }

    private static void audit(Map<String, String> v) {
        v.put("created_at", "2019-03-01T09:30:00+13:00");
        v.put("updated_at", "2024-01-01T09:30:00Z");
    }
}
