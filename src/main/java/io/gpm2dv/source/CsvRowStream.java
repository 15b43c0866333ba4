package io.gpm2dv.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

import org.jboss.logging.Logger;

/**
 * Streams one export file through {@link CsvReader} and {@link RecordValidator}, one record at a time. Logs
 * only counts and column names when done, never values (they are clinical and personal data).
 */
final class CsvRowStream implements RowStream {
    private static final Logger LOG = Logger.getLogger(CsvRowStream.class);

    private final GpmFile file;
    private final CsvReader csv;
    private final RecordValidator validator;
    private RowResult ahead;
    private boolean done;
    private boolean closed;
    private long accepted;
    private long rejected;

    private CsvRowStream(GpmFile file, CsvReader csv, RecordValidator validator) {
        this.file = file;
        this.csv = csv;
        this.validator = validator;
    }

    /** Opens {@code path} as {@code file}; its header must bind (checked when the package was opened). */
    static CsvRowStream open(GpmFile file, Path path, int maxFieldChars) throws IOException {
        CsvReader csv = CsvReader.utf8(Files.newInputStream(path), maxFieldChars);
        try {
            return over(file, csv);
        } catch (IOException | RuntimeException e) {
            csv.close();
            throw e;
        }
    }

    /** A stream over an already opened reader positioned before the header. */
    static CsvRowStream over(GpmFile file, CsvReader csv) throws IOException {
        FileSchema schema = ExportSchema.of(file);
        List<String> header = csv.next();
        if (header == null) {
            throw new IOException(file.fileName() + ": header row is missing");
        }
        String problem = schema.headerProblem(header);
        if (problem != null) {
            throw new IOException(file.fileName() + ": " + problem);
        }
        return new CsvRowStream(file, csv, new RecordValidator(schema, header));
    }

    /** A stream of an optional file the package does not have. */
    static RowStream empty() {
        return new RowStream() {
            @Override
            public boolean hasNext() { return false; }

            @Override
            public RowResult next() { throw new NoSuchElementException(); }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public boolean hasNext() {
        if (ahead == null && !done) {
            ahead = readNext();
        }
        return ahead != null;
    }

    @Override
    public RowResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RowResult r = ahead;
        ahead = null;
        if (r instanceof SourceRow) {
            accepted++;
        } else {
            rejected++;
        }
        return r;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        done = true;
        csv.close();
        LOG.debugf("%s: %d rows accepted, %d rejected", file.fileName(), accepted, rejected);
        validator.unknownCodes().forEach((column, count) -> LOG.infof(
                "%s: %d accepted rows carry a code outside the documented list in '%s'; mapping notes them",
                file.fileName(), count, column));
    }

    private RowResult readNext() {
        try {
            List<String> fields = csv.next();
            if (fields == null) {
                done = true;
                return null;
            }
            return validator.validate(csv.records() - 1, fields, csv.malformedField(), csv.malformation());
        } catch (IOException e) {
            throw new UncheckedIOException(file.fileName() + " after data record " + (csv.records() - 1), e);
        }
    }
}
