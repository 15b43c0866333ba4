package io.gpm2dv.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

/**
 * Streams one staging table in primary-key order by keyset pagination: each page is one query
 * ({@code WHERE pk > last ORDER BY pk FETCH FIRST n ROWS ONLY}) on a connection held only while the page is read,
 * so a table never sits in memory whole and no cursor stays open while the pipeline waits. Every row is rendered
 * into §5 form ({@link StagingValues}) and goes through the same {@link RecordValidator} as a CSV record, so the
 * rows are those the CSV of the same data gives, row numbers included (CSV records are sorted by key too).
 */
final class JdbcRowStream implements RowStream {
    private static final Logger LOG = Logger.getLogger(JdbcRowStream.class);

    private final DataSource dataSource;
    private final GpmFile file;
    private final FileSchema schema;
    private final String firstPage;
    private final String nextPage;
    private final int pageSize;
    private final int maxFieldChars;
    private final RecordValidator validator;
    private final ArrayDeque<RowResult> page = new ArrayDeque<>();
    private Long lastKey;
    private boolean exhausted;
    private long rowNumber;
    private long accepted;
    private long rejected;

    JdbcRowStream(DataSource dataSource, GpmFile file, int pageSize, int maxFieldChars) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be at least 1, not " + pageSize);
        }
        this.dataSource = dataSource;
        this.file = file;
        this.schema = ExportSchema.of(file);
        this.pageSize = pageSize;
        this.maxFieldChars = maxFieldChars;
        this.validator = new RecordValidator(schema, schema.columnNames());
        String key = StagingTables.column(file.primaryKey());
        String select = "SELECT " + schema.columns().stream().map(c -> StagingTables.column(c.name()))
                .collect(Collectors.joining(", ")) + " FROM " + StagingTables.table(file);
        String tail = " ORDER BY " + key + " FETCH FIRST " + pageSize + " ROWS ONLY";
        this.firstPage = select + tail;
        this.nextPage = select + " WHERE " + key + " > ?" + tail;
    }

    @Override
    public boolean hasNext() {
        if (page.isEmpty() && !exhausted) {
            readPage();
        }
        return !page.isEmpty();
    }

    @Override
    public RowResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RowResult r = page.poll();
        if (r instanceof SourceRow) {
            accepted++;
        } else {
            rejected++;
        }
        return r;
    }

    @Override
    public void close() {
        exhausted = true;
        page.clear();
        LOG.debugf("%s: %d rows accepted, %d rejected", StagingTables.table(file), accepted, rejected);
    }

    private void readPage() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(lastKey == null ? firstPage : nextPage)) {
            if (lastKey != null) {
                ps.setLong(1, lastKey);
            }
            ps.setFetchSize(pageSize);
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                    lastKey = rs.getLong(1);
                    page.add(row(rs, ++rowNumber));
                }
            }
            if (n < pageSize) {
                exhausted = true;
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException(StagingTables.table(file) + " after data record "
                    + rowNumber + ": " + e.getMessage(), e));
        }
    }

    /** One row as §5 fields in schema order, validated; a value that cannot even be read rejects the row. */
    private RowResult row(ResultSet rs, long number) throws SQLException {
        List<ColumnSpec> columns = schema.columns();
        List<String> fields = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec spec = columns.get(i);
            try {
                fields.add(StagingValues.render(rs, i + 1, spec.type(), maxFieldChars));
            } catch (StagingValues.TooLong | IOException | SQLException | RuntimeException e) {
                if (e instanceof SQLException sql && isConnectionFault(sql)) {
                    throw sql;
                }
                return new RejectedRow(file, number, spec.name(), spec.name() + ": cannot be read from "
                        + StagingTables.table(file) + "." + StagingTables.column(spec.name()) + " as " + spec.type()
                        + " (" + e.getClass().getSimpleName() + ")", partial(columns, fields));
            }
        }
        return validator.validate(number, fields, -1, null);
    }

    private static boolean isConnectionFault(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08");
    }

    private static Map<String, String> partial(List<ColumnSpec> columns, List<String> fields) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            raw.put(columns.get(i).name(), fields.get(i).isEmpty() ? null : fields.get(i));
        }
        return raw;
    }
}
