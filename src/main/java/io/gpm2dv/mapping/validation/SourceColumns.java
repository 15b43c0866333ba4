package io.gpm2dv.mapping.validation;

import java.util.Optional;

import io.gpm2dv.source.ColumnSpec;
import io.gpm2dv.source.ExportSchema;
import io.gpm2dv.source.GpmFile;

/**
 * The source side a map may name: the export schema's files and columns. Custom form fields are not source columns
 * of the map: the schema plan and mapper add them as {@code new_cf_<field_key>} on their object by themselves.
 */
public interface SourceColumns {

    /** Whether the export defines the file ({@code clients.csv}). */
    boolean knowsFile(String file);

    /** The column of the file, or empty when the file has no such column. */
    Optional<ColumnSpec> column(String file, String column);

    /** Every column of the file, for suggestions. */
    java.util.List<String> columnNames(String file);

    /** The export package's schema (the Gensolve export specification). */
    static SourceColumns exportSchema() {
        return new SourceColumns() {
            @Override
            public boolean knowsFile(String file) {
                return GpmFile.byFileName(file) != null;
            }

            @Override
            public Optional<ColumnSpec> column(String file, String column) {
                GpmFile f = GpmFile.byFileName(file);
                return f == null ? Optional.empty() : Optional.ofNullable(ExportSchema.of(f).column(column));
            }

            @Override
            public java.util.List<String> columnNames(String file) {
                GpmFile f = GpmFile.byFileName(file);
                return f == null ? java.util.List.of() : ExportSchema.of(f).columnNames();
            }
        };
    }
}
