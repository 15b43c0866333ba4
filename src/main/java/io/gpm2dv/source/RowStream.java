package io.gpm2dv.source;

import java.util.Iterator;

/**
 * The records of one export file in file order, each accepted or rejected; {@code next()} throws
 * {@link java.io.UncheckedIOException} when the file can no longer be read. Close it when done.
 */
public interface RowStream extends Iterator<RowResult>, AutoCloseable {
}
