package io.gpm2dv.pipeline;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The per-stage record counter {@code gpm2dv_records_total{stage,object,table,outcome}}. Every stage uses the same
 * four labels: Prometheus drops a series whose label names differ from the first one registered under the name.
 */
public final class StageMetrics {
    private StageMetrics() {
    }

    public static void count(MeterRegistry metrics, String stage, String object, String table, String outcome) {
        metrics.counter("gpm2dv.records", "stage", stage, "object", object, "table", table == null ? "" : table,
                "outcome", outcome).increment();
    }
}
