package io.gpm2dv.owner;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.mapping.RecordMapper;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.GpmFile;
import io.gpm2dv.source.GpmSource;

/**
 * The owner report before a run: every practitioner of the export with how its records' owner would be decided, how
 * many rows of the export name it as owner, and what an admin must do; the fallback owner and how many rows would
 * fall to it. Rows are counted before skip rules (a skipped row is counted too). Ids and counts only.
 */
public final class OwnerPreview {
    /** The fallback owner: its system user, whether it can own records, and the rows it would own. */
    public record Fallback(String setting, String userId, boolean usable, String problem, long records) {
    }

    /** One practitioner; {@code action} is what an admin must do, if anything. */
    public record Line(String practitioner, String outcome, String userId, long records, String action) {
    }

    public record Report(Fallback fallbackOwner, List<Line> practitioners) {
    }

    /** Key of the rows that name no practitioner. */
    static final long NONE = Long.MIN_VALUE;

    private OwnerPreview() {
    }

    /** Rows per practitioner (and {@link #NONE}) over every object the map owns by practitioner or fallback. */
    public static Map<Long, Long> recordsPerPractitioner(GpmSource source, ExportIndex index, MappingSpec spec)
            throws IOException {
        Map<Long, Long> counts = new HashMap<>();
        for (MappingSpec.ObjectMap om : spec.objects()) {
            String rule = om.owner() == null ? "none" : om.owner();
            if ("none".equals(rule) || om.matchUser()) {
                continue;
            }
            ExportIndex.forEachRow(source, GpmFile.byFileName(om.file()), row -> {
                Long p = "practitioner".equals(rule) ? RecordMapper.practitionerOf(om, row, index) : null;
                counts.merge(p == null ? NONE : p, 1L, Long::sum);
            });
        }
        return counts;
    }

    public static Report of(OwnerDirectory owners, Map<Long, Long> rows, String fallbackSetting) {
        Map<Long, Long> named = new TreeMap<>(rows);
        named.remove(NONE);
        long toFallback = rows.getOrDefault(NONE, 0L);
        List<Line> lines = new ArrayList<>();
        for (OwnerReport.Line l : OwnerReport.of(owners, named)) {
            OwnerOutcome outcome = OwnerOutcome.valueOf(l.outcome());
            if (!outcome.usable()) {
                toFallback += l.records();
            }
            lines.add(new Line(l.practitioner(), l.outcome(), l.userId(), l.records(), action(l.practitioner(), outcome)));
        }
        boolean usable = owners.fallbackUserId() != null;
        Fallback fallback = new Fallback(fallbackSetting, usable ? owners.fallbackUserId().toString() : null, usable,
                usable ? null : "migration.fallback-owner must be exactly one enabled system user: provision or enable it,"
                        + " or name another; no run starts without it", toFallback);
        return new Report(fallback, lines);
    }

    private static String action(String practitioner, OwnerOutcome outcome) {
        return switch (outcome) {
            case MATCHED -> "none";
            case MATCHED_SHARED -> "none; the user is shared with another practitioner, so neither updates it (H05)";
            case FALLBACK_UNMATCHED -> "provision a system user with the email on file for " + practitioner
                    + ", or accept the fallback owner";
            case FALLBACK_DISABLED -> "enable the system user of " + practitioner + ", or accept the fallback owner";
            case FALLBACK_AMBIGUOUS -> "leave one enabled system user with the email of " + practitioner
                    + ", or accept the fallback owner";
            case FALLBACK_UNKNOWN_PRACTITIONER -> "none possible: the export lacks " + practitioner
                    + " (H07); its records go to the fallback owner";
            case FALLBACK_NONE -> "accept the fallback owner";
        };
    }
}
