package io.gpm2dv.owner;

import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.gpm2dv.audit.BeforeImages;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.mapping.MigrationContext;

/**
 * The currency and the price list {@code Gensolve migration (<currency>)} every invoice binds (API §14: both are
 * required), made once per run and currency before the first invoice of that currency is written. The currency is
 * found by {@code isocurrencycode}, else created under the deterministic id of {@code currency-<ISO>}; the price list
 * has the deterministic id of {@code pricelist-<ISO>} and is created only when missing, so a re-run writes nothing.
 */
@ApplicationScoped
public class PriceLists {
    private static final Logger LOG = Logger.getLogger(PriceLists.class);
    public static final String PRICE_LIST_NAME = "Gensolve migration (%s)";

    @Inject
    DataverseClient client;

    @Inject
    MigrationContext context;

    @Inject
    BeforeImages beforeImages;

    private String runId;
    private final Map<String, UUID> currencies = new HashMap<>();
    private final Map<String, UUID> priceLists = new HashMap<>();

    /** The transactioncurrency of {@code iso} (ISO 4217), created when the organisation has none. */
    public synchronized UUID currency(String forRunId, String iso) {
        forRun(forRunId);
        UUID known = currencies.get(iso);
        if (known != null) {
            return known;
        }
        List<JsonNode> found = client.queryAll("transactioncurrencies", "transactioncurrencyid,isocurrencycode",
                "isocurrencycode eq '" + iso.replace("'", "''") + "'");
        UUID id;
        if (!found.isEmpty()) {
            id = UUID.fromString(found.get(0).path("transactioncurrencyid").asText());
        } else {
            id = context.recordIds().idFor("currency-" + iso);
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("isocurrencycode", iso);
            body.put("currencyname", currencyName(iso));
            body.put("currencysymbol", currencySymbol(iso));
            // the rate to the base currency is the admin's to set; invoice amounts stay in their own currency
            body.put("exchangerate", 1.0);
            body.put("currencyprecision", 2);
            created(forRunId, "currency-" + iso, "transactioncurrency", "transactioncurrencies", id);
            client.patch("transactioncurrencies", id, body, false);
            LOG.infof("Created currency %s (%s)", iso, id);
        }
        currencies.put(iso, id);
        return id;
    }

    /** The price list {@code Gensolve migration (<iso>)} in that currency, created when missing. */
    public synchronized UUID priceList(String forRunId, String iso) {
        forRun(forRunId);
        UUID known = priceLists.get(iso);
        if (known != null) {
            return known;
        }
        UUID currency = currency(forRunId, iso);
        UUID id = context.recordIds().idFor("pricelist-" + iso);
        if (client.retrieveExisting("pricelevels", "pricelevelid", List.of(id), "pricelevelid", 1).isEmpty()) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("name", String.format(PRICE_LIST_NAME, iso));
            body.put("transactioncurrencyid@odata.bind", "/transactioncurrencies(" + currency + ")");
            created(forRunId, "pricelist-" + iso, "pricelevel", "pricelevels", id);
            client.patch("pricelevels", id, body, false);
            LOG.infof("Created price list pricelist-%s (%s)", iso, id);
        }
        priceLists.put(iso, id);
        return id;
    }

    /** Recorded before the create, like every write of a run: a rollback deletes what the run created. */
    private void created(String forRunId, String key, String table, String entitySet, UUID id) {
        if (forRunId != null) {
            beforeImages.recordFirst(List.of(new BeforeImages.BeforeImage(forRunId, "invoices", key, table, entitySet,
                    id.toString(), false, null)));
        }
    }

    private void forRun(String forRunId) {
        if (forRunId != null && !forRunId.equals(runId)) {
            // a new run looks again: an admin may have changed or deleted them in between
            currencies.clear();
            priceLists.clear();
            runId = forRunId;
        }
    }

    private static String currencyName(String iso) {
        try {
            return Currency.getInstance(iso).getDisplayName(Locale.ENGLISH);
        } catch (IllegalArgumentException unknown) {
            return iso;
        }
    }

    private static String currencySymbol(String iso) {
        try {
            String symbol = Currency.getInstance(iso).getSymbol(Locale.ENGLISH);
            return symbol.length() > 10 ? iso : symbol;
        } catch (IllegalArgumentException unknown) {
            return iso;
        }
    }
}
