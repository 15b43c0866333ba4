package io.gpm2dv.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

/** {@code /api/source/profile}, {@code /api/mapping/proposal}, {@code /api/owners/report}: the reports before a run. */
@ApplicationScoped
@Named("sourceApi")
public class SourceApi {
    public void profile(Exchange exchange) {
        ApiJson.error(501, "not-implemented", "pending").writeTo(exchange);
    }

    public void proposal(Exchange exchange) {
        ApiJson.error(501, "not-implemented", "pending").writeTo(exchange);
    }

    public void owners(Exchange exchange) {
        ApiJson.error(501, "not-implemented", "pending").writeTo(exchange);
    }
}
