package io.gpm2dv.source;

import java.io.IOException;
import java.io.InputStream;

/** The document files of a source: their facts (size, SHA-256) and a stream of their bytes for the sink. */
public interface SourceDocuments extends DocumentFiles {
    /** The file's bytes, streamed; the caller closes the stream. */
    InputStream open(String storedPath) throws IOException;
}
