package io.gpm2dv.source;

import java.io.IOException;

/** The file cannot be split into records at all from this point (an unterminated quote, an endless field). */
public class CsvFormatException extends IOException implements io.gpm2dv.pipeline.SafeText.Safe {
    public CsvFormatException(String message) {
        super(message);
    }
}
