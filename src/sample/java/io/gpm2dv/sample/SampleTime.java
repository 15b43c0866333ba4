package io.gpm2dv.sample;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The fixed clock of the sample: export and cut-off instants, and §5 timestamps, which carry the offset
 * Pacific/Auckland had at the instant whatever the site's own zone.
 */
public final class SampleTime {
    public static final ZoneId SOURCE_ZONE = ZoneId.of("Pacific/Auckland");
    public static final String EXPORTED_AT = "2025-03-14T21:05:33+13:00";
    public static final String DATA_CUTOFF_AT = "2025-03-14T20:00:00+13:00";
    public static final Instant CUTOFF = OffsetDateTime.parse(DATA_CUTOFF_AT).toInstant();
    /** Generated history starts here; the future (after the cut-off) runs to {@link #LAST_DAY}. */
    static final LocalDate FIRST_DAY = LocalDate.of(2022, 7, 4);
    static final LocalDate LAST_DAY = LocalDate.of(2025, 6, 27);

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private SampleTime() {
    }

    /** §5 lexical form of an instant, in the source zone's offset. */
    public static String ts(Instant instant) {
        return FORMAT.format(instant.atZone(SOURCE_ZONE));
    }

    /** A wall time in a site's zone; in a DST gap it moves forward, in an overlap it takes the earlier offset. */
    static Instant wall(LocalDateTime wall, ZoneId zone) {
        return ZonedDateTime.ofLocal(wall, zone, null).toInstant();
    }

    static Instant nz(int y, int m, int d, int h, int min) {
        return wall(LocalDateTime.of(y, m, d, h, min), SOURCE_ZONE);
    }

    /** Whether a §5 timestamp carries the offset the source zone had at its instant. */
    static boolean hasSourceOffset(String value) {
        OffsetDateTime t = OffsetDateTime.parse(value);
        return SOURCE_ZONE.getRules().getOffset(t.toInstant()).equals(t.getOffset());
    }

    static boolean isFuture(Instant t) {
        return t.isAfter(CUTOFF);
    }
}
