package io.gpm2dv.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import io.gpm2dv.pipeline.SafeText;

/** A call that failed inside the product: 500 with one line naming the failure, logged with its route. */
@ApplicationScoped
@Named("apiErrors")
public class ApiErrors {
    private static final Logger LOG = Logger.getLogger(ApiErrors.class);

    public void reply(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String what = e == null ? "unknown failure" : SafeText.of(e);
        LOG.errorf("API call %s failed: %s", exchange.getFromRouteId(), what);
        ApiJson.error(500, "internal", what).writeTo(exchange);
    }
}
