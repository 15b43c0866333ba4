package io.gpm2dv.source;

/** One data record read from an export file: either accepted (typed, validated) or rejected with a reason. */
public sealed interface RowResult permits SourceRow, RejectedRow {
    GpmFile file();

    /** 1-based number of the data record in its file (the header is not counted; embedded line breaks are). */
    long rowNumber();
}
