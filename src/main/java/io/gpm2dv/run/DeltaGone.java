package io.gpm2dv.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jboss.logging.Logger;

import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.audit.RunHistory;
import io.gpm2dv.pipeline.Finding;
import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.GpmFile;
import io.gpm2dv.source.GpmSource;

/**
 * For a delta: records loaded by earlier runs whose rows are no longer in the export. They are reported as findings
 * ({@code GONE_FROM_EXPORT}) of the delta run, never deleted from Dataverse: a row can leave an export for reasons
 * (a merge, an archive, a filter) the practice must decide about.
 */
final class DeltaGone {
    static final String GONE_FROM_EXPORT = "GONE_FROM_EXPORT";
    private static final Logger LOG = Logger.getLogger(DeltaGone.class);

    private DeltaGone() {
    }

    static void report(GpmSource pkg, MappingSpec spec, RunHistory history, RecordFates fates, String runId)
            throws IOException {
        long gone = 0;
        for (MappingSpec.ObjectMap om : spec.objects()) {
            GpmFile file = GpmFile.byFileName(om.file());
            Set<String> present = new HashSet<>();
            ExportIndex.forEachRow(pkg, file, row -> present.add(row.migrationKey()));
            List<Finding> findings = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            history.forEachLoaded(om.object(), key -> {
                String source = RunHistory.sourceKey(key);
                if (!present.contains(source) && seen.add(source)) {
                    findings.add(new Finding(source, "-", GONE_FROM_EXPORT));
                }
            });
            fates.recordFindings(runId, om.object(), findings);
            gone += findings.size();
        }
        if (gone > 0) {
            LOG.warnf("%d records loaded before are no longer in the export: listed as %s in the reconciliation, not deleted",
                    gone, GONE_FROM_EXPORT);
        }
    }
}
