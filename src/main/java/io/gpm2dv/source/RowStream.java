package io.gpm2dv.source;

import java.util.Iterator;

/** STUB until the source branch lands. */
public interface RowStream extends Iterator<RowResult>, AutoCloseable {
}
