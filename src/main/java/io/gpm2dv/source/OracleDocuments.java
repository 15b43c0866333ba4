package io.gpm2dv.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Document files as BLOBs of {@code GPX_DOCUMENT_CONTENT} (§9), found by the {@code STORED_PATH} their
 * {@code GPX_DOCUMENT} row keeps, so the map's checks and the sink's uploads work as they do on a package. A
 * missing file has no content row, which reads as a file not on disk. Bytes are streamed, never held whole.
 */
final class OracleDocuments implements SourceDocuments {
    private static final String QUERY = "SELECT c.CONTENT FROM " + StagingTables.table(GpmFile.DOCUMENTS) + " d JOIN "
            + StagingTables.DOCUMENT_CONTENT + " c ON c.DOCUMENT_ID = d.DOCUMENT_ID WHERE d.STORED_PATH = ?"
            + " ORDER BY d.DOCUMENT_ID";

    private final DataSource dataSource;

    OracleDocuments(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<FileFacts> facts(String storedPath) {
        try (InputStream in = openOrNull(storedPath)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(FileFacts.of(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read document content " + storedPath, e);
        }
    }

    @Override
    public InputStream open(String storedPath) throws IOException {
        InputStream in = openOrNull(storedPath);
        if (in == null) {
            throw new IOException("document " + storedPath + " has no row in " + StagingTables.DOCUMENT_CONTENT);
        }
        return in;
    }

    /** The BLOB's stream, holding its connection until closed; null when there is no content row. */
    private InputStream openOrNull(String storedPath) throws IOException {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            PreparedStatement ps = c.prepareStatement(QUERY);
            ps.setString(1, storedPath);
            ResultSet rs = ps.executeQuery();
            if (!rs.next()) {
                c.close();
                return null;
            }
            InputStream blob = rs.getBinaryStream(1);
            Connection held = c;
            return new FilterInputStream(blob) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        try {
                            held.close(); // closes statement and result set with it
                        } catch (SQLException e) {
                            throw new IOException(e);
                        }
                    }
                }
            };
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new IOException("cannot read " + StagingTables.DOCUMENT_CONTENT + " for " + storedPath, e);
        }
    }
}
