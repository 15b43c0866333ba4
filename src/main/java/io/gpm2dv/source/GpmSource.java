package io.gpm2dv.source;

import java.io.IOException;

import io.gpm2dv.source.ExportPackage.Manifest;

/**
 * Where a migration reads the Gensolve export from: the CSV package ({@link ExportPackage}) or the Oracle
 * {@code GPX_*} staging tables ({@link OracleStaging}). Both deliver the same verified manifest, the same
 * validated {@link SourceRow}s in primary-key order and the same document bytes, so no stage after the
 * extract can tell which one it was.
 */
public interface GpmSource {
    /** The verified manifest (§6; from GPX_EXPORT/GPX_EXPORT_FILE for the tables). */
    Manifest manifest();

    /** The file's records in primary-key order, each validated; an optional file the source lacks gives none. */
    RowStream rows(GpmFile file) throws IOException;

    /** The document files: facts for the map's checks, bytes for the sink's uploads. */
    SourceDocuments documents();

    /** What the source is, for logs and messages: a directory or a datasource name, never data. */
    String describe();
}
