package io.gpm2dv.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Header;
import org.apache.camel.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.pipeline.DeadLetter;
import io.gpm2dv.mapping.MappingSpecs;
import io.gpm2dv.pipeline.PipelineHeaders;
import io.gpm2dv.pipeline.StageMessages;
import io.gpm2dv.pipeline.StageMetrics;
import io.gpm2dv.source.ExportSource;
import io.gpm2dv.source.ExtractedRow;
import io.gpm2dv.source.GpmFile;
import io.gpm2dv.source.RejectedRow;
import io.gpm2dv.source.RowResult;
import io.gpm2dv.source.RowSelection;
import io.gpm2dv.source.RowStream;
import io.gpm2dv.source.RunSelections;
import io.gpm2dv.source.SourceRow;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The extract stage behind {@code gpm-extract-<object>}: streams the object's file row by row as messages
 * for the splitter (accepted rows for {@code gpm.<object>.extracted}, rejected rows for the dead-letter topic
 * with file, row, column and reason), then records how many rows it saw.
 */
@ApplicationScoped
@Named("extractStage")
public class ExtractStage {
    static final String STAGE = "extract";

    @Inject
    ExportSource exportSource;

    @Inject
    MappingSpecs specs;

    @Inject
    StageMessages messages;

    @Inject
    RecordFates fates;

    @Inject
    MeterRegistry metrics;

    @Inject
    RunSelections selections;

    @Inject
    ObjectMapper json;

    private final Map<String, Counts> counts = new ConcurrentHashMap<>();

    private static final class Counts {
        long extracted;
        long rejected;
        /** Rows a sample, delta or retry run leaves out (a rejected row is left to the full run that reported it). */
        long notSelected;
        boolean selective;
    }

    /** The rows of the object's file as messages; the stream is closed when the last row has been taken. */
    public Iterator<Message> rows(@Header(PipelineHeaders.RUN_ID) String runId, @Header("gpmRunNumber") int runNumber,
            @Header(PipelineHeaders.OBJECT) String object) throws Exception {
        GpmFile file = GpmFile.byFileName(specs.current().get(object).file());
        String table = specs.current().get(object).table();
        RowStream stream = exportSource.open().rows(file);
        RowSelection selection = selections.of(runId);
        Counts c = new Counts();
        c.selective = selection != RowSelection.ALL;
        counts.put(runId + "/" + object, c);
        return new Iterator<>() {
            private RowResult ahead;

            @Override
            public boolean hasNext() {
                // rows the run's selection leaves out are passed over here: they are not part of this run
                while (ahead == null && stream.hasNext()) {
                    RowResult r = stream.next();
                    if (r instanceof SourceRow row && !selection.selects(row) || r instanceof RejectedRow && c.selective) {
                        c.notSelected++;
                    } else {
                        ahead = r;
                    }
                }
                if (ahead == null) {
                    close(stream);
                }
                return ahead != null;
            }

            @Override
            public Message next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                RowResult r = ahead;
                ahead = null;
                if (r instanceof SourceRow row) {
                    c.extracted++;
                    if (!row.isNull("updated_at") && row.values().containsKey("updated_at")) {
                        selections.sawUpdate(runId, row.timestamp("updated_at").toInstant());
                    }
                    StageMetrics.count(metrics, STAGE, object, table, "extracted");
                    return messages.forNextStage(new ExtractedRow(runId, runNumber, object, row.migrationKey(),
                            file.fileName(), row.rowNumber(), row.values()), row.migrationKey(), runId, null);
                }
                RejectedRow rejected = (RejectedRow) r;
                c.rejected++;
                StageMetrics.count(metrics, STAGE, object, table, "dead-lettered");
                return messages.deadLetter(DeadLetter.of(runId, STAGE, object, keyOf(rejected), file.fileName(),
                        rejected.rowNumber(), rejected.column(), rejected.reason(), null,
                        json.valueToTree(rejected.rawValues())));
            }
        };
    }

    /** Records the extract counts once the splitter has taken every row. */
    public void finish(@Header(PipelineHeaders.RUN_ID) String runId, @Header(PipelineHeaders.OBJECT) String object)
            throws Exception {
        Counts c = counts.remove(runId + "/" + object);
        GpmFile file = GpmFile.byFileName(specs.current().get(object).file());
        Long manifestRows = exportSource.open().manifest().files().stream()
                .filter(f -> f.name().equals(file.fileName())).map(f -> (Long) f.rows()).findFirst().orElse(null);
        if (c != null && c.selective) {
            manifestRows = c.extracted + c.rejected; // the rows this run selected are the rows it must account for
        }
        fates.recordExtract(runId, object, manifestRows, c == null ? 0 : c.extracted, c == null ? 0 : c.rejected);
    }

    /**
     * A rejected row is named by file and row: its id may be unreadable, or be the id of an accepted row
     * (a duplicate primary key), and each row must keep a fate of its own.
     */
    static String keyOf(RejectedRow r) {
        return r.file().fileName() + "#row" + r.rowNumber();
    }

    private static void close(RowStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
