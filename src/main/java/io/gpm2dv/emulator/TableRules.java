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
 * formulas are the spec's assumption).
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
        BigDecimal price = decimal(r.get("priceperunit"));
        BigDecimal quantity = decimal(r.get("quantity"));
        BigDecimal base = price.multiply(quantity);
        BigDecimal extended = base.subtract(decimal(r.get("manualdiscountamount"))).add(decimal(r.get("tax")));
        r.put("baseamount", base);
        r.put("extendedamount", extended);
        if (create) {
            String invoice = r.path("_invoiceid_value").asText(null);
            view.get("invoice", UUID.fromString(invoice)).ifPresent(inv -> {
                JsonNode currency = inv.get("_transactioncurrencyid_value");
                if (currency != null && !currency.isNull()) {
                    EntityWrites.setLookup(r, "transactioncurrencyid", "transactioncurrency", UUID.fromString(currency.asText()));
                }
            });
        }
    }

    private static BigDecimal decimal(JsonNode v) {
        return v == null || v.isNull() ? BigDecimal.ZERO : v.decimalValue();
    }
}
