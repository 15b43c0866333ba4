package io.gpm2dv.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Writes a complete, valid Gensolve export package (export format §4–§8) with every hazard H01–H18 at fixed anchor
 * rows, deterministically: the same {@code --scale} and {@code --seed} give byte-identical output.
 * Usage: {@code ExportGenerator --out <dir> --scale <n> [--seed <long>] [--users <file>] [--large-documents]}.
 */
public final class ExportGenerator {
    public static final long DEFAULT_SEED = 20250314L;
    /** Clients per unit of scale (anchors included). */
    public static final int CLIENTS_PER_SCALE = 150;

    /** What to generate. */
    public record Options(Path out, int scale, long seed, Path users, boolean largeDocuments) {
    }

    private ExportGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Options o = parse(args);
        generate(o);
        System.out.println("export package written to " + o.out() + " (scale " + o.scale() + ", seed " + o.seed() + ")");
    }

    static Options parse(String[] args) {
        Path out = null;
        Path users = null;
        int scale = 1;
        long seed = DEFAULT_SEED;
        boolean large = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--scale" -> scale = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--users" -> users = Path.of(args[++i]);
                case "--large-documents" -> large = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: --out <dir> --scale <n> [--seed <long>] [--users <file>] [--large-documents]");
            }
        }
        if (out == null || scale < 1) {
            throw new IllegalArgumentException("usage: --out <dir> --scale <n≥1> [--seed <long>] [--users <file>] [--large-documents]");
        }
        return new Options(out, scale, seed, users, large);
    }

    /** Replaces {@code out} (empty, or an earlier package) with a fresh package. */
    public static void generate(Options o) throws IOException {
        clean(o.out());
        Random random = new Random(o.seed());
        try (PackageWriter out = new PackageWriter(o.out())) {
            Staff.write(out);
            Directory.write(out, random);
            CustomFields.write(out);
            AnchorClients.write(out);
            AnchorRecords.write(out);
            AnchorVisits.write(out);
            AnchorBilling.write(out);
            AnchorFiles.write(out, o.largeDocuments());
            GeneratedHistory history = new GeneratedHistory();
            long last = 1000L + (long) CLIENTS_PER_SCALE * o.scale();
            for (long id = AnchorClients.LAST + 1; id <= last; id++) {
                history.write(out, random, GeneratedClients.write(out, random, id));
            }
            out.finish(o.seed(), o.scale());
        }
        if (o.users() != null) {
            SampleUsers.write(o.users());
        }
    }

    private static void clean(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        // only ever replace an earlier package (or an empty folder), never an arbitrary directory
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent() && !Files.exists(dir.resolve("manifest.json"))) {
                throw new IOException(dir + " is not empty and holds no manifest.json: refusing to replace it");
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
