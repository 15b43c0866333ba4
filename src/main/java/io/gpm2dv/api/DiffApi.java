package io.gpm2dv.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import io.gpm2dv.audit.RunRegistry;
import io.gpm2dv.mapping.MappingSpecs;
import io.gpm2dv.verify.FieldDiff;

/**
 * {@code GET /api/runs/{id}/diff}: the run's field-level diff, {@code text/csv} (default) or {@code text/html} by the
 * {@code Accept} header. The reconciliation writes it; a finished run without one (an older run) gets it written now,
 * by the map in force. It holds values: it is answered to the operator, never logged.
 */
@ApplicationScoped
@Named("diffApi")
public class DiffApi {
    @Inject
    RunRegistry runs;

    @Inject
    FieldDiff diffs;

    @Inject
    MappingSpecs specs;

    public void diff(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        Optional<RunRegistry.RunRow> row = runs.find(id);
        if (row.isEmpty()) {
            ApiJson.error(404, "not-found", "no run " + id).writeTo(exchange);
            return;
        }
        if ("RUNNING".equals(row.get().status())) {
            ApiJson.error(409, "run-in-progress", "run " + id + " is still running; its diff is written when it ends")
                    .writeTo(exchange);
            return;
        }
        String accept = exchange.getMessage().getHeader("Accept", String.class);
        boolean html = accept != null && accept.contains("text/html") && !accept.contains("text/csv");
        int number = row.get().runNumber();
        Optional<Path> file = html ? diffs.html(number) : diffs.csv(number);
        if (file.isEmpty()) {
            diffs.write(id, number, specs.current());
            file = html ? diffs.html(number) : diffs.csv(number);
        }
        try {
            String body = Files.readString(file.orElseThrow(), StandardCharsets.UTF_8);
            ApiReply.text(200, html ? "text/html; charset=utf-8" : "text/csv; charset=utf-8", body)
                    .withHeader("Content-Disposition", (html ? "inline" : "attachment") + "; filename=\"run-" + number
                            + "-diff." + (html ? "html" : "csv") + "\"")
                    .writeTo(exchange);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the diff of run " + number, e);
        }
    }
}
