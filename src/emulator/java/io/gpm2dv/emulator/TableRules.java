package io.gpm2dv.emulator;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a few tables compute or insist on when a record is written: the {@code filesize} of a note or
 * attachment, and the write-in invoice line (API §14: {@code baseamount = priceperunit × quantity},
 * {@code extendedamount = baseamount − manualdiscountamount + tax}, currency copied from the invoice; the
 * formulas are the spec's assumption; amounts are rounded to the currency's precision, and the invoice's totals follow
 * its lines); lines of a paid or canceled invoice cannot be written (the invoice is read-only until reopened).
 */
final class TableRules {
    private TableRules() {
    }

    /** Called with the complete record just before it is stored. */
    static void apply(RecordStore.View view, TableDef t, ObjectNode r, boolean create) {
        for (String column : t.uploadLimited()) {
            if (t.columns().containsKey("filesize") && r.has(column)) {
                JsonNode content = r.get(column);
                r.put("filesize", content == null || content.isNull() ? 0 : decodedLength(content.asText()));
            }
        }
        if (t.logicalName().equals("invoicedetail")) {
            invoiceLine(view, r, create);
        }
    }

    private static int decodedLength(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64).length;
        } catch (IllegalArgumentException e) {
            throw ApiError.payload("The value of the document is not valid base64 content.");
        }
    }

    private static void invoiceLine(RecordStore.View view, ObjectNode r, boolean create) {
        if (create && !r.path("isproductoverridden").asBoolean(false)) {
            // existing-product lines (productid + uomid) are not modelled: the emulator has no product catalogue
            throw new ApiError(400, ApiError.INVALID_ARGUMENT, "The emulator models write-in invoice lines only: "
                    + "set 'isproductoverridden' to true and give 'productdescription', 'priceperunit' and 'quantity'.");
        }
        if (create && r.path("productdescription").asText("").isBlank()) {
            throw new ApiError(400, ApiError.INVALID_ARGUMENT,
                    "A write-in product (isproductoverridden = true) requires 'productdescription'.");
        }
        String invoiceId = r.path("_invoiceid_value").asText(null);
        ObjectNode invoice = invoiceId == null ? null : view.get("invoice", UUID.fromString(invoiceId)).orElse(null);
        if (invoice != null && invoice.path("statecode").asInt(0) != 0) {
            // a paid or canceled invoice is read-only, its lines too (API §14, unverified): reopen it first
            throw new ApiError(400, ApiError.INVALID_ARGUMENT, "invoice With Id = " + invoiceId + " is closed (statecode "
                    + invoice.path("statecode").asInt() + ") and its lines cannot be added or changed. Reopen the invoice"
                    + " first with an update that sets only statecode 0 and its statuscode.");
        }
        if (create && invoice != null) {
            JsonNode currency = invoice.get("_transactioncurrencyid_value");
            if (currency != null && !currency.isNull()) {
                EntityWrites.setLookup(r, "transactioncurrencyid", "transactioncurrency", UUID.fromString(currency.asText()));
            }
        }
        // Money is held to the currency's precision (2 for NZD/AUD): computed amounts are rounded, not carried
        int precision = currencyPrecision(view, r.path("_transactioncurrencyid_value").asText(null));
        BigDecimal price = decimal(r.get("priceperunit"));
        BigDecimal quantity = decimal(r.get("quantity"));
        BigDecimal tax = money(decimal(r.get("tax")), precision);
        BigDecimal base = money(price.multiply(quantity), precision);
        BigDecimal extended = base.subtract(money(decimal(r.get("manualdiscountamount")), precision)).add(tax);
        r.put("baseamount", base);
        r.put("extendedamount", extended);
        if (r.has("tax") && !r.get("tax").isNull()) {
            r.put("tax", tax);
        }
        if (invoice != null && view instanceof RecordStore.Tx tx) {
            totals(tx, invoice, r);
        }
    }

    /** The invoice's computed totals follow its lines: this line's amounts replace what it counted for before. */
    private static void totals(RecordStore.Tx tx, ObjectNode invoice, ObjectNode line) {
        UUID invoiceId = UUID.fromString(invoice.path("invoiceid").asText());
        ObjectNode before = tx.get("invoicedetail", UUID.fromString(line.path("invoicedetailid").asText()))
                .filter(old -> old.path("_invoiceid_value").asText().equals(invoiceId.toString())).orElse(null);
        ObjectNode updated = invoice.deepCopy();
        add(updated, "totallineitemamount", lineAmount(line), before == null ? BigDecimal.ZERO : lineAmount(before));
        add(updated, "totaltax", decimal(line.get("tax")), before == null ? BigDecimal.ZERO : decimal(before.get("tax")));
        add(updated, "totalamount", decimal(line.get("extendedamount")),
                before == null ? BigDecimal.ZERO : decimal(before.get("extendedamount")));
        tx.put("invoice", invoiceId, updated);
    }

    private static BigDecimal lineAmount(JsonNode line) {
        return decimal(line.get("baseamount")).subtract(decimal(line.get("manualdiscountamount")));
    }

    private static void add(ObjectNode invoice, String column, BigDecimal now, BigDecimal before) {
        invoice.put(column, decimal(invoice.get(column)).add(now).subtract(before));
    }

    private static int currencyPrecision(RecordStore.View view, String currencyId) {
        if (currencyId == null) {
            return 2;
        }
        return view.get("transactioncurrency", UUID.fromString(currencyId))
                .map(c -> c.path("currencyprecision").asInt(2)).orElse(2);
    }

    /** Rounded to the currency's precision, half away from zero (Dataverse's midpoint rule is unverified). */
    static BigDecimal money(BigDecimal value, int precision) {
        return value.setScale(precision, java.math.RoundingMode.HALF_UP);
    }

    private static BigDecimal decimal(JsonNode v) {
        return v == null || v.isNull() ? BigDecimal.ZERO : v.decimalValue();
    }
}
